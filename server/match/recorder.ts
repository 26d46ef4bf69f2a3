import type { CompiledScenario } from "../../shared/compiled.js";
import type { SeatRecord } from "../../shared/history.js";
import type { SeatRole } from "../../shared/protocol.js";
import type { SidePost } from "../../shared/side-channel.js";
import type { Command, CommandResult, MatchSummary, SimEvent, SimPhase, Simulation } from "../../sim/api.js";
import type { MatchSettings } from "./options.js";
import type { RoomPhase } from "./phase-clock.js";

/**
 * The durable record of a match, for recovery, history and replays (and tests). Everything that changes
 * the world passes through `command` (players, scripted seats, the instructor and phase control alike),
 * at the sim time it was applied; together with the seed that is enough to replay the match. A command
 * is applied inside the write that records it: it is on disk before anyone can see it accepted.
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
  spectatorKey?: string;
}

/**
 * A person connected to a match and what takes their place back after a restart: the Colyseus
 * reconnection token (the client retries with it by itself) and, for a seat, its rejoin code.
 */
export interface Identity {
  sessionId: string;
  token: string;
  /** The seat id, or "spectator". */
  seatId: string;
  role: SeatRole;
  name: string;
  /** The audience the client follows (server/match/view-keys.ts). */
  viewKey: string;
  /** A spectator holding the spectator key. */
  spectatorKey: boolean;
  rejoinCode?: string;
  /** The crew role a person holds (shared/crew-rights.ts). */
  crewRole?: string;
}

/** The instructor's clock controls, restored with the match. */
export interface ClockControls {
  paused: boolean;
  timeScale: number;
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
  /**
   * Run `apply` (the sim applying `record.command`) inside the write that records it: an accepted
   * command is durable when this returns, a refused one leaves no trace, and when the write fails the
   * command is refused and never applied.
   */
  command(record: CommandRecord, apply: () => CommandResult): CommandResult;
  events?(events: readonly SimEvent[]): void;
  phase?(phase: RoomPhase, round: number): void;
  summary?(summary: MatchSummary, final: boolean): void;
  bookmark?(note: string, round: number, clock: number, by: string): void;
  /** A side-channel chat message or marker (shared/side-channel.ts), as delivered. */
  sidePost?(post: SidePost): void;
  /** Who sits where (names included), whenever that changes. */
  seats?(seats: SeatRecord[]): void;
  /** Pause and time scale, whenever the instructor changes them. */
  controls?(controls: ClockControls): void;
  /** After every tick: where the world is now (written when it moved). */
  reached?(): void;
  /** A person joined or reconnected (a new token), or left for good (`forget`). */
  identity?(identity: Identity): void;
  forget?(sessionId: string): void;
  /** Resolves once every write so far is durable everywhere it goes (a replica may lag the disk). */
  settled?(): Promise<void> | undefined;
  /** `listener` runs if another process takes the match over (scale-out): this room must let it go. */
  lost?(listener: () => void): void;
  close?(): void;
}

export type RecorderFactory = (info: MatchInfo) => MatchRecorder | undefined;
