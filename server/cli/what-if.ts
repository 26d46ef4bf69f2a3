import type { AnalysisConfig, AnalysisResult } from "../../shared/analysis.js";
import type { MatchSummary, Side } from "../../sim/api.js";
import type { SimArgs } from "./args.js";
import { BATCH_WORKER, type BatchTask, matchRunner } from "./batch.js";
import { runOnWorkers } from "./pool.js";
import { whatIfResult } from "./what-if-stats.js";

/**
 * A what-if analysis run: each configuration is exactly a `npm run sim -- --batch` (same arguments,
 * same batch worker, same seeds), so its runs equal the CLI's for the same seeds. A and B play the
 * same seeds.
 */

const SIDES: readonly Side[] = ["attacker", "defender", "ally"];

export interface WhatIfPlan {
  scenario: string;
  runs: number;
  seedStart: number;
  a: AnalysisConfig;
  b: AnalysisConfig | null;
  /** The recorded match an "as-played" seat replays, and the history database holding it. */
  record?: { matchId: string; db: string };
}

/**
 * The batch arguments of one configuration: a seat "plan" is the CLI's default (no flag), "as-played"
 * is `record:<match id>` with the database in `--db`.
 */
export function configArgs(plan: Omit<WhatIfPlan, "runs" | "a" | "b">, config: AnalysisConfig): SimArgs {
  const args: SimArgs = {
    scenario: plan.scenario,
    seed: plan.seedStart,
    variants: [...config.variants],
    sets: [],
    json: true,
    help: false,
    db: plan.record?.db,
  };
  for (const side of SIDES) {
    const seat = config[side];
    if (seat === "as-played") args[side] = `record:${plan.record?.matchId ?? ""}`;
    else if (seat !== "plan") args[side] = seat;
  }
  return args;
}

/** Load and check a configuration in this thread (throws ScenarioError/CliError on bad input). */
export function checkConfig(plan: Omit<WhatIfPlan, "runs" | "a" | "b">, config: AnalysisConfig): void {
  matchRunner(configArgs(plan, config));
}

export interface WhatIfIo {
  workers?: number;
  /** Runs done over both configurations, and the total. */
  onProgress?: (done: number, total: number) => void;
  /**
   * The figures so far, each time more seeds are done in every configuration: the result over the first
   * `runs` seeds (those done in A and B alike, so the differences stay paired).
   */
  onPartial?: (partial: AnalysisResult) => void;
  signal?: AbortSignal;
}

/**
 * Runs A and B seed by seed (A on seed 1, B on seed 1, A on seed 2…) on one pool of batch workers, so
 * partial figures compare like with like from the first seeds on.
 */
export async function runWhatIf(plan: WhatIfPlan, io: WhatIfIo = {}): Promise<AnalysisResult> {
  const configs = plan.b ? [plan.a, plan.b] : [plan.a];
  const tasks: BatchTask[] = [];
  for (let i = 0; i < plan.runs; i++) {
    for (const config of configs.keys()) tasks.push({ config, seed: plan.seedStart + i });
  }
  const done: (MatchSummary | undefined)[] = [];
  let paired = 0;
  const onResult = (index: number, summary: MatchSummary) => {
    done[index] = summary;
    const before = paired;
    while (paired < plan.runs && configs.every((_, c) => done[paired * configs.length + c])) paired++;
    if (paired > before && paired < plan.runs) io.onPartial?.(resultOf(plan, done, paired));
  };
  const summaries = await runOnWorkers<BatchTask, MatchSummary>(
    BATCH_WORKER,
    { configs: configs.map((config) => configArgs(plan, config)) },
    tasks,
    { workers: io.workers, signal: io.signal, onProgress: io.onProgress, onResult },
  );
  return resultOf(plan, summaries, plan.runs);
}

/** The result over the first `runs` seeds of interleaved summaries (A, B, A, B… or A, A…). */
function resultOf(plan: WhatIfPlan, summaries: readonly (MatchSummary | undefined)[], runs: number) {
  const stride = plan.b ? 2 : 1;
  const of = (config: number) =>
    Array.from({ length: runs }, (_, i) => summaries[i * stride + config] as MatchSummary);
  return whatIfResult({ ...plan, runs }, of(0), plan.b ? of(1) : null);
}
