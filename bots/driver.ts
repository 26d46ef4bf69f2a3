/**
 * Plays a whole match headless, as fast as it can: each planning phase asks every seat for its orders
 * (from its side's view), then the night runs step by step and seats with `onTick` observe and order
 * every `tickSec` of simulated time. The CLI and the batch runner use it; the room has its own loop
 * with the same contract (server/match/scripted.ts).
 */
import type { Command, MatchSummary, Side, SideView, SimEvent, Simulation } from "../sim/api.js";
import { BOT_TICK_SEC } from "./context.js";

export interface Seat {
  onPlanning(round: number, view: SideView): Command[];
  onTick?(view: SideView): Command[];
}

export interface PlayOptions {
  /** Stop after this many rounds (default: all of the scenario's). */
  rounds?: number;
  tickSec?: number;
  /** Told about every order the world refused (bots should give none; plans may). */
  onRefused?: (side: Side, command: Command, reason: string) => void;
  /** Told about every event of every command and step, in order. */
  onEvents?: (events: readonly SimEvent[]) => void;
}

const SIDES: readonly Side[] = ["attacker", "defender", "ally"];

function applyAll(sim: Simulation, side: Side, commands: Command[], options: PlayOptions): void {
  for (const command of commands) {
    const result = sim.apply(command);
    if (!result.ok) options.onRefused?.(side, command, result.message);
    else options.onEvents?.(result.events);
  }
}

function white(sim: Simulation, type: "start-live" | "end-live" | "next-round", options: PlayOptions): void {
  const result = sim.apply({ type, side: "white" });
  if (!result.ok) throw new Error(`${type} refused: ${result.message}`);
  options.onEvents?.(result.events);
}

export function playMatch(
  sim: Simulation,
  seats: Partial<Record<Side, Seat>>,
  options: PlayOptions = {},
): MatchSummary {
  const tickSec = options.tickSec ?? BOT_TICK_SEC;
  const lastRound = options.rounds ?? Number.POSITIVE_INFINITY;
  const playing = SIDES.filter((side) => seats[side]);
  while (sim.phase !== "ended") {
    if (sim.phase === "planning") {
      for (const side of playing)
        applyAll(sim, side, (seats[side] as Seat).onPlanning(sim.round, sim.view(side)), options);
      white(sim, "start-live", options);
    } else if (sim.phase === "live") {
      let nextTickAt = 0;
      while (sim.phase === "live") {
        if (sim.clock >= nextTickAt) {
          nextTickAt = sim.clock + tickSec;
          for (const side of playing) {
            const seat = seats[side] as Seat;
            if (seat.onTick) applyAll(sim, side, seat.onTick(sim.view(side)), options);
          }
        }
        const events = sim.step();
        options.onEvents?.(events);
      }
    } else if (sim.round >= lastRound) {
      break;
    } else {
      white(sim, "next-round", options);
    }
  }
  return sim.summary();
}
