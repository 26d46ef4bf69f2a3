/**
 * Per-process figures for the load test, from each server's `GET /api/ops` (server/http/ops.ts): two
 * snapshots bracket the measured window; CPU is the CPU time used between them over the wall time, tick
 * percentiles come from the difference of the two tick histograms, memory is the latest and the peak seen.
 */
import type { OpsReport } from "../../server/http/ops.js";
import { countsSince, percentileMs } from "../../server/ops/ticks.js";

const OPS_TIMEOUT_MS = 5000;
const MB = 1024 * 1024;

export interface OpsSample {
  endpoint: string;
  atMs: number;
  report: OpsReport;
}

export async function fetchOps(endpoint: string): Promise<OpsSample> {
  const res = await fetch(`${endpoint}/api/ops`, { signal: AbortSignal.timeout(OPS_TIMEOUT_MS) });
  if (!res.ok) throw new Error(`GET ${endpoint}/api/ops answered ${res.status}`);
  return { endpoint, atMs: performance.now(), report: (await res.json()) as OpsReport };
}

export interface ProcessFigures {
  endpoint: string;
  pid: number;
  rooms: number;
  clients: number;
  /** Share of one core, in percent, over the window. */
  cpuPercent: number;
  rssMb: number;
  peakRssMb: number;
  heapUsedMb: number;
  ticks: number;
  lagP50Ms: number;
  lagP99Ms: number;
  workP50Ms: number;
  workP99Ms: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

export function figuresOf(before: OpsSample, after: OpsSample, peakRssBytes: number): ProcessFigures {
  const b = before.report;
  const a = after.report;
  const cpuUs = a.cpu.userUs + a.cpu.systemUs - (b.cpu.userUs + b.cpu.systemUs);
  const wallUs = (after.atMs - before.atMs) * 1000;
  const lag = countsSince(a.ticks.lagMs, b.ticks.lagMs);
  const work = countsSince(a.ticks.workMs, b.ticks.workMs);
  return {
    endpoint: after.endpoint,
    pid: a.pid,
    rooms: a.rooms,
    clients: a.clients,
    cpuPercent: round1((100 * cpuUs) / Math.max(1, wallUs)),
    rssMb: round1(a.memory.rssBytes / MB),
    peakRssMb: round1(Math.max(peakRssBytes, a.memory.rssBytes) / MB),
    heapUsedMb: round1(a.memory.heapUsedBytes / MB),
    ticks: a.ticks.count - b.ticks.count,
    lagP50Ms: round2(percentileMs(lag, 0.5)),
    lagP99Ms: round2(percentileMs(lag, 0.99)),
    workP50Ms: round2(percentileMs(work, 0.5)),
    workP99Ms: round2(percentileMs(work, 0.99)),
  };
}
