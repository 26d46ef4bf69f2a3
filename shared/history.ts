import type { Command, MatchSummary, SimPhase, WorldSnapshot } from "../sim/api.js";
import type { CompiledScenario } from "./compiled.js";
import type { SidePost } from "./side-channel.js";

/** The shapes of a match record, as the recorder writes it and the readers return it. */

/** Where the world was: a round, its phase, and the live clock (seconds into the round's live phase). */
export interface Position {
  round: number;
  phase: SimPhase;
  t: number;
}

export interface SeatRecord {
  seatId: string;
  role: string;
  name: string;
  /** "human" | "plan" | "bot:<level>" */
  filledBy: string;
  /** The crew role a person held (docs/classroom.md, "Crews"); absent for the whole side. */
  crewRole?: string;
}

export type MatchStatus = "running" | "finished" | "abandoned";

/** What the room tells the recorder when a match starts. */
export interface MatchStart {
  /** Unique match id (the room id of the room that first ran it). */
  id: string;
  /** The join code; a recovered match keeps it. */
  code: string;
  scenario: CompiledScenario;
  seed: number;
  /** The room's create options (JSON), kept to re-create an equal room on recovery or branch. */
  options: Record<string, unknown>;
  seats: SeatRecord[];
  /** The instructor's key, kept (never served) so the instructor can rejoin a recovered match. */
  instructorKey?: string;
  /** The spectator key (never served), kept for the same reason. */
  spectatorKey?: string;
  /** The match this one branches from, and where. */
  branchOf?: { matchId: string; round: number; t: number };
  createdAtMs?: number;
}

export interface RecordedCommand extends Position {
  /** 1-based order of application. */
  seq: number;
  /** Who gave it, as the room names them: a seat id, "plan:<seat id>", "timer", "ready", "white:<seat id>". */
  issuer: string;
  command: Command;
}

export interface SnapshotMeta extends Position {
  idx: number;
  /** How many commands had been applied when the snapshot was taken. */
  afterSeq: number;
  reason: SnapshotReason;
}

/** origin: the world a match starts from; phase: taken at a phase change; periodic: every N sim seconds. */
export type SnapshotReason = "origin" | "phase" | "periodic";

export interface Bookmark {
  id: number;
  round: number;
  t: number;
  author: string;
  note: string;
  createdAtMs: number;
}

/** A side-channel post as recorded. */
export type RecordedSidePost = SidePost & { createdAtMs: number };

/** One row of the history list. */
export interface MatchListing {
  id: string;
  code: string;
  scenario: string;
  scenarioName: string;
  /** The scenario's variants the match played (ids, in the order applied). */
  variants: string[];
  seed: number;
  status: MatchStatus;
  createdAt: string;
  finishedAt: string | null;
  winner: string | null;
  seats: SeatRecord[];
  rounds: number;
  commandCount: number;
  branchOf: { matchId: string; round: number; t: number } | null;
}

/** A whole match record: enough to replay it from the start (or from its origin snapshot if branched). */
export interface MatchRecord extends MatchListing {
  scenarioFile: CompiledScenario;
  options: Record<string, unknown>;
  commands: RecordedCommand[];
  snapshots: SnapshotMeta[];
  roundSummaries: { round: number; t: number; summary: MatchSummary }[];
  summary: MatchSummary | null;
  end: Position | null;
  bookmarks: Bookmark[];
  /** The crews' chat and markers (docs/classroom.md, "Crews"), in the order they were posted. */
  sidePosts: RecordedSidePost[];
}

export const RECORD_FORMAT = "skyshield-match-record";
export const RECORD_FORMAT_VERSION = 1;

/** The downloadable record (`/api/history/<id>/export.json`). */
export interface RecordExport extends MatchRecord {
  format: typeof RECORD_FORMAT;
  formatVersion: number;
  /** The snapshot a branched match starts from (others replay from the seed). */
  origin: WorldSnapshot | null;
}
