import { describe, expect, it } from "vitest";
import type { CompiledScenario } from "../../../shared/compiled.js";
import { createSimulation } from "../../../sim/index.js";
import { buildScenario } from "../../support/scenario.js";
import { applyAll, ofType, runLive, salvo, stepN, WHITE } from "./helpers.js";

/**
 * Seeds change the night within the plan's intent: each salvo's launch time moves within the type's
 * `launchJitterSec`, each threat's waypoints within its `routeJitterKm`, and its detection ranges by up
 * to its `detectionSpread`. One seed, one night.
 */

const JITTER_SEC = 600;
const CORRIDOR_KM = 20;
const WAYPOINT = { x: 0, y: 80 };

function varied(): CompiledScenario {
  const scenario = buildScenario();
  Object.assign(scenario.catalogue.threats.drone, {
    launchJitterSec: JITTER_SEC,
    routeJitterKm: CORRIDOR_KM,
    detectionSpread: 0.3,
  });
  return scenario;
}

function night(seed: number) {
  const sim = createSimulation(varied(), seed);
  applyAll(sim, [salvo({ count: 5, launchAtSec: 1000, waypoints: [WAYPOINT] }), WHITE.startLive]);
  const launches = ofType(stepN(sim, 4000), "launch");
  const truth = sim.view("truth").tracks;
  return { sim, launches, truth };
}

describe("random draws that matter", () => {
  it("different seeds launch the same salvo at different times, all within the jitter", () => {
    const times = [1, 2, 3, 4, 5].map((seed) => night(seed).launches[0].t);
    expect(new Set(times).size).toBe(5);
    for (const t of times) {
      expect(t).toBeGreaterThanOrEqual(1000 - JITTER_SEC);
      expect(t).toBeLessThanOrEqual(1000 + JITTER_SEC);
    }
  });

  it("each threat flies to its own point within the planned corridor", () => {
    const { sim } = night(7);
    const world = (sim as unknown as { context: { world: { threats: { route: number[] }[] } } }).context
      .world;
    const turns = world.threats.map((t) => ({ x: t.route[0], y: t.route[1] }));
    expect(new Set(turns.map((p) => `${p.x},${p.y}`)).size).toBe(turns.length);
    for (const p of turns)
      expect(Math.hypot(p.x - WAYPOINT.x, p.y - WAYPOINT.y)).toBeLessThanOrEqual(CORRIDOR_KM);
  });

  it("the same seed plays the same night, to the last event", () => {
    const play = () => {
      const sim = createSimulation(varied(), 42);
      applyAll(sim, [salvo({ count: 5, waypoints: [WAYPOINT] }), WHITE.startLive]);
      return JSON.stringify(runLive(sim));
    };
    expect(play()).toBe(play());
  });

  it("a route planned at the edge of the range leaves room for the corridor", () => {
    // 262 km to the waypoint and 215 km on to the capital: 478 km, plus up to 40 km of corridor.
    const scenario = varied();
    scenario.catalogue.threats.drone.rangeKm = 500;
    const order = salvo({ waypoints: [WAYPOINT] });
    expect(createSimulation(scenario, 1).apply(order)).toMatchObject({ ok: false, path: "waypoints" });
    scenario.catalogue.threats.drone.routeJitterKm = 0;
    expect(createSimulation(scenario, 1).apply(order)).toMatchObject({ ok: true });
  });
});
