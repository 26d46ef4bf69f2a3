import type Phaser from "phaser";

/**
 * Per-frame JavaScript time (game step through render submission), kept in a ring buffer and exposed
 * as `window.__frameStats` for the frame benchmark and for anyone curious in the console.
 */
const SAMPLES = 1200;

export interface FrameStats {
  frames: number;
  /** Median of the update part (scenes' update) and of the render part (display list to WebGL). */
  updateP50: number;
  renderP50: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** Clear the samples (e.g. after warm-up). */
  reset(): void;
}

declare global {
  interface Window {
    __frameStats?: FrameStats;
  }
}

export function installFrameStats(game: Phaser.Game): void {
  const samples = new Float64Array(SAMPLES);
  const updates = new Float64Array(SAMPLES);
  const renders = new Float64Array(SAMPLES);
  let count = 0;
  let start = 0;
  let renderStart = 0;
  let updateMs = 0;
  game.events.on("prestep", () => {
    start = performance.now();
  });
  game.events.on("poststep", () => {
    updateMs = performance.now() - start;
  });
  game.events.on("prerender", () => {
    renderStart = performance.now();
  });
  game.events.on("postrender", () => {
    if (start === 0) return;
    const end = performance.now();
    samples[count % SAMPLES] = end - start;
    updates[count % SAMPLES] = updateMs;
    renders[count % SAMPLES] = end - renderStart;
    count++;
    start = 0;
  });
  const sortedOf = (a: Float64Array) =>
    Array.from(a.subarray(0, Math.min(count, SAMPLES))).sort((x, y) => x - y);
  const sorted = () => sortedOf(samples);
  const pctOf = (a: Float64Array, p: number) => {
    const s = sortedOf(a);
    return s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.floor(p * s.length))];
  };
  const pct = (p: number) => pctOf(samples, p);
  window.__frameStats = {
    get frames() {
      return count;
    },
    get p50() {
      return pct(0.5);
    },
    get updateP50() {
      return pctOf(updates, 0.5);
    },
    get renderP50() {
      return pctOf(renders, 0.5);
    },
    get p95() {
      return pct(0.95);
    },
    get p99() {
      return pct(0.99);
    },
    get max() {
      return pct(1);
    },
    get mean() {
      const s = sorted();
      return s.length === 0 ? 0 : s.reduce((a, b) => a + b, 0) / s.length;
    },
    reset() {
      count = 0;
    },
  };
}
