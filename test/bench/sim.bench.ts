import type { Simulation } from "../../sim/api.js";
import { createSimulation, restoreSimulation } from "../../sim/index.js";
import { type BenchModule, type BenchReport, cpuMs, ms, nowMs, stats } from "./harness.js";
import { benchDefence, benchRaid, benchScenario } from "./sim-workload.js";

/**
 * Step time with 1,000+ threats in flight, 200 defender units and 50 sensors, with the spatial grid
 * and with brute-force queries (same world, same steps: both restored from one snapshot taken when the
 * defence opens fire), and the wall time of the whole night headless.
 */

const WINDOW_STEPS = 400;
/** Warm-up runs of the window before measuring: the JIT settles after a few (a room runs for hours). */
const WARMUP_RUNS = 3;

const inFlight = (sim: Simulation) => {
  const s = sim.summary();
  return s.threats_launched - s.threats_intercepted - s.threats_leaked - s.threats_crashed;
};

function startNight(): Simulation {
  const sim = createSimulation(benchScenario(), 1);
  for (const command of [...benchDefence(), ...benchRaid(), { type: "start-live", side: "white" } as const]) {
    const result = sim.apply(command);
    if (!result.ok) throw new Error(`bench setup rejected ${command.type}: ${result.path} ${result.message}`);
  }
  return sim;
}

interface Timed {
  wall: number[];
  cpu: number[];
  inFlight: number[];
}

/** Times each step (wall and CPU); counts what flies every 50 steps (counting allocates: kept rare). */
function timedSteps(sim: Simulation, steps: number): Timed {
  const timed: Timed = { wall: [], cpu: [], inFlight: [] };
  for (let i = 0; i < steps; i++) {
    const wall = nowMs();
    const cpu = cpuMs();
    sim.step();
    timed.cpu.push(cpuMs() - cpu);
    timed.wall.push(nowMs() - wall);
    if (i % 50 === 0 || i === steps - 1) timed.inFlight.push(inFlight(sim));
  }
  return timed;
}

function run(): BenchReport {
  const scenario = benchScenario();
  const sim = startNight();
  let firstFireSec = -1;
  while (firstFireSec < 0 && sim.phase === "live") {
    if (sim.step().some((e) => e.type === "fire")) firstFireSec = sim.clock;
  }
  const snapshot = sim.snapshot();
  const truth = sim.view("truth");
  const units = truth.units.filter((u) => u.kind !== "radar" && u.kind !== "acoustic").length;
  const sensors = truth.units.length - units;

  const measure = (bruteForceQueries: boolean) => {
    for (let run = 0; run < WARMUP_RUNS; run++) {
      timedSteps(restoreSimulation(scenario, snapshot, { bruteForceQueries }), WINDOW_STEPS);
    }
    return timedSteps(restoreSimulation(scenario, snapshot, { bruteForceQueries }), WINDOW_STEPS);
  };
  const grid = measure(false);
  const brute = measure(true);
  const gridCpu = stats(grid.cpu);
  const gridWall = stats(grid.wall);
  const bruteCpu = stats(brute.cpu);
  const bruteWall = stats(brute.wall);
  const ratio = bruteCpu.median / gridCpu.median;

  const nightWall = nowMs();
  const nightCpu = cpuMs();
  const night = startNight();
  let nightSteps = 0;
  while (night.phase === "live") {
    night.step();
    nightSteps++;
  }
  const nightCpuSec = (cpuMs() - nightCpu) / 1000;
  const nightWallSec = (nowMs() - nightWall) / 1000;
  const summary = night.summary();
  const flying = stats(grid.inFlight);
  const pair = (cpu: number, wall: number) => `${ms(cpu)} CPU   (${ms(wall)} wall)`;

  return {
    workload: [
      `${truth.tracks.length} threats in flight at the first shot (t = ${firstFireSec} s), ${units} defender units, ${sensors} sensors`,
      `${WINDOW_STEPS} steps of 0.5 s measured from there (restored from a snapshot) after ${WARMUP_RUNS} warm-up runs of the same steps; threats in flight during the window: ${Math.min(...grid.inFlight)}–${Math.max(...grid.inFlight)} (mean ${flying.mean.toFixed(0)})`,
      `whole night: ${summary.threats_launched} threats launched, ${summary.threats_intercepted} intercepted, ${summary.threats_leaked} leaked, ${summary.threats_crashed} crashed (decoys at their end included)`,
      "CPU time is the work itself; wall time also counts the slices a shared machine gives to other processes",
    ],
    figures: [
      ["step, grid: median", pair(gridCpu.median, gridWall.median)],
      ["step, grid: p99", pair(gridCpu.p99, gridWall.p99)],
      ["step, brute force: median", pair(bruteCpu.median, bruteWall.median)],
      ["step, brute force: p99", pair(bruteCpu.p99, bruteWall.p99)],
      ["brute force ÷ grid (median CPU)", `${ratio.toFixed(1)}×`],
      [
        "whole night",
        `${nightCpuSec.toFixed(2)} s CPU   (${nightWallSec.toFixed(2)} s wall) for ${nightSteps} steps, ${((nightSteps * 0.5) / 3600).toFixed(2)} h simulated`,
      ],
    ],
    targets: [
      { label: `p99 step ≤ 5 ms: ${ms(gridCpu.p99)} CPU (${ms(gridWall.p99)} wall)`, met: gridCpu.p99 <= 5 },
      { label: `≥ 10× faster than brute force: ${ratio.toFixed(1)}×`, met: ratio >= 10 },
      {
        label: `whole night ≤ 30 s: ${nightCpuSec.toFixed(2)} s CPU (${nightWallSec.toFixed(2)} s wall)`,
        met: nightCpuSec <= 30,
      },
    ],
  };
}

export const simBench: BenchModule = { name: "sim", run };
