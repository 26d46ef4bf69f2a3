import type { CompiledRegion, CompiledScenario, Ring } from "../../../shared/compiled.js";
import type { LayerType, SensorType, ThreatType } from "../../../shared/scenario.js";

/**
 * A small stylised theatre built in code, independent of the built-in scenario files:
 *
 *   x: -300 … 300 km, y: -200 … 200 km
 *   defender land  x < 100 (y > -150);  attacker land x ≥ 100;  sea "south" y < -150 (x < 100)
 *   city "capital" at (-200, 0), plant "plant" at (-150, 60); launch zone "east" at (250, 0).
 *
 * Catalogue numbers follow docs/design.md §2 where they exist, rounded so that tests can reason exactly.
 */

function box(
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
): { polygons: Ring[]; bbox: CompiledRegion["bbox"] } {
  return {
    polygons: [
      [
        [minX, minY],
        [maxX, minY],
        [maxX, maxY],
        [minX, maxY],
      ],
    ],
    bbox: { minX, minY, maxX, maxY },
  };
}

const threat = (t: Partial<ThreatType> & Pick<ThreatType, "name" | "class">): ThreatType => ({
  speedMps: 50,
  band: "low",
  altitudeM: 100,
  signature: 1,
  damage: 1,
  blastRadiusKm: 0.05,
  rangeKm: 2000,
  costUsd: 35_000,
  gnssGuided: true,
  accuracyKm: 0,
  ...t,
});

const layer = (
  l: Partial<LayerType> & Pick<LayerType, "name" | "reachKm" | "interceptorSpeedMps">,
): LayerType => ({
  role: "shooter",
  engagesBands: ["very-low", "low"],
  engagesClasses: ["drone", "cruise"],
  magazine: 10,
  reloadSec: 300,
  costPerShotUsd: 100_000,
  deployCostUsd: 1_000_000,
  pk: { drone: 1, decoy: 1, cruise: 1, ballistic: 1 },
  shotIntervalSec: 2,
  mobile: false,
  relocateDelaySec: 600,
  footprintOnly: false,
  seaOnly: false,
  ...l,
});

const sensor = (s: Partial<SensorType> & Pick<SensorType, "name" | "kind" | "rangeKm">): SensorType => ({
  heightM: 30,
  bands: ["very-low", "low", "high"],
  identifySec: 10,
  deployCostUsd: 500_000,
  ...s,
});

export function fixtureScenario(): CompiledScenario {
  return {
    id: "fixture",
    name: "Fixture",
    description: "Unit-test theatre",
    theatre: {
      extentKm: { x: 300, y: 200 },
      regions: [
        { id: "home", name: "Home", owner: "defender", ...box(-300, -150, 100, 200) },
        { id: "east", name: "East", owner: "attacker", ...box(100, -200, 300, 200) },
        { id: "south", name: "South Sea", owner: "sea", accessible: true, ...box(-300, -200, 100, -150) },
      ],
    },
    nations: [],
    assets: [
      {
        id: "capital",
        name: "Capital",
        kind: "city",
        at: { x: -200, y: 0 },
        hp: 100,
        valueUsd: 10_000_000_000,
        population: 1_000_000,
        footprintKm: 10,
      },
      {
        id: "plant",
        name: "Plant",
        kind: "plant",
        at: { x: -150, y: 60 },
        hp: 20,
        valueUsd: 500_000_000,
        footprintKm: 3,
      },
    ],
    gridLinks: [["plant", "capital"]],
    launchZones: [
      {
        id: "east",
        name: "East zone",
        at: { x: 250, y: 0 },
        radiusKm: 0.001,
        threatTypes: ["drone", "decoy", "cruise", "ballistic"],
      },
      { id: "north", name: "North zone", at: { x: 250, y: 150 }, radiusKm: 5, threatTypes: ["drone"] },
    ],
    catalogue: {
      threats: {
        drone: threat({ name: "Drone", class: "drone" }),
        decoy: threat({ name: "Decoy", class: "decoy", damage: 0, costUsd: 10_000 }),
        cruise: threat({
          name: "Cruise",
          class: "cruise",
          speedMps: 200,
          band: "very-low",
          altitudeM: 25,
          signature: 0.5,
          damage: 8,
          costUsd: 1_500_000,
        }),
        ballistic: threat({
          name: "Ballistic",
          class: "ballistic",
          speedMps: 2000,
          band: "high",
          altitudeM: 20_000,
          damage: 8,
          rangeKm: 600,
          costUsd: 3_000_000,
          gnssGuided: false,
        }),
      },
      layers: {
        sam: layer({
          name: "Long-range SAM",
          reachKm: 100,
          reachVsBallisticKm: 30,
          engagesBands: ["very-low", "low", "high"],
          engagesClasses: ["drone", "cruise", "ballistic"],
          magazine: 4,
          reloadSec: 600,
          costPerShotUsd: 4_000_000,
          interceptorSpeedMps: 1500,
          sensor: "fire-control",
        }),
        point: layer({
          name: "Point defence",
          reachKm: 15,
          magazine: 20,
          costPerShotUsd: 50_000,
          interceptorSpeedMps: 700,
          footprintOnly: true,
        }),
        gun: layer({
          name: "Gun",
          reachKm: 5,
          magazine: 2,
          reloadSec: 60,
          costPerShotUsd: 5_000,
          interceptorSpeedMps: 1000,
          shotIntervalSec: 1,
          pk: { drone: 0.5, decoy: 0.5, cruise: 0.3, ballistic: 0 },
        }),
        mobile: layer({
          name: "Mobile fire group",
          reachKm: 2,
          engagesBands: ["low"],
          engagesClasses: ["drone"],
          magazine: null,
          costPerShotUsd: 1_000,
          deployCostUsd: 100_000,
          interceptorSpeedMps: 800,
          mobile: true,
          relocateDelaySec: 300,
        }),
        ship: layer({
          name: "BMD ship",
          reachKm: 150,
          reachVsBallisticKm: 150,
          engagesBands: ["very-low", "low", "high"],
          engagesClasses: ["drone", "cruise", "ballistic"],
          magazine: 32,
          interceptorSpeedMps: 1500,
          seaOnly: true,
        }),
      },
      sensors: {
        radar: sensor({
          name: "Surveillance radar",
          kind: "radar",
          heightM: 30,
          rangeKm: 300,
          identifySec: 20,
        }),
        "fire-control": sensor({
          name: "Fire-control radar",
          kind: "radar",
          heightM: 10,
          rangeKm: 150,
          identifySec: 10,
        }),
        acoustic: sensor({
          name: "Acoustic node",
          kind: "acoustic",
          heightM: 2,
          rangeKm: 8,
          bands: ["low"],
          maxTargetSpeedMps: 80,
          identifySec: 60,
          deployCostUsd: 10_000,
        }),
        aew: sensor({ name: "AEW", kind: "aew", heightM: 9000, rangeKm: 400, identifySec: 30 }),
      },
    },
    fixedUnits: [],
    allies: [],
    stocks: { sam: 8, point: 40, gun: 4 },
    seats: { attacker: 1, defender: 1, ally: 0, instructor: 1, spectator: 10 },
    rounds: [
      {
        name: "Night 1",
        durationSec: 10_800,
        defenderBudgetUsd: 100_000_000,
        attackerBudgetUsd: 50_000_000,
        resupply: [],
        repairHp: 0,
      },
      {
        name: "Night 2",
        durationSec: 10_800,
        defenderBudgetUsd: 50_000_000,
        attackerBudgetUsd: 50_000_000,
        resupply: [],
        repairHp: 0,
      },
    ],
    msel: [],
    escalation: {
      incidentWeight: 1,
      crashWeight: 1,
      debrisWeight: 1,
      outsideRoeWeight: 2,
      decayPerHour: 0,
      triggers: [],
    },
    scoring: {
      usdPerCasualty: 1_000_000,
      usdPerBlackoutPopulationHour: 10,
      usdPerEscalationPoint: 1_000_000,
    },
    casualties: { perDamagePer100k: 5 },
  };
}

/** The fixture with an allied navy in the south sea: a ship and its radar, ROE own airspace. */
export function fixtureWithAlly(): CompiledScenario {
  const scenario = fixtureScenario();
  scenario.nations = [{ id: "navy-nation", name: "Navy nation", roe: "own-airspace" }];
  scenario.allies = [
    {
      id: "navy",
      name: "Allied navy",
      nation: "navy-nation",
      airspace: ["south"],
      units: [
        { id: "ship-1", type: "ship", at: { x: -100, y: -175 }, known: false, doctrine: { weapons: "free" } },
        { id: "ship-radar", type: "aew", at: { x: -100, y: -170 }, known: false },
      ],
    },
  ];
  return scenario;
}
