import type { CompiledScenario, Ring } from "../../shared/compiled.js";
import {
  box,
  buildScenario,
  layerType,
  region,
  sensorType,
  threatType,
} from "../../test/support/scenario.js";

/**
 * A stylised theatre for the frame benchmark (no server needed): a defender with neighbours, an
 * attacker, a closed sea, a dozen cities and a grid; enough to exercise every backdrop layer.
 */

/** A wobbly ring so borders have real vertex counts (like Natural Earth outlines). */
function wobbly(cx: number, cy: number, rx: number, ry: number, points: number, seed: number): Ring {
  const ring: Ring = [];
  for (let i = 0; i < points; i++) {
    const a = (i / points) * Math.PI * 2;
    const r = 1 + 0.06 * Math.sin(a * 7 + seed) + 0.03 * Math.sin(a * 23 + seed * 2);
    ring.push([cx + Math.cos(a) * rx * r, cy + Math.sin(a) * ry * r]);
  }
  return ring;
}

export function syntheticScenario(): CompiledScenario {
  const cities = [
    ["capital", "Capital", 0, 0, 2_800_000],
    ["north", "Northport", -60, 140, 900_000],
    ["east", "Eastbridge", 170, 40, 1_200_000],
    ["west", "Westfield", -210, -30, 650_000],
    ["south", "Southharbour", 40, -150, 480_000],
    ["lake", "Lakeside", -120, 80, 210_000],
    ["river", "Rivergate", 90, 110, 330_000],
    ["hill", "Hilltown", -40, -90, 120_000],
    ["mill", "Millford", 210, -60, 150_000],
    ["fort", "Fortvale", -250, 120, 90_000],
    ["bay", "Baymouth", 130, -160, 260_000],
    ["oak", "Oakmere", -160, -140, 70_000],
  ] as const;
  const assets: CompiledScenario["assets"] = cities.map(([id, name, x, y, population]) => ({
    id,
    name,
    kind: "city",
    at: { x, y },
    hp: 20,
    valueUsd: population * 1000,
    population,
    footprintKm: 6,
  }));
  const plants: [string, number, number, "plant" | "substation"][] = [
    ["plant-a", -90, 20, "plant"],
    ["plant-b", 120, -20, "plant"],
    ["sub-1", 30, 60, "substation"],
    ["sub-2", -150, -60, "substation"],
    ["sub-3", 80, -100, "substation"],
  ];
  for (const [id, x, y, kind] of plants) {
    assets.push({ id, name: id, kind, at: { x, y }, hp: 10, valueUsd: 5e8, footprintKm: 2 });
  }
  const gridLinks: [string, string][] = [
    ["plant-a", "capital"],
    ["plant-a", "lake"],
    ["plant-a", "sub-2"],
    ["sub-2", "west"],
    ["sub-2", "oak"],
    ["plant-b", "sub-1"],
    ["sub-1", "capital"],
    ["sub-1", "river"],
    ["sub-1", "north"],
    ["plant-b", "east"],
    ["plant-b", "sub-3"],
    ["sub-3", "south"],
    ["sub-3", "bay"],
    ["plant-b", "mill"],
    ["lake", "fort"],
    ["capital", "hill"],
  ];
  return buildScenario({
    id: "bench",
    name: "Frame benchmark",
    description: "Synthetic theatre for the frame benchmark.",
    theatre: {
      extentKm: { x: 420, y: 260 },
      regions: [
        region("sea", "sea", box(-420, -260, 420, -200), { name: "Inner Sea", accessible: false }),
        region("home", "defender", wobbly(0, 0, 290, 190, 900, 1), { name: "Homeland" }),
        region(
          "foe",
          "attacker",
          [
            [300, -190],
            [420, -190],
            [420, 260],
            [260, 260],
            [330, 60],
          ],
          { name: "Eastern Power" },
        ),
        region("north-n", "neighbour", box(-420, 200, 260, 260), { name: "Northland", nation: "northland" }),
      ],
    },
    nations: [{ id: "northland", name: "Northland", roe: "own-airspace" }],
    assets,
    gridLinks,
    launchZones: [
      {
        id: "lz-east",
        name: "East launch",
        at: { x: 380, y: 40 },
        radiusKm: 25,
        threatTypes: ["drone", "decoy"],
      },
      {
        id: "lz-ne",
        name: "North-east launch",
        at: { x: 360, y: 200 },
        radiusKm: 20,
        threatTypes: ["cruise", "ballistic"],
      },
    ],
    catalogue: {
      threats: {
        drone: threatType({ name: "Loitering drone", class: "drone", accuracyKm: 0.1 }),
        decoy: threatType({
          name: "Decoy drone",
          class: "decoy",
          damage: 0,
          blastRadiusKm: 0,
          rangeKm: 800,
          costUsd: 10_000,
          accuracyKm: 0.1,
        }),
        cruise: threatType({
          name: "Cruise missile",
          class: "cruise",
          speedMps: 220,
          band: "very-low",
          altitudeM: 30,
          signature: 0.5,
          damage: 8,
          blastRadiusKm: 0.2,
          rangeKm: 2500,
          costUsd: 1_500_000,
          gnssGuided: false,
          accuracyKm: 0.05,
        }),
        ballistic: threatType({
          name: "Ballistic missile",
          class: "ballistic",
          speedMps: 2000,
          band: "high",
          altitudeM: 30_000,
          signature: 2,
          damage: 8,
          blastRadiusKm: 0.3,
          rangeKm: 500,
          costUsd: 3_000_000,
          gnssGuided: false,
          accuracyKm: 0.05,
        }),
      },
      layers: {
        "lr-sam": layerType({
          name: "Long-range SAM",
          reachKm: 100,
          reachVsBallisticKm: 30,
          engagesBands: ["very-low", "low", "high"],
          engagesClasses: ["drone", "decoy", "cruise", "ballistic"],
          magazine: 16,
          reloadSec: 1800,
          costPerShotUsd: 4e6,
          deployCostUsd: 5e7,
          interceptorSpeedMps: 1700,
          pk: { drone: 0.9, decoy: 0.9, cruise: 0.85, ballistic: 0.7 },
          shotIntervalSec: 4,
          sensor: "fc-radar",
        }),
        gun: layerType({
          name: "Gun",
          reachKm: 5,
          engagesClasses: ["drone", "decoy", "cruise"],
          magazine: 40,
          reloadSec: 600,
          costPerShotUsd: 5000,
          deployCostUsd: 2e6,
          interceptorSpeedMps: 1000,
          pk: { drone: 0.5, decoy: 0.5, cruise: 0.2, ballistic: 0 },
          mobile: true,
        }),
      },
      sensors: {
        "fc-radar": sensorType({
          name: "Fire-control radar",
          kind: "radar",
          heightM: 10,
          rangeKm: 150,
          identifySec: 30,
          deployCostUsd: 0,
        }),
        "lr-radar": sensorType({
          name: "Surveillance radar",
          kind: "radar",
          rangeKm: 300,
          identifySec: 60,
          deployCostUsd: 1e7,
        }),
      },
    },
    stocks: { "lr-sam": 32, gun: 400 },
    seats: { attacker: 1, defender: 1, ally: 0, instructor: 1, spectator: 50 },
    rounds: [
      {
        name: "Night",
        durationSec: 14_400,
        defenderBudgetUsd: 5e8,
        attackerBudgetUsd: 2e8,
        resupply: [],
        repairHp: 0,
      },
    ],
    escalation: {
      incidentWeight: 1,
      crashWeight: 1,
      debrisWeight: 0.5,
      outsideRoeWeight: 2,
      decayPerHour: 0,
      triggers: [],
    },
    scoring: { usdPerCasualty: 1e6, usdPerBlackoutPopulationHour: 10, usdPerEscalationPoint: 1e7 },
  });
}
