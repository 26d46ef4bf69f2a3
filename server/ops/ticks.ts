/**
 * Room tick timing for operations and the load test: how late each room tick started against its
 * schedule (lag: the event loop was busy elsewhere) and how long the tick itself took (work). Every room
 * of the process records into one pair of log-spaced histograms; readers take two snapshots and
 * subtract them to get the percentiles of a time window (see `percentileMs`).
 */

/** Bucket i holds values up to FIRST_BOUND_MS × GROWTH^i: 10 µs resolution near zero, ±5% above. */
const FIRST_BOUND_MS = 0.01;
const GROWTH = 1.1;
/** Enough buckets to reach a minute; anything longer lands in the last one. */
const BUCKETS = Math.ceil(Math.log(60_000 / FIRST_BOUND_MS) / Math.log(GROWTH)) + 1;

export const BUCKET_BOUNDS_MS: readonly number[] = Array.from(
  { length: BUCKETS },
  (_, i) => FIRST_BOUND_MS * GROWTH ** i,
);

function bucketOf(ms: number): number {
  if (!(ms > FIRST_BOUND_MS)) return 0;
  return Math.min(BUCKETS - 1, Math.ceil(Math.log(ms / FIRST_BOUND_MS) / Math.log(GROWTH) - 1e-9));
}

/** Counts per bucket of BUCKET_BOUNDS_MS. */
export type Counts = number[];

/** The q-quantile (0..1) of a histogram, as its bucket's upper bound in ms; 0 when it is empty. */
export function percentileMs(counts: Counts, q: number): number {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return 0;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i];
    if (seen >= rank) return BUCKET_BOUNDS_MS[i];
  }
  return BUCKET_BOUNDS_MS[BUCKETS - 1];
}

/** What happened between two snapshots of the same histogram. */
export function countsSince(now: Counts, before: Counts | undefined): Counts {
  return now.map((n, i) => n - (before?.[i] ?? 0));
}

export interface TickTotals {
  ticks: number;
  /** Lateness of each tick's start against the previous start plus the interval. */
  lagMs: Counts;
  /** Duration of each tick's work. */
  workMs: Counts;
}

const lag: Counts = new Array(BUCKETS).fill(0);
const work: Counts = new Array(BUCKETS).fill(0);
let ticks = 0;

/** One room's ticker: wraps the room's tick callback and records its timing into the process totals. */
export class TickMeter {
  private lastStartMs: number | undefined;

  constructor(private readonly intervalMs: number) {}

  run(tick: () => void): void {
    const startMs = performance.now();
    if (this.lastStartMs !== undefined)
      lag[bucketOf(Math.max(0, startMs - this.lastStartMs - this.intervalMs))]++;
    this.lastStartMs = startMs;
    try {
      tick();
    } finally {
      work[bucketOf(performance.now() - startMs)]++;
      ticks++;
    }
  }
}

/** A copy of this process's totals since it started. */
export function tickTotals(): TickTotals {
  return { ticks, lagMs: [...lag], workMs: [...work] };
}
