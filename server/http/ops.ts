import { matchMaker } from "@colyseus/core";
import { Router } from "express";
import { BUCKET_BOUNDS_MS, percentileMs, tickTotals } from "../ops/ticks.js";

/**
 * `GET /api/ops`: this process's vital signs for operators and the load test (scripts/loadtest.ts):
 * cumulative CPU time, memory, its own rooms and clients, and the room tick histograms (lag and work,
 * counts per bucket of `bucketBoundsMs`, so a reader can subtract two snapshots for a time window).
 * Ask each process directly (its own host:port): behind a proxy any one process answers.
 */
export function opsRouter(startedAtMs: number, now: () => number): Router {
  const router = Router();
  router.get("/api/ops", (_req, res) => {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    const ticks = tickTotals();
    res.setHeader("Cache-Control", "no-store");
    res.json({
      pid: process.pid,
      processId: matchMaker.processId,
      publicAddress: matchMaker.publicAddress ?? null,
      uptimeSec: (now() - startedAtMs) / 1000,
      cpu: { userUs: cpu.user, systemUs: cpu.system },
      memory: {
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        heapTotalBytes: memory.heapTotal,
        externalBytes: memory.external,
      },
      rooms: matchMaker.stats.local.roomCount,
      clients: matchMaker.stats.local.ccu,
      ticks: {
        count: ticks.ticks,
        lagP50Ms: percentileMs(ticks.lagMs, 0.5),
        lagP99Ms: percentileMs(ticks.lagMs, 0.99),
        workP50Ms: percentileMs(ticks.workMs, 0.5),
        workP99Ms: percentileMs(ticks.workMs, 0.99),
        bucketBoundsMs: BUCKET_BOUNDS_MS,
        lagMs: ticks.lagMs,
        workMs: ticks.workMs,
      },
    });
  });
  return router;
}

/** The JSON of `GET /api/ops`. */
export interface OpsReport {
  pid: number;
  processId: string;
  publicAddress: string | null;
  uptimeSec: number;
  cpu: { userUs: number; systemUs: number };
  memory: { rssBytes: number; heapUsedBytes: number; heapTotalBytes: number; externalBytes: number };
  rooms: number;
  clients: number;
  ticks: {
    count: number;
    lagP50Ms: number;
    lagP99Ms: number;
    workP50Ms: number;
    workP99Ms: number;
    bucketBoundsMs: number[];
    lagMs: number[];
    workMs: number[];
  };
}
