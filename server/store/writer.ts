import type { MatchStart, Position, SnapshotReason } from "../../shared/history.js";
import { assertNever } from "../../shared/never.js";
import type { MatchSummary } from "../../sim/api.js";
import { type Db, packJson } from "./db.js";

/**
 * The SQL side of the recorder: the queued operations and the one transaction that writes a batch.
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
  | { kind: "seats"; matchId: string; json: string; atMs: number }
  | { kind: "abandon"; matchId: string; atMs: number };

export function matchIdOf(op: Op): string {
  return op.kind === "begin" ? op.start.id : op.matchId;
}

/** Busy, locked, I/O and disk-full errors may pass; constraint or schema errors never will. */
export function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^SQLITE_(BUSY|LOCKED|IOERR|FULL)/.test(code);
}

/** Prepared statements and the one transaction that writes a batch. */
export function makeWriter(db: Db): (ops: Op[], nowMs: number) => void {
  const insertMatch = db.prepare(
    `INSERT INTO matches (id, code, scenario_id, scenario_name, scenario, seed, options, seats, instructor_key,
       status, created_at, updated_at, branch_of, branch_round, branch_t)
     VALUES (@id, @code, @scenarioId, @scenarioName, @scenario, @seed, @options, @seats, @instructorKey,
       'running', @atMs, @atMs, @branchOf, @branchRound, @branchT)`,
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
  const updateSeats = db.prepare("UPDATE matches SET seats = ?, updated_at = ? WHERE id = ?");
  const abandon = db.prepare(
    "UPDATE matches SET status = 'abandoned', updated_at = ? WHERE id = ? AND status = 'running'",
  );

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
      case "seats":
        updateSeats.run(op.json, op.atMs, op.matchId);
        return;
      case "abandon":
        abandon.run(op.atMs, op.matchId);
        return;
      default:
        assertNever(op, "store operation");
    }
  };
  // Recovery skips matches nobody has touched for long; every batch dates the matches it wrote.
  const touch = db.prepare("UPDATE matches SET updated_at = ? WHERE id = ? AND updated_at < ?");
  return db.transaction((ops: Op[], nowMs: number) => {
    for (const op of ops) writeOne(op);
    for (const matchId of new Set(ops.map(matchIdOf))) touch.run(nowMs, matchId, nowMs);
  });
}
