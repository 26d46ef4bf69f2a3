import type { CompiledScenario } from "../../shared/compiled.js";
import { type Db, unpackJson } from "./db.js";
import { liveStateOf, loadRecord, loadSnapshot } from "./records.js";
import type { Op } from "./writer.js";

/**
 * A stored match as the list of ops that would write it (server/store/writer.ts): what a replica is
 * seeded with when it has lost a running match's log (Redis restarted empty), so the match can still be
 * taken over. Writing these ops into an empty file gives the same record back.
 */
export function opsOfRecord(db: Db, matchId: string): Op[] {
  const record = loadRecord(db, matchId);
  const live = liveStateOf(db, matchId);
  const row = db
    .prepare<[string], { scenario: Buffer; created_at: number }>(
      "SELECT scenario, created_at FROM matches WHERE id = ?",
    )
    .get(matchId);
  if (!record || !live || !row) return [];
  const ops: Op[] = [
    {
      kind: "begin",
      atMs: row.created_at,
      start: {
        id: record.id,
        code: record.code,
        scenario: unpackJson<CompiledScenario>(row.scenario),
        seed: record.seed,
        options: record.options,
        seats: record.seats,
        ...(live.instructorKey ? { instructorKey: live.instructorKey } : {}),
        ...(live.spectatorKey ? { spectatorKey: live.spectatorKey } : {}),
        ...(record.branchOf ? { branchOf: record.branchOf } : {}),
        createdAtMs: row.created_at,
      },
    },
  ];
  for (const s of record.snapshots) {
    const json = JSON.stringify(loadSnapshot(db, matchId, s.idx));
    const at = { round: s.round, phase: s.phase, t: s.t };
    ops.push({ kind: "snapshot", matchId, idx: s.idx, afterSeq: s.afterSeq, at, reason: s.reason, json });
  }
  for (const c of record.commands) {
    const at = { round: c.round, phase: c.phase, t: c.t };
    ops.push({ kind: "command", matchId, seq: c.seq, at, issuer: c.issuer, json: JSON.stringify(c.command) });
  }
  for (const r of record.roundSummaries) {
    ops.push({ kind: "round", matchId, round: r.round, t: r.t, json: JSON.stringify(r.summary) });
  }
  for (const b of record.bookmarks) {
    const { round, t, author, note, createdAtMs: atMs } = b;
    ops.push({ kind: "bookmark", matchId, round, t, author, note, atMs });
  }
  for (const { createdAtMs: atMs, ...post } of record.sidePosts)
    ops.push({ kind: "side-post", matchId, post, atMs });
  if (live.controls) ops.push({ kind: "controls", matchId, controls: live.controls });
  if (live.reached) ops.push({ kind: "reached", matchId, at: live.reached });
  for (const identity of live.identities) ops.push({ kind: "identity", matchId, identity });
  return ops;
}
