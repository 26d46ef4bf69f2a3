import { parentPort, workerData } from "node:worker_threads";
import { realEngine } from "../../sim/review/engine.js";
import { analyseStored } from "./analysis.js";
import { openDb } from "./db.js";

/** A worker thread that analyses one stored match (see analysis.ts) and posts the result back. */

const { dbPath, matchId } = workerData as { dbPath: string; matchId: string };
const db = openDb(dbPath, { readonly: true });
try {
  parentPort?.postMessage({ ok: true, analysis: analyseStored(db, matchId, realEngine) });
} catch (error) {
  parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
} finally {
  db.close();
}
