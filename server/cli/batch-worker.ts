import { parentPort, workerData } from "node:worker_threads";
import type { SimArgs } from "./args.js";
import { matchRunner } from "./batch.js";

/** A batch worker thread: plays the match for each seed it is sent and posts back the summary. */

const port = parentPort;
if (!port) throw new Error("batch-worker.ts runs only as a worker thread (see batch.ts)");
const run = matchRunner((workerData as { args: SimArgs }).args);
port.on("message", ({ seed }: { seed: number }) => {
  port.postMessage({ seed, summary: run(seed) });
});
