import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Command, Simulation } from "../../../sim/api.js";
import { createSimulation } from "../../../sim/index.js";
import { scenarioWithAlly } from "../../support/scenario.js";
import { WHITE } from "./helpers.js";

/**
 * Properties over random matches on the fixture: random deployments, doctrines, salvos (with
 * waypoints), injects and seeds. Whatever the orders (legal or not), at every checkpoint:
 * no NaN or infinity anywhere in any view or the snapshot; every threat launched is intercepted,
 * leaked, crashed or still in flight; stocks, magazines and budgets never go negative.
 */

const point = fc.record({
  x: fc.double({ min: -299, max: 299, noNaN: true }),
  y: fc.double({ min: -199, max: 199, noNaN: true }),
});

const deployment = fc.record({
  unitType: fc.constantFrom("sam", "point", "gun", "mobile", "ship", "radar", "acoustic", "aew"),
  at: point,
  doctrine: fc.record({
    weapons: fc.constantFrom("hold", "tight", "free"),
    fire: fc.constantFrom("salvo", "shoot-look-shoot"),
    salvoSize: fc.integer({ min: 1, max: 4 }),
    footprintOnly: fc.boolean(),
  }),
});

const salvoOrder = fc.record({
  zone: fc.constantFrom("east", "north"),
  threatType: fc.constantFrom("drone", "decoy", "cruise", "ballistic"),
  count: fc.integer({ min: 1, max: 15 }),
  launchAtSec: fc.integer({ min: 0, max: 1500 }),
  intervalSec: fc.integer({ min: 0, max: 60 }),
  target: fc.constantFrom("capital", "plant"),
  waypoints: fc.array(point, { maxLength: 2 }),
});

const inject = fc.constantFrom<Command>(
  { type: "inject", side: "white", inject: { type: "radar-outage", durationSec: 300 } },
  { type: "inject", side: "white", inject: { type: "weather", sensorRangeFactor: 0.4, durationSec: 900 } },
  { type: "inject", side: "white", inject: { type: "resupply", layer: "gun", count: 3 } },
  { type: "relocate", side: "defender", unitId: "u-1", to: { x: -50, y: 20 } },
  { type: "set-doctrine", side: "defender", unitId: "all", doctrine: { weapons: "free" } },
);

const match = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  deployments: fc.array(deployment, { maxLength: 8 }),
  salvos: fc.array(salvoOrder, { minLength: 1, maxLength: 5 }),
  liveOrders: fc.array(inject, { maxLength: 3 }),
});

function nonFinitePaths(value: unknown, path = "$", out: string[] = []): string[] {
  if (typeof value === "number" && !Number.isFinite(value)) out.push(path);
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) nonFinitePaths(value[i], `${path}[${i}]`, out);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) nonFinitePaths(v, `${path}.${k}`, out);
  }
  return out;
}

function checkInvariants(sim: Simulation): void {
  const views = (["truth", "attacker", "defender", "ally"] as const).map((p) => sim.view(p));
  expect(nonFinitePaths({ views, snapshot: sim.snapshot(), summary: sim.summary() })).toEqual([]);
  const truth = views[0];
  const s = sim.summary();
  const flying = (cls: string) =>
    sim.phase === "live" ? truth.tracks.filter((t) => t.threatClass === cls).length : 0;
  for (const [cls, c] of Object.entries(s.by_class))
    expect(c.launched, cls).toBe(c.intercepted + c.leaked + c.crashed + flying(cls));
  const real = (key: "launched" | "intercepted" | "leaked" | "crashed") =>
    s.by_class.drone[key] + s.by_class.cruise[key] + s.by_class.ballistic[key];
  expect([s.threats_launched, s.threats_intercepted, s.threats_leaked, s.threats_crashed]).toEqual([
    real("launched"),
    real("intercepted"),
    real("leaked"),
    real("crashed"),
  ]);
  expect(s.decoys_launched).toBe(s.by_class.decoy.launched);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const layers = Object.values(s.layers);
  expect(sum(layers.map((l) => l.spend_usd))).toBeCloseTo(s.defender_spend_usd, 3);
  expect(sum(layers.map((l) => l.kills))).toBe(sum(Object.values(s.intercepted_by)));
  expect(sum(Object.values(s.intercepted_by))).toBe(real("intercepted") + s.by_class.decoy.intercepted);
  expect(sum(Object.values(s.incidents_by_nation))).toBe(s.incidents);
  expect(sum(s.per_round.map((r) => r.decoy_spend_usd))).toBeCloseTo(s.decoy_spend_usd, 3);
  for (const count of Object.values(truth.stocks)) expect(count).toBeGreaterThanOrEqual(0);
  for (const unit of truth.units) expect(unit.magazine).toBeGreaterThanOrEqual(-1);
  expect(truth.budgetUsd.attacker).toBeGreaterThanOrEqual(0);
  expect(truth.budgetUsd.defender).toBeGreaterThanOrEqual(0);
}

describe("properties of random matches", () => {
  it("no NaN anywhere; every class launched = intercepted + leaked + crashed + in flight; the breakdowns add up; nothing goes negative", () => {
    const scenario = scenarioWithAlly();
    for (const round of scenario.rounds) round.durationSec = 1800;
    const seen = { launched: 0, intercepted: 0, leaked: 0, crashed: 0 };
    fc.assert(
      fc.property(match, ({ seed, deployments, salvos, liveOrders }) => {
        const sim = createSimulation(scenario, seed);
        for (let round = 1; round <= 2; round++) {
          for (const d of deployments) sim.apply({ type: "deploy", side: "defender", ...d });
          for (const s of salvos) sim.apply({ type: "plan-salvo", side: "attacker", ...s });
          sim.apply(WHITE.startLive);
          for (let step = 1; step <= 4000 && sim.phase === "live"; step++) {
            sim.step();
            if (step % 500 === 0) {
              for (const order of liveOrders) sim.apply(order);
              checkInvariants(sim);
            }
          }
          if (sim.phase === "live") sim.apply(WHITE.endLive);
          checkInvariants(sim);
          sim.apply(WHITE.nextRound);
        }
        expect(sim.phase).toBe("ended");
        checkInvariants(sim);
        const summary = sim.summary();
        seen.launched += summary.threats_launched;
        seen.intercepted += summary.threats_intercepted;
        seen.leaked += summary.threats_leaked;
        seen.crashed += summary.threats_crashed;
      }),
      // A fixed seed keeps CI reproducible (a random seed now and then drew 25 matches in which one of
      // the four outcomes never happened, failing the "really fought" check below); change it to explore.
      { numRuns: 25, seed: 7 },
    );
    // The random matches really fought: threats flew, were shot down, hit and came down.
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(0);
  });
});
