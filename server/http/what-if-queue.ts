import { randomBytes } from "node:crypto";
import type { AnalysisJob, AnalysisRequest } from "../../shared/analysis.js";
import { runWhatIf, type WhatIfPlan } from "../cli/what-if.js";
import type { WhatIfStore } from "../store/what-if-store.js";

/**
 * The what-if analyses of one server process: at most `maxRunning` run at once (each on `workers`
 * worker threads, so live matches keep a core), at most `maxQueued` wait behind them, and anything
 * beyond is refused. Each can be cancelled; finished, cancelled and failed ones go to the store.
 */

export interface WhatIfLimits {
  maxRunning: number;
  maxQueued: number;
  /** Worker threads per running analysis. */
  workers: number;
}

export const DEFAULT_WHAT_IF_LIMITS: WhatIfLimits = { maxRunning: 1, maxQueued: 3, workers: 1 };

/** Refused because the process already holds as many analyses as it may. */
export class WhatIfBusy extends Error {}

interface Entry {
  job: AnalysisJob;
  plan: WhatIfPlan;
  abort: AbortController;
  /** It holds one of the running places (until its workers have stopped). */
  started: boolean;
}

export class WhatIfQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly waiting: Entry[] = [];
  private running = 0;
  private closed = false;

  constructor(
    private readonly store: WhatIfStore,
    private readonly limits: WhatIfLimits = DEFAULT_WHAT_IF_LIMITS,
  ) {}

  /** Queue an analysis whose plan was checked; throws WhatIfBusy when the process is full. */
  start(request: AnalysisRequest, plan: WhatIfPlan): AnalysisJob {
    const { maxRunning, maxQueued } = this.limits;
    if (this.entries.size >= maxRunning + maxQueued) {
      throw new WhatIfBusy(
        `this server runs ${maxRunning} analysis at a time with ${maxQueued} waiting, and is full: try again when one has finished or cancel one`,
      );
    }
    const job: AnalysisJob = {
      id: randomBytes(12).toString("base64url"),
      status: "queued",
      createdAt: new Date().toISOString(),
      request,
      done: 0,
      total: plan.runs * (plan.b ? 2 : 1),
      partial: null,
      result: null,
      error: null,
    };
    const entry = { job, plan, abort: new AbortController(), started: false };
    this.entries.set(job.id, entry);
    this.waiting.push(entry);
    this.next();
    return job;
  }

  /** A job in this process, else a stored one; null when unknown. */
  get(id: string): AnalysisJob | null {
    return this.entries.get(id)?.job ?? this.store.load(id);
  }

  /** Cancel a queued or running analysis; false when it is not (or no longer) in this process. */
  cancel(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry || entry.job.status === "cancelled") return false;
    const queuedAt = this.waiting.indexOf(entry);
    if (queuedAt >= 0) {
      this.waiting.splice(queuedAt, 1);
      this.settle(entry, "cancelled", null);
    } else {
      // Cancelled as of now; its place frees once the workers have stopped (settle).
      entry.job.status = "cancelled";
      entry.abort.abort(new Error("cancelled"));
    }
    return true;
  }

  /** Stop everything (server shutdown, before the store closes): every analysis is stored as cancelled. */
  close(): void {
    this.closed = true;
    for (const entry of this.entries.values()) {
      entry.abort.abort(new Error("the server is shutting down"));
      entry.job.status = "cancelled";
      this.store.save(entry.job, entry.plan.scenario);
    }
    this.entries.clear();
    this.waiting.length = 0;
  }

  private next(): void {
    if (this.running >= this.limits.maxRunning) return;
    const entry = this.waiting.shift();
    if (!entry) return;
    this.running++;
    entry.started = true;
    entry.job.status = "running";
    runWhatIf(entry.plan, {
      workers: this.limits.workers,
      signal: entry.abort.signal,
      onProgress: (done) => {
        entry.job.done = done;
      },
      onPartial: (partial) => {
        entry.job.partial = partial;
      },
    }).then(
      (result) => {
        entry.job.result = result;
        entry.job.partial = null;
        this.settle(entry, "done", null);
      },
      (error: unknown) => {
        if (entry.abort.signal.aborted) this.settle(entry, "cancelled", null);
        else this.settle(entry, "failed", error instanceof Error ? error.message : String(error));
      },
    );
  }

  private settle(entry: Entry, status: "done" | "cancelled" | "failed", error: string | null): void {
    if (this.closed) return;
    entry.job.status = status;
    entry.job.error = error;
    this.store.save(entry.job, entry.plan.scenario);
    this.entries.delete(entry.job.id);
    if (entry.started) {
      this.running--;
      this.next();
    }
  }
}
