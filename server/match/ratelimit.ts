/**
 * Flood control per client: a token bucket (sustained rate plus a burst). Messages beyond it are refused;
 * the client hears so once per window (one `rate_limited` reply, not one per message), and a client that
 * keeps flooding for `disconnectAfterSec`, or sends more than `disconnectBurst` refused messages within
 * one window, is disconnected. The match itself never notices.
 */
export interface RateLimitSettings {
  perSec: number;
  burst: number;
  disconnectAfterSec: number;
  /** Refused messages within one reply window that end the connection at once. */
  disconnectBurst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = {
  perSec: 20,
  burst: 40,
  disconnectAfterSec: 3,
  disconnectBurst: 100,
};

/** At most one `rate_limited` reply per this window. */
export const REPLY_WINDOW_MS = 1000;
/** A pause this long without a refused message ends a flooding streak. */
const CALM_MS = 1000;

/** ok: handle it; limited: refuse and say so; quiet: refuse silently (said already); disconnect. */
export type RateVerdict = "ok" | "limited" | "quiet" | "disconnect";

export class FloodGuard {
  private tokens: number;
  private lastRefillMs: number;
  private streakStartMs: number | undefined;
  private lastRejectMs = Number.NEGATIVE_INFINITY;
  private windowStartMs = Number.NEGATIVE_INFINITY;
  private refusedInWindow = 0;

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
    const newWindow = nowMs - this.windowStartMs >= REPLY_WINDOW_MS;
    if (newWindow) {
      this.windowStartMs = nowMs;
      this.refusedInWindow = 0;
    }
    this.refusedInWindow++;
    const flooding = nowMs - this.streakStartMs >= this.settings.disconnectAfterSec * 1000;
    if (flooding || this.refusedInWindow > this.settings.disconnectBurst) return "disconnect";
    return newWindow ? "limited" : "quiet";
  }
}
