import { availableParallelism } from "node:os";
import { playMatch, type Seat } from "../../bots/driver.js";
import { parseSimArgs, type SimArgs } from "../../server/cli/args.js";
import { runBatch, runScenario, seatSources } from "../../server/cli/batch.js";
import type { Side } from "../../sim/api.js";
import { createSimulation } from "../../sim/index.js";
import { type BenchModule, type BenchReport, cpuMs, ms, nowMs, stats } from "./harness.js";

/**
 * What the bots cost: a whole wide-front match (four nights) with `bot:normal` as attacker and defender
 * against the same match with the scenario's default plans, seed by seed in this process, and each bot
 * decision timed on its own. With `--full`, also the wall time of a 30-seed wide-front bot batch on
 * every core (the analysis workload; minutes, so not by default).
 */

const SCENARIO = "wide-front";
const SEEDS = [1, 2, 3];
const FULL_BATCH_SEEDS = 30;
const SIDES: readonly Side[] = ["attacker", "defender", "ally"];

const botArgs = (seed: number): SimArgs =>
  parseSimArgs([
    ...["--scenario", SCENARIO, "--seed", String(seed)],
    ...["--attacker", "bot:normal", "--defender", "bot:normal"],
  ]);
const planArgs = (seed: number): SimArgs => parseSimArgs(["--scenario", SCENARIO, "--seed", String(seed)]);

/** A seat whose decisions (planning and live) are timed into `decisionsMs`. */
function timedSeat(seat: Seat, decisionsMs: number[]): Seat {
  const timed =
    <A extends unknown[], R>(f: (...a: A) => R) =>
    (...a: A): R => {
      const start = cpuMs();
      const result = f(...a);
      decisionsMs.push(cpuMs() - start);
      return result;
    };
  return {
    onPlanning: timed(seat.onPlanning.bind(seat)),
    onTick: seat.onTick && timed(seat.onTick.bind(seat)),
  };
}

interface MatchTime {
  cpuSec: number;
  wallSec: number;
}

/** One whole match, as the CLI plays it (same sources, same driver); bot decisions timed. */
function playTimed(args: SimArgs, decisionsMs: number[]): MatchTime {
  const scenario = runScenario(args);
  const seatFor = seatSources(args, scenario);
  const seats: Partial<Record<Side, Seat>> = {};
  for (const side of SIDES) {
    const seat = seatFor(side, args.seed);
    if (seat) seats[side] = args[side]?.startsWith("bot:") ? timedSeat(seat, decisionsMs) : seat;
  }
  const wall = nowMs();
  const cpu = cpuMs();
  playMatch(createSimulation(scenario, args.seed), seats);
  return { cpuSec: (cpuMs() - cpu) / 1000, wallSec: (nowMs() - wall) / 1000 };
}

const sec = (x: number) => `${x.toFixed(2)} s`;

async function fullBatch(): Promise<{ wallSec: number; workers: number }> {
  const workers = availableParallelism();
  const wall = nowMs();
  await runBatch(botArgs(1), FULL_BATCH_SEEDS, 1, { workers });
  return { wallSec: (nowMs() - wall) / 1000, workers };
}

async function run(): Promise<BenchReport> {
  const full = process.argv.includes("--full");
  // One match of each untimed first: module loading and the JIT's first compilations are not the work.
  playTimed(planArgs(SEEDS[0]), []);
  playTimed(botArgs(SEEDS[0]), []);
  const decisionsMs: number[] = [];
  const plans = SEEDS.map((seed) => playTimed(planArgs(seed), []));
  const bots = SEEDS.map((seed) => playTimed(botArgs(seed), decisionsMs));
  const planCpu = stats(plans.map((m) => m.cpuSec));
  const botCpu = stats(bots.map((m) => m.cpuSec));
  const decisions = stats(decisionsMs);
  const ratio = botCpu.median / planCpu.median;
  const batch = full ? await fullBatch() : undefined;
  const pair = (cpu: number, wall: number) => `${sec(cpu)} CPU   (${sec(wall)} wall)`;
  const median = (xs: MatchTime[]) => stats(xs.map((m) => m.wallSec)).median;
  return {
    workload: [
      `${SCENARIO}, all four nights, seeds ${SEEDS.join(", ")} (after one untimed warm-up match of each)`,
      "bots: --attacker bot:normal --defender bot:normal (the ally plays its default plan); plans: the scenario's default plans",
      `bot decisions: ${decisionsMs.length} calls of onPlanning/onTick over the bot matches`,
      full
        ? `--full: ${FULL_BATCH_SEEDS}-seed bot batch on ${batch?.workers} worker threads`
        : `add --full for the ${FULL_BATCH_SEEDS}-seed bot batch wall time (minutes)`,
    ],
    figures: [
      ["match, default plans: median", pair(planCpu.median, median(plans))],
      ["match, default plans: p99", sec(planCpu.p99)],
      ["match, bot:normal both sides: median", pair(botCpu.median, median(bots))],
      ["match, bot:normal both sides: p99", sec(botCpu.p99)],
      ["bots ÷ default plans (median CPU)", `${ratio.toFixed(2)}×`],
      ["bot decision: median", ms(decisions.median)],
      ["bot decision: p99", ms(decisions.p99)],
      ...(batch
        ? [[`${FULL_BATCH_SEEDS}-seed bot batch, wall`, sec(batch.wallSec)] as [string, string]]
        : []),
    ],
    targets: [
      { label: `bots ≤ 2× default plans: ${ratio.toFixed(2)}×`, met: ratio <= 2 },
      ...(batch
        ? [
            {
              label: `${FULL_BATCH_SEEDS}-seed bot batch ≤ 5 min: ${sec(batch.wallSec)}`,
              met: batch.wallSec <= 300,
            },
          ]
        : []),
    ],
  };
}

export const batchBench: BenchModule = { name: "batch", run };
