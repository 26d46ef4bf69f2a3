import type { CompiledRegion, CompiledScenario, Ring } from "../../shared/compiled.js";

/**
 * A stylised theatre for the frame benchmark (no server needed): a defender with neighbours, an
 * attacker, a closed sea, a dozen cities and a grid; enough to exercise every backdrop layer.
 */
function region(
  id: string,
  name: string,
  owner: CompiledRegion["owner"],
  ring: Ring,
  extra: Partial<CompiledRegion> = {},
): CompiledRegion {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return {
    id,
    name,
    owner,
    polygons: [ring],
    bbox: { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) },
    ...extra,
  };
}

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
  return {
    id: "bench",
    name: "Frame benchmark",
    description: "Synthetic theatre for the frame benchmark.",
    theatre: {
      extentKm: { x: 420, y: 260 },
      regions: [
        region(
          "sea",
          "Inner Sea",
          "sea",
          [
            [-420, -260],
            [420, -260],
            [420, -200],
            [-420, -200],
          ],
          { accessible: false },
        ),
        region("home", "Homeland", "defender", wobbly(0, 0, 290, 190, 900, 1)),
        region("foe", "Eastern Power", "attacker", [
          [300, -190],
          [420, -190],
          [420, 260],
          [260, 260],
          [330, 60],
        ]),
        region(
          "north-n",
          "Northland",
          "neighbour",
          [
            [-420, 200],
            [260, 200],
            [260, 260],
            [-420, 260],
          ],
          { nation: "northland" },
        ),
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
        drone: {
          name: "Loitering drone",
          class: "drone",
          speedMps: 50,
          band: "low",
          altitudeM: 100,
          signature: 1,
          damage: 1,
          blastRadiusKm: 0.05,
          rangeKm: 2000,
          costUsd: 35_000,
          gnssGuided: true,
          accuracyKm: 0.1,
        },
        decoy: {
          name: "Decoy drone",
          class: "decoy",
          speedMps: 50,
          band: "low",
          altitudeM: 100,
          signature: 1,
          damage: 0,
          blastRadiusKm: 0,
          rangeKm: 800,
          costUsd: 10_000,
          gnssGuided: true,
          accuracyKm: 0.1,
        },
        cruise: {
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
        },
        ballistic: {
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
        },
      },
      layers: {
        "lr-sam": {
          name: "Long-range SAM",
          role: "shooter",
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
          mobile: false,
          relocateDelaySec: 600,
          footprintOnly: false,
          seaOnly: false,
        },
        gun: {
          name: "Gun",
          role: "shooter",
          reachKm: 5,
          engagesBands: ["very-low", "low"],
          engagesClasses: ["drone", "decoy", "cruise"],
          magazine: 40,
          reloadSec: 600,
          costPerShotUsd: 5000,
          deployCostUsd: 2e6,
          interceptorSpeedMps: 1000,
          pk: { drone: 0.5, decoy: 0.5, cruise: 0.2, ballistic: 0 },
          shotIntervalSec: 2,
          mobile: true,
          relocateDelaySec: 600,
          footprintOnly: false,
          seaOnly: false,
        },
      },
      sensors: {
        "fc-radar": {
          name: "Fire-control radar",
          kind: "radar",
          heightM: 10,
          rangeKm: 150,
          bands: ["very-low", "low", "high"],
          identifySec: 30,
          deployCostUsd: 0,
        },
        "lr-radar": {
          name: "Surveillance radar",
          kind: "radar",
          heightM: 30,
          rangeKm: 300,
          bands: ["very-low", "low", "high"],
          identifySec: 60,
          deployCostUsd: 1e7,
        },
      },
    },
    fixedUnits: [],
    allies: [],
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
    msel: [],
    escalation: {
      incidentWeight: 1,
      crashWeight: 1,
      debrisWeight: 0.5,
      outsideRoeWeight: 2,
      decayPerHour: 0,
      triggers: [],
    },
    scoring: { usdPerCasualty: 1e6, usdPerBlackoutPopulationHour: 10, usdPerEscalationPoint: 1e7 },
    casualties: { perDamagePer100k: 5 },
  };
}
