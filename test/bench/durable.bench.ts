import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { matchMaker } from "@colyseus/core";
import { redisServerAvailable, startRedis } from "../../scripts/cluster.js";
import { createLogger } from "../../server/log.js";
import { builtInScenarios } from "../../server/scenarios/source.js";
import { openDb } from "../../server/store/db.js";
import { Recorder, type Replica } from "../../server/store/recorder.js";
import { RedisReplica } from "../../server/store/replica.js";
import type { Command, Simulation } from "../../sim/api.js";
import { createSimulation } from "../../sim/index.js";
import { type BenchModule, type BenchReport, nowMs, stats } from "./harness.js";

/**
 * What durability costs an order: the time from the order reaching the match to its being applied and
 * on disk (server/store/recorder.ts: one SQLite transaction in WAL mode around the sim's apply), against
 * the sim's apply alone; with `synchronous = NORMAL` (the default: safe from a killed process) and
 * `FULL` (also fsynced); the per-tick write of where the match got to; and, with redis-server on the
 * machine, how long Redis takes to hold an order (the state patch that shows it waits for that).
 */
const ORDERS = 5_000;
const WARMUP = 500;
/** Room ticks with a moving clock: fewer than the night's 2,400 steps. */
const TICKS = 2_000;

/** The defender's doctrine, back and forth: always accepted, cheap for the sim. */
const ORDER_CYCLE: Command[] = [
  { type: "set-doctrine", side: "defender", unitId: "all", doctrine: { weapons: "free" } },
  { type: "set-doctrine", side: "defender", unitId: "all", doctrine: { weapons: "tight" } },
];

function newSim(): Simulation {
  const source = builtInScenarios();
  return createSimulation(source.load("training-range")!, 1);
}

const START = (id: string, sim: Simulation) => ({
  id,
  code: "BENCH1",
  scenario: builtInScenarios().load("training-range")!,
  seed: sim.seed,
  options: { scenario: "training-range" },
  seats: [],
});

/** Orders between two looks at the WAL (the recorder looks about every second, checkpoints every 400 commits). */
const ORDERS_PER_CHECKPOINT = 40;

/** Microseconds `work` takes. */
function timed(work: () => void): number {
  const started = nowMs();
  work();
  return (nowMs() - started) * 1000;
}

/** Microseconds per call of `order(i)` (minus what it timed itself, the checkpoints), after a warm-up. */
function timeEach(order: (i: number) => number | undefined): number[] {
  for (let i = 0; i < WARMUP; i++) order(i);
  const samples: number[] = [];
  for (let i = 0; i < ORDERS; i++) {
    const started = nowMs();
    const excluded = order(i) ?? 0;
    samples.push((nowMs() - started) * 1000 - excluded);
  }
  return samples;
}

function durableOrders(dir: string, synchronous: "NORMAL" | "FULL", replica?: Replica) {
  const db = openDb(join(dir, `${synchronous}-${replica ? "replica" : "local"}.db`), { synchronous });
  const recorder = new Recorder(db, { replica });
  const sim = newSim();
  const recording = recorder.begin(START(`bench-${synchronous}`, sim), sim);
  const at = { round: 1, phase: "planning" as const, clock: 0 };
  const checkpoints: number[] = [];
  const samples = timeEach((i) => {
    const command = ORDER_CYCLE[i % 2];
    const result = recording.command({ ...at, by: "defender-1", command }, () => sim.apply(command));
    if (!result.ok) throw new Error(`bench order refused: ${result.message}`);
    if (i % ORDERS_PER_CHECKPOINT !== 0) return 0;
    const checkpoint = timed(() => recorder.checkpoint());
    if (checkpoint > 100) checkpoints.push(checkpoint); // one that copied the WAL, not a look at its size
    return checkpoint; // runs on the recorder's timer, not in an order's time
  });
  return { samples, checkpoints, recorder, recording, db, sim };
}

const us = (x: number) => `${x.toFixed(1)} µs`;
const line = (label: string, samples: number[]): [string, string] => {
  const s = stats(samples);
  return [label, `median ${us(s.median)}, p99 ${us(s.p99)}`];
};

async function redisLatency(dir: string): Promise<number[] | undefined> {
  if (!redisServerAvailable()) return undefined;
  const redis = await startRedis();
  const replica = new RedisReplica(redis.url, () => matchMaker.processId ?? "bench", createLogger("silent"));
  try {
    const { recording, recorder, db } = durableOrders(dir, "NORMAL", replica);
    await recording.settled();
    const sim = newSim();
    const at = { round: 1, phase: "planning" as const, clock: 0 };
    const samples: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const command = ORDER_CYCLE[i % 2];
      const started = nowMs();
      recording.command({ ...at, by: "defender-1", command }, () => sim.apply(command));
      await recording.settled();
      samples.push((nowMs() - started) * 1000);
    }
    recorder.close();
    db.close();
    return samples;
  } finally {
    await replica.close();
    await redis.stop();
  }
}

async function run(): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), "skyshield-durable-bench-"));
  try {
    const applyOnly = newSim();
    const apply = timeEach((i) => {
      applyOnly.apply(ORDER_CYCLE[i % 2]);
      return undefined;
    });
    const normal = durableOrders(dir, "NORMAL");
    normal.sim.apply({ type: "start-live", side: "white" });
    const reached: number[] = [];
    while (normal.sim.phase === "live" && reached.length < TICKS) {
      normal.sim.step(); // the clock moves, as between two room ticks (not timed)
      const started = nowMs();
      normal.recording.reached();
      reached.push((nowMs() - started) * 1000);
    }
    normal.recorder.close();
    normal.db.close();
    const full = durableOrders(dir, "FULL");
    full.recorder.close();
    full.db.close();
    const viaRedis = await redisLatency(dir);
    const normalStats = stats(normal.samples);
    const applyStats = stats(apply);
    return {
      workload: [
        `${ORDERS} orders (set-doctrine on every unit, training-range, planning) after ${WARMUP} to warm up,`,
        "each applied by the real sim inside the SQLite transaction that records it, on a file in the temp dir;",
        `the 'reached' mark: one UPDATE for each of ${TICKS} ticks that moved the clock (the step not timed);`,
        viaRedis
          ? "Redis: 1,000 orders, each waited for until Redis (a local redis-server) held it"
          : "Redis: redis-server not on PATH, not measured",
      ],
      figures: [
        line("apply only (no record)", apply),
        line("durable order, synchronous=NORMAL", normal.samples),
        line("durable order, synchronous=FULL", full.samples),
        line(
          `checkpoint (${normal.checkpoints.length}, one per 400 commits, on the timer)`,
          normal.checkpoints,
        ),
        line("reached mark per tick", reached),
        ...(viaRedis ? [line("order held by Redis (round trip)", viaRedis)] : []),
        ["write share of an order (NORMAL, median)", us(normalStats.median - applyStats.median)],
      ],
      targets: [
        { label: "a durable order costs under 1 ms at the median (NORMAL)", met: normalStats.median < 1000 },
        { label: "and under 5 ms at p99", met: normalStats.p99 < 5000 },
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const durableBench: BenchModule = { name: "durable", run };
