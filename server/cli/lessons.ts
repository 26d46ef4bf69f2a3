import { parseArgs } from "node:util";
import { loadScenario } from "../scenarios/loader.js";
import type { RunFigures } from "./lessons/figures.js";
import { judge, lessonsTable, type Results } from "./lessons/judge.js";
import { CONFIGS, LESSONS } from "./lessons/plan.js";
import { crisisThreshold, type Task } from "./lessons/run.js";
import { runOnWorkers } from "./pool.js";

/**
 * `npm run lessons [-- --seeds N]`: plays every configuration of lessons/plan.ts over N seeds (default 20)
 * on worker threads with a progress bar, then prints one table: each lesson, the configurations compared,
 * the figures with their 95 % intervals, and whether the lesson holds. Exits 1 when one does not.
 */

const USAGE = "usage: npm run lessons [-- --seeds N]   (N ≥ 2 seeds per configuration, default 20)";

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { seeds: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const seeds = Number(values.seeds ?? 20);
  if (!Number.isInteger(seeds) || seeds < 2) {
    console.error(`error: --seeds: expected a whole number ≥ 2, got '${values.seeds}'\n${USAGE}`);
    return 2;
  }
  const started = Date.now();
  const tasks: Task[] = CONFIGS.flatMap((config) =>
    Array.from({ length: seeds }, (_, i) => ({ config, seed: i + 1 })),
  );
  const figures = await runOnWorkers<Task, RunFigures>(
    new URL("./lessons-worker.mjs", import.meta.url),
    {},
    tasks,
    { progress: process.stderr },
  );
  const results: Results = {};
  tasks.forEach((task, i) => {
    results[task.config.id] ??= [];
    results[task.config.id].push(figures[i]);
  });
  const crisis = (id: string) =>
    crisisThreshold(loadScenario(CONFIGS.find((c) => c.id === id)?.scenario ?? ""));
  const rows = LESSONS.map((row) => ({ row, verdict: judge(results, row.claim, crisis) }));
  const minutes = ((Date.now() - started) / 60000).toFixed(1);
  console.log(`Skyshield lessons: ${CONFIGS.length} configurations × ${seeds} seeds, ${minutes} min\n`);
  console.log(lessonsTable(rows));
  const failed = rows.filter((r) => !r.verdict.holds).length;
  console.log(`\n${rows.length - failed} of ${rows.length} claims hold.`);
  return failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
