import type { Distribution } from "../../shared/analysis.js";

/**
 * A metric's distributions as box plots on one shared axis, one row per configuration: whiskers from
 * the least to the most, the box from the first to the third quartile, the median as a line, every run
 * as a faint dot, and the mean's 95 % interval as a bar under the box. Plain SVG that scales with its
 * container (the axis labels are drawn by the caller's text, not inside the picture).
 */

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 320;
const ROW = 34;
const PAD = 8;
/** Height of the axis labels under the rows. */
const AXIS = 14;

export interface PlotRow {
  label: "A" | "B";
  dist: Distribution;
}

function el(tag: string, attrs: Record<string, string | number>): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/** The q-quantile of sorted values (linear between neighbours). */
function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

/** Box plots of the rows; the axis ends are labelled with `format` (the metric's own units). */
export function boxPlots(rows: readonly PlotRow[], format: (value: number) => string): SVGSVGElement {
  const all = rows.flatMap((r) => [...r.dist.values, ...r.dist.ci95]);
  const min = Math.min(...all);
  const max = Math.max(...all);
  const span = max - min || Math.abs(max) || 1;
  const x = (v: number) => PAD + 16 + ((v - min) / span) * (WIDTH - 2 * PAD - 16);
  const svg = el("svg", {
    viewBox: `0 0 ${WIDTH} ${rows.length * ROW + AXIS}`,
    class: "box-plot",
    role: "img",
  }) as SVGSVGElement;
  rows.forEach((row, i) => {
    const sorted = [...row.dist.values].sort((a, b) => a - b);
    const mid = i * ROW + ROW / 2;
    const g = el("g", { class: `box-row box-${row.label.toLowerCase()}` });
    g.append(el("text", { x: 2, y: mid + 4, class: "box-label" }));
    (g.lastChild as SVGElement).textContent = row.label;
    g.append(
      el("line", { x1: x(sorted[0]), x2: x(sorted.at(-1) ?? 0), y1: mid - 4, y2: mid - 4, class: "whisker" }),
    );
    const q1 = x(quantile(sorted, 0.25));
    const q3 = x(quantile(sorted, 0.75));
    g.append(el("rect", { x: q1, y: mid - 12, width: Math.max(1, q3 - q1), height: 16, class: "box" }));
    const median = x(quantile(sorted, 0.5));
    g.append(el("line", { x1: median, x2: median, y1: mid - 12, y2: mid + 4, class: "median" }));
    for (const v of sorted) g.append(el("circle", { cx: x(v), cy: mid - 4, r: 1.6, class: "run" }));
    const [lo, hi] = row.dist.ci95;
    g.append(
      el("rect", { x: x(lo), y: mid + 8, width: Math.max(1.5, x(hi) - x(lo)), height: 5, class: "ci" }),
    );
    g.append(el("circle", { cx: x(row.dist.mean), cy: mid + 10.5, r: 3, class: "mean" }));
    svg.append(g);
  });
  const axisY = rows.length * ROW + AXIS - 3;
  const ends: [number, string][] =
    max > min
      ? [
          [min, "start"],
          [max, "end"],
        ]
      : [[min, "start"]];
  for (const [value, anchor] of ends) {
    const text = el("text", { x: x(value), y: axisY, "text-anchor": anchor, class: "axis-label" });
    text.textContent = format(value);
    svg.append(text);
  }
  return svg;
}
