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
import type { CompiledScenario } from "../../../../shared/compiled.js";
import type { LayerType } from "../../../../shared/scenario.js";
import { box, buildScenario, layerType, region, threatType, trigger } from "../../../support/scenario.js";

/** The campaign layers' common numbers (cheaper reloads, dearer shots than the base theatre's). */
const layer = (l: Partial<LayerType> & Pick<LayerType, "name" | "role" | "reachKm">): LayerType =>
  layerType({
    reloadSec: 60,
    interceptorSpeedMps: 1000,
    engagesBands: ["low", "very-low"],
    engagesClasses: ["drone", "decoy"],
    magazine: 16,
    costPerShotUsd: 4_000_000,
    pk: { drone: 0.9, decoy: 0.9, cruise: 0.7, ballistic: 0 },
    ...l,
  });

function asset(id: string, kind: "city" | "plant" | "substation", x: number, population?: number) {
  return { id, name: id, kind, at: { x, y: 0 }, hp: 10, valueUsd: 1_000_000, population, footprintKm: 5 };
}

export function fixtureScenario(): CompiledScenario {
  return buildScenario({
    id: "fixture",
    name: "Fixture",
    description: "Hand-built squares for campaign unit tests",
    theatre: {
      extentKm: { x: 300, y: 300 },
      regions: [
        region("home", "defender", box(-100, -100, 100, 100)),
        region("eastland", "neighbour", box(100, -100, 300, 100), { nation: "est" }),
        region("gulf", "sea", box(-300, -100, -100, 100), { accessible: true }),
        region("strait", "sea", box(-300, 100, -100, 200), { accessible: false }),
        region("enemy", "attacker", box(-100, 100, 300, 300)),
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
        drone: threatType({
          name: "Drone",
          class: "drone",
          altitudeM: 500,
          blastRadiusKm: 0.1,
          accuracyKm: 0.1,
        }),
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
  });
}
