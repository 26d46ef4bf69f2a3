import type { Pacing } from "../../shared/protocol.js";
import { STEP_SEC } from "../../sim/api.js";

/**
 * How fast simulated time runs. The room ticks every TICK_MS of real time; each tick runs as many fixed
 * sim steps as the time scale asks (fractions carry over to the next tick). In `wego` pacing the clock
 * also stops at every `intervalMin` simulated minutes until every human seat has confirmed.
 */
export const TICK_MS = 100;
/** A stalled event loop must not turn into a burst of simulation: cap the real time one tick may cover. */
const MAX_TICK_MS = 250;
export const WEGO_DEFAULT_TIME_SCALE = 60;

export class Pacer {
  private carrySteps = 0;
  private readonly confirmed = new Set<string>();
  /** Wego: the clock is stopped until every human seat confirms. */
  waiting = false;

  constructor(readonly pacing: Pacing) {}

  get initialTimeScale(): number {
    return this.pacing.mode === "realtime" ? this.pacing.timeScale : WEGO_DEFAULT_TIME_SCALE;
  }

  /** Steps to run this tick; in wego never past the next stop (reaching it starts the wait). */
  stepsFor(elapsedMs: number, timeScale: number, clockSec: number): number {
    if (this.waiting) return 0;
    this.carrySteps += ((Math.min(elapsedMs, MAX_TICK_MS) / 1000) * timeScale) / STEP_SEC;
    let steps = Math.floor(this.carrySteps);
    this.carrySteps -= steps;
    if (this.pacing.mode === "wego") {
      const intervalSec = this.pacing.intervalMin * 60;
      const nextStopSec = (Math.floor(clockSec / intervalSec + 1e-9) + 1) * intervalSec;
      const stepsToStop = Math.round((nextStopSec - clockSec) / STEP_SEC);
      if (steps >= stepsToStop) {
        steps = stepsToStop;
        this.carrySteps = 0;
        this.waiting = true;
      }
    }
    return steps;
  }

  confirm(seatId: string): void {
    this.confirmed.add(seatId);
  }

  hasConfirmed(seatId: string): boolean {
    return this.confirmed.has(seatId);
  }

  /** Resume once every listed human seat has confirmed (at once when there are none). */
  releaseIfConfirmed(humanSeatIds: string[]): boolean {
    if (!this.waiting || !humanSeatIds.every((id) => this.confirmed.has(id))) return false;
    this.resume();
    return true;
  }

  /** Continue now (the instructor may overrule a wait). */
  resume(): void {
    this.waiting = false;
    this.confirmed.clear();
  }

  /** A new live phase starts from a fresh clock. */
  reset(): void {
    this.resume();
    this.carrySteps = 0;
  }
}
