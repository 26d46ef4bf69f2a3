import type { AnalysisConfig, AnalysisResult } from "../../shared/analysis.js";
import type { MatchSummary, Side } from "../../sim/api.js";
import type { SimArgs } from "./args.js";
import { matchRunner } from "./batch.js";
import { type PoolIo, runOnWorkers } from "./pool.js";
import { whatIfResult } from "./what-if-stats.js";

/**
 * A what-if analysis run: each configuration is exactly a `npm run sim -- --batch` (same arguments,
 * same batch worker, same seeds), so its runs equal the CLI's for the same seeds. A and B play the
 * same seeds, one after the other.
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
  signal?: AbortSignal;
}

export async function runWhatIf(plan: WhatIfPlan, io: WhatIfIo = {}): Promise<AnalysisResult> {
  const seeds = Array.from({ length: plan.runs }, (_, i) => plan.seedStart + i);
  const configs = plan.b ? [plan.a, plan.b] : [plan.a];
  const total = seeds.length * configs.length;
  const perConfig: MatchSummary[][] = [];
  for (const [index, config] of configs.entries()) {
    const pool: PoolIo = {
      workers: io.workers,
      signal: io.signal,
      onProgress: (done) => io.onProgress?.(index * seeds.length + done, total),
    };
    const args = configArgs(plan, config);
    perConfig.push(
      await runOnWorkers<number, MatchSummary>(
        new URL("./batch-worker.mjs", import.meta.url),
        { args },
        seeds,
        pool,
      ),
    );
  }
  return whatIfResult(plan, perConfig[0], perConfig[1] ?? null);
}
