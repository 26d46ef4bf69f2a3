import { describe, expect, it } from "vitest";
import {
  applyInject,
  type CampaignState,
  campaignTick,
  createCampaignContext,
  createCampaignState,
  endLiveCampaign,
  gridAfterDamage,
  nextRoundCampaign,
  noteIncidents,
  restoreCampaign,
  snapshotCampaign,
} from "../../../../server/sim/campaign/index.js";
import type { Json } from "../../../../server/sim/world.js";
import { fixtureScenario } from "./fixture.js";

const scenario = fixtureScenario();
const ctx = createCampaignContext(scenario);
const noUnits = () => false;

/** A campaign some way into round 1: incidents, a blackout, an inject, resupply delivered. */
function played(): { state: CampaignState; hp: Map<string, number> } {
  const state = createCampaignState(scenario, ctx);
  const hp = new Map(scenario.assets.map((a) => [a.id, a.hp]));
  noteIncidents(ctx, state, [{ nation: "est", cause: "airspace", threatId: "t1", x: 150, y: 0 }], {
    t: 5,
    round: 1,
  });
  hp.set("s1", -2);
  gridAfterDamage(ctx, state, ["s1"], (id) => hp.get(id) ?? 0, { t: 5, round: 1 });
  applyInject(state, { type: "radar-outage", durationSec: 60 }, 5);
  for (let t = 0; t < 700; t += 0.5) campaignTick(ctx, state, { t, round: 1 }, 0.5, noUnits);
  return { state, hp };
}

describe("campaign state", () => {
  it("starts from the scenario: ROE per nation, sea access, round 1 economy, an intact grid", () => {
    const state = createCampaignState(scenario, ctx);
    expect(state.roe).toEqual({ est: "own-airspace", far: "none" });
    expect(state.seaAccess).toEqual({ gulf: true, strait: false });
    expect(state.economy.budgetUsd).toEqual({ defender: 50_000_000, attacker: 10_000_000 });
    expect(state.grid).toEqual({ blackedOut: [], blackoutPopulation: 0, populationHours: 0 });
    expect(state.escalation).toEqual({ value: 0, firedTriggers: [], ended: null });
  });

  it("is plain JSON (fits the world's extension slot) and survives a JSON round trip", () => {
    const { state } = played();
    const slot: Json = snapshotCampaign(state);
    const restored = restoreCampaign(JSON.parse(JSON.stringify(slot)));
    expect(restored).toEqual({ ok: true, state });
  });

  it("a restored campaign continues identically", () => {
    const { state } = played();
    const copy = restoreCampaign(JSON.parse(JSON.stringify(state)));
    if (!copy.ok) throw new Error(copy.error);
    const continueFrom = (s: CampaignState) => {
      const events = [];
      for (let t = 700; t < 800; t += 0.5)
        events.push(...campaignTick(ctx, s, { t, round: 1 }, 0.5, noUnits));
      return { events, s };
    };
    expect(continueFrom(copy.state)).toEqual(continueFrom(state));
  });

  it("a damaged snapshot is refused with the path and the reason", () => {
    const { state } = played();
    const bad = JSON.parse(JSON.stringify(state));
    bad.economy.stocks.sam = -1;
    delete bad.roe;
    const restored = restoreCampaign(bad);
    expect(restored.ok).toBe(false);
    expect(!restored.ok && restored.error).toMatch(/campaign\.roe: .*campaign\.economy\.stocks\.sam: /);
    expect(restoreCampaign(null).ok).toBe(false);
  });
});

describe("round transitions", () => {
  it("end of live: convoys still on the road arrive", () => {
    const state = createCampaignState(scenario, ctx);
    expect(endLiveCampaign(state, { t: 300, round: 1 })).toMatchObject([
      { type: "resupply", layer: "sam", count: 6 },
    ]);
    expect(state.economy.stocks.sam).toBe(20);
  });

  it("next round: repairs, power back, timed conditions cleared, budgets added on top of what was left", () => {
    const { state, hp } = played();
    const budgets = { ...state.economy.budgetUsd };
    const assets = scenario.assets.map((a) => ({ id: a.id, hp: hp.get(a.id)!, hpMax: a.hp }));
    const { repairs, events } = nextRoundCampaign(ctx, state, 2, assets);
    expect(repairs).toEqual([{ assetId: "s1", hp: 5 }]);
    expect(events.map((e) => [e.type, e.round, e.t])).toEqual([
      ["power-restored", 2, 0],
      ["power-restored", 2, 0],
    ]);
    expect(state.grid.blackedOut).toEqual([]);
    expect(state.grid.populationHours).toBeGreaterThan(0);
    expect(state.sensors.outageUntilSec).toEqual({});
    expect(state.economy.budgetUsd).toEqual({
      defender: budgets.defender + 20_000_000,
      attacker: budgets.attacker + 5_000_000,
    });
  });

  it("a round the scenario does not have changes nothing", () => {
    const state = createCampaignState(scenario, ctx);
    const before = structuredClone(state);
    expect(nextRoundCampaign(ctx, state, 3, [])).toEqual({ repairs: [], events: [] });
    expect(state).toEqual(before);
  });
});
