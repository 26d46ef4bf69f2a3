import { describe, expect, it } from "vitest";
import {
  applyInject,
  type CampaignState,
  campaignTick,
  createCampaignContext,
  createCampaignState,
  gridAfterDamage,
  noteIncidents,
  repairBetweenRounds,
  restoreCampaign,
} from "../../../../sim/campaign/index.js";
import { fixtureScenario } from "./fixture.js";

const scenario = fixtureScenario();
const ctx = createCampaignContext(scenario);

/** A campaign some way into round 1: incidents, a blackout, an outage, tension easing. */
function played(): { state: CampaignState; hp: Map<string, number>; blackoutHours: number } {
  const state = createCampaignState(scenario, ctx);
  const hp = new Map(scenario.assets.map((a) => [a.id, a.hp]));
  noteIncidents(ctx, state, [{ nation: "est", cause: "airspace", threatId: "t1", x: 150, y: 0 }], {
    t: 5,
    round: 1,
  });
  hp.set("s1", -2);
  gridAfterDamage(ctx, state, ["s1"], (id) => hp.get(id) ?? 0, { t: 5, round: 1 });
  applyInject(state, { type: "radar-outage", durationSec: 60 }, 5);
  let blackoutHours = 0;
  for (let t = 0; t < 700; t += 0.5) blackoutHours += campaignTick(ctx, state, 0.5);
  return { state, hp, blackoutHours };
}

describe("campaign state", () => {
  it("starts from the scenario: ROE per nation, sea access, round 1 economy, an intact grid", () => {
    const state = createCampaignState(scenario, ctx);
    expect(state.roe).toEqual({ est: "own-airspace", far: "none" });
    expect(state.seaAccess).toEqual({ gulf: true, strait: false });
    expect(state.economy.budgetUsd).toEqual({ defender: 50_000_000, attacker: 10_000_000 });
    expect(state.grid).toEqual({ blackedOut: [], blackoutPopulation: 0 });
    expect(state.escalation).toEqual({ value: 0, firedTriggers: [], ended: null });
  });

  it("each step eases tension and counts the blacked-out population's hours", () => {
    const { state, blackoutHours } = played();
    expect(blackoutHours).toBeCloseTo((150_000 * 700) / 3600, 6);
    // One airspace incident (weight 1), then 700 s at 2 points per hour.
    expect(state.escalation.value).toBeCloseTo(1 - (2 * 700) / 3600, 9);
  });

  it("survives a JSON round trip, and a restored campaign continues identically", () => {
    const { state } = played();
    const restored = restoreCampaign(JSON.parse(JSON.stringify(state)));
    expect(restored).toEqual({ ok: true, state });
    if (!restored.ok) throw new Error(restored.error);
    const continueFrom = (s: CampaignState) => {
      let hours = 0;
      for (let t = 700; t < 800; t += 0.5) hours += campaignTick(ctx, s, 0.5);
      return { hours, s };
    };
    expect(continueFrom(restored.state)).toEqual(continueFrom(state));
  });

  it("reads the campaign's keys of a larger object (a world) and leaves the rest", () => {
    const { state } = played();
    const restored = restoreCampaign({ ...JSON.parse(JSON.stringify(state)), threats: [] });
    expect(restored).toEqual({ ok: true, state });
  });

  it("a damaged snapshot is refused with the path and the reason", () => {
    const { state } = played();
    const bad = JSON.parse(JSON.stringify(state));
    bad.economy.stocks.sam = -1;
    delete bad.roe;
    const restored = restoreCampaign(bad, "snapshot.world");
    expect(restored.ok).toBe(false);
    expect(!restored.ok && restored.error).toMatch(
      /snapshot\.world\.roe: .*snapshot\.world\.economy\.stocks\.sam: /,
    );
    expect(restoreCampaign(null).ok).toBe(false);
  });
});

describe("between rounds", () => {
  it("repairs, and power comes back where the repaired grid reaches", () => {
    const { state, hp } = played();
    const assets = scenario.assets.map((a) => ({ id: a.id, hp: hp.get(a.id)!, hpMax: a.hp }));
    const { repairs, events } = repairBetweenRounds(ctx, state, 2, assets);
    expect(repairs).toEqual([{ assetId: "s1", hp: 5 }]);
    expect(events.map((e) => [e.type, e.round, e.t])).toEqual([
      ["power-restored", 2, 0],
      ["power-restored", 2, 0],
    ]);
    expect(state.grid.blackedOut).toEqual([]);
  });

  it("a round the scenario does not have changes nothing", () => {
    const state = createCampaignState(scenario, ctx);
    const before = structuredClone(state);
    expect(repairBetweenRounds(ctx, state, 3, [])).toEqual({ repairs: [], events: [] });
    expect(state).toEqual(before);
  });
});
