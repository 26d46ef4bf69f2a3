import type { CompiledScenario } from "../../shared/compiled.js";
import type { LayerType, ThreatType } from "../../shared/scenario.js";
import type { Command } from "../../sim/api.js";
import { box, buildScenario, layerType, region, sensorType, threatType } from "../support/scenario.js";

/**
 * The simulation benchmark's workload, built in code so that it does not move with the built-in
 * scenarios: a 1,000 × 800 km theatre, 20 defended cities, 200 defender units (10 per city across six
 * layers), 50 sensors (10 surveillance radars, 40 acoustic nodes), and 1,100 threats (drones with a
 * dog-leg, decoys, cruise missiles) launched from 10 zones within the first five minutes.
 */

export const CITY_COLUMNS = [-350, -225, -100, 25, 150];
export const CITY_ROWS = [-270, -90, 90, 270];
const ZONES = 10;

/** The workload's layers: deeper magazines, slower reloads and lower kill odds than the base theatre's. */
const shooter = (
  l: Partial<LayerType> & Pick<LayerType, "name" | "reachKm" | "interceptorSpeedMps">,
): LayerType =>
  layerType({
    magazine: 20,
    reloadSec: 600,
    pk: { drone: 0.7, decoy: 0.7, cruise: 0.6, ballistic: 0 },
    shotIntervalSec: 4,
    ...l,
  });

/** The workload's threats: wider blasts, longer range, coarser aim than the base theatre's. */
const threat = (t: Partial<ThreatType> & Pick<ThreatType, "name" | "class">): ThreatType =>
  threatType({
    blastRadiusKm: 0.1,
    rangeKm: 3000,
    gnssGuided: t.class !== "ballistic",
    accuracyKm: 0.5,
    ...t,
  });

const cities = CITY_COLUMNS.flatMap((x, i) => CITY_ROWS.map((y, j) => ({ id: `city-${i}-${j}`, x, y })));

export function benchScenario(): CompiledScenario {
  return buildScenario({
    id: "bench",
    name: "Benchmark theatre",
    description: "Synthetic theatre for the simulation benchmark",
    theatre: {
      extentKm: { x: 500, y: 400 },
      regions: [
        region("home", "defender", box(-500, -400, 300, 400), { name: "Home" }),
        region("enemy", "attacker", box(300, -400, 500, 400), { name: "Enemy" }),
      ],
    },
    assets: cities.map((c, k) => ({
      id: c.id,
      name: c.id,
      kind: "city" as const,
      at: { x: c.x, y: c.y },
      hp: 1000,
      valueUsd: (1 + (k % 5)) * 1e9,
      population: 200_000 * (1 + (k % 4)),
      footprintKm: 12,
    })),
    gridLinks: [],
    launchZones: Array.from({ length: ZONES }, (_, z) => ({
      id: `zone-${z}`,
      name: `Zone ${z}`,
      at: { x: 450, y: -360 + 80 * z },
      radiusKm: 20,
      threatTypes: ["drone", "decoy", "cruise"],
    })),
    catalogue: {
      threats: {
        drone: threat({
          name: "Drone",
          class: "drone",
          speedMps: 50,
          band: "low",
          altitudeM: 100,
          damage: 1,
          costUsd: 35_000,
        }),
        decoy: threat({
          name: "Decoy",
          class: "decoy",
          speedMps: 50,
          band: "low",
          altitudeM: 100,
          damage: 0,
          costUsd: 10_000,
        }),
        cruise: threat({
          name: "Cruise",
          class: "cruise",
          speedMps: 220,
          band: "very-low",
          altitudeM: 30,
          damage: 8,
          costUsd: 1_500_000,
        }),
        ballistic: threat({
          name: "Ballistic",
          class: "ballistic",
          speedMps: 2000,
          band: "high",
          altitudeM: 30_000,
          damage: 8,
          costUsd: 3e6,
        }),
      },
      layers: {
        sam: shooter({
          name: "Long-range SAM",
          reachKm: 100,
          reachVsBallisticKm: 30,
          engagesBands: ["very-low", "low", "high"],
          engagesClasses: ["drone", "cruise", "ballistic"],
          magazine: 16,
          costPerShotUsd: 4e6,
          interceptorSpeedMps: 1700,
        }),
        medium: shooter({
          name: "Medium SAM",
          reachKm: 40,
          magazine: 24,
          costPerShotUsd: 5e5,
          interceptorSpeedMps: 1000,
        }),
        point: shooter({
          name: "Point defence",
          reachKm: 15,
          costPerShotUsd: 5e4,
          interceptorSpeedMps: 700,
          footprintOnly: true,
        }),
        gun: shooter({
          name: "Gun",
          reachKm: 5,
          magazine: 40,
          costPerShotUsd: 5e3,
          interceptorSpeedMps: 1000,
          shotIntervalSec: 1,
        }),
        mobile: shooter({
          name: "Mobile fire group",
          reachKm: 2,
          engagesBands: ["low"],
          engagesClasses: ["drone"],
          magazine: null,
          costPerShotUsd: 1e3,
          interceptorSpeedMps: 800,
          mobile: true,
        }),
        "drone-team": shooter({
          name: "Interceptor drones",
          reachKm: 20,
          magazine: 30,
          costPerShotUsd: 3e3,
          interceptorSpeedMps: 80,
        }),
      },
      sensors: {
        radar: sensorType({ name: "Radar", kind: "radar", rangeKm: 350, identifySec: 20, deployCostUsd: 0 }),
        acoustic: sensorType({
          name: "Acoustic",
          kind: "acoustic",
          heightM: 2,
          rangeKm: 8,
          bands: ["low"],
          maxTargetSpeedMps: 80,
          identifySec: 60,
          deployCostUsd: 0,
        }),
      },
    },
    stocks: { sam: 200, medium: 400, point: 800, gun: 2000, "drone-team": 1000 },
    seats: { attacker: 1, defender: 1, ally: 0, instructor: 1, spectator: 0 },
    rounds: [
      {
        name: "Night",
        durationSec: 5 * 3600,
        defenderBudgetUsd: 1e12,
        attackerBudgetUsd: 1e12,
        resupply: [],
        repairHp: 0,
      },
    ],
    escalation: {
      incidentWeight: 1,
      crashWeight: 1,
      debrisWeight: 1,
      outsideRoeWeight: 1,
      decayPerHour: 0,
      triggers: [],
    },
  });
}

/** Ten units around each city (six layers) and fifty sensors: the defender's orders. */
export function benchDefence(): Command[] {
  const layers = ["sam", "medium", "point", "point", "gun", "gun", "gun", "mobile", "mobile", "drone-team"];
  const orders: Command[] = [];
  cities.forEach((city, c) => {
    layers.forEach((unitType, k) => {
      const angle = (2 * Math.PI * k) / layers.length;
      const radiusKm = unitType === "sam" ? 15 : 6;
      const at = { x: city.x + radiusKm * Math.cos(angle), y: city.y + radiusKm * Math.sin(angle) };
      orders.push({ type: "deploy", side: "defender", unitType, at, doctrine: { weapons: "tight" } });
    });
    orders.push({
      type: "deploy",
      side: "defender",
      unitType: "acoustic",
      at: { x: city.x + 25, y: city.y },
    });
    orders.push({
      type: "deploy",
      side: "defender",
      unitType: "acoustic",
      at: { x: city.x + 45, y: city.y + 10 * ((c % 3) - 1) },
    });
  });
  for (let r = 0; r < 10; r++) {
    orders.push({
      type: "deploy",
      side: "defender",
      unitType: "radar",
      at: { x: -250 + 200 * (r % 3), y: -300 + 70 * r },
    });
  }
  return orders;
}

/** 1,100 threats from ten zones within five minutes, spread over the cities, drones with a dog-leg. */
export function benchRaid(): Command[] {
  const orders: Command[] = [];
  for (let z = 0; z < ZONES; z++) {
    const salvos: [string, number][] = [
      ["drone", 30],
      ["drone", 30],
      ["drone", 30],
      ["decoy", 10],
      ["cruise", 10],
    ];
    salvos.forEach(([threatType, count], s) => {
      const target = cities[(z * 3 + s * 7) % cities.length];
      // A dog-leg of up to 60 km off the straight course near the border.
      const waypoints = threatType === "cruise" ? [] : [{ x: 330, y: -360 + 80 * z + 60 * ((s % 3) - 1) }];
      orders.push({
        type: "plan-salvo",
        side: "attacker",
        zone: `zone-${z}`,
        threatType,
        count,
        launchAtSec: 3 * z + s,
        intervalSec: 10,
        target: target.id,
        waypoints,
      });
    });
  }
  return orders;
}
