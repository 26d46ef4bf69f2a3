/**
 * A batch worker thread: plays the match for each seed it is sent and posts back the summary. Plain
 * JavaScript that registers tsx itself, because on Node 20 a worker's `execArgv: ["--import", "tsx"]`
 * does not reach the loading of its own entry file.
 */
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

if (!parentPort) throw new Error("batch-worker.mjs runs only as a worker thread (see batch.ts)");
register();
const { matchRunner } = await import("./batch.ts");
const run = matchRunner(workerData.args);
const port = parentPort;
port.on("message", (seed) => port.postMessage(run(seed)));
