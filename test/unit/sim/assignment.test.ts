import { describe, expect, it } from "vitest";
import type { CompiledScenario } from "../../../shared/compiled.js";
import type { SimEvent } from "../../../sim/api.js";
import { LAST_RESORT_SEC } from "../../../sim/doctrine.js";
import { createSimulation } from "../../../sim/index.js";
import { buildScenario, scenarioWithAlly } from "../../support/scenario.js";
import { applyAll, deploy, ofType, runLive, salvo, WHITE } from "./helpers.js";

/**
 * Weapon-target assignment, one rule per test. Drones fly from (250, 0) along y = 0 at 50 m/s to the
 * capital at (-200, 0), whose defended footprint (10 km) they enter at x = -190, 8,800 s after launch. A
 * surveillance radar at (-120, 0) keeps them in track; the long-range SAM ($4M a shot) stands at
 * (-150, 0) with 100 km of reach, the gun ($5k) wherever the test puts it.
 */

const FOOTPRINT_ENTRY_SEC = 440_000 / 50;

function play(orders: Parameters<typeof applyAll>[1], adjust?: (s: CompiledScenario) => void) {
  const scenario = buildScenario();
  scenario.catalogue.layers.gun.pk = { drone: 1, decoy: 1, cruise: 1, ballistic: 0 };
  adjust?.(scenario);
  const sim = createSimulation(scenario, 5);
  applyAll(sim, [deploy("radar", -120, 0), ...orders, WHITE.startLive]);
  return { sim, events: runLive(sim) };
}

const firesOf = (events: SimEvent[], unitId: string) =>
  ofType(events, "fire").filter((f) => f.unitId === unitId);

describe("the cheapest able layer", () => {
  it("takes the threat; a dearer unit holds while the cheaper one lies ahead on the course", () => {
    const { events } = play([
      deploy("sam", -150, 0, { id: "sam-1", doctrine: { weapons: "free" } }),
      deploy("gun", -170, 0, { id: "gun-1", doctrine: { weapons: "free" } }),
      salvo(),
    ]);
    expect(firesOf(events, "gun-1")).toHaveLength(1);
    expect(firesOf(events, "sam-1")).toHaveLength(0);
    expect(ofType(events, "intercept")[0].unitId).toBe("gun-1");
  });

  it("the dearer unit fires as soon as it can when nothing cheaper stands ahead", () => {
    const { events } = play([
      deploy("sam", -150, 0, { id: "sam-1", doctrine: { weapons: "free" } }),
      salvo(),
    ]);
    const [first] = firesOf(events, "sam-1");
    // In reach well before the footprint: at about x = -50, i.e. 6,000 s into the flight.
    expect(first.t).toBeLessThan(FOOTPRINT_ENTRY_SEC - 1000);
  });
});

describe("reserve", () => {
  const reserved = { weapons: "free" as const, reserve: ["ballistic" as const, "cruise" as const] };

  it("a long-range SAM kept for missiles lets a drone pass until it is about to hit, then fires", () => {
    const { events } = play([deploy("sam", -150, 0, { id: "sam-1", doctrine: reserved }), salvo()]);
    const [first] = firesOf(events, "sam-1");
    expect(first.t).toBeGreaterThanOrEqual(FOOTPRINT_ENTRY_SEC - LAST_RESORT_SEC - 1);
  });

  it("never fires at the drone when a cheaper unit can still take it", () => {
    const { events } = play([
      deploy("sam", -150, 0, { id: "sam-1", doctrine: reserved }),
      deploy("gun", -195, 0, { id: "gun-1", doctrine: { weapons: "free" } }),
      salvo(),
    ]);
    expect(firesOf(events, "sam-1")).toHaveLength(0);
    expect(ofType(events, "intercept")[0].unitId).toBe("gun-1");
  });

  it("fires at a reserved class as soon as it is in reach", () => {
    const { events } = play([
      deploy("sam", -150, 0, { id: "sam-1", doctrine: reserved }),
      salvo({ threatType: "cruise" }),
    ]);
    const [first] = firesOf(events, "sam-1");
    const [launch] = ofType(events, "launch");
    // 450 km at 200 m/s: the footprint is 2,200 s away; the SAM fires long before.
    expect(first.t - launch.t).toBeLessThan(2000);
  });
});

describe("shared engagements", () => {
  it("the coalition never has two interceptors from different units in flight at one threat", () => {
    const scenario = scenarioWithAlly();
    // An allied battery beside the defender's: twins, so neither hands a threat off to the other.
    scenario.allies[0].airspace.push("home");
    scenario.allies[0].units = [
      { id: "ally-sam", type: "sam", at: { x: -150, y: 10 }, known: false, doctrine: { weapons: "free" } },
      { id: "ally-radar", type: "radar", at: { x: -120, y: 10 }, known: false },
    ];
    scenario.catalogue.layers.sam.pk = { drone: 0.2, decoy: 0.2, cruise: 0.2, ballistic: 0.2 };
    scenario.catalogue.layers.sam.magazine = 40;
    const sim = createSimulation(scenario, 7);
    applyAll(sim, [
      deploy("sam", -150, -10, { doctrine: { weapons: "free", fire: "shoot-look-shoot" } }),
      deploy("radar", -120, -10),
      salvo({ count: 3, intervalSec: 60 }),
      WHITE.startLive,
    ]);
    const events = runLive(sim);
    const inFlight = new Map<string, string>();
    const targetOf = new Map<string, string>();
    let doubled = 0;
    for (const e of events) {
      if (e.type === "fire") {
        const other = inFlight.get(e.threatId);
        if (other && other !== e.unitId) doubled++;
        inFlight.set(e.threatId, e.unitId);
        targetOf.set(e.interceptorId, e.threatId);
      } else if (e.type === "miss" || e.type === "intercept") inFlight.delete(targetOf.get(e.interceptorId)!);
    }
    expect(new Set(ofType(events, "fire").map((f) => f.unitId)).size).toBe(2);
    expect(doubled).toBe(0);
  });
});
