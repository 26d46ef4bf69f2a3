import { playMatch, type Seat } from "../../bots/driver.js";
import type { CompiledScenario } from "../../shared/compiled.js";
import type { RecordedCommand } from "../../shared/history.js";
import type { Command, MatchSummary, Side, SimEvent } from "../../sim/api.js";
import { createSimulation } from "../../sim/index.js";
import { loadScenario, parseOverride } from "../scenarios/loader.js";
import { CliError, DEFAULT_DB, type SimArgs } from "./args.js";
import { formatUsd } from "./format.js";
import { planSource, scenarioPlans } from "./plan-sources.js";
import { loadPlayedOrders } from "./played.js";
import { type PoolIo, runOnWorkers } from "./pool.js";

/**
 * `npm run sim -- --batch N [--seed-start S] ...`: the same match N times with seeds S, S+1, …, spread
 * over worker threads (pool.ts: one per core), with a progress bar on a terminal. The result gives, for every
 * numeric field of the summary, the mean, the sample standard deviation and the 95 % interval of the
 * mean (mean ± 1.96·stdev/√n), plus every run's own summary, in seed order.
 */

const SIDES: readonly Side[] = ["attacker", "defender", "ally"];

export type Refusal = (side: Side, command: Command, reason: string, round: number) => void;

/** What the caller of a match wants to hear about besides its summary. */
export interface MatchListeners {
  onRefused?: Refusal;
  onEvents?: (events: readonly SimEvent[]) => void;
}

/** The scenario of a run: loaded with its variants and overrides, cut to `--rounds`. */
export function runScenario(args: SimArgs): CompiledScenario {
  const scenario = loadScenario(args.scenario, {
    variants: args.variants,
    overrides: args.sets.map(parseOverride),
  });
  if (args.rounds !== undefined) {
    if (args.rounds > scenario.rounds.length) {
      throw new CliError(
        "--rounds",
        `the scenario has ${scenario.rounds.length} round(s), asked for ${args.rounds}`,
      );
    }
    scenario.rounds = scenario.rounds.slice(0, args.rounds);
    scenario.msel = scenario.msel.filter((s) => s.round <= scenario.rounds.length);
  }
  return scenario;
}

/**
 * Load and check everything a match needs once (exit code 2 material is thrown here, before any run),
 * then return a function playing the match for a seed. sim.ts, the batch and lessons workers use it.
 */
export function matchRunner(args: SimArgs, listen: MatchListeners = {}): (seed: number) => MatchSummary {
  const scenario = runScenario(args);
  const seatFor = seatSources(args, scenario);
  const seatsFor = (seed: number) => {
    const seats: Partial<Record<Side, Seat>> = {};
    for (const side of SIDES) {
      const seat = seatFor(side, seed);
      if (seat) seats[side] = seat;
    }
    return seats;
  };
  seatsFor(args.seed);
  return (seed) => {
    const sim = createSimulation(scenario, seed);
    const { onRefused, onEvents } = listen;
    return playMatch(sim, seatsFor(seed), {
      onRefused: onRefused && ((side, command, reason) => onRefused(side, command, reason, sim.round)),
      onEvents,
    });
  };
}

/**
 * Who plays each side of a run for a seed (plan-sources.ts): the scenario's plans are resolved once and
 * a recorded match's orders read once, whatever the number of seeds.
 */
export function seatSources(
  args: SimArgs,
  scenario: CompiledScenario,
): (side: Side, seed: number) => Seat | null {
  const plans = scenarioPlans(args.scenario, scenario);
  const records = new Map<string, RecordedCommand[]>();
  const recorded = (matchId: string) => {
    let orders = records.get(matchId);
    if (!orders) {
      orders = loadPlayedOrders(args.db ?? DEFAULT_DB, matchId, args.scenario);
      records.set(matchId, orders);
    }
    return orders;
  };
  return (side, seed) =>
    planSource(args[side], { side, scenario, seed, plans, rounds: args.rounds, recorded });
}

export interface FieldStats {
  mean: number;
  stdev: number;
  ci95: [number, number];
}

export interface BatchResult {
  runs: number;
  seedStart: number;
  mean: Record<string, number>;
  stdev: Record<string, number>;
  ci95: Record<string, [number, number]>;
  per_run: MatchSummary[];
}

export function stats(values: readonly number[]): FieldStats {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / Math.max(1, n);
  const stdev = n > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
  const half = (1.96 * stdev) / Math.sqrt(Math.max(1, n));
  return { mean, stdev, ci95: [mean - half, mean + half] };
}

/** Statistics of every numeric summary field (the seed excepted) over the runs. */
export function aggregate(perRun: MatchSummary[], seedStart: number): BatchResult {
  const result: BatchResult = {
    runs: perRun.length,
    seedStart,
    mean: {},
    stdev: {},
    ci95: {},
    per_run: perRun,
  };
  const first = perRun[0] ?? {};
  for (const [field, value] of Object.entries(first)) {
    if (typeof value !== "number" || field === "seed") continue;
    const s = stats(perRun.map((r) => r[field as keyof MatchSummary] as number));
    result.mean[field] = s.mean;
    result.stdev[field] = s.stdev;
    result.ci95[field] = s.ci95;
  }
  return result;
}

export type BatchIo = PoolIo<MatchSummary>;

/** The batch worker (batch-worker.mjs): started with `{ configs: SimArgs[] }`, it plays tasks. */
export const BATCH_WORKER = new URL("./batch-worker.mjs", import.meta.url);

/** One match for a batch worker: the configuration (an index into its `configs`) and the seed. */
export interface BatchTask {
  config: number;
  seed: number;
}

/** Run the batch on worker threads; per-run summaries come back in seed order. */
export async function runBatch(
  args: SimArgs,
  runs: number,
  seedStart: number,
  io: BatchIo = {},
): Promise<BatchResult> {
  matchRunner(args);
  const seeds = Array.from({ length: runs }, (_, i) => seedStart + i);
  const leakRates: number[] = [];
  const streamed: BatchIo = {
    ...io,
    onResult: (index, summary) => {
      leakRates.push(summary.leak_rate);
      io.onResult?.(index, summary);
    },
    caption: () => leakRateSoFar(leakRates),
  };
  const summaries = await runOnWorkers<BatchTask, MatchSummary>(
    BATCH_WORKER,
    { configs: [args] },
    seeds.map((seed) => ({ config: 0, seed })),
    streamed,
  );
  return aggregate(summaries, seedStart);
}

/** The progress bar's caption: the leak rate over the runs so far, so a long batch shows where it heads. */
export function leakRateSoFar(values: readonly number[]): string {
  if (values.length === 0) return "";
  const { mean, ci95 } = stats(values);
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const interval = values.length > 1 ? ` (95%: ${pct(ci95[0])} to ${pct(ci95[1])})` : "";
  return `  leak rate so far ${pct(mean)}${interval}`;
}

/** A figure for the table: money as $…M, small numbers with three decimals, others whole. */
function figure(field: string, value: number): string {
  if (field.endsWith("_usd")) return formatUsd(value);
  return Math.abs(value) < 10 ? value.toFixed(3) : Math.round(value).toLocaleString("en-US");
}

/** The batch as a readable table: each numeric field's mean ± the 95 % half-interval, and stdev. */
export function formatBatch(result: BatchResult): string {
  const rows = Object.keys(result.mean).map((field) => {
    const [low, high] = result.ci95[field];
    return [
      field,
      figure(field, result.mean[field]),
      `± ${figure(field, (high - low) / 2)}`,
      figure(field, result.stdev[field]),
    ];
  });
  const header = ["field", "mean", "95% ci", "stdev"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  const seeds = `seeds ${result.seedStart}–${result.seedStart + result.runs - 1}`;
  return [`${result.runs} runs, ${seeds}`, line(header), ...rows.map(line)].join("\n");
}
