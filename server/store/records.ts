import type { CompiledScenario } from "../../shared/compiled.js";
import type {
  Bookmark,
  MatchListing,
  MatchRecord,
  MatchStatus,
  Position,
  RecordedCommand,
  RecordedSidePost,
  SeatRecord,
  SnapshotMeta,
  SnapshotReason,
} from "../../shared/history.js";
import type { SidePost } from "../../shared/side-channel.js";
import type { Command, MatchSummary, SimPhase, WorldSnapshot } from "../../sim/api.js";
import { type ReplaySource, replaySourceOf } from "../../sim/review/replay.js";
import type { RecordFacts } from "../match/access.js";
import type { ClockControls, Identity } from "../match/recorder.js";
import { type Db, unpackJson } from "./db.js";

/** The read side of the history: listing, whole records, snapshots. */

interface MatchRow {
  id: string;
  code: string;
  scenario_id: string;
  scenario_name: string;
  seed: number;
  status: MatchStatus;
  created_at: number;
  finished_at: number | null;
  winner: string | null;
  seats: string;
  rounds: number;
  command_count: number;
  branch_of: string | null;
  branch_round: number | null;
  branch_t: number | null;
  /** JSON array of variant ids, null for a match created before variants were recorded. */
  variants: string | null;
}

export interface HistoryFilter {
  scenario?: string;
  /** Inclusive bounds on the creation time, ms since the epoch. */
  fromMs?: number;
  toMs?: number;
  /** "attacker" | "defender" | "draw" (finished matches with that winner) or a status. */
  result?: string;
  limit?: number;
  offset?: number;
}

const LISTING_COLUMNS = `m.id, m.code, m.scenario_id, m.scenario_name, m.seed, m.status, m.created_at,
  m.finished_at, m.winner, m.seats, m.branch_of, m.branch_round, m.branch_t,
  json_extract(m.options, '$.variants') AS variants,
  (SELECT count(*) FROM round_summaries r WHERE r.match_id = m.id) AS rounds,
  (SELECT count(*) FROM commands c WHERE c.match_id = m.id) AS command_count`;

const STATUSES: readonly string[] = ["running", "finished", "abandoned"];

/** The history list: private matches are never in it (server/match/access.ts). */
export function listMatches(db: Db, filter: HistoryFilter = {}): MatchListing[] {
  const where: string[] = ["m.private = 0"];
  const params: Record<string, string | number> = {};
  if (filter.scenario) {
    where.push("m.scenario_id = @scenario");
    params.scenario = filter.scenario;
  }
  if (filter.fromMs !== undefined) {
    where.push("m.created_at >= @fromMs");
    params.fromMs = filter.fromMs;
  }
  if (filter.toMs !== undefined) {
    where.push("m.created_at <= @toMs");
    params.toMs = filter.toMs;
  }
  if (filter.result && STATUSES.includes(filter.result)) {
    where.push("m.status = @result");
    params.result = filter.result;
  } else if (filter.result) {
    where.push("m.status = 'finished' AND m.winner = @result");
    params.result = filter.result;
  }
  params.limit = filter.limit ?? 100;
  params.offset = filter.offset ?? 0;
  const sql = `SELECT ${LISTING_COLUMNS} FROM matches m WHERE ${where.join(" AND ")}
    ORDER BY m.created_at DESC, m.id LIMIT @limit OFFSET @offset`;
  return db.prepare<[Record<string, string | number>], MatchRow>(sql).all(params).map(toListing);
}

export function getListing(db: Db, id: string): MatchListing | null {
  const row = db
    .prepare<[string], MatchRow>(`SELECT ${LISTING_COLUMNS} FROM matches m WHERE m.id = ?`)
    .get(id);
  return row ? toListing(row) : null;
}

/** Ids of matches still marked running: the ones a restarted server must bring back. */
export function unfinishedMatchIds(db: Db): string[] {
  return db
    .prepare<[], { id: string }>("SELECT id FROM matches WHERE status = 'running' ORDER BY created_at")
    .all()
    .map((row) => row.id);
}

/** The whole record (without snapshot bodies: load those one by one with `loadSnapshot`). */
export function loadRecord(db: Db, id: string): MatchRecord | null {
  const listing = getListing(db, id);
  if (!listing) return null;
  const extra = db
    .prepare<
      [string],
      {
        scenario: Buffer;
        options: string;
        summary: string | null;
        end_round: number | null;
        end_phase: SimPhase | null;
        end_t: number | null;
      }
    >("SELECT scenario, options, summary, end_round, end_phase, end_t FROM matches WHERE id = ?")
    .get(id)!;
  return {
    ...listing,
    scenarioFile: unpackJson<CompiledScenario>(extra.scenario),
    options: JSON.parse(extra.options) as Record<string, unknown>,
    commands: loadCommands(db, id),
    snapshots: listSnapshots(db, id),
    roundSummaries: db
      .prepare<[string], { round: number; t: number; summary: string }>(
        "SELECT round, t, summary FROM round_summaries WHERE match_id = ? ORDER BY round",
      )
      .all(id)
      .map((r) => ({ round: r.round, t: r.t, summary: JSON.parse(r.summary) as MatchSummary })),
    summary: extra.summary ? (JSON.parse(extra.summary) as MatchSummary) : null,
    end:
      extra.end_round !== null && extra.end_phase !== null && extra.end_t !== null
        ? { round: extra.end_round, phase: extra.end_phase, t: extra.end_t }
        : null,
    bookmarks: listBookmarks(db, id),
    sidePosts: listSidePosts(db, id),
  };
}

export function loadCommands(db: Db, id: string, afterSeq = 0): RecordedCommand[] {
  return db
    .prepare<
      [string, number],
      { seq: number; round: number; phase: SimPhase; t: number; issuer: string; command: string }
    >(
      "SELECT seq, round, phase, t, issuer, command FROM commands WHERE match_id = ? AND seq > ? ORDER BY seq",
    )
    .all(id, afterSeq)
    .map((r) => ({
      seq: r.seq,
      round: r.round,
      phase: r.phase,
      t: r.t,
      issuer: r.issuer,
      command: JSON.parse(r.command) as Command,
    }));
}

export function listSnapshots(db: Db, id: string): SnapshotMeta[] {
  return db
    .prepare<
      [string],
      { idx: number; after_seq: number; round: number; phase: SimPhase; t: number; reason: SnapshotReason }
    >("SELECT idx, after_seq, round, phase, t, reason FROM snapshots WHERE match_id = ? ORDER BY idx")
    .all(id)
    .map((r) => ({
      idx: r.idx,
      afterSeq: r.after_seq,
      round: r.round,
      phase: r.phase,
      t: r.t,
      reason: r.reason,
    }));
}

export function loadSnapshot(db: Db, id: string, idx: number): WorldSnapshot {
  const row = db
    .prepare<[string, number], { body: Buffer }>("SELECT body FROM snapshots WHERE match_id = ? AND idx = ?")
    .get(id, idx);
  if (!row) throw new Error(`match ${id} has no snapshot ${idx}`);
  return unpackJson<WorldSnapshot>(row.body);
}

export function listBookmarks(db: Db, id: string): Bookmark[] {
  return db
    .prepare<
      [string],
      { id: number; round: number; t: number; author: string; note: string; created_at: number }
    >("SELECT id, round, t, author, note, created_at FROM bookmarks WHERE match_id = ? ORDER BY round, t, id")
    .all(id)
    .map((r) => ({
      id: r.id,
      round: r.round,
      t: r.t,
      author: r.author,
      note: r.note,
      createdAtMs: r.created_at,
    }));
}

function toListing(row: MatchRow): MatchListing {
  return {
    id: row.id,
    code: row.code,
    scenario: row.scenario_id,
    scenarioName: row.scenario_name,
    variants: row.variants === null ? [] : (JSON.parse(row.variants) as string[]),
    seed: row.seed,
    status: row.status,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
    winner: row.winner,
    seats: JSON.parse(row.seats) as SeatRecord[],
    rounds: row.rounds,
    commandCount: row.command_count,
    branchOf:
      row.branch_of === null
        ? null
        : { matchId: row.branch_of, round: row.branch_round ?? 0, t: row.branch_t ?? 0 },
  };
}

/** What a replay of a stored record reads: snapshot bodies come from the file when needed. */
export function replaySource(db: Db, record: MatchRecord): ReplaySource {
  return replaySourceOf(record, (idx) => loadSnapshot(db, record.id, idx));
}

export function instructorKeyOf(db: Db, id: string): string | null {
  return recordFacts(db, id)?.instructorKey ?? null;
}

/** What decides who may read a record (server/match/access.ts); null when there is no such record. */
export function recordFacts(db: Db, id: string): RecordFacts | null {
  const row = db
    .prepare<[string], { status: MatchStatus; private: number; key: string | null }>(
      "SELECT status, private, instructor_key AS key FROM matches WHERE id = ?",
    )
    .get(id);
  return row ? { status: row.status, private: row.private === 1, instructorKey: row.key } : null;
}

/** What a running match needs besides its record to come back as it was (secrets included). */
export interface LiveState {
  instructorKey: string | null;
  spectatorKey: string | null;
  controls: ClockControls | null;
  /** The latest moment the match was seen at. */
  reached: Position | null;
  identities: Identity[];
}

export function liveStateOf(db: Db, id: string): LiveState | null {
  const row = db
    .prepare<
      [string],
      {
        instructor_key: string | null;
        spectator_key: string | null;
        paused: number;
        time_scale: number | null;
        reached_round: number | null;
        reached_phase: SimPhase | null;
        reached_t: number | null;
      }
    >(
      `SELECT instructor_key, spectator_key, paused, time_scale, reached_round, reached_phase, reached_t
       FROM matches WHERE id = ?`,
    )
    .get(id);
  if (!row) return null;
  const { reached_round: round, reached_phase: phase, reached_t: t } = row;
  return {
    instructorKey: row.instructor_key,
    spectatorKey: row.spectator_key,
    controls: row.time_scale === null ? null : { paused: row.paused === 1, timeScale: row.time_scale },
    reached: round !== null && phase !== null && t !== null ? { round, phase, t } : null,
    identities: db
      .prepare<
        [string],
        {
          session_id: string;
          seat_id: string;
          role: Identity["role"];
          name: string;
          token: string;
          rejoin_code: string | null;
          crew_role: string | null;
          view_key: string;
          spectator_key: number;
        }
      >("SELECT * FROM identities WHERE match_id = ? ORDER BY session_id")
      .all(id)
      .map((r) => ({
        sessionId: r.session_id,
        token: r.token,
        seatId: r.seat_id,
        role: r.role,
        name: r.name,
        viewKey: r.view_key,
        spectatorKey: r.spectator_key === 1,
        ...(r.rejoin_code === null ? {} : { rejoinCode: r.rejoin_code }),
        ...(r.crew_role === null ? {} : { crewRole: r.crew_role }),
      })),
  };
}

export function updatedAtMs(db: Db, id: string): number {
  return (
    db.prepare<[string], { at: number }>("SELECT updated_at AS at FROM matches WHERE id = ?").get(id)?.at ?? 0
  );
}

export function listSidePosts(db: Db, id: string): RecordedSidePost[] {
  return db
    .prepare<[string], { kind: SidePost["kind"]; body: string; created_at: number }>(
      "SELECT kind, body, created_at FROM side_posts WHERE match_id = ? ORDER BY round, t, id",
    )
    .all(id)
    .map((r) => ({ kind: r.kind, post: JSON.parse(r.body), createdAtMs: r.created_at }) as RecordedSidePost);
}
