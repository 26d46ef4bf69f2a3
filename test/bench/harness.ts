/**
 * The benchmark harness: a bench module measures something and returns a report; `run.ts` prints
 * every report. To add a benchmark: write `test/bench/<name>.bench.ts` exporting a `BenchModule`,
 * and add it to the list in `run.ts`.
 */

export interface BenchTarget {
  label: string;
  met: boolean;
}

export interface BenchReport {
  /** What was measured, in words: the workload and the machine conditions that matter. */
  workload: string[];
  /** Figures as label → formatted value, printed in order. */
  figures: [string, string][];
  targets: BenchTarget[];
}

export interface BenchModule {
  name: string;
  run(): BenchReport | Promise<BenchReport>;
}

/** Wall-clock milliseconds since an arbitrary origin (bench code may read the clock; the sim never). */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * CPU milliseconds this process has used (user + system, microsecond resolution). On a shared machine
 * wall time includes the slices the OS gave to other processes; CPU time measures the work itself.
 */
export function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export interface Stats {
  median: number;
  p99: number;
  mean: number;
  max: number;
}

/** Median, 99th percentile (nearest rank), mean and max of samples. */
export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return {
    median: at(0.5),
    p99: at(0.99),
    mean: sorted.reduce((sum, x) => sum + x, 0) / sorted.length,
    max: sorted[sorted.length - 1],
  };
}

export const ms = (x: number): string => `${x.toFixed(3)} ms`;
