/**
 * Entry of the analysis worker thread. A worker starts without the parent's loaders, so it registers
 * tsx itself (the server runs TypeScript through tsx) before loading the TypeScript worker.
 */
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
