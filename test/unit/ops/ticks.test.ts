import { describe, expect, it } from "vitest";
import {
  BUCKET_BOUNDS_MS,
  countsSince,
  percentileMs,
  TickMeter,
  tickTotals,
} from "../../../server/ops/ticks.js";

/** Room tick timing (server/ops/ticks.ts): log-spaced histograms read as percentiles over a window. */
function histogramOf(valuesMs: number[]): number[] {
  const counts = BUCKET_BOUNDS_MS.map(() => 0);
  for (const v of valuesMs) counts[BUCKET_BOUNDS_MS.findIndex((bound) => v <= bound + 1e-12)]++;
  return counts;
}

describe("tick histograms", () => {
  it("buckets grow by 10% from 10 µs and reach a minute", () => {
    expect(BUCKET_BOUNDS_MS[0]).toBeCloseTo(0.01);
    expect(BUCKET_BOUNDS_MS[1] / BUCKET_BOUNDS_MS[0]).toBeCloseTo(1.1);
    expect(BUCKET_BOUNDS_MS.at(-1)).toBeGreaterThanOrEqual(60_000);
  });

  it("reads percentiles within one bucket (+10%) of the true value", () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i < 990 ? 1 + i / 1000 : 200 + i));
    const counts = histogramOf(values);
    const p50 = percentileMs(counts, 0.5);
    const p99 = percentileMs(counts, 0.99);
    expect(p50).toBeGreaterThanOrEqual(1.49);
    expect(p50).toBeLessThanOrEqual(1.49 * 1.1);
    expect(p99).toBeGreaterThanOrEqual(1.989);
    expect(p99).toBeLessThanOrEqual(1.989 * 1.1);
    expect(percentileMs(counts, 1)).toBeGreaterThanOrEqual(1199);
    expect(percentileMs(histogramOf([]), 0.99)).toBe(0);
  });

  it("subtracts two snapshots to get one window", () => {
    const before = histogramOf([1, 1, 1]);
    const after = histogramOf([1, 1, 1, 50, 50]);
    expect(percentileMs(countsSince(after, before), 0.5)).toBeGreaterThanOrEqual(50);
  });

  it("measures a room's lateness and work into the process totals", async () => {
    const start = tickTotals();
    const meter = new TickMeter(10);
    const busy = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    meter.run(() => busy(5));
    await new Promise((resolve) => setTimeout(resolve, 40));
    meter.run(() => busy(1));
    const end = tickTotals();
    expect(end.ticks - start.ticks).toBe(2);
    const work = countsSince(end.workMs, start.workMs);
    expect(percentileMs(work, 1)).toBeGreaterThanOrEqual(5);
    // The second tick started some 45 ms after the first, 35 ms later than a 10 ms interval asks.
    const lag = countsSince(end.lagMs, start.lagMs);
    expect(lag.reduce((a, b) => a + b, 0)).toBe(1);
    expect(percentileMs(lag, 1)).toBeGreaterThanOrEqual(30);
  });
});
