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

/** The batch arguments of one configuration (a seat "plan" is the CLI's default: no flag). */
export function configArgs(scenario: string, seedStart: number, config: AnalysisConfig): SimArgs {
  const args: SimArgs = {
    scenario,
    seed: seedStart,
    variants: [...config.variants],
    sets: [],
    json: true,
    help: false,
  };
  for (const side of SIDES) if (config[side] !== "plan") args[side] = config[side];
  return args;
}

/** Load and check a configuration in this thread (throws ScenarioError/CliError on bad input). */
export function checkConfig(scenario: string, config: AnalysisConfig): void {
  matchRunner(configArgs(scenario, 1, config));
}

export interface WhatIfPlan {
  scenario: string;
  runs: number;
  seedStart: number;
  a: AnalysisConfig;
  b: AnalysisConfig | null;
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
    const args = configArgs(plan.scenario, plan.seedStart, config);
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
