import { assertNever } from "../../../shared/never.js";
import { type FieldStats, stats } from "../batch.js";
import { formatUsd } from "../format.js";
import type { RunFigures } from "./figures.js";
import type { Claim, FigureRef, LessonRow } from "./plan.js";

/**
 * Judging the lessons: each figure's mean and 95 % interval over the seeds of its configuration, each
 * claim against them (plan.ts says how each kind is judged), and the one table the report prints.
 */

/** Every run's figures, by configuration id, in seed order. */
export type Results = Record<string, RunFigures[]>;

export interface Figure extends FieldStats {
  n: number;
  /** The largest value any run had (for the all-below claims: over every night). */
  max: number;
}

function valuesOf(results: Results, ref: FigureRef): number[] {
  const runs = results[ref.config] ?? [];
  return runs.map(
    (run) => (ref.night === undefined ? run.total : run.nights[ref.night - 1])?.[ref.figure] ?? 0,
  );
}

export function figureOf(results: Results, ref: FigureRef): Figure {
  const values = valuesOf(results, ref);
  return { ...stats(values), n: values.length, max: Math.max(...values) };
}

/** The largest value of a figure over every night of every run. */
function worstNight(results: Results, ref: FigureRef): number {
  const runs = results[ref.config] ?? [];
  return Math.max(...runs.flatMap((run) => run.nights.map((night) => night[ref.figure] ?? 0)));
}

export interface Verdict {
  a: Figure;
  b?: Figure;
  /** The target in words, e.g. "≤ 1.00" or "10 points below B". */
  target: string;
  holds: boolean;
}

const lo = (f: Figure) => f.ci95[0];
const hi = (f: Figure) => f.ci95[1];

export function judge(results: Results, claim: Claim, crisis: (config: string) => number): Verdict {
  const a = figureOf(results, claim.a);
  const unit = (v: number) => show(claim.a.figure, v);
  switch (claim.kind) {
    case "below":
    case "above": {
      const b = figureOf(results, claim.b);
      const [low, high] = claim.kind === "below" ? [a, b] : [b, a];
      const holds = hi(low) < lo(high) && high.mean - low.mean >= claim.by;
      const apart = claim.by > 0 ? `≥ ${points(claim.a.figure, claim.by)} ` : "";
      return { a, b, target: `${apart}${claim.kind} B, intervals apart`, holds };
    }
    case "times": {
      const b = figureOf(results, claim.b);
      return { a, b, target: `≥ ${claim.factor}× B`, holds: lo(a) >= claim.factor * hi(b) };
    }
    case "at-most":
      return { a, target: `≤ ${unit(claim.limit)}`, holds: hi(a) <= claim.limit };
    case "at-least":
      return { a, target: `≥ ${unit(claim.limit)}`, holds: lo(a) >= claim.limit };
    case "no-worse": {
      const b = figureOf(results, claim.b);
      return { a, b, target: `≤ B + ${unit(claim.margin)}`, holds: a.mean <= b.mean + claim.margin };
    }
    case "band":
      return {
        a,
        target: `${unit(claim.low)}–${unit(claim.high)}`,
        holds: a.mean >= claim.low && a.mean <= claim.high,
      };
    case "all-below": {
      const limit = crisis(claim.a.config);
      const max = worstNight(results, claim.a);
      return {
        a: { ...a, max },
        target: `every night < ${limit} (max ${max.toFixed(1)})`,
        holds: max < limit,
      };
    }
    default:
      return assertNever(claim, "claim");
  }
}

/** A difference in the figure's unit: percentage points for rates. */
function points(figure: string, value: number): string {
  return isShare(figure) ? `${Math.round(100 * value)} points` : show(figure, value);
}

const isShare = (figure: string) => figure.includes("rate") || figure.startsWith("warning_share");

/** A figure's value in its own unit: rates in %, money in $, ratios and counts plain. */
export function show(figure: string, value: number): string {
  if (figure.endsWith("_usd")) return formatUsd(value);
  if (isShare(figure)) return `${(100 * value).toFixed(1)}%`;
  if (figure.startsWith("warning_sec")) return `${Math.round(value)} s`;
  return Math.abs(value) < 10 ? value.toFixed(2) : value.toFixed(0);
}

function cell(ref: FigureRef, f: Figure | undefined): string {
  if (!f) return "";
  return `${show(ref.figure, f.mean)} [${show(ref.figure, lo(f))}, ${show(ref.figure, hi(f))}]`;
}

function figureName(ref: FigureRef): string {
  return `${ref.figure}${ref.night === undefined ? "" : ` (night ${ref.night})`}`;
}

/** The report: one line per claim, with both configurations' figures and whether the lesson holds. */
export function lessonsTable(rows: readonly { row: LessonRow; verdict: Verdict }[]): string {
  const header = ["lesson", "compared (A vs B)", "figure", "A: mean [95% interval]", "B", "target", "holds"];
  const lines = rows.map(({ row, verdict }) => {
    const b = "b" in row.claim ? row.claim.b : undefined;
    return [
      row.lesson,
      row.compared,
      figureName(row.claim.a),
      cell(row.claim.a, verdict.a),
      b ? cell(b, verdict.b) : "",
      verdict.target,
      verdict.holds ? "yes" : "NO",
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...lines.map(line)].join("\n");
}
