/**
 * `npm run loadtest -- [options]`: N matches with scripted or bot seats and M spectators each, spread over
 * the server processes given (or started here), for a fixed duration; then per-process CPU, memory and
 * room tick lag, and what the clients received. Loopback only, bounded in time, stops by itself.
 *
 *   --matches N          matches to create (20)
 *   --spectators M       spectators per match, the creator included (8)
 *   --duration S         measured seconds, after every client has joined (120)
 *   --endpoints URLS     comma-separated server URLs, e.g. http://127.0.0.1:2567,http://127.0.0.1:2568
 *   --spawn K            start K server processes here instead (with --redis: a redis-server too)
 *   --redis              with --spawn: start a redis-server and connect the processes to it
 *   --scenario ID        (training-range)
 *   --fill F             who plays attacker and defender: plan, bot:easy, bot:normal, bot:hard (bot:normal;
 *                        falls back to plan, loudly, when the server has no bots and --fill was not given)
 *   --time-scale X       simulation speed (default: the scenario's nights last the whole duration)
 *   --analysis N         also run a what-if analysis of N nights of the scenario on the first process
 *                        while measuring (what it costs the live matches' ticks)
 *   --crews              also a classroom on the first process: one compact-shield match with both crews
 *                        full, chatting and placing markers, 30 clients in all (loadtest/classroom.ts)
 *   --json FILE          also write the report as JSON
 *   --echo               show the spawned processes' logs
 */
import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Room } from "colyseus.js";
import { z } from "zod";
import { MAX_ANALYSIS_RUNS } from "../shared/analysis.js";
import { BotLevel, type CreateMatchOptions } from "../shared/protocol.js";
import type { MatchState } from "../shared/wire/state.js";
import { type Cluster, startCluster } from "./cluster.js";
import { finishAnalysis, startAnalysis } from "./loadtest/analysis.js";
import { CLASSROOM_SCENARIO, Classroom } from "./loadtest/classroom.js";
import { Fleet } from "./loadtest/fleet.js";
import { fetchOps, figuresOf, type OpsSample } from "./loadtest/ops.js";
import { printReport, type Report } from "./loadtest/report.js";

const PLANNING_SEC = 5;
const SAMPLE_EVERY_MS = 5000;
const PROGRESS_EVERY_MS = 10_000;
/** Setup and teardown on top of the measured duration; past it the run is abandoned. */
const OVERHEAD_BUDGET_SEC = 240;
const VIEWS = ["truth", "attacker", "defender"] as const;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

const Endpoint = z
  .url({ protocol: /^https?$/, error: "expected http://host:port" })
  .refine(
    (url) => LOOPBACK.has(new URL(url).hostname),
    "the load test runs on loopback only (127.0.0.1, localhost, [::1])",
  )
  .transform((url) => url.replace(/\/+$/, ""));

const Fill = z.union([z.literal("plan"), z.templateLiteral(["bot:", BotLevel])]);

const Args = z
  .object({
    matches: z.coerce.number().int().min(1).max(200).default(20),
    spectators: z.coerce.number().int().min(1).max(50).default(8),
    duration: z.coerce.number().min(5).max(1800).default(120),
    endpoints: z
      .string()
      .transform((s) => s.split(",").filter(Boolean))
      .pipe(z.array(Endpoint).min(1))
      .optional(),
    spawn: z.coerce.number().int().min(1).max(8).optional(),
    redis: z.boolean().default(false),
    scenario: z.string().min(1).default("training-range"),
    fill: Fill.optional(),
    "time-scale": z.coerce.number().min(1).max(600).optional(),
    analysis: z.coerce.number().int().min(1).max(MAX_ANALYSIS_RUNS).optional(),
    crews: z.boolean().default(false),
    json: z.string().min(1).optional(),
    echo: z.boolean().default(false),
  })
  .strict()
  .refine(
    (a) => (a.spawn === undefined) !== (a.endpoints === undefined),
    "give either --endpoints or --spawn",
  )
  .refine(
    (a) => !a.spawn || a.spawn === 1 || a.redis,
    "several spawned processes need --redis to share matches",
  );
type Args = z.infer<typeof Args>;

function parse(argv: string[]): Args {
  const text = { type: "string" } as const;
  const flag = { type: "boolean" } as const;
  const { values } = parseArgs({
    args: argv,
    options: {
      matches: text,
      spectators: text,
      duration: text,
      endpoints: text,
      spawn: text,
      redis: flag,
      scenario: text,
      fill: text,
      "time-scale": text,
      analysis: text,
      crews: flag,
      json: text,
      echo: flag,
    },
  });
  const parsed = Args.safeParse(values);
  if (parsed.success) return parsed.data;
  const reasons = parsed.error.issues.map(
    (i) => `${i.path.length ? `--${i.path.join(".")}` : "options"}: ${i.message}`,
  );
  throw new Error(`invalid options\n  ${reasons.join("\n  ")}`);
}

/** A speed at which the scenario's nights fill the whole run, so every match is live while measured. */
async function autoTimeScale(endpoint: string, scenario: string, durationSec: number): Promise<number> {
  const res = await fetch(`${endpoint}/api/scenarios/${encodeURIComponent(scenario)}`);
  if (!res.ok) throw new Error(`scenario '${scenario}': ${endpoint} answered ${res.status}`);
  const { rounds } = (await res.json()) as { rounds: { durationSec: number }[] };
  const nightsSec = rounds.reduce((sum, r) => sum + r.durationSec, 0);
  return Math.min(600, Math.max(1, Math.floor(nightsSec / Math.max(1, durationSec - PLANNING_SEC))));
}

interface Setup {
  fill: z.infer<typeof Fill>;
  notices: string[];
  creators: Room<MatchState>[];
}

/** Creates the matches (through the endpoints in turn) and joins their spectators (also spread). */
async function populate(fleet: Fleet, args: Args, timeScale: number): Promise<Setup> {
  const notices: string[] = [];
  let fill = args.fill ?? "bot:normal";
  const creators: Room<MatchState>[] = [];
  for (let m = 0; m < args.matches; m++) {
    const options = (): CreateMatchOptions & { seat: "spectator"; name: string; view: "truth" } => ({
      scenario: args.scenario,
      // Every seat scripted (an empty human seat would hold the night): all views are open to spectators.
      seats: { attacker: fill, defender: fill, ally: fill },
      autostart: true,
      planningSec: PLANNING_SEC,
      pacing: { mode: "realtime", timeScale },
      seat: "spectator",
      name: `load-${m}-0`,
      view: "truth",
    });
    let room: Room<MatchState> | undefined;
    if (m === 0 && !args.fill) {
      room = await fleet.tryCreate(m, options()).catch((error: Error) => {
        if (!/bots are not available/.test(error.message)) throw error;
        notices.push(
          `!! the servers have no bots (${error.message}); seats are played by the default plan instead`,
        );
        fill = "plan";
        return undefined;
      });
    }
    room ??= await fleet.create(m, options());
    if (!room) continue;
    creators.push(room);
    const joins = Array.from({ length: args.spectators - 1 }, (_, j) =>
      fleet.join(m + j + 1, room.roomId, {
        seat: "spectator",
        name: `load-${m}-${j + 1}`,
        view: VIEWS[(j + 1) % 3],
      }),
    );
    await Promise.all(joins);
  }
  return { fill, notices, creators };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sampleAll(fleet: Fleet, endpoints: string[]): Promise<(OpsSample | undefined)[]> {
  return Promise.all(
    endpoints.map((endpoint) =>
      fetchOps(endpoint).catch((error: Error) => {
        fleet.error(`ops of ${endpoint}: ${error.message}`);
        return undefined;
      }),
    ),
  );
}

async function measure(fleet: Fleet, endpoints: string[], durationSec: number, creators: Room<MatchState>[]) {
  const before = await sampleAll(fleet, endpoints);
  const start = { atMs: performance.now(), totals: fleet.totals(), cpu: process.cpuUsage() };
  const clocksBefore = creators.map((room) => room.state.clock);
  const peakRss = endpoints.map(() => 0);
  let last = { atMs: start.atMs, totals: start.totals };
  const endAtMs = start.atMs + durationSec * 1000;
  while (performance.now() < endAtMs) {
    await sleep(Math.min(SAMPLE_EVERY_MS, endAtMs - performance.now()));
    (await sampleAll(fleet, endpoints)).forEach((s, i) => {
      peakRss[i] = Math.max(peakRss[i], s?.report.memory.rssBytes ?? 0);
    });
    const now = { atMs: performance.now(), totals: fleet.totals() };
    if (now.atMs - last.atMs >= PROGRESS_EVERY_MS || now.atMs >= endAtMs) {
      const sec = (now.atMs - last.atMs) / 1000;
      const elapsed = Math.round((now.atMs - start.atMs) / 1000);
      console.log(
        `  ${String(elapsed).padStart(4)} s  ${((now.totals.messages - last.totals.messages) / sec).toFixed(0)} msg/s  ` +
          `${((now.totals.bytes - last.totals.bytes) / sec / 1024).toFixed(1)} KB/s  errors ${now.totals.errors}`,
      );
      last = now;
    }
  }
  const after = await sampleAll(fleet, endpoints);
  const wallSec = (performance.now() - start.atMs) / 1000;
  const end = fleet.totals();
  const cpu = process.cpuUsage(start.cpu);
  return {
    wallSec,
    processes: endpoints.flatMap((_, i) => {
      const [b, a] = [before[i], after[i]];
      return b && a ? [figuresOf(b, a, peakRss[i])] : [];
    }),
    clients: {
      connected: end.clients,
      messages: end.messages - start.totals.messages,
      bytes: end.bytes - start.totals.bytes,
    },
    generatorCpuPercent: (100 * (cpu.user + cpu.system)) / 1e6 / wallSec,
    machine: { cores: availableParallelism(), loadAverage1m: loadavg()[0] },
    matchesAdvanced: creators.filter((room, i) => room.state.clock > clocksBefore[i]).length,
    phases: creators.map((room) => room.state.phase),
  };
}

/** The classroom (--crews), its nights filling the run like the other matches'. */
async function openClassroom(fleet: Fleet, endpoint: string, durationSec: number) {
  const timeScale = await autoTimeScale(endpoint, CLASSROOM_SCENARIO, durationSec);
  console.log(`seating a classroom on ${CLASSROOM_SCENARIO} (×${timeScale}) via ${endpoint}`);
  const room = await Classroom.open(fleet, 0, timeScale);
  return room && { room, timeScale };
}

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  let cluster: Cluster | undefined;
  let fleet: Fleet | undefined;
  let classFleet: Fleet | undefined;
  let dir: string | undefined;
  const cleanup = async () => {
    await fleet?.close();
    await classFleet?.close();
    await cluster?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  };
  const budgetSec = args.duration + OVERHEAD_BUDGET_SEC;
  const deadline = setTimeout(() => {
    console.error(`loadtest: still running after ${budgetSec} s; giving up`);
    void cleanup().finally(() => process.exit(2));
  }, budgetSec * 1000);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  }
  try {
    let endpoints = args.endpoints ?? [];
    if (args.spawn) {
      dir = await mkdtemp(join(tmpdir(), "skyshield-loadtest-"));
      console.log(`starting ${args.redis ? "redis-server and " : ""}${args.spawn} server process(es) ...`);
      // Every load client comes from one address: the per-address creation limit would stop the run.
      const env = { MAX_CREATES_PER_ADDRESS: "10000", MAX_CREATES_PER_MINUTE: "10000" };
      cluster = await startCluster({ servers: args.spawn, redis: args.redis, dir, echo: args.echo, env });
      endpoints = cluster.servers.map((server) => server.url);
    }
    fleet = new Fleet(endpoints, Date.now());
    const timeScale = args["time-scale"] ?? (await autoTimeScale(endpoints[0], args.scenario, args.duration));
    console.log(
      `creating ${args.matches} matches × ${args.spectators} spectators on ${args.scenario} (×${timeScale}) via ${endpoints.join(", ")}`,
    );
    const setup = await populate(fleet, args, timeScale);
    for (const notice of setup.notices) console.warn(notice);
    const analysisId = args.analysis && (await startAnalysis(endpoints[0], args.scenario, args.analysis));
    classFleet = new Fleet(endpoints, Date.now());
    const classroom = args.crews ? await openClassroom(classFleet, endpoints[0], args.duration) : undefined;
    console.log(
      `${fleet.totals().clients} clients connected${analysisId ? `, a ${args.analysis}-night analysis running` : ""}; measuring for ${args.duration} s`,
    );
    classroom?.room.start();
    const classBefore = classFleet.totals();
    const measured = await measure(fleet, endpoints, args.duration, setup.creators);
    classroom?.room.stop();
    const classAfter = classFleet.totals();
    const analysis = analysisId ? await finishAnalysis(endpoints[0], analysisId, args.analysis ?? 0) : null;
    const report: Report = {
      at: new Date().toISOString(),
      workload: {
        matches: args.matches,
        spectatorsPerMatch: args.spectators,
        seats: `attacker and defender: ${setup.fill}`,
        scenario: args.scenario,
        timeScale,
        durationSec: args.duration,
        endpoints,
        spawned: Boolean(args.spawn),
      },
      ...measured,
      analysis,
      classroom: classroom
        ? {
            timeScale: classroom.timeScale,
            clients: classAfter.clients,
            messages: classAfter.messages - classBefore.messages,
            bytes: classAfter.bytes - classBefore.bytes,
            posts: classroom.room.posts,
            phase: classroom.room.where(),
          }
        : null,
      notices: setup.notices,
      errors: [...fleet.errors, ...classFleet.errors.map((e) => `classroom: ${e}`)],
    };
    await fleet.close();
    await classFleet.close();
    printReport(report);
    if (args.json) writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
    return report.errors.length === 0 ? 0 : 1;
  } finally {
    await cleanup();
    clearTimeout(deadline);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`loadtest: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
