/**
 * A small hand-built theatre for the campaign rules (km squares, no loader needed):
 *
 *        y=300 ┌──────────── enemy (attacker) ────────────┐
 *        y=100 ├─strait (sea, closed)─┬──── home ────┬── eastland ──┐
 *              │  gulf (sea, open)    │  (defender)  │ (neighbour   │
 *       y=-100 └──────────────────────┴──────────────┴─  "est")  ───┘
 *            x=-300               x=-100         x=100          x=300
 *
 * Grid: plant p1 feeds substations s1 (cities c1, c2) and s2 (city c3); c4 is off-grid.
 */
import type { CompiledRegion, CompiledScenario } from "../../../../shared/compiled.js";
import type { LayerType, RegionOwner, Trigger } from "../../../../shared/scenario.js";

export function square(
  id: string,
  owner: RegionOwner,
  [minX, minY, maxX, maxY]: [number, number, number, number],
  extra: Partial<Pick<CompiledRegion, "nation" | "accessible">> = {},
): CompiledRegion {
  return {
    id,
    name: id,
    owner,
    ...extra,
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

const layerDefaults = {
  reachVsBallisticKm: undefined,
  reloadSec: 60,
  deployCostUsd: 1_000_000,
  interceptorSpeedMps: 1000,
  shotIntervalSec: 2,
  mobile: false,
  relocateDelaySec: 600,
  footprintOnly: false,
  seaOnly: false,
} as const;

function layer(fields: Partial<LayerType> & Pick<LayerType, "name" | "role" | "reachKm">): LayerType {
  return {
    ...layerDefaults,
    engagesBands: ["low", "very-low"],
    engagesClasses: ["drone", "decoy"],
    magazine: 16,
    costPerShotUsd: 4_000_000,
    pk: { drone: 0.9, decoy: 0.9, cruise: 0.7, ballistic: 0 },
    ...fields,
  };
}

function asset(id: string, kind: "city" | "plant" | "substation", x: number, population?: number) {
  return { id, name: id, kind, at: { x, y: 0 }, hp: 10, valueUsd: 1_000_000, population, footprintKm: 5 };
}

/** A scenario trigger (the format names its effect `then`). */
export function trigger(id: string, title: string, when: Trigger["when"], effect: Trigger["then"]): Trigger {
  // biome-ignore lint/suspicious/noThenProperty: the scenario format's field, never awaited
  return { id, title, when, then: effect };
}

export function fixtureScenario(): CompiledScenario {
  return {
    id: "fixture",
    name: "Fixture",
    description: "Hand-built squares for campaign unit tests",
    theatre: {
      extentKm: { x: 300, y: 300 },
      regions: [
        square("home", "defender", [-100, -100, 100, 100]),
        square("eastland", "neighbour", [100, -100, 300, 100], { nation: "est" }),
        square("gulf", "sea", [-300, -100, -100, 100], { accessible: true }),
        square("strait", "sea", [-300, 100, -100, 200], { accessible: false }),
        square("enemy", "attacker", [-100, 100, 300, 300]),
      ],
    },
    nations: [
      { id: "est", name: "Estland", roe: "own-airspace" },
      { id: "far", name: "Farland", roe: "none" },
    ],
    assets: [
      asset("p1", "plant", 0),
      asset("s1", "substation", 10),
      asset("s2", "substation", -10),
      asset("c1", "city", 20, 100_000),
      asset("c2", "city", 30, 50_000),
      asset("c3", "city", -20, 200_000),
      asset("c4", "city", -30, 10_000),
    ],
    gridLinks: [
      ["p1", "s1"],
      ["s1", "c1"],
      ["s1", "c2"],
      ["p1", "s2"],
      ["s2", "c3"],
    ],
    launchZones: [{ id: "north", name: "North", at: { x: 0, y: 250 }, radiusKm: 20, threatTypes: ["drone"] }],
    catalogue: {
      threats: {
        drone: {
          name: "Drone",
          class: "drone",
          speedMps: 50,
          band: "low",
          altitudeM: 500,
          signature: 1,
          damage: 1,
          blastRadiusKm: 0.1,
          rangeKm: 2000,
          costUsd: 35_000,
          gnssGuided: true,
          accuracyKm: 0.1,
        },
      },
      layers: {
        sam: layer({ name: "SAM", role: "shooter", reachKm: 100 }),
        gun: layer({ name: "Gun", role: "shooter", reachKm: 5, magazine: null, costPerShotUsd: 5_000 }),
        ew: layer({
          name: "EW",
          role: "jammer",
          reachKm: 15,
          magazine: null,
          costPerShotUsd: 0,
          jamPerSec: 0.1,
        }),
        ship: layer({ name: "Ship", role: "shooter", reachKm: 150, seaOnly: true }),
        fighter: layer({
          name: "Fighter",
          role: "fighter",
          reachKm: 60,
          timeOnStationSec: 3600,
          sortiesPerRound: 2,
        }),
      },
      sensors: {},
    },
    fixedUnits: [],
    allies: [{ id: "est-air", name: "Estland air force", nation: "est", airspace: ["eastland"], units: [] }],
    stocks: { sam: 10 },
    seats: { attacker: 1, defender: 1, ally: 1, instructor: 1, spectator: 10 },
    rounds: [
      {
        name: "Night 1",
        durationSec: 36_000,
        defenderBudgetUsd: 50_000_000,
        attackerBudgetUsd: 10_000_000,
        resupply: [
          { layer: "sam", count: 4, arrivesAfterSec: 0 },
          { layer: "sam", count: 6, arrivesAfterSec: 600 },
        ],
        repairHp: 0,
      },
      {
        name: "Night 2",
        durationSec: 36_000,
        defenderBudgetUsd: 20_000_000,
        attackerBudgetUsd: 5_000_000,
        resupply: [],
        repairHp: 5,
      },
    ],
    msel: [
      {
        id: "fog",
        round: 1,
        atSec: 100,
        title: "Fog rolls in",
        inject: { type: "weather", sensorRangeFactor: 0.5, durationSec: 1800 },
        auto: true,
      },
      {
        id: "strait-opens",
        round: 1,
        atSec: 0,
        title: "The strait opens",
        inject: { type: "sea-access", region: "strait", accessible: true },
        auto: false,
      },
    ],
    escalation: {
      incidentWeight: 1,
      crashWeight: 2,
      debrisWeight: 3,
      outsideRoeWeight: 5,
      decayPerHour: 2,
      triggers: [
        trigger(
          "est-law",
          "Estland allows downing drones near its border",
          { kind: "incidents-in-nation", nation: "est", count: 3 },
          { kind: "set-roe", nation: "est", roe: "buffer:20" },
        ),
        trigger(
          "fine",
          "Sanctions",
          { kind: "escalation-at-least", value: 8 },
          { kind: "defender-penalty", usd: 1_000_000 },
        ),
        trigger(
          "war",
          "The coalition breaks",
          { kind: "escalation-at-least", value: 20 },
          { kind: "end-match", loser: "defender", reason: "escalation out of control" },
        ),
      ],
    },
    scoring: { usdPerCasualty: 1_000_000, usdPerBlackoutPopulationHour: 10, usdPerEscalationPoint: 100_000 },
    casualties: { perDamagePer100k: 5 },
  };
}
