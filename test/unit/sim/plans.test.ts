import { describe, expect, it } from "vitest";
import type { ResolvedAttackerPlan, ResolvedDefenderPlan } from "../../../shared/plan.js";
import { createSimulation, planCommands } from "../../../sim/index.js";
import { scenarioWithAlly } from "../../support/scenario.js";

describe("planCommands", () => {
  const defender: ResolvedDefenderPlan = {
    side: "defender",
    deployments: [
      { id: "sam-1", type: "sam", at: { x: -100, y: 0 }, round: 1, doctrine: { weapons: "free" } },
      { type: "radar", at: { x: -50, y: 0 }, round: 1 },
      { type: "gun", at: { x: -190, y: 5 }, round: 2 },
    ],
    resupply: [
      { round: 1, layer: "sam", count: 2 },
      { round: 2, layer: "gun", count: 10 },
    ],
  };
  const attacker: ResolvedAttackerPlan = {
    side: "attacker",
    salvos: [
      {
        round: 1,
        zone: "east",
        threatType: "drone",
        count: 5,
        launchAtSec: 60,
        intervalSec: 10,
        target: "capital",
        waypoints: [{ x: 0, y: 50 }],
      },
      {
        round: 2,
        zone: "east",
        threatType: "cruise",
        count: 2,
        launchAtSec: 0,
        intervalSec: 10,
        target: "plant",
        waypoints: [],
      },
    ],
  };

  it("gives each round's deployments, then purchases, and salvos as commands", () => {
    expect(planCommands(defender, 1)).toEqual([
      {
        type: "deploy",
        side: "defender",
        unitType: "sam",
        at: { x: -100, y: 0 },
        id: "sam-1",
        doctrine: { weapons: "free" },
      },
      { type: "deploy", side: "defender", unitType: "radar", at: { x: -50, y: 0 } },
      { type: "buy-resupply", side: "defender", layer: "sam", count: 2 },
    ]);
    expect(planCommands(defender, 2).map((c) => c.type)).toEqual(["deploy", "buy-resupply"]);
    expect(planCommands(attacker, 2)).toEqual([
      {
        type: "plan-salvo",
        side: "attacker",
        zone: "east",
        threatType: "cruise",
        count: 2,
        launchAtSec: 0,
        intervalSec: 10,
        target: "plant",
        waypoints: [],
      },
    ]);
  });

  it("gives the ally's doctrine in round 1 only", () => {
    const ally = { side: "ally" as const, doctrine: { "ship-1": { weapons: "hold" as const } } };
    expect(planCommands(ally, 1)).toEqual([
      { type: "set-doctrine", side: "ally", unitId: "ship-1", doctrine: { weapons: "hold" } },
    ]);
    expect(planCommands(ally, 2)).toEqual([]);
  });

  it("produces commands the simulation accepts", () => {
    const sim = createSimulation(scenarioWithAlly(), 1);
    for (const command of [...planCommands(defender, 1), ...planCommands(attacker, 1)]) {
      expect(sim.apply(command)).toMatchObject({ ok: true });
    }
    expect(sim.view("truth").units.map((u) => u.id)).toContain("sam-1");
    expect(sim.view("attacker").salvos).toHaveLength(1);
  });
});
