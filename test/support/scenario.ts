import { z } from "zod";
import type { CompiledRegion, CompiledScenario, Ring } from "../../shared/compiled.js";
import {
  type Catalogue,
  type LayerType,
  type RegionOwner,
  Scenario,
  type SensorType,
  type ThreatType,
  type Trigger,
} from "../../shared/scenario.js";

/**
 * The one builder for every hand-built scenario of the tests and benches: a valid base theatre plus typed
 * overrides, checked against the scenario file schema (shared/scenario.ts) so that no fixture can drift
 * from the contract the loader enforces on real files. The base theatre (the sim unit tests' own):
 *
 *   x: -300 … 300 km, y: -200 … 200 km
 *   defender land  x < 100 (y > -150);  attacker land x ≥ 100;  sea "south" y < -150 (x < 100)
 *   city "capital" at (-200, 0), plant "plant" at (-150, 60); launch zone "east" at (250, 0).
 *
 * Catalogue numbers follow docs/design.md §2 where they exist, rounded so that tests can reason exactly.
 */

/** Top-level fields replace the base's; the catalogue is replaced section by section. */
export type ScenarioOverrides = Partial<Omit<CompiledScenario, "catalogue">> & {
  catalogue?: Partial<Catalogue>;
};

export function buildScenario(overrides: ScenarioOverrides = {}): CompiledScenario {
  const base = baseScenario();
  return validScenario({ ...base, ...overrides, catalogue: { ...base.catalogue, ...overrides.catalogue } });
}

/** The scenario itself if it passes the file schema (outlines read as km polygons); throws otherwise. */
export function validScenario(scenario: CompiledScenario): CompiledScenario {
  const asFile = {
    ...scenario,
    theatre: {
      ...scenario.theatre,
      regions: scenario.theatre.regions.map(({ id, name, owner, nation, accessible, polygons }) => ({
        id,
        name,
        owner,
        nation,
        accessible,
        geometry: { km: polygons.map((ring) => ring.map(([x, y]) => ({ x, y }))) },
      })),
    },
  };
  const parsed = Scenario.safeParse(asFile);
  if (!parsed.success)
    throw new Error(
      `scenario '${scenario.id}' breaks the scenario schema:\n${z.prettifyError(parsed.error)}`,
    );
  return scenario;
}

/** An axis-aligned rectangle as an outline ring. */
export function box(minX: number, minY: number, maxX: number, maxY: number): Ring {
  return [
    [minX, minY],
    [maxX, minY],
    [maxX, maxY],
    [minX, maxY],
  ];
}

/** A compiled region of one outline ring, its bounding box derived (the name defaults to the id). */
export function region(
  id: string,
  owner: RegionOwner,
  ring: Ring,
  extra: Partial<Pick<CompiledRegion, "name" | "nation" | "accessible">> = {},
): CompiledRegion {
  const xs = ring.map(([x]) => x);
  const ys = ring.map(([, y]) => y);
  return {
    id,
    name: id,
    owner,
    ...extra,
    polygons: [ring],
    bbox: { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) },
  };
}

export const threatType = (t: Partial<ThreatType> & Pick<ThreatType, "name" | "class">): ThreatType => ({
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

export const layerType = (
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

export const sensorType = (
  s: Partial<SensorType> & Pick<SensorType, "name" | "kind" | "rangeKm">,
): SensorType => ({
  heightM: 30,
  bands: ["very-low", "low", "high"],
  identifySec: 10,
  deployCostUsd: 500_000,
  ...s,
});

/** A scenario trigger (the format names its effect `then`). */
export function trigger(id: string, title: string, when: Trigger["when"], effect: Trigger["then"]): Trigger {
  // biome-ignore lint/suspicious/noThenProperty: the scenario format's field, never awaited
  return { id, title, when, then: effect };
}

/** The base theatre with an allied navy in the south sea: a ship and its radar, ROE own airspace. */
export function scenarioWithAlly(): CompiledScenario {
  return buildScenario({
    nations: [{ id: "navy-nation", name: "Navy nation", roe: "own-airspace" }],
    allies: [
      {
        id: "navy",
        name: "Allied navy",
        nation: "navy-nation",
        airspace: ["south"],
        units: [
          {
            id: "ship-1",
            type: "ship",
            at: { x: -100, y: -175 },
            known: false,
            doctrine: { weapons: "free" },
          },
          { id: "ship-radar", type: "aew", at: { x: -100, y: -170 }, known: false },
        ],
      },
    ],
  });
}

function baseScenario(): CompiledScenario {
  return {
    id: "fixture",
    name: "Fixture",
    description: "Unit-test theatre",
    theatre: {
      extentKm: { x: 300, y: 200 },
      regions: [
        region("home", "defender", box(-300, -150, 100, 200), { name: "Home" }),
        region("east", "attacker", box(100, -200, 300, 200), { name: "East" }),
        region("south", "sea", box(-300, -200, 100, -150), { name: "South Sea", accessible: true }),
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
        drone: threatType({ name: "Drone", class: "drone" }),
        decoy: threatType({ name: "Decoy", class: "decoy", damage: 0, costUsd: 10_000 }),
        cruise: threatType({
          name: "Cruise",
          class: "cruise",
          speedMps: 200,
          band: "very-low",
          altitudeM: 25,
          signature: 0.5,
          damage: 8,
          costUsd: 1_500_000,
        }),
        ballistic: threatType({
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
        sam: layerType({
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
        point: layerType({
          name: "Point defence",
          reachKm: 15,
          magazine: 20,
          costPerShotUsd: 50_000,
          interceptorSpeedMps: 700,
          footprintOnly: true,
        }),
        gun: layerType({
          name: "Gun",
          reachKm: 5,
          magazine: 2,
          reloadSec: 60,
          costPerShotUsd: 5_000,
          interceptorSpeedMps: 1000,
          shotIntervalSec: 1,
          pk: { drone: 0.5, decoy: 0.5, cruise: 0.3, ballistic: 0 },
        }),
        mobile: layerType({
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
        ship: layerType({
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
        radar: sensorType({
          name: "Surveillance radar",
          kind: "radar",
          heightM: 30,
          rangeKm: 300,
          identifySec: 20,
        }),
        "fire-control": sensorType({
          name: "Fire-control radar",
          kind: "radar",
          heightM: 10,
          rangeKm: 150,
          identifySec: 10,
        }),
        acoustic: sensorType({
          name: "Acoustic node",
          kind: "acoustic",
          heightM: 2,
          rangeKm: 8,
          bands: ["low"],
          maxTargetSpeedMps: 80,
          identifySec: 60,
          deployCostUsd: 10_000,
        }),
        aew: sensorType({ name: "AEW", kind: "aew", heightM: 9000, rangeKm: 400, identifySec: 30 }),
      },
    },
    fixedUnits: [],
    sectors: [],
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
