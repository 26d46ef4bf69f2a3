/**
 * A lessons worker thread: plays each (configuration, seed) task it is sent and posts back the run's
 * figures. Plain JavaScript that registers tsx itself (see batch-worker.mjs for why).
 */
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

if (!parentPort) throw new Error("lessons-worker.mjs runs only as a worker thread (see lessons.ts)");
register();
const { runTask } = await import("./lessons/run.ts");
const port = parentPort;
port.on("message", (task) => port.postMessage(runTask(task)));
