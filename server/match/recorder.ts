import type { CompiledScenario } from "../../shared/compiled.js";
import type { Command, MatchSummary, SimEvent, SimPhase, Simulation } from "../../sim/api.js";
import type { MatchSettings } from "./options.js";
import type { RoomPhase } from "./phase-clock.js";

/**
 * Observation hooks of a match, for history and replays (and tests). Everything that changes the world
 * passes through `command` (players, scripted seats, the instructor and phase control alike), at the sim
 * time it was applied; together with the seed that is enough to replay the match.
 */
export interface MatchInfo {
  matchId: string;
  code: string;
  scenarioId: string;
  scenario: CompiledScenario;
  seed: number;
  settings: MatchSettings;
  /** Read access for snapshots; only the room applies commands and steps it. */
  sim: Simulation;
  /** The instructor key, kept so the instructor can rejoin a recovered match with the same key. */
  instructorKey?: string;
}

export interface CommandRecord {
  round: number;
  /** Sim clock when applied (seconds into the round's live phase). */
  clock: number;
  /** Sim phase when applied (before the command): replays apply it at exactly this point. */
  phase?: SimPhase;
  /** Who gave it: a seat id, "plan:<seat id>", "timer", "ready" or "white:<seat id>". */
  by: string;
  command: Command;
}

export interface MatchRecorder {
  command(record: CommandRecord): void;
  events?(events: readonly SimEvent[]): void;
  phase?(phase: RoomPhase, round: number): void;
  summary?(summary: MatchSummary, final: boolean): void;
  bookmark?(note: string, round: number, clock: number, by: string): void;
  /** Who sits where (names included), whenever that changes. */
  seats?(seats: { seatId: string; role: string; name: string; filledBy: string }[]): void;
  close?(): void;
}

export type RecorderFactory = (info: MatchInfo) => MatchRecorder | undefined;
