import type { CompiledScenario } from "../../../shared/compiled.js";
import type { PlacedUnit, PointKm } from "../../../shared/scenario.js";
import type { Command, SimEvent, Simulation } from "../../../sim/api.js";
import { buildScenario, sensorType, validScenario } from "../../support/scenario.js";
import { fixtureScenario } from "./campaign/fixture.js";

/**
 * The campaign fixture (campaign/fixture.ts) made playable by the engine: a radar type for both sides,
 * a launch zone in enemy land north-east of home, and shorter nights. Reminder of the map (km):
 *
 *   enemy (attacker)  x ∈ [-100, 300], y ∈ [100, 300]       zone "ne" at (150, 150)
 *   home (defender)   x ∈ [-100, 100], y ∈ [-100, 100]      assets on y = 0: p1 0, s1 10, s2 -10,
 *   eastland (est)    x ∈ [100, 300],  y ∈ [-100, 100]        c1 20, c2 30, c3 -20, c4 -30 (off-grid)
 *   gulf (sea, open)  x ∈ [-300, -100], y ∈ [-100, 100];  strait (sea, closed) above it
 *
 * Grid: p1 → s1 → {c1 100k, c2 50k}; p1 → s2 → c3 200k. Triggers: 3 incidents in est → its ROE becomes
 * buffer:20; escalation 8 → a $1M penalty; escalation 20 → the match ends, the defender losing.
 * The ally est-air (nation est, airspace eastland) has no units until a test gives it some.
 */

export const NIGHT_SEC = 8000;

export function campaignWorld(): CompiledScenario {
  const scenario = fixtureScenario();
  const { layers } = scenario.catalogue;
  return buildScenario({
    ...scenario,
    catalogue: {
      ...scenario.catalogue,
      layers: { ...layers, fighter: { ...layers.fighter, timeOnStationSec: 1800 } },
      sensors: { radar: sensorType({ name: "Radar", kind: "radar", rangeKm: 300, deployCostUsd: 0 }) },
    },
    launchZones: [
      ...scenario.launchZones,
      { id: "ne", name: "North-east", at: { x: 150, y: 150 }, radiusKm: 0.001, threatTypes: ["drone"] },
    ],
    rounds: scenario.rounds.map((round) => ({ ...round, durationSec: NIGHT_SEC })),
  });
}

/** Give the ally est-air these units (a SAM and a radar by default, at (120, -50) in eastland). */
export function withAllyUnits(
  scenario: CompiledScenario,
  units: PlacedUnit[] = [
    { id: "est-sam", type: "sam", at: { x: 120, y: -50 }, known: false, doctrine: { weapons: "free" } },
    { id: "est-radar", type: "radar", at: { x: 120, y: -50 }, known: false },
  ],
): CompiledScenario {
  scenario.allies[0].units = units.map((u) => ({ ...u, at: { ...(u.at as PointKm) } }));
  return validScenario(scenario);
}

/** Drones from zone "ne" flying south along x = lineX (from y = 140 to -60), then to city c1. */
export const droneDownLine = (
  lineX: number,
  extra: Partial<Extract<Command, { type: "plan-salvo" }>> = {},
): Command => ({
  type: "plan-salvo",
  side: "attacker",
  zone: "ne",
  threatType: "drone",
  count: 1,
  launchAtSec: 0,
  intervalSec: 60,
  target: "c1",
  waypoints: [
    { x: lineX, y: 140 },
    { x: lineX, y: -60 },
  ],
  ...extra,
});

export const inject = (body: Extract<Command, { type: "inject" }>["inject"]): Command => ({
  type: "inject",
  side: "white",
  inject: body,
});

/** Step until `until` says stop or the phase leaves live, collecting the events. */
export function stepUntil(sim: Simulation, until: (events: SimEvent[]) => boolean): SimEvent[] {
  const events: SimEvent[] = [];
  while (sim.phase === "live" && !until(events)) events.push(...sim.step());
  return events;
}
