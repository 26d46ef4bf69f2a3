import {
  ANALYSIS_METRICS,
  type AnalysisResult,
  type Difference,
  type Distribution,
} from "../../shared/analysis.js";
import type { MatchSummary } from "../../sim/api.js";
import { toCsv } from "../store/export.js";
import { stats } from "./batch.js";

/**
 * The figures of a what-if analysis: each metric's distribution over the runs (the batch's own mean,
 * stdev and 95 % interval), and A − B seed by seed: both configurations played the same seeds, so the
 * paired differences cancel the luck of the night and their interval is the honest one.
 */

const LAYER_SPEND = "spend_usd.";

/** The metrics of an analysis: the fixed ones, then the spend of every layer that fired in any run. */
function metricsOf(runs: readonly MatchSummary[]): string[] {
  const layers = new Set<string>();
  for (const run of runs) for (const layer of Object.keys(run.layers)) layers.add(layer);
  return [...ANALYSIS_METRICS, ...[...layers].sort().map((layer) => `${LAYER_SPEND}${layer}`)];
}

/** A metric's value in one run (a layer that did not fire spent nothing). */
export function metricValue(run: MatchSummary, metric: string): number {
  if (metric.startsWith(LAYER_SPEND)) return run.layers[metric.slice(LAYER_SPEND.length)]?.spend_usd ?? 0;
  return run[metric as (typeof ANALYSIS_METRICS)[number]];
}

function distribution(runs: readonly MatchSummary[], metric: string): Distribution {
  const values = runs.map((run) => metricValue(run, metric));
  return { values, ...stats(values) };
}

function distributions(runs: readonly MatchSummary[], metrics: readonly string[]) {
  return Object.fromEntries(metrics.map((m) => [m, distribution(runs, m)]));
}

function difference(a: Distribution, b: Distribution): Difference {
  const { mean, ci95 } = stats(a.values.map((value, i) => value - b.values[i]));
  return { mean, ci95 };
}

/** What the result repeats of its request: the scenario, runs, seeds and configurations. */
export type ResultHead = Pick<AnalysisResult, "scenario" | "runs" | "seedStart" | "a" | "b">;

export function whatIfResult(
  plan: ResultHead,
  a: readonly MatchSummary[],
  b: readonly MatchSummary[] | null,
): AnalysisResult {
  const metrics = metricsOf(b ? [...a, ...b] : a);
  const distA = distributions(a, metrics);
  const distB = b ? distributions(b, metrics) : null;
  return {
    scenario: plan.scenario,
    runs: plan.runs,
    seedStart: plan.seedStart,
    a: plan.a,
    b: plan.b,
    metrics,
    distributions: { a: distA, b: distB },
    difference: distB ? Object.fromEntries(metrics.map((m) => [m, difference(distA[m], distB[m])])) : null,
  };
}

/** One row per configuration and seed, one column per metric (a spreadsheet's pivot does the rest). */
export function whatIfCsv(result: AnalysisResult): string {
  const rows: (string | number)[][] = [];
  const configs = result.distributions.b ? (["A", "B"] as const) : (["A"] as const);
  for (const name of configs) {
    const dists = name === "A" ? result.distributions.a : result.distributions.b;
    if (!dists) continue;
    for (let i = 0; i < result.runs; i++) {
      rows.push([name, result.seedStart + i, ...result.metrics.map((m) => dists[m].values[i])]);
    }
  }
  return toCsv(["configuration", "seed", ...result.metrics], rows);
}
