import type { AnalysisJob } from "../../shared/analysis.js";
import { type Db, packJson, unpackJson } from "./db.js";

/**
 * Finished what-if analyses in the history database, so a class can reopen one by its id. The table
 * stands alone (no reference into the match tables), so it is created when missing rather than by a
 * numbered migration of the match schema.
 */

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS what_if_analyses (
    id         TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,           -- ms since the epoch
    scenario   TEXT NOT NULL,
    match_id   TEXT,                       -- the match it was started from, if any (its key guards it)
    status     TEXT NOT NULL,
    body       BLOB NOT NULL               -- deflated JSON of the AnalysisJob
  );
  CREATE INDEX IF NOT EXISTS what_if_by_created ON what_if_analyses (created_at);
`;

/** One line of the list of stored analyses. */
export interface StoredAnalysis {
  id: string;
  createdAt: string;
  scenario: string;
  status: string;
  runs: number;
  compared: boolean;
}

export class WhatIfStore {
  constructor(private readonly db: Db) {
    db.exec(SCHEMA);
  }

  save(job: AnalysisJob, scenario: string): void {
    this.db
      .prepare(
        "INSERT OR REPLACE INTO what_if_analyses (id, created_at, scenario, match_id, status, body) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run(
        job.id,
        Date.parse(job.createdAt),
        scenario,
        job.request.matchId ?? null,
        job.status,
        packJson(job),
      );
  }

  load(id: string): AnalysisJob | null {
    const row = this.db
      .prepare<[string], { body: Buffer }>("SELECT body FROM what_if_analyses WHERE id = ?")
      .get(id);
    return row ? unpackJson<AnalysisJob>(row.body) : null;
  }

  /** Analyses started from the lobby, newest first (those of a match are reached from it, by id). */
  list(limit: number): StoredAnalysis[] {
    const rows = this.db
      .prepare<[number], { body: Buffer }>(
        "SELECT body FROM what_if_analyses WHERE match_id IS NULL ORDER BY created_at DESC LIMIT ?",
      )
      .all(limit);
    return rows.map(({ body }) => {
      const job = unpackJson<AnalysisJob>(body);
      return {
        id: job.id,
        createdAt: job.createdAt,
        scenario: job.result?.scenario ?? job.request.scenario ?? "",
        status: job.status,
        runs: job.request.runs,
        compared: job.request.b !== undefined,
      };
    });
  }
}
