import { describe, expect, it } from "vitest";
import type { SimEvent } from "../../../sim/api.js";
import { createSimulation } from "../../../sim/index.js";
import { threatId } from "../../../sim/threats.js";
import { sightingId } from "../../../sim/views.js";
import { buildScenario, scenarioWithAlly } from "../../support/scenario.js";
import { applyAll, deploy, ofType, salvo, WHITE } from "./helpers.js";

/** Fog of war: each perspective gets what it may know and nothing more. */
describe("views", () => {
  function setup() {
    const scenario = scenarioWithAlly();
    scenario.fixedUnits = [{ id: "hq-radar", type: "radar", at: { x: -150, y: -20 }, known: true }];
    scenario.msel = [
      {
        id: "rain",
        round: 1,
        atSec: 9000,
        title: "Rain",
        inject: { type: "weather", sensorRangeFactor: 0.8 },
        auto: false,
      },
    ];
    const sim = createSimulation(scenario, 2);
    applyAll(sim, [
      deploy("sam", -100, 0, { id: "sam-1", doctrine: { weapons: "free" } }),
      salvo({ count: 2, intervalSec: 3000 }),
      WHITE.startLive,
    ]);
    return sim;
  }

  it("hides what a side has not detected, and the other side's money, plans and interceptors", () => {
    const sim = setup();
    const events: SimEvent[] = [];
    while (ofType(events, "fire").length === 0) events.push(...sim.step());
    const truth = sim.view("truth");
    const defender = sim.view("defender");
    const attacker = sim.view("attacker");
    const ally = sim.view("ally");
    const [first, second] = ofType(events, "launch").map((l) => l.threatId);
    expect(truth.tracks.map((t) => t.id)).toEqual([first, second]);
    // The second drone is still far east, beyond every defender sensor.
    expect(defender.tracks.map((t) => t.id)).toEqual([first]);
    // The ally's airborne early warning, 9 km up over the south sea, sees both: its own tracks.
    expect(ally.tracks.map((t) => t.id)).toEqual([first, second]);
    expect(attacker.tracks.map((t) => [t.id, t.kind])).toEqual([
      [first, "drone"],
      [second, "drone"],
    ]);
    expect(attacker.budgetUsd).toEqual({ attacker: 50_000_000 - 70_000 });
    expect(defender.budgetUsd).toEqual({ defender: 99_000_000 });
    expect(attacker.stocks).toEqual({});
    expect(attacker.salvos).toHaveLength(1);
    expect(defender.salvos).toEqual([]);
    expect(attacker.interceptors).toEqual([]);
    expect(defender.interceptors).toHaveLength(1);
    expect(truth.injects.map((i) => i.id)).toEqual(["rain"]);
    expect(defender.injects).toEqual([]);
  });

  it("fogs the scoreboard: no launch the defence has not seen, no interceptor count for the attacker", () => {
    const sim = createSimulation(buildScenario(), 2);
    applyAll(sim, [deploy("sam", -100, 0, { id: "sam-1" }), salvo({ count: 1 }), WHITE.startLive]);
    const events: SimEvent[] = [];
    while (ofType(events, "launch").length === 0) events.push(...sim.step());
    expect(ofType(events, "detect")).toEqual([]);
    const truth = sim.view("truth").scores;
    expect(truth).toMatchObject({ threats_launched: 1, attacker_spend_usd: 35_000 });
    expect(sim.view("defender").scores).toMatchObject({
      threats_launched: 0,
      attacker_spend_usd: 0,
      interceptors_left: truth.interceptors_left,
    });
    expect(sim.view("attacker").scores).toMatchObject({ threats_launched: 1, interceptors_left: -1 });
    while (ofType(events, "detect").length === 0) events.push(...sim.step());
    expect(sim.view("defender").scores.threats_launched).toBe(1);
    // Once the night is over every threat of it is accounted for: the defender's totals are the truth's.
    while (sim.phase === "live") sim.step();
    expect(sim.view("defender").scores).toEqual(sim.view("truth").scores);
  });

  it("names threats opaquely: a track's id does not tell how many were launched before it", () => {
    const sim = setup();
    const events: SimEvent[] = [];
    while (sim.phase === "live") events.push(...sim.step());
    const ids = ofType(events, "launch").map((l) => l.threatId);
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^t-[0-9a-z]+$/);
    expect(ids).not.toContain("t-1");
    expect(ids).not.toContain("t-2");
    // Distinct over a long night and different in another match.
    const many = Array.from({ length: 50_000 }, (_, seq) => threatId(2, seq + 1));
    expect(new Set(many).size).toBe(many.length);
    expect(threatId(3, 1)).not.toBe(threatId(2, 1));
  });

  it("shows the attacker only the defence it knows of or has seen fire", () => {
    const sim = setup();
    const sighted = () => sim.view("attacker").sightings.map((u) => u.id);
    expect(sighted()).toEqual([sightingId(2, "hq-radar")]);
    expect(sim.view("defender").units.map((u) => u.id)).toEqual([
      "hq-radar",
      "ship-1",
      "ship-radar",
      "sam-1",
    ]);
    const events: SimEvent[] = [];
    while (ofType(events, "fire").length === 0) events.push(...sim.step());
    expect(ofType(events, "unit-revealed")).toEqual([expect.objectContaining({ unitId: "sam-1" })]);
    expect(sighted()).toEqual([sightingId(2, "hq-radar"), sightingId(2, "sam-1")]);
  });

  it("tells the attacker what a sighted unit is and where, never its state, stock or doctrine", () => {
    const sim = setup();
    const events: SimEvent[] = [];
    while (ofType(events, "fire").length === 0) events.push(...sim.step());
    const attacker = sim.view("attacker");
    // The attacker has no units of its own: what it knows of the defence are sightings, field for field.
    expect(attacker.units).toEqual([]);
    const sam = sim.view("truth").units.find((u) => u.id === "sam-1")!;
    expect(attacker.sightings).toContainEqual({
      id: sightingId(2, "sam-1"),
      side: "defender",
      kind: "sam",
      x: sam.x,
      y: sam.y,
    });
    for (const sighting of attacker.sightings) {
      expect(Object.keys(sighting).sort()).toEqual(["id", "kind", "side", "x", "y"]);
      // Opaque: no defender unit id reaches the attacker.
      expect(sighting.id).toMatch(/^s-[0-9a-z]{14}$/);
    }
    // The coalition and the white cell know the unit itself, and sight nothing.
    expect(sim.view("defender").sightings).toEqual([]);
    expect(sim.view("truth").sightings).toEqual([]);
    expect(sightingId(3, "sam-1")).not.toBe(sightingId(2, "sam-1"));
  });

  it("tags every event with the perspectives that may learn of it", () => {
    const sim = setup();
    const events: SimEvent[] = [];
    while (sim.phase === "live") events.push(...sim.step());
    expect(ofType(events, "launch").every((e) => e.visibleTo.join() === "attacker,truth")).toBe(true);
    expect(ofType(events, "detect").every((e) => e.visibleTo.join() === `${e.side},truth`)).toBe(true);
    expect(ofType(events, "fire").every((e) => !e.visibleTo.includes("attacker"))).toBe(true);
    expect(ofType(events, "intercept").every((e) => e.visibleTo.includes("attacker"))).toBe(true);
  });
});
