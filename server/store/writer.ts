import type { MatchStart, Position, SnapshotReason } from "../../shared/history.js";
import { assertNever } from "../../shared/never.js";
import type { SidePost } from "../../shared/side-channel.js";
import type { MatchSummary } from "../../sim/api.js";
import type { ClockControls, Identity } from "../match/recorder.js";
import { type Db, packJson } from "./db.js";

/**
 * The SQL side of the recorder: the operations on a match's record and the transaction that writes
 * them. Ops are plain JSON, so the same list can be replicated (server/store/replica.ts) and written
 * into another process's file.
 */

export type Op =
  | { kind: "begin"; start: MatchStart; atMs: number }
  | { kind: "command"; matchId: string; seq: number; at: Position; issuer: string; json: string }
  | {
      kind: "snapshot";
      matchId: string;
      idx: number;
      afterSeq: number;
      at: Position;
      reason: SnapshotReason;
      json: string;
    }
  | { kind: "round"; matchId: string; round: number; t: number; json: string }
  | { kind: "final"; matchId: string; at: Position; summary: MatchSummary; atMs: number }
  | {
      kind: "bookmark";
      matchId: string;
      round: number;
      t: number;
      author: string;
      note: string;
      atMs: number;
    }
  | { kind: "side-post"; matchId: string; post: SidePost; atMs: number }
  | { kind: "seats"; matchId: string; json: string; atMs: number }
  | { kind: "controls"; matchId: string; controls: ClockControls }
  | { kind: "reached"; matchId: string; at: Position }
  | { kind: "identity"; matchId: string; identity: Identity }
  | { kind: "forget"; matchId: string; sessionId: string }
  | { kind: "abandon"; matchId: string; atMs: number };

export type OpKind = Op["kind"];

export function matchIdOf(op: Op): string {
  return op.kind === "begin" ? op.start.id : op.matchId;
}

/** Busy, locked, I/O and disk-full errors may pass; constraint or schema errors never will. */
export function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^SQLITE_(BUSY|LOCKED|IOERR|FULL)/.test(code);
}

/** Prepared statements and the transaction that writes ops. */
export function makeWriter(db: Db): Writer {
  const insertMatch = db.prepare(
    `INSERT INTO matches (id, code, scenario_id, scenario_name, scenario, seed, options, seats, instructor_key,
       spectator_key, private, status, created_at, updated_at, branch_of, branch_round, branch_t)
     VALUES (@id, @code, @scenarioId, @scenarioName, @scenario, @seed, @options, @seats, @instructorKey,
       @spectatorKey, @private, 'running', @atMs, @atMs, @branchOf, @branchRound, @branchT)`,
  );
  const insertCommand = db.prepare(
    "INSERT INTO commands (match_id, seq, round, phase, t, issuer, command) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const insertSnapshot = db.prepare(
    `INSERT INTO snapshots (match_id, idx, after_seq, round, phase, t, reason, body)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const upsertRound = db.prepare(
    `INSERT INTO round_summaries (match_id, round, t, summary) VALUES (?, ?, ?, ?)
     ON CONFLICT (match_id, round) DO UPDATE SET t = excluded.t, summary = excluded.summary`,
  );
  const finish = db.prepare(
    `UPDATE matches SET status = 'finished', finished_at = ?, updated_at = ?, winner = ?, summary = ?,
       end_round = ?, end_phase = ?, end_t = ? WHERE id = ?`,
  );
  const insertBookmark = db.prepare(
    "INSERT INTO bookmarks (match_id, round, t, author, note, created_at) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const insertSidePost = db.prepare(
    "INSERT INTO side_posts (match_id, round, t, kind, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const updateSeats = db.prepare("UPDATE matches SET seats = ?, updated_at = ? WHERE id = ?");
  const abandon = db.prepare(
    "UPDATE matches SET status = 'abandoned', updated_at = ? WHERE id = ? AND status = 'running'",
  );
  const setControls = db.prepare("UPDATE matches SET paused = ?, time_scale = ? WHERE id = ?");
  const setReached = db.prepare(
    "UPDATE matches SET reached_round = ?, reached_phase = ?, reached_t = ? WHERE id = ?",
  );
  const upsertIdentity = db.prepare(
    `INSERT INTO identities (match_id, session_id, seat_id, role, name, token, rejoin_code, view_key, spectator_key,
       crew_role)
     VALUES (@matchId, @sessionId, @seatId, @role, @name, @token, @rejoinCode, @viewKey, @spectatorKey, @crewRole)
     ON CONFLICT (match_id, session_id) DO UPDATE SET seat_id = excluded.seat_id, role = excluded.role,
       name = excluded.name, token = excluded.token, rejoin_code = excluded.rejoin_code,
       view_key = excluded.view_key, spectator_key = excluded.spectator_key, crew_role = excluded.crew_role`,
  );
  const forget = db.prepare("DELETE FROM identities WHERE match_id = ? AND session_id = ?");

  const writeOne = (op: Op): void => {
    switch (op.kind) {
      case "begin": {
        const s = op.start;
        insertMatch.run({
          id: s.id,
          code: s.code,
          scenarioId: s.scenario.id,
          scenarioName: s.scenario.name,
          scenario: packJson(s.scenario),
          seed: s.seed,
          options: JSON.stringify(s.options),
          seats: JSON.stringify(s.seats),
          instructorKey: s.instructorKey ?? null,
          spectatorKey: s.spectatorKey ?? null,
          private: s.options.private === true ? 1 : 0,
          atMs: op.atMs,
          branchOf: s.branchOf?.matchId ?? null,
          branchRound: s.branchOf?.round ?? null,
          branchT: s.branchOf?.t ?? null,
        });
        return;
      }
      case "command":
        insertCommand.run(op.matchId, op.seq, op.at.round, op.at.phase, op.at.t, op.issuer, op.json);
        return;
      case "snapshot":
        insertSnapshot.run(
          op.matchId,
          op.idx,
          op.afterSeq,
          op.at.round,
          op.at.phase,
          op.at.t,
          op.reason,
          packJson(op.json),
        );
        return;
      case "round":
        upsertRound.run(op.matchId, op.round, op.t, op.json);
        return;
      case "final":
        finish.run(
          op.atMs,
          op.atMs,
          op.summary.winner,
          JSON.stringify(op.summary),
          op.at.round,
          op.at.phase,
          op.at.t,
          op.matchId,
        );
        return;
      case "bookmark":
        insertBookmark.run(op.matchId, op.round, op.t, op.author, op.note, op.atMs);
        return;
      case "side-post": {
        const { post } = op;
        insertSidePost.run(
          op.matchId,
          post.post.round,
          post.post.t,
          post.kind,
          JSON.stringify(post.post),
          op.atMs,
        );
        return;
      }
      case "seats":
        updateSeats.run(op.json, op.atMs, op.matchId);
        return;
      case "controls":
        setControls.run(op.controls.paused ? 1 : 0, op.controls.timeScale, op.matchId);
        return;
      case "reached":
        setReached.run(op.at.round, op.at.phase, op.at.t, op.matchId);
        return;
      case "identity": {
        const { identity } = op;
        upsertIdentity.run({
          ...identity,
          matchId: op.matchId,
          rejoinCode: identity.rejoinCode ?? null,
          crewRole: identity.crewRole ?? null,
          spectatorKey: identity.spectatorKey ? 1 : 0,
        });
        return;
      }
      case "forget":
        forget.run(op.matchId, op.sessionId);
        return;
      case "abandon":
        abandon.run(op.atMs, op.matchId);
        return;
      default:
        assertNever(op, "history op");
    }
  };
  // Recovery skips matches nobody has touched for long; every transaction dates the matches it wrote.
  const touch = db.prepare("UPDATE matches SET updated_at = ? WHERE id = ? AND updated_at < ?");
  const transaction = db.transaction((ops: Op[], nowMs: number, then?: () => unknown) => {
    for (const op of ops) writeOne(op);
    for (const matchId of new Set(ops.map(matchIdOf))) touch.run(nowMs, matchId, nowMs);
    return then?.();
  });
  return {
    write: (ops, nowMs) => {
      transaction(ops, nowMs);
    },
    writeThen: <T>(ops: Op[], nowMs: number, then: () => T) => transaction(ops, nowMs, then) as T,
  };
}

/** Writes ops in one transaction; `writeThen` also runs `then` inside it (a throw rolls all back). */
export interface Writer {
  write(ops: Op[], nowMs: number): void;
  writeThen<T>(ops: Op[], nowMs: number, then: () => T): T;
}
