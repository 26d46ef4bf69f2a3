/**
 * A batch worker thread: given the arguments of one or more configurations (`workerData.configs`), plays
 * the match of each task `{ config, seed }` it is sent and posts back the summary. Plain
 * JavaScript that registers tsx itself, because on Node 20 a worker's `execArgv: ["--import", "tsx"]`
 * does not reach the loading of its own entry file.
 */
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

if (!parentPort) throw new Error("batch-worker.mjs runs only as a worker thread (see batch.ts)");
register();
const { matchRunner } = await import("./batch.ts");
const runners = workerData.configs.map((args) => matchRunner(args));
const port = parentPort;
port.on("message", ({ config, seed }) => port.postMessage(runners[config](seed)));
