import { describe, expect, it } from "vitest";
import type { Inject } from "../../../../shared/scenario.js";
import {
  ALL_SENSORS,
  applyInject,
  type CampaignState,
  checkInject,
  clearTimedConditions,
  createCampaignState,
  dueAutoInjects,
  findScheduledInject,
  injectCatalogue,
  injectVisibility,
  pendingInjects,
  sensorOffline,
  weatherFactor,
} from "../../../../sim/campaign/index.js";
import { fixtureScenario } from "./fixture.js";

const scenario = fixtureScenario();
const catalogue = injectCatalogue(scenario);
const units = new Set(["radar-1", "sam-1"]);
const unitExists = (id: string) => units.has(id);
const NOW = 1000;

/** Check and apply an inject on a fresh campaign and return the state before and after. */
function applied(inject: Inject): { before: CampaignState; after: CampaignState } {
  const before = createCampaignState(scenario);
  const after = structuredClone(before);
  expect(checkInject(catalogue, inject, unitExists)).toEqual({ ok: true });
  applyInject(after, inject, NOW);
  return { before, after };
}

describe("each inject changes what it says and nothing else", () => {
  it("radar-outage of one unit", () => {
    const { before, after } = applied({ type: "radar-outage", unit: "radar-1", durationSec: 300 });
    before.sensors.outageUntilSec["radar-1"] = 1300;
    expect(after).toEqual(before);
  });

  it("radar-outage of every defender sensor", () => {
    const { before, after } = applied({ type: "radar-outage", durationSec: 60 });
    before.sensors.outageUntilSec[ALL_SENSORS] = 1060;
    expect(after).toEqual(before);
  });

  it("resupply", () => {
    const { before, after } = applied({ type: "resupply", layer: "sam", count: 8 });
    before.economy.stocks.sam += 8;
    expect(after).toEqual(before);
  });

  it("resupply of a layer the depot did not hold yet", () => {
    const { before, after } = applied({ type: "resupply", layer: "ship", count: 2 });
    before.economy.stocks.ship = 2;
    expect(after).toEqual(before);
  });

  it("sea-access", () => {
    const { before, after } = applied({ type: "sea-access", region: "strait", accessible: true });
    before.seaAccess.strait = true;
    expect(after).toEqual(before);
  });

  it("ally-roe", () => {
    const { before, after } = applied({ type: "ally-roe", nation: "est", roe: "none" });
    before.roe.est = "none";
    expect(after).toEqual(before);
  });

  it("weather with a duration", () => {
    const { before, after } = applied({ type: "weather", sensorRangeFactor: 0.6, durationSec: 600 });
    before.sensors.weather = { factor: 0.6, untilSec: 1600 };
    expect(after).toEqual(before);
  });

  it("weather until further notice", () => {
    const { before, after } = applied({ type: "weather", sensorRangeFactor: 1.2 });
    before.sensors.weather = { factor: 1.2, untilSec: null };
    expect(after).toEqual(before);
  });
});

describe("injects that refer to nothing or are malformed are rejected", () => {
  const bad: [Inject, string][] = [
    [{ type: "radar-outage", unit: "ghost", durationSec: 60 }, "inject.unit"],
    [{ type: "radar-outage", durationSec: Number.NaN }, "inject.durationSec"],
    [{ type: "resupply", layer: "laser", count: 1 }, "inject.layer"],
    [{ type: "resupply", layer: "gun", count: 1 }, "inject.layer"],
    [{ type: "resupply", layer: "sam", count: 1.5 }, "inject.count"],
    [{ type: "sea-access", region: "home", accessible: false }, "inject.region"],
    [{ type: "ally-roe", nation: "atlantis", roe: "none" }, "inject.nation"],
    [{ type: "weather", sensorRangeFactor: 0 }, "inject.sensorRangeFactor"],
    [{ type: "weather", sensorRangeFactor: 0.5, durationSec: -1 }, "inject.durationSec"],
  ];
  it.each(bad)("%j", (inject, path) => {
    expect(checkInject(catalogue, inject, unitExists)).toMatchObject({ ok: false, path });
  });

  it("the defence's own outages and convoys are hidden from the attacker; the rest is public", () => {
    expect(injectVisibility({ type: "radar-outage", durationSec: 5 })).not.toContain("attacker");
    expect(injectVisibility({ type: "resupply", layer: "sam", count: 1 })).not.toContain("attacker");
    expect(injectVisibility({ type: "ally-roe", nation: "est", roe: "none" })).toContain("attacker");
  });
});

describe("timed conditions", () => {
  it("an outage darkens its sensor until it ends; a unit-less one only the defender's", () => {
    const state = createCampaignState(scenario);
    applyInject(state, { type: "radar-outage", unit: "radar-1", durationSec: 100 }, 0);
    applyInject(state, { type: "radar-outage", durationSec: 50 }, 0);
    expect(sensorOffline(state.sensors, "radar-1", true, 99.5)).toBe(true);
    expect(sensorOffline(state.sensors, "radar-1", true, 100)).toBe(false);
    expect(sensorOffline(state.sensors, "radar-2", true, 49.5)).toBe(true);
    expect(sensorOffline(state.sensors, "radar-2", false, 49.5)).toBe(false);
    expect(sensorOffline(state.sensors, "radar-2", true, 50)).toBe(false);
  });

  it("a shorter outage never cuts a longer one short", () => {
    const state = createCampaignState(scenario);
    applyInject(state, { type: "radar-outage", unit: "radar-1", durationSec: 600 }, 0);
    applyInject(state, { type: "radar-outage", unit: "radar-1", durationSec: 10 }, 100);
    expect(state.sensors.outageUntilSec["radar-1"]).toBe(600);
  });

  it("weather scales sensor range until it ends", () => {
    const state = createCampaignState(scenario);
    expect(weatherFactor(state.sensors, 0)).toBe(1);
    applyInject(state, { type: "weather", sensorRangeFactor: 0.5, durationSec: 60 }, 10);
    expect(weatherFactor(state.sensors, 69.5)).toBe(0.5);
    expect(weatherFactor(state.sensors, 70)).toBe(1);
  });

  it("the round transition clears timed conditions but keeps untimed weather", () => {
    const state = createCampaignState(scenario);
    applyInject(state, { type: "radar-outage", durationSec: 60 }, 0);
    applyInject(state, { type: "weather", sensorRangeFactor: 0.7 }, 0);
    clearTimedConditions(state.sensors);
    expect(state.sensors).toEqual({ outageUntilSec: {}, weather: { factor: 0.7, untilSec: null } });
    applyInject(state, { type: "weather", sensorRangeFactor: 0.7, durationSec: 5 }, 0);
    clearTimedConditions(state.sensors);
    expect(state.sensors.weather).toEqual({ factor: 1, untilSec: null });
  });
});

describe("MSEL", () => {
  it("an auto inject is due from its time in its round; manual ones never fire by themselves", () => {
    expect(dueAutoInjects(scenario.msel, [], 1, 99.5)).toEqual([]);
    expect(dueAutoInjects(scenario.msel, [], 1, 100).map((s) => s.id)).toEqual(["fog"]);
    expect(dueAutoInjects(scenario.msel, [], 2, 100)).toEqual([]);
    expect(dueAutoInjects(scenario.msel, ["fog"], 1, 100)).toEqual([]);
    expect(pendingInjects(scenario.msel, ["fog"], 1).map((s) => s.id)).toEqual(["strait-opens"]);
  });

  it("the instructor fires a scheduled inject of the current round, once", () => {
    expect(findScheduledInject(scenario.msel, [], "strait-opens", 1)).toMatchObject({
      ok: true,
      scheduled: { id: "strait-opens" },
    });
    for (const [fired, id, round] of [
      [["strait-opens"], "strait-opens", 1],
      [[], "strait-opens", 2],
      [[], "nope", 1],
    ] as const) {
      expect(findScheduledInject(scenario.msel, fired, id, round)).toMatchObject({
        ok: false,
        code: "not_allowed",
        path: "injectId",
      });
    }
  });
});
