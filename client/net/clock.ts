/**
 * The client's simulation clock: the server's `clock` at the last patch, advanced locally by the time
 * scale while the match runs, frozen while it is paused. Small disagreements at a patch are eased out
 * over a few frames so tracks never jump backwards; large ones (a new round) snap.
 */
const MAX_EXTRAPOLATION_MS = 2_000;
const EASE_MS = 200;
const SNAP_SEC = 5;

export class SimClock {
  private serverClock = 0;
  private syncedAtMs = 0;
  private rate = 0;
  /** Displayed minus server time at the last sync, eased towards zero. */
  private correction = 0;

  /** Record the server's clock. `running` is false when paused, waiting or not live. */
  sync(clock: number, timeScale: number, running: boolean, nowMs: number): void {
    const shown = this.now(nowMs);
    this.serverClock = clock;
    this.syncedAtMs = nowMs;
    this.rate = running ? timeScale : 0;
    const error = shown - clock;
    this.correction = Math.abs(error) > SNAP_SEC * Math.max(1, timeScale / 60) ? 0 : error;
  }

  /** Simulation seconds now. */
  now(nowMs: number): number {
    const elapsedMs = Math.min(Math.max(0, nowMs - this.syncedAtMs), MAX_EXTRAPOLATION_MS);
    const ease = Math.exp(-elapsedMs / EASE_MS);
    return this.serverClock + (elapsedMs / 1000) * this.rate + this.correction * ease;
  }

  get running(): boolean {
    return this.rate > 0;
  }

  get timeScale(): number {
    return this.rate;
  }
}
