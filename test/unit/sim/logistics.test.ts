import { describe, expect, it } from "vitest";
import type { SimEvent } from "../../../sim/api.js";
import { createSimulation } from "../../../sim/index.js";
import { buildScenario } from "../../support/scenario.js";
import { applyAll, deploy, ofType, runLive, salvo, WHITE } from "./helpers.js";

describe("magazines and reloads from the depot", () => {
  // SAM: magazine 4, reload 600 s, depot 8, pk 1. Twenty drones, one every 100 s, along y = 0.
  function play() {
    const sim = createSimulation(buildScenario(), 3);
    applyAll(sim, [
      deploy("sam", -100, 0, { id: "sam-1", doctrine: { weapons: "free" } }),
      salvo({ count: 20, intervalSec: 100 }),
      WHITE.startLive,
    ]);
    const statuses = new Set<string>();
    const stocks: number[] = [];
    const events: SimEvent[] = [];
    while (sim.phase === "live") {
      events.push(...sim.step());
      const view = sim.view("defender");
      statuses.add(view.units[0].status);
      stocks.push(view.stocks.sam);
    }
    return { sim, events, statuses, stocks };
  }

  it("empties the magazine, reloads after reloadSec from the depot, and stops when the depot is empty", () => {
    const { sim, events, statuses, stocks } = play();
    const fires = ofType(events, "fire");
    expect(fires).toHaveLength(4 + 8);
    expect(fires[4].t - fires[3].t).toBeGreaterThanOrEqual(600);
    expect(fires[8].t - fires[7].t).toBeGreaterThanOrEqual(600);
    expect(new Set(stocks)).toEqual(new Set([8, 4, 0]));
    expect(statuses).toEqual(new Set(["ready", "reloading", "empty"]));
    const view = sim.view("defender");
    expect(view.units[0]).toMatchObject({ status: "empty", magazine: 0 });
    expect(view.stocks.sam).toBe(0);
    expect(ofType(events, "impact").every((e) => e.leakReason === "out-of-stock")).toBe(true);
    expect(sim.summary().interceptors_left).toBe(0 + 40 + 4);
  });

  it("blames a leak on the reload, not on stock, while the depot still holds interceptors", () => {
    const scenario = buildScenario();
    scenario.catalogue.layers.sam.reloadSec = 20_000;
    const sim = createSimulation(scenario, 3);
    applyAll(sim, [
      deploy("sam", -100, 0, { doctrine: { weapons: "free" } }),
      salvo({ count: 8, intervalSec: 20 }),
      WHITE.startLive,
    ]);
    const impacts = ofType(runLive(sim), "impact");
    expect(impacts).toHaveLength(8 - 4);
    expect(impacts.every((e) => e.leakReason === "reloading")).toBe(true);
  });

  it("refills launchers from the depot between nights and from interceptors bought", () => {
    const { sim } = play();
    applyAll(sim, [WHITE.nextRound]);
    expect(sim.view("defender").units[0].magazine).toBe(0);
    applyAll(sim, [{ type: "buy-resupply", side: "defender", layer: "sam", count: 6 }]);
    const view = sim.view("defender");
    expect(view.units[0].magazine).toBe(4);
    expect(view.stocks.sam).toBe(2);
    expect(view.budgetUsd.defender).toBe(100_000_000 - 1_000_000 + 50_000_000 - 6 * 4_000_000);
  });
});

describe("relocation", () => {
  it("moves a unit at once in planning", () => {
    const sim = createSimulation(buildScenario(), 3);
    applyAll(sim, [deploy("sam", -100, 0, { id: "sam-1" })]);
    const [moved] = applyAll(sim, [
      { type: "relocate", side: "defender", unitId: "sam-1", to: { x: -120, y: 10 } },
    ]);
    expect(moved).toMatchObject({ type: "unit-moved", unitId: "sam-1", x: -120, y: 10 });
    expect(sim.view("defender").units[0]).toMatchObject({ x: -120, y: 10, status: "ready" });
  });

  it("moves a mobile unit during a live phase only after its relocation delay", () => {
    const sim = createSimulation(buildScenario(), 3);
    applyAll(sim, [deploy("mobile", -100, 0, { id: "mfg" }), salvo({ launchAtSec: 5000 }), WHITE.startLive]);
    applyAll(sim, [{ type: "relocate", side: "defender", unitId: "mfg", to: { x: -110, y: 5 } }]);
    const events: SimEvent[] = [];
    while (ofType(events, "unit-moved").length === 0) {
      expect(sim.view("defender").units[0]).toMatchObject({ x: -100, y: 0, status: "relocating" });
      events.push(...sim.step());
    }
    expect(ofType(events, "unit-moved")[0]).toMatchObject({ t: 300, x: -110, y: 5 });
    expect(sim.view("defender").units[0]).toMatchObject({ x: -110, y: 5, status: "ready" });
  });

  it("refuses to move a unit that is not mobile during a live phase", () => {
    const sim = createSimulation(buildScenario(), 3);
    applyAll(sim, [deploy("sam", -100, 0, { id: "sam-1" }), WHITE.startLive]);
    const result = sim.apply({ type: "relocate", side: "defender", unitId: "sam-1", to: { x: -110, y: 0 } });
    expect(result).toMatchObject({ ok: false, code: "not_allowed", path: "unitId" });
  });
});

describe("scheduled resupply", () => {
  it("delivers at the start of its round or arrivesAfterSec into the live phase", () => {
    const scenario = buildScenario();
    scenario.rounds[0].resupply = [
      { layer: "gun", count: 5, arrivesAfterSec: 0 },
      { layer: "sam", count: 3, arrivesAfterSec: 120 },
    ];
    const sim = createSimulation(scenario, 3);
    expect(sim.view("defender").stocks).toMatchObject({ gun: 4 + 5, sam: 8 });
    applyAll(sim, [WHITE.startLive]);
    const events = runLive(sim, 400);
    expect(ofType(events, "resupply")).toEqual([expect.objectContaining({ layer: "sam", count: 3, t: 120 })]);
    expect(sim.view("defender").stocks.sam).toBe(11);
  });
});
