/** The load test's closing report: what ran, per-process figures, what the clients received, errors. */
import type { AnalysisFigures } from "./analysis.js";
import type { ProcessFigures } from "./ops.js";

export interface Report {
  at: string;
  workload: {
    matches: number;
    spectatorsPerMatch: number;
    seats: string;
    scenario: string;
    timeScale: number;
    durationSec: number;
    endpoints: string[];
    spawned: boolean;
  };
  wallSec: number;
  processes: ProcessFigures[];
  clients: { connected: number; messages: number; bytes: number };
  /** CPU of this load generator (share of one core, %), which shares the machine with the servers. */
  generatorCpuPercent: number;
  /** The machine everything ran on: other work on it inflates tick lag. */
  machine: { cores: number; loadAverage1m: number };
  /** Matches whose simulation clock moved during the window. */
  matchesAdvanced: number;
  phases: string[];
  /** The what-if analysis run beside the matches (--analysis), if any. */
  analysis: AnalysisFigures | null;
  /** The classroom match (--crews), its clients counted apart from the matches'. */
  classroom: {
    timeScale: number;
    clients: number;
    messages: number;
    bytes: number;
    /** Chat messages and markers its people sent. */
    posts: number;
    /** Where the match was at the end. */
    phase: string;
  } | null;
  notices: string[];
  errors: string[];
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(header), ...rows.map(line)].join("\n");
}

function count(values: string[]): string {
  const tally = new Map<string, number>();
  for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
  return [...tally].map(([v, n]) => `${v} ${n}`).join(", ");
}

export function printReport(report: Report): void {
  const { workload: w, clients, wallSec } = report;
  const kbps = clients.bytes / wallSec / 1024;
  console.log(
    `\nSkyshield load test, ${report.at}\n` +
      `${w.matches} matches × (${w.seats}; ${w.spectatorsPerMatch} spectators) on ${w.scenario} at ×${w.timeScale}, ` +
      `${w.endpoints.length} process(es)${w.spawned ? " started by the test" : ""}, measured ${wallSec.toFixed(1)} s\n`,
  );
  console.log(
    table(
      [
        "process",
        "pid",
        "rooms",
        "clients",
        "CPU %",
        "RSS MB",
        "peak MB",
        "heap MB",
        "tick lag p50/p99 ms",
        "tick work p50/p99 ms",
      ],
      report.processes.map((p) => [
        p.endpoint,
        String(p.pid),
        String(p.rooms),
        String(p.clients),
        p.cpuPercent.toFixed(1),
        p.rssMb.toFixed(0),
        p.peakRssMb.toFixed(0),
        p.heapUsedMb.toFixed(0),
        `${p.lagP50Ms} / ${p.lagP99Ms}`,
        `${p.workP50Ms} / ${p.workP99Ms}`,
      ]),
    ),
  );
  console.log(
    `\nclients: ${clients.connected} connected; received ${(clients.messages / wallSec).toFixed(0)} messages/s, ` +
      `${kbps.toFixed(1)} KB/s in all, ${(kbps / Math.max(1, clients.connected)).toFixed(2)} KB/s per client ` +
      `(WebSocket payload bytes)`,
  );
  console.log(
    `matches: ${report.matchesAdvanced}/${report.phases.length} advanced their clock while measured; phases at the end: ${count(report.phases)}`,
  );
  console.log(
    `load generator (this process, same machine): CPU ${report.generatorCpuPercent.toFixed(0)} %; ` +
      `machine: ${report.machine.cores} cores, load average ${report.machine.loadAverage1m.toFixed(1)} at the end`,
  );
  if (report.analysis) {
    const { runs, done, total, status } = report.analysis;
    console.log(
      `analysis: ${runs} nights on the first process beside the matches; ${done}/${total} runs done (${status}) when measured`,
    );
  }
  if (report.classroom) {
    const c = report.classroom;
    const kbPerClient = c.bytes / wallSec / 1024 / Math.max(1, c.clients);
    console.log(
      `classroom: one compact-shield match at ×${c.timeScale}, ${c.clients} clients (both crews, instructor, spectators); ` +
        `${c.posts} chat messages and markers sent; received ${(c.messages / wallSec).toFixed(0)} messages/s, ` +
        `${kbPerClient.toFixed(2)} KB/s per client; at the end: ${c.phase}`,
    );
  }
  for (const notice of report.notices) console.log(notice);
  console.log(`errors: ${report.errors.length}`);
  for (const error of report.errors.slice(0, 20)) console.log(`  ${error}`);
  if (report.errors.length > 20) console.log(`  ... and ${report.errors.length - 20} more`);
}
