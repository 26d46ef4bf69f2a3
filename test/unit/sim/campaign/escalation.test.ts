import { describe, expect, it } from "vitest";
import type { SimEvent } from "../../../../sim/api.js";
import {
  allyMayEngage,
  type CampaignState,
  createCampaignContext,
  createCampaignState,
  decayEscalation,
  fireTriggers,
  type Incident,
  incidentWeight,
  noteIncidents,
  raiseEscalation,
} from "../../../../sim/campaign/index.js";
import { trigger } from "../../../support/scenario.js";
import { fixtureScenario } from "./fixture.js";

const scenario = fixtureScenario();
const rules = scenario.escalation;
const stamp = { t: 60, round: 1 };

function setup(): { ctx: ReturnType<typeof createCampaignContext>; state: CampaignState } {
  const ctx = createCampaignContext(scenario);
  return { ctx, state: createCampaignState(scenario, ctx) };
}

const crash = (threatId: string, nation = "est"): Incident => ({
  nation,
  cause: "crash",
  threatId,
  x: 150,
  y: 0,
});
const types = (events: readonly SimEvent[]) => events.map((e) => e.type);
const triggerIds = (events: readonly SimEvent[]) =>
  events.flatMap((e) => (e.type === "trigger" ? [e.triggerId] : []));

describe("escalation", () => {
  it("weighs each cause by the scenario's weight", () => {
    expect(incidentWeight(rules, "airspace")).toBe(1);
    expect(incidentWeight(rules, "crash")).toBe(2);
    expect(incidentWeight(rules, "debris")).toBe(3);
    expect(incidentWeight(rules, "outside-roe")).toBe(5);
    const { state } = setup();
    const change = raiseEscalation(state.escalation, rules, [
      crash("t1"),
      { ...crash("t2"), cause: "outside-roe" },
    ]);
    expect(change).toEqual({ value: 7, delta: 7 });
    expect(raiseEscalation(state.escalation, rules, [])).toBeNull();
  });

  it("decays per simulated hour and never below zero", () => {
    const { state } = setup();
    state.escalation.value = 5;
    for (let i = 0; i < 7200; i++) decayEscalation(state.escalation, rules, 0.5);
    expect(state.escalation.value).toBeCloseTo(3, 9);
    for (let i = 0; i < 3 * 7200; i++) decayEscalation(state.escalation, rules, 0.5);
    expect(state.escalation.value).toBe(0);
  });
});

describe("triggers", () => {
  it("enough incidents in a neighbour widen its ROE: its ally may then engage beyond the border", () => {
    const { ctx, state } = setup();
    const justBeyond = { x: 90, y: 0 };
    expect(allyMayEngage(ctx, state, "est-air", justBeyond)).toBe(false);
    expect(triggerIds(noteIncidents(ctx, state, [crash("t1"), crash("t2")], stamp))).toEqual([]);
    expect(state.roe.est).toBe("own-airspace");
    const events = noteIncidents(ctx, state, [crash("t3")], stamp);
    expect(types(events)).toEqual(["incident", "escalation", "trigger"]);
    expect(triggerIds(events)).toEqual(["est-law"]);
    expect(state.roe.est).toBe("buffer:20");
    expect(allyMayEngage(ctx, state, "est-air", justBeyond)).toBe(true);
    expect(allyMayEngage(ctx, state, "est-air", { x: 70, y: 0 })).toBe(false);
  });

  it("incidents in another nation do not count towards a neighbour's threshold", () => {
    const { ctx, state } = setup();
    noteIncidents(ctx, state, [crash("t1", "far"), crash("t2", "far"), crash("t3", "far")], stamp);
    expect(state.roe.est).toBe("own-airspace");
  });

  it("each trigger fires once, however long its condition holds", () => {
    const { ctx, state } = setup();
    const fired: string[] = [];
    for (let i = 0; i < 12; i++)
      fired.push(...triggerIds(noteIncidents(ctx, state, [crash(`t${i}`)], stamp)));
    expect(fired).toEqual(["est-law", "fine", "war"]);
    expect(state.escalation.firedTriggers).toEqual(["est-law", "fine", "war"]);
    state.roe.est = "none";
    expect(fireTriggers(state, rules.triggers)).toEqual([]);
    expect(state.roe.est).toBe("none");
  });

  it("a penalty is charged to the defender's budget, as far as it goes, and counted in full", () => {
    const { ctx, state } = setup();
    state.economy.budgetUsd.defender = 400_000;
    noteIncidents(
      ctx,
      state,
      [crash("a", "far"), crash("b", "far"), crash("c", "far"), crash("d", "far")],
      stamp,
    );
    expect(state.escalation.firedTriggers).toEqual(["fine"]);
    expect(state.economy.budgetUsd.defender).toBe(0);
    expect(state.economy.penaltiesUsd).toBe(1_000_000);
  });

  it("the end-match effect records who lost and why, once", () => {
    const { ctx, state } = setup();
    const outside: Incident = { nation: "est", cause: "outside-roe", unitId: "u", threatId: "t", x: 0, y: 0 };
    noteIncidents(ctx, state, [outside, outside, outside, outside], stamp);
    expect(state.escalation.ended).toEqual({
      loser: "defender",
      reason: "escalation out of control",
      triggerId: "war",
    });
  });

  it("a sea-access effect opens or closes a sea", () => {
    const { state } = setup();
    const triggers = [
      trigger(
        "close",
        "Strait closed",
        { kind: "escalation-at-least", value: 1 },
        { kind: "sea-access", region: "gulf", accessible: false },
      ),
    ];
    expect(fireTriggers(state, triggers)).toEqual([]);
    state.escalation.value = 1;
    expect(fireTriggers(state, triggers)).toEqual([
      { triggerId: "close", title: "Strait closed", effect: triggers[0].then },
    ]);
    expect(state.seaAccess.gulf).toBe(false);
  });
});
