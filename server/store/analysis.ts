import { Worker } from "node:worker_threads";
import type { MatchSummary, SimEvent } from "../../sim/api.js";
import { AAR_VERSION, AarCollector, type AfterActionReview } from "../../sim/review/aar.js";
import {
  diffJson,
  type Engine,
  Replay,
  type ReplaySource,
  type Verification,
} from "../../sim/review/replay.js";
import { type Db, packJson, unpackJson } from "./db.js";
import { loadRecord, replaySource } from "./records.js";

/**
 * The after-action analysis of a record: re-simulate it, collect the review and the full event log,
 * and check the replay reproduces the recorded summary. A long match takes tens of seconds of CPU, so
 * the server runs it on a worker thread (never on the thread that ticks the rooms) and caches the
 * result of finished matches in the `derived` table.
 */

export interface Analysis {
  aar: AfterActionReview;
  events: SimEvent[];
  /** Whether replaying from the seed reproduced the recorded summary; null while the match runs. */
  verification: Pick<Verification, "equal" | "differences"> | null;
}

export function analyse(source: ReplaySource, engine: Engine): AfterActionReview & { events: SimEvent[] } {
  const collector = new AarCollector(source.scenario);
  const replay = new Replay(source, engine, {
    events: (events, sim) => collector.events(events, sim),
    afterStep: (sim) => collector.afterStep(sim),
  });
  const sim = replay.runToEnd();
  return { ...collector.finish(sim), events: collector.log };
}

/** Analyse the stored match `matchId` (used in-thread and by the worker). */
export function analyseStored(db: Db, matchId: string, engine: Engine): Analysis {
  const record = loadRecord(db, matchId);
  if (!record) throw new Error(`no match '${matchId}'`);
  const source = replaySource(db, record);
  const { events, ...aar } = analyse(source, engine);
  const verification =
    record.status === "finished" && record.summary ? summaryCheck(record.summary, aar.summary) : null;
  return { aar, events, verification };
}

function summaryCheck(recorded: MatchSummary, replayed: MatchSummary): Analysis["verification"] {
  const differences = diffJson(recorded, replayed);
  return { equal: differences.length === 0, differences };
}

export interface AnalysisOptions {
  /** The database file, for the worker's own connection. */
  dbPath: string;
  /** Run in this thread with this engine (tests); otherwise a worker with the real engine. */
  engine?: Engine;
}

interface WorkerReply {
  ok: boolean;
  analysis?: Analysis;
  error?: string;
}

export class AnalysisService {
  private readonly running = new Map<string, Promise<Analysis>>();

  constructor(
    private readonly db: Db,
    private readonly options: AnalysisOptions,
  ) {}

  /** The analysis of a match (cached once finished); null for an unknown match. */
  async get(matchId: string): Promise<Analysis | null> {
    const status = this.db
      .prepare<[string], { status: string }>("SELECT status FROM matches WHERE id = ?")
      .get(matchId)?.status;
    if (!status) return null;
    const cached = status === "finished" ? this.cached(matchId) : null;
    if (cached) return cached;
    let job = this.running.get(matchId);
    if (!job) {
      job = this.compute(matchId).finally(() => this.running.delete(matchId));
      this.running.set(matchId, job);
    }
    const analysis = await job;
    if (status === "finished") {
      this.db
        .prepare(
          "INSERT OR REPLACE INTO derived (match_id, kind, version, body) VALUES (?, 'analysis', ?, ?)",
        )
        .run(matchId, AAR_VERSION, packJson(analysis));
    }
    return analysis;
  }

  private cached(matchId: string): Analysis | null {
    const row = this.db
      .prepare<[string], { version: number; body: Buffer }>(
        "SELECT version, body FROM derived WHERE match_id = ? AND kind = 'analysis'",
      )
      .get(matchId);
    return row && row.version === AAR_VERSION ? unpackJson<Analysis>(row.body) : null;
  }

  private compute(matchId: string): Promise<Analysis> {
    const { engine, dbPath } = this.options;
    if (engine || dbPath === ":memory:") {
      return (async () =>
        analyseStored(this.db, matchId, engine ?? (await import("../../sim/review/engine.js")).realEngine))();
    }
    return runWorker(dbPath, matchId);
  }
}

function runWorker(dbPath: string, matchId: string): Promise<Analysis> {
  const boot = new URL("./analysis-boot.mjs", import.meta.url);
  const entry = new URL("./analysis-worker.ts", import.meta.url).href;
  return new Promise((resolve, reject) => {
    const worker = new Worker(boot, { workerData: { entry, dbPath, matchId } });
    worker.once("message", (reply: WorkerReply) => {
      if (reply.ok && reply.analysis) resolve(reply.analysis);
      else reject(new Error(reply.error ?? "the analysis failed"));
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`the analysis worker stopped with code ${code}`));
    });
  });
}
