import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

/**
 * Runs tasks on worker threads (one per core) with a progress bar on a terminal: `--batch` and
 * `npm run lessons` both use it. Each worker is started from `script` with `workerData`, answers every
 * task message with one result message, and is fed the next task as soon as it answers, so the cores
 * stay busy to the end. Results come back in task order.
 */

export interface PoolIo<Result = unknown> {
  /** Where the progress bar goes; none when it is not a terminal. */
  progress?: NodeJS.WriteStream;
  workers?: number;
  /** Told after each finished task, with how many are done. */
  onProgress?: (done: number, total: number) => void;
  /** Appended to the progress bar's line (e.g. the figures so far), redrawn with it. */
  caption?: () => string;
  /** Told each result as it comes (tasks finish out of order on several workers), before onProgress. */
  onResult?: (taskIndex: number, result: Result) => void;
  /** Aborting stops the workers at once; the run then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** `[########------] 12/30 40%` for a terminal line. */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = total > 0 ? Math.round((done / total) * width) : width;
  const percent = total > 0 ? Math.round((100 * done) / total) : 100;
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${percent}%`;
}

export async function runOnWorkers<Task, Result>(
  script: URL,
  workerData: unknown,
  tasks: readonly Task[],
  io: PoolIo<Result> = {},
): Promise<Result[]> {
  const results = new Map<number, Result>();
  const tty = io.progress?.isTTY ? io.progress : undefined;
  // \x1b[K clears what a longer caption left on the line.
  const show = () => tty?.write(`\r${progressBar(results.size, tasks.length)}${io.caption?.() ?? ""}\x1b[K`);
  io.signal?.throwIfAborted();
  show();
  let next = 0;
  const workerCount = Math.max(1, Math.min(io.workers ?? availableParallelism(), tasks.length));
  const workers = Array.from({ length: workerCount }, () => new Worker(script, { workerData }));
  const aborted = new Promise<never>((_, reject) =>
    io.signal?.addEventListener("abort", () => reject(io.signal?.reason), { once: true }),
  );
  aborted.catch(() => undefined);
  try {
    const all = Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let current = -1;
            const feed = () => {
              if (next >= tasks.length) return resolve();
              current = next++;
              worker.postMessage(tasks[current]);
            };
            worker.on("message", (result: Result) => {
              results.set(current, result);
              io.onResult?.(current, result);
              show();
              io.onProgress?.(results.size, tasks.length);
              feed();
            });
            worker.on("error", reject);
            worker.on("exit", (code) => reject(new Error(`a worker stopped (exit code ${code})`)));
            worker.on("online", feed);
          }),
      ),
    );
    await Promise.race([all, aborted]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  tty?.write("\n");
  return tasks.map((_, i) => results.get(i) as Result);
}
