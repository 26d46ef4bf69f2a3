import type { AnalysisResult, Difference, Distribution } from "../../shared/analysis.js";
import { h } from "../ui/dom.js";
import { formatCount, formatUsd } from "../util/format.js";
import { resultLinks } from "./api.js";
import { boxPlots, type PlotRow } from "./plots.js";

/**
 * A finished analysis: per metric, A's and B's distributions side by side (box plots on one axis), each
 * mean with its 95 % interval, and A − B with its interval, said in words: a clear difference when the
 * interval leaves out zero, within the nights' luck otherwise. Downloads of the whole result; while it
 * runs, the same figures over the runs so far.
 */

const LABELS: Record<string, string> = {
  leak_rate: "Leak rate",
  cost_exchange: "Cost exchange (defence $ per attack $)",
  damage: "Damage (hit points)",
  blackout_population_hours: "Blackout (population-hours)",
  incidents: "Incidents",
  defender_spend_usd: "Defender spend",
};

function label(metric: string): string {
  return LABELS[metric] ?? `Spend: ${metric.replace(/^spend_usd\./, "").replaceAll("-", " ")}`;
}

/** A value of a metric as people read it. */
function figure(metric: string, value: number): string {
  if (metric === "leak_rate") return `${(value * 100).toFixed(1)}%`;
  if (metric === "cost_exchange") return value.toFixed(2);
  if (metric.endsWith("usd") || metric.startsWith("spend_usd.")) return formatUsd(value);
  return Math.abs(value) < 10 ? value.toFixed(1) : formatCount(value);
}

function interval(metric: string, mean: number, [lo, hi]: [number, number]): string {
  return `${figure(metric, mean)}  (95%: ${figure(metric, lo)} to ${figure(metric, hi)})`;
}

function differenceLine(metric: string, d: Difference): HTMLElement {
  const clear = d.ci95[0] > 0 || d.ci95[1] < 0;
  const verdict = clear ? "a clear difference" : "within the nights' luck";
  return h(
    "p",
    { class: clear ? "difference clear" : "difference", testid: "difference" },
    h("b", null, "A − B: "),
    `${interval(metric, d.mean, d.ci95)} — ${verdict}`,
  );
}

function metricCard(result: AnalysisResult, metric: string): HTMLElement {
  const rows: PlotRow[] = [{ label: "A", dist: result.distributions.a[metric] }];
  const b = result.distributions.b?.[metric];
  if (b) rows.push({ label: "B", dist: b });
  const meanLine = (name: string, dist: Distribution) =>
    h(
      "p",
      { class: `mean-line mean-${name.toLowerCase()}` },
      h("b", null, `${name}: `),
      interval(metric, dist.mean, dist.ci95),
    );
  const diff = result.difference?.[metric];
  return h(
    "section",
    { class: "metric-card", testid: "metric-card", "data-metric": metric },
    h("h3", null, label(metric)),
    boxPlots(rows, (value) => figure(metric, value)),
    ...rows.map((r) => meanLine(r.label, r.dist)),
    diff ? differenceLine(metric, diff) : null,
  );
}

/**
 * The result of job `id`; with `total`, the partial figures of a run still going (or cancelled): the
 * first seeds done, said as such, with no downloads (those are of a finished result).
 */
export function resultView(id: string, result: AnalysisResult, partialOf?: number): HTMLElement {
  const links = resultLinks(id);
  const seeds = `seeds ${result.seedStart}–${result.seedStart + result.runs - 1}`;
  const partial = partialOf !== undefined;
  return h(
    "div",
    { class: "analysis-result", testid: partial ? "analysis-partial" : "analysis-result" },
    h(
      "div",
      { class: "result-head" },
      h(
        "p",
        null,
        partial
          ? h(
              "b",
              null,
              `So far: ${result.runs} of ${partialOf} runs each (${seeds}); the figures settle as runs come in. `,
            )
          : `${result.scenario}: ${result.runs} runs each, ${seeds}. `,
        "Box: middle half of the runs; bar: the mean's 95% interval.",
      ),
      partial
        ? null
        : h("a", { class: "button-link", href: links.csv, download: "", testid: "download-csv" }, "CSV"),
      partial
        ? null
        : h("a", { class: "button-link", href: links.json, download: "", testid: "download-json" }, "JSON"),
    ),
    h("div", { class: "metric-grid" }, ...result.metrics.map((m) => metricCard(result, m))),
  );
}
