import { describe, expect, it } from "vitest";
import type { ErrorCode } from "../../../shared/commands.js";
import type { Command } from "../../../sim/api.js";
import { createSimulation } from "../../../sim/index.js";
import { scenarioWithAlly } from "../../support/scenario.js";
import { applyAll, deploy, salvo, WHITE } from "./helpers.js";

/**
 * Every illegal order is rejected with a code, a reason and the path of the offending field, and the
 * world is exactly as before (compared as whole snapshots, generator state included).
 */

function planningSim() {
  const scenario = scenarioWithAlly();
  scenario.fixedUnits = [{ id: "fixed-radar", type: "radar", at: { x: -150, y: -20 }, known: true }];
  scenario.msel = [
    {
      id: "outage-2",
      round: 2,
      atSec: 10,
      title: "Later outage",
      inject: { type: "radar-outage", durationSec: 60 },
      auto: false,
    },
  ];
  const sim = createSimulation(scenario, 9);
  applyAll(sim, [
    deploy("sam", -100, 0, { id: "sam-1" }),
    deploy("radar", -50, 0, { id: "radar-1" }),
    salvo(),
  ]);
  return sim;
}

type Case = [string, Command, ErrorCode, string | undefined];

const planningCases: Case[] = [
  ["an unknown unit type", deploy("laser", -100, 0), "unknown_type_id", "unitType"],
  ["a unit on the attacker's land", deploy("sam", 200, 0), "out_of_area", "at"],
  ["a unit outside the theatre", deploy("sam", -400, 0), "out_of_area", "at"],
  ["a land unit at sea", deploy("sam", -100, -180), "out_of_area", "at"],
  ["a ship on land", deploy("ship", -100, 0), "out_of_area", "at"],
  ["a position that is not a number", deploy("sam", Number.NaN, 0), "invalid", "at.x"],
  [
    "a doctrine out of bounds",
    deploy("sam", -100, 0, { doctrine: { salvoSize: 9 } }),
    "invalid",
    "doctrine.salvoSize",
  ],
  ["a unit id already taken", deploy("sam", -90, 0, { id: "sam-1" }), "not_allowed", "id"],
  [
    "a deployment by the attacker",
    { ...deploy("sam", -100, 0), side: "attacker" } as unknown as Command,
    "wrong_seat",
    "side",
  ],
  [
    "removing an unknown unit",
    { type: "remove-unit", side: "defender", unitId: "nope" },
    "unknown_unit",
    "unitId",
  ],
  [
    "removing a scenario unit",
    { type: "remove-unit", side: "defender", unitId: "fixed-radar" },
    "not_allowed",
    "unitId",
  ],
  [
    "the defender setting an ally's doctrine",
    { type: "set-doctrine", side: "defender", unitId: "ship-1", doctrine: { weapons: "hold" } },
    "wrong_seat",
    "unitId",
  ],
  [
    "a doctrine for a sensor",
    { type: "set-doctrine", side: "defender", unitId: "radar-1", doctrine: { weapons: "free" } },
    "not_allowed",
    "unitId",
  ],
  [
    "an invalid weapons control",
    {
      type: "set-doctrine",
      side: "defender",
      unitId: "all",
      doctrine: { weapons: "fire-at-will" },
    } as unknown as Command,
    "invalid",
    "doctrine.weapons",
  ],
  [
    "relocating into the sea",
    { type: "relocate", side: "defender", unitId: "sam-1", to: { x: 0, y: -190 } },
    "out_of_area",
    "to",
  ],
  [
    "relocating an ally out of its airspace",
    { type: "relocate", side: "ally", unitId: "ship-1", to: { x: -100, y: 0 } },
    "out_of_area",
    "to",
  ],
  [
    "buying an unknown layer",
    { type: "buy-resupply", side: "defender", layer: "laser", count: 1 },
    "unknown_type_id",
    "layer",
  ],
  [
    "buying for a layer that never runs dry",
    { type: "buy-resupply", side: "defender", layer: "mobile", count: 1 },
    "not_allowed",
    "layer",
  ],
  [
    "buying more than the budget",
    { type: "buy-resupply", side: "defender", layer: "sam", count: 1000 },
    "over_budget",
    "count",
  ],
  [
    "buying a fraction",
    { type: "buy-resupply", side: "defender", layer: "gun", count: 1.5 },
    "invalid",
    "count",
  ],
  ["a salvo from an unknown zone", salvo({ zone: "west" }), "unknown_zone", "zone"],
  ["a salvo of an unknown type", salvo({ threatType: "hypersonic" }), "unknown_type_id", "threatType"],
  [
    "a type the zone cannot launch",
    salvo({ zone: "north", threatType: "cruise" }),
    "not_allowed",
    "threatType",
  ],
  ["an unknown target", salvo({ target: "moon" }), "unknown_target", "target"],
  [
    "a route beyond the type's range",
    salvo({ threatType: "ballistic", waypoints: [{ x: 250, y: 190 }] }),
    "not_allowed",
    "waypoints",
  ],
  ["launches after the night ends", salvo({ count: 10, launchAtSec: 10_790 }), "not_allowed", "launchAtSec"],
  ["more than the attacker's budget", salvo({ threatType: "cruise", count: 40 }), "over_budget", "count"],
  ["a salvo of zero", salvo({ count: 0 }), "invalid", "count"],
  ["a negative launch time", salvo({ launchAtSec: -5 }), "invalid", "launchAtSec"],
  [
    "cancelling an unknown salvo",
    { type: "cancel-salvo", side: "attacker", salvoId: "s-99" },
    "not_allowed",
    "salvoId",
  ],
  [
    "an outage of an unknown unit",
    { type: "inject", side: "white", inject: { type: "radar-outage", unit: "nope", durationSec: 10 } },
    "unknown_unit",
    "inject.unit",
  ],
  [
    "an inject from a player",
    {
      type: "inject",
      side: "defender",
      inject: { type: "weather", sensorRangeFactor: 0.5 },
    } as unknown as Command,
    "wrong_seat",
    "side",
  ],
  [
    "a scheduled inject of another round",
    { type: "fire-inject", side: "white", injectId: "outage-2" },
    "not_allowed",
    "injectId",
  ],
  [
    "closing a region that is not a sea",
    { type: "inject", side: "white", inject: { type: "sea-access", region: "home", accessible: false } },
    "not_allowed",
    "inject.region",
  ],
  ["next round during planning", WHITE.nextRound, "wrong_phase", undefined],
  ["end-live during planning", WHITE.endLive, "wrong_phase", undefined],
  [
    "a start ordered by a player",
    { type: "start-live", side: "attacker" } as unknown as Command,
    "wrong_seat",
    "side",
  ],
  [
    "an unknown command",
    { type: "self-destruct", side: "white" } as unknown as Command,
    "unknown_type",
    "type",
  ],
  [
    "a salvo whose waypoints are not a list",
    { ...salvo(), waypoints: "north" } as unknown as Command,
    "invalid",
    "waypoints",
  ],
];

describe("rejected commands leave the world unchanged", () => {
  it.each(planningCases)("in planning: %s", (_what, command, code, path) => {
    const sim = planningSim();
    const before = JSON.stringify(sim.snapshot());
    const result = sim.apply(command);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) {
      expect(result.path).toBe(path);
      expect(result.message.length).toBeGreaterThan(5);
    }
    expect(JSON.stringify(sim.snapshot())).toBe(before);
  });

  const liveCases: Case[] = [
    ["a deployment", deploy("sam", -100, 10), "wrong_phase", undefined],
    ["removing a unit", { type: "remove-unit", side: "defender", unitId: "sam-1" }, "wrong_phase", undefined],
    [
      "moving a fixed launcher",
      { type: "relocate", side: "defender", unitId: "sam-1", to: { x: -110, y: 0 } },
      "not_allowed",
      "unitId",
    ],
    [
      "cancelling a salvo",
      { type: "cancel-salvo", side: "attacker", salvoId: "s-1" },
      "wrong_phase",
      undefined,
    ],
    [
      "buying interceptors",
      { type: "buy-resupply", side: "defender", layer: "sam", count: 1 },
      "wrong_phase",
      undefined,
    ],
    ["a reserve salvo past the night's end", salvo({ launchAtSec: 10_800 }), "not_allowed", "launchAtSec"],
  ];

  it.each(liveCases)("in a live phase: %s", (_what, command, code, path) => {
    const sim = planningSim();
    applyAll(sim, [WHITE.startLive]);
    for (let i = 0; i < 100; i++) sim.step();
    const before = JSON.stringify(sim.snapshot());
    const result = sim.apply(command);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.path).toBe(path);
    expect(JSON.stringify(sim.snapshot())).toBe(before);
  });
});

describe("accepted commands", () => {
  it("charge and refund budgets: deploy, remove in the same planning phase, plan and cancel a salvo", () => {
    const sim = createSimulation(scenarioWithAlly(), 9);
    const budgets = () => sim.view("truth").budgetUsd;
    expect(budgets()).toEqual({ attacker: 50_000_000, defender: 100_000_000 });
    applyAll(sim, [deploy("sam", -100, 0, { id: "sam-1" }), salvo({ threatType: "cruise", count: 10 })]);
    expect(budgets()).toEqual({ attacker: 35_000_000, defender: 99_000_000 });
    const [planned] = sim.view("attacker").salvos;
    applyAll(sim, [
      { type: "remove-unit", side: "defender", unitId: "sam-1" },
      { type: "cancel-salvo", side: "attacker", salvoId: planned.id },
    ]);
    expect(budgets()).toEqual({ attacker: 50_000_000, defender: 100_000_000 });
  });

  it("lets the ally seat set its own units' doctrine, one unit or all", () => {
    const sim = createSimulation(scenarioWithAlly(), 9);
    applyAll(sim, [
      { type: "set-doctrine", side: "ally", unitId: "all", doctrine: { weapons: "hold", salvoSize: 2 } },
    ]);
    const ship = sim.view("ally").units.find((u) => u.id === "ship-1")!;
    expect(ship).toMatchObject({
      side: "ally",
      allyId: "navy",
      doctrine: { weapons: "hold", salvoSize: 2, fire: "salvo" },
    });
  });

  it("launches a reserve salvo during a live phase launchAtSec from now", () => {
    const sim = createSimulation(scenarioWithAlly(), 9);
    applyAll(sim, [WHITE.startLive]);
    for (let i = 0; i < 20; i++) sim.step();
    applyAll(sim, [salvo({ launchAtSec: 30 })]);
    const launches: number[] = [];
    for (let i = 0; i < 100; i++) for (const e of sim.step()) if (e.type === "launch") launches.push(e.t);
    expect(launches).toEqual([40.5]);
  });
});
