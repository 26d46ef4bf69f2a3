import { describe, expect, it } from "vitest";
import type { Command, Simulation } from "../../../sim/api.js";
import { createSimulation } from "../../../sim/index.js";
import { campaignWorld, droneDownLine, inject, NIGHT_SEC, stepUntil } from "./campaign-world.js";
import { applyAll, deploy, ofType, runLive, salvo, WHITE } from "./helpers.js";

/** The grid, casualties, resupply, budgets and injects of the campaign, inside the engine. */

describe("damage and the grid", () => {
  it("a substation loss blacks out exactly the cities it cut off; population-hours accumulate", () => {
    const scenario = campaignWorld();
    scenario.catalogue.threats.drone.damage = 10;
    const sim = createSimulation(scenario, 1);
    applyAll(sim, [salvo({ zone: "north", target: "s1" }), WHITE.startLive]);
    const events = runLive(sim);
    const [impact] = ofType(events, "impact");
    expect(impact.hits).toEqual([{ assetId: "s1", damage: 10 }]);
    expect(ofType(events, "asset-destroyed")).toMatchObject([{ assetId: "s1" }]);
    expect(ofType(events, "blackout").map((e) => [e.cityId, e.population, e.t])).toEqual([
      ["c1", 100_000, impact.t],
      ["c2", 50_000, impact.t],
    ]);
    const powered = Object.fromEntries(sim.view("defender").assets.map((a) => [a.id, a.powered]));
    expect(powered).toEqual({ p1: true, s1: true, s2: true, c1: false, c2: false, c3: true, c4: true });
    // The night ran to its end with 150,000 people in the dark since the impact.
    expect(sim.clock).toBe(NIGHT_SEC);
    const hours = (150_000 * (NIGHT_SEC - impact.t)) / 3600;
    expect(sim.summary().per_round[0].blackout_population_hours).toBeCloseTo(hours, 6);

    // Repairs between rounds bring the substation, and the power, back.
    const next = applyAll(sim, [WHITE.nextRound]);
    expect(ofType(next, "power-restored").map((e) => e.cityId)).toEqual(["c1", "c2"]);
    expect(sim.view("truth").assets.find((a) => a.id === "s1")?.hp).toBe(5);
    applyAll(sim, [WHITE.startLive]);
    runLive(sim);
    expect(sim.summary().per_round.map((r) => r.blackout_population_hours)).toEqual([expect.any(Number), 0]);
    expect(sim.summary().blackout_population_hours).toBeCloseTo(hours, 6);
  });

  it("impacts on cities cause casualties; a destroyed off-grid city blacks nothing out", () => {
    const scenario = campaignWorld();
    scenario.catalogue.threats.drone.damage = 10;
    const sim = createSimulation(scenario, 1);
    applyAll(sim, [salvo({ zone: "north", target: "c4" }), WHITE.startLive]);
    const events = runLive(sim);
    // perDamagePer100k 5 × damage 10 × 10,000 inhabitants / 100,000.
    expect(ofType(events, "impact")).toMatchObject([{ casualties: 5 }]);
    expect(ofType(events, "blackout")).toEqual([]);
    expect(sim.summary()).toMatchObject({ casualties: 5, blackout_population_hours: 0, damage: 10 });
  });
});

describe("economy and rounds", () => {
  it("scheduled resupply arrives when due; what is still on the road arrives between rounds", () => {
    const sim = createSimulation(campaignWorld(), 1);
    // Round 1: 4 SAM interceptors at once (already in the depot), 6 more 600 s into the night.
    expect(sim.view("defender").stocks.sam).toBe(14);
    applyAll(sim, [WHITE.startLive]);
    const events = stepUntil(sim, () => sim.clock >= 700);
    expect(ofType(events, "resupply")).toMatchObject([{ layer: "sam", count: 6, t: 600 }]);
    expect(sim.view("defender").stocks.sam).toBe(20);

    const early = createSimulation(campaignWorld(), 1);
    applyAll(early, [WHITE.startLive]);
    stepUntil(early, () => early.clock >= 100);
    expect(ofType(applyAll(early, [WHITE.endLive]), "resupply")).toMatchObject([{ count: 6, t: 100 }]);
    expect(early.view("defender").stocks.sam).toBe(20);
  });

  it("budgets carry over, may be spent to the last dollar, and never go negative, penalties included", () => {
    const scenario = campaignWorld();
    scenario.escalation.decayPerHour = 0;
    const sim = createSimulation(scenario, 1);
    const budgets = () => sim.view("truth").budgetUsd;
    const buy = (count: number): Command => ({ type: "buy-resupply", side: "defender", layer: "sam", count });
    // Defender $50M: 12 SAM interceptors at $4M, then the rest on two $1M SAM deployments.
    applyAll(sim, [buy(12), deploy("sam", -50, 0), deploy("sam", -60, 0)]);
    expect(sim.apply(buy(1))).toMatchObject({ ok: false, code: "over_budget", path: "count" });
    expect(sim.apply(deploy("sam", -70, 0))).toMatchObject({ ok: false, code: "over_budget" });
    // Attacker $10M: 285 drones at $35k, $25k left.
    applyAll(sim, [
      droneDownLine(150, { count: 10, intervalSec: 30 }),
      salvo({ zone: "north", count: 275, target: "c1" }),
    ]);
    expect(sim.apply(salvo({ zone: "north", target: "c1" }))).toMatchObject({
      ok: false,
      code: "over_budget",
    });
    expect(budgets()).toEqual({ defender: 0, attacker: 25_000 });
    applyAll(sim, [WHITE.startLive]);
    // Ten drones over eastland: escalation 8 fines the defender $1M it does not have.
    const events = stepUntil(sim, () => {
      if (sim.clock % 60 === 0)
        expect(Math.min(budgets().defender ?? -1, budgets().attacker ?? -1)).toBeGreaterThanOrEqual(0);
      return false;
    });
    expect(ofType(events, "trigger").map((t) => t.triggerId)).toContain("fine");
    expect(budgets().defender).toBe(0);
    expect((sim.snapshot().world as { economy: { penaltiesUsd: number } }).economy.penaltiesUsd).toBe(
      1_000_000,
    );
    // The next round's budget comes on top of what was left.
    applyAll(sim, [WHITE.nextRound]);
    expect(budgets()).toEqual({ defender: 20_000_000, attacker: 5_025_000 });
  });
});

/** Every path (a.b.c) at which two JSON values differ. */
function changedPaths(a: unknown, b: unknown, path = ""): string[] {
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null)
    return Object.is(a, b) ? [] : [path];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) =>
    changedPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`),
  );
}

describe("injects change what they say and nothing else", () => {
  function liveSim(): Simulation {
    const sim = createSimulation(campaignWorld(), 1);
    applyAll(sim, [
      deploy("radar", -50, 0, { id: "r1" }),
      deploy("ship", -150, 0, { id: "ship" }),
      salvo({ zone: "north", count: 3, target: "c1" }),
      WHITE.startLive,
    ]);
    stepUntil(sim, () => sim.clock >= 50);
    return sim;
  }

  const cases: [string, Command, string[]][] = [
    [
      "radar-outage of one radar",
      inject({ type: "radar-outage", unit: "r1", durationSec: 300 }),
      [".world.sensors.outageUntilSec.r1"],
    ],
    [
      "radar-outage of every defender sensor",
      inject({ type: "radar-outage", durationSec: 300 }),
      [".world.sensors.outageUntilSec.*"],
    ],
    ["resupply", inject({ type: "resupply", layer: "sam", count: 5 }), [".world.economy.stocks.sam"]],
    [
      "sea-access",
      inject({ type: "sea-access", region: "gulf", accessible: false }),
      [".world.seaAccess.gulf"],
    ],
    ["ally-roe", inject({ type: "ally-roe", nation: "est", roe: "buffer:20" }), [".world.roe.est"]],
    [
      "weather",
      inject({ type: "weather", sensorRangeFactor: 0.5, durationSec: 600 }),
      [".world.sensors.weather.factor", ".world.sensors.weather.untilSec"],
    ],
    [
      "a scheduled inject fired by hand",
      { type: "fire-inject", side: "white", injectId: "strait-opens" },
      [".world.seaAccess.strait", ".world.firedInjects.0"],
    ],
  ];

  it.each(cases)("%s", (_what, command, paths) => {
    const sim = liveSim();
    const before = sim.snapshot();
    const [event] = applyAll(sim, [command]).filter((e) => e.type === "inject");
    expect(event).toMatchObject({ type: "inject", t: 50 });
    expect(changedPaths(before, sim.snapshot())).toEqual(paths);
  });

  it("the MSEL's auto inject fires by itself at its time, once; the manual one waits", () => {
    const sim = liveSim();
    expect(ofType(runLive(sim), "inject")).toMatchObject([{ t: 100, title: "Fog rolls in" }]);
    expect(sim.view("truth").injects.map((i) => i.id)).toEqual(["strait-opens"]);
  });
});
