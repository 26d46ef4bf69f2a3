import { type MatchState, Seat } from "../../shared/wire/state.js";
import type { MatchFrame, MatchStatus } from "../match/match.js";
import type { SeatBook } from "../match/seats.js";
import { StateSync, type SyncOptions } from "./sync.js";
import type { ViewHub } from "./view-hub.js";

/**
 * Copies a match's frames into the Colyseus state: the status line and the seats (every client), each
 * audience's picture into its @view items (server/colyseus/sync.ts), and the public figures. Fields are
 * written only when they changed, so patches carry changes only.
 */
export class StateMirror {
  private readonly sync: StateSync;

  constructor(
    private readonly state: MatchState,
    hub: ViewHub,
    options: SyncOptions,
  ) {
    this.sync = new StateSync(state, hub, options);
  }

  /** Every schema item under an audience's key (to fill a view that switches to it). */
  readonly itemsOf = (key: string) => this.sync.itemsOf(key);

  write(frame: MatchFrame): void {
    this.writeStatus(frame.status);
    this.writeSeats(frame.seats);
    for (const audience of frame.audiences) this.sync.perspective(audience);
    if (frame.publicView) this.sync.publicFields(frame.publicView);
  }

  private writeStatus(status: Readonly<MatchStatus>): void {
    const { state } = this;
    for (const field of STATUS_FIELDS) {
      if (state[field] !== status[field]) (state[field] as MatchStatus[typeof field]) = status[field];
    }
  }

  private writeSeats(seats: SeatBook): void {
    for (const seat of seats.all()) {
      let target = this.state.seats.get(seat.id);
      if (!target) {
        target = new Seat();
        this.state.seats.set(seat.id, target);
      }
      for (const field of SEAT_FIELDS)
        if (target[field] !== seat[field]) target[field] = seat[field] as never;
    }
  }
}

const STATUS_FIELDS = [
  "scenario",
  "scenarioName",
  "variants",
  "rounds",
  "round",
  "phase",
  "clock",
  "paused",
  "timeScale",
  "pacing",
  "waitingForConfirm",
  "phaseSecondsLeft",
  "winner",
] as const satisfies readonly (keyof MatchStatus & keyof MatchState)[];

const SEAT_FIELDS = ["id", "role", "name", "filledBy", "crewRole", "connected", "ready"] as const;
