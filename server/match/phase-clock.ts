import { assertNever } from "../../shared/never.js";
import type { SimPhase } from "../../sim/api.js";

/**
 * The match's phases: lobby → planning → live → assessment → planning … → debrief. The sim knows the
 * last four (as planning/live/assessment/ended); the lobby exists only in the room. Timers run only with
 * `autostart` (plus the debrief's keep-alive); otherwise the instructor or all-ready seats advance.
 */
export type RoomPhase = "lobby" | "planning" | "live" | "assessment" | "debrief";

export interface PhaseTimings {
  autostart: boolean;
  planningSec: number;
  /** How long the room stays open for late spectators after the match ends. */
  debriefKeepSec: number;
}

/** Assessment gets at most half a minute on autostart: long enough to read the round summary. */
const MAX_ASSESSMENT_SEC = 30;

/** Seconds the phase lasts before it advances on its own; undefined when nothing times it. */
export function phaseDurationSec(phase: RoomPhase, timings: PhaseTimings): number | undefined {
  switch (phase) {
    case "lobby":
      return timings.autostart ? 0 : undefined;
    case "planning":
      return timings.autostart ? timings.planningSec : undefined;
    case "live":
      return undefined;
    case "assessment":
      return timings.autostart ? Math.min(timings.planningSec, MAX_ASSESSMENT_SEC) : undefined;
    case "debrief":
      return timings.debriefKeepSec;
    default:
      return assertNever(phase, "phase");
  }
}

/** The room phase that matches the sim's phase (the lobby precedes the sim's first planning). */
export function roomPhaseFor(sim: SimPhase, current: RoomPhase): RoomPhase {
  switch (sim) {
    case "planning":
      return current === "lobby" ? "lobby" : "planning";
    case "live":
      return "live";
    case "assessment":
      return "assessment";
    case "ended":
      return "debrief";
    default:
      return assertNever(sim, "sim phase");
  }
}

/** The sim command that leaves a phase; "enter-planning" when only the room moves. */
export type PhaseStep = "enter-planning" | "start-live" | "end-live" | "next-round" | "none";

export function stepOutOf(phase: RoomPhase): PhaseStep {
  switch (phase) {
    case "lobby":
      return "enter-planning";
    case "planning":
      return "start-live";
    case "live":
      return "end-live";
    case "assessment":
      return "next-round";
    case "debrief":
      return "none";
    default:
      return assertNever(phase, "phase");
  }
}

/** The running phase and its countdown (paused with the match). */
export class PhaseClock {
  phase: RoomPhase = "lobby";
  private secondsLeft: number | undefined;

  constructor(private readonly timings: PhaseTimings) {}

  enter(phase: RoomPhase): void {
    this.phase = phase;
    this.secondsLeft = phaseDurationSec(phase, this.timings);
  }

  /** Start the phase's timer again when it has run out (the phase was held); no-op while it runs. */
  restartIfStopped(): void {
    if (this.secondsLeft === undefined) this.secondsLeft = phaseDurationSec(this.phase, this.timings);
  }

  /** Count down; true when the timer has just run out. */
  tick(elapsedSec: number): boolean {
    if (this.secondsLeft === undefined) return false;
    this.secondsLeft = Math.max(0, this.secondsLeft - elapsedSec);
    if (this.secondsLeft > 0) return false;
    this.secondsLeft = undefined;
    return true;
  }

  /** -1 when no timer runs (the state field's convention). */
  get displaySecondsLeft(): number {
    return this.secondsLeft === undefined ? -1 : Math.ceil(this.secondsLeft);
  }
}
