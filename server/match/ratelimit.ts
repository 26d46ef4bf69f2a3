/**
 * Flood control per client: a token bucket (sustained rate plus a burst). Messages beyond it are answered
 * with `rate_limited`; a client that keeps flooding for `disconnectAfterSec` is disconnected. The match
 * itself never notices.
 */
export interface RateLimitSettings {
  perSec: number;
  burst: number;
  disconnectAfterSec: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = { perSec: 20, burst: 40, disconnectAfterSec: 3 };

/** A pause this long without a rejected message ends a flooding streak. */
const CALM_MS = 1000;

export type RateVerdict = "ok" | "limited" | "disconnect";

export class FloodGuard {
  private tokens: number;
  private lastRefillMs: number;
  private streakStartMs: number | undefined;
  private lastRejectMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly settings: RateLimitSettings,
    nowMs: number,
  ) {
    this.tokens = settings.burst;
    this.lastRefillMs = nowMs;
  }

  take(nowMs: number): RateVerdict {
    const elapsedSec = Math.max(0, nowMs - this.lastRefillMs) / 1000;
    this.tokens = Math.min(this.settings.burst, this.tokens + elapsedSec * this.settings.perSec);
    this.lastRefillMs = nowMs;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return "ok";
    }
    if (this.streakStartMs === undefined || nowMs - this.lastRejectMs > CALM_MS) this.streakStartMs = nowMs;
    this.lastRejectMs = nowMs;
    return nowMs - this.streakStartMs >= this.settings.disconnectAfterSec * 1000 ? "disconnect" : "limited";
  }
}
