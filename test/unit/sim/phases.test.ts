import { describe, expect, it } from "vitest";
import { createSimulation, GRACE_SEC } from "../../../sim/index.js";
import { buildScenario, scenarioWithAlly } from "../../support/scenario.js";
import { applyAll, deploy, ofType, runLive, salvo, stepN, WHITE } from "./helpers.js";

describe("rounds and phases", () => {
  it("runs planning → live → assessment → planning of the next round → … → ended", () => {
    const sim = createSimulation(buildScenario(), 1);
    expect([sim.phase, sim.round, sim.clock]).toEqual(["planning", 1, 0]);
    expect(sim.step()).toEqual([]);
    const [live] = applyAll(sim, [WHITE.startLive]);
    expect(live).toMatchObject({ type: "phase", phase: "live" });
    const events = runLive(sim);
    expect(sim.phase).toBe("assessment");
    // Nothing flew: the night ends as soon as its duration is over.
    expect(sim.clock).toBe(10_800);
    expect(events.at(-1)).toMatchObject({ type: "phase", phase: "assessment", t: 10_800 });
    applyAll(sim, [WHITE.nextRound]);
    expect([sim.phase, sim.round, sim.clock]).toEqual(["planning", 2, 0]);
    // Unspent budget carries over; the new round's budget is added.
    expect(sim.view("truth").budgetUsd).toEqual({ attacker: 100_000_000, defender: 150_000_000 });
    applyAll(sim, [WHITE.startLive]);
    runLive(sim);
    const end = applyAll(sim, [WHITE.nextRound]);
    expect(sim.phase).toBe("ended");
    expect(end.map((e) => e.type)).toEqual(["phase", "match-end"]);
    // Nothing was spent and nothing was hit: neither side comes out ahead.
    expect(sim.summary()).toMatchObject({
      rounds: 2,
      winner: "draw",
      per_round: [{ round: 1 }, { round: 2 }],
    });
  });

  it("waits past the night's duration for threats still in flight, up to the grace period", () => {
    const sim = createSimulation(buildScenario(), 1);
    // A drone launched late in the night needs 9,000 s to arrive.
    applyAll(sim, [salvo({ launchAtSec: 5_000 }), WHITE.startLive]);
    const events = runLive(sim);
    const [impact] = ofType(events, "impact");
    expect(impact.t).toBeGreaterThan(10_800);
    expect(sim.clock).toBe(impact.t);
    // Beyond the grace period whatever still flies comes down.
    const slow = createSimulation(buildScenario(), 1);
    applyAll(slow, [salvo({ launchAtSec: 10_800, waypoints: [{ x: -250, y: 190 }] }), WHITE.startLive]);
    const late = runLive(slow);
    expect(slow.clock).toBe(10_800 + GRACE_SEC);
    expect(ofType(late, "crash")).toHaveLength(1);
    expect(slow.summary()).toMatchObject({ threats_launched: 1, threats_crashed: 1 });
  });

  it("starts every night with launchers ready, whatever their timers said the night before", () => {
    const sim = createSimulation(buildScenario(), 1);
    applyAll(sim, [deploy("gun", -195, 0, { doctrine: { weapons: "free" } }), deploy("radar", -190, 0)]);
    applyAll(sim, [salvo({ launchAtSec: 5_000, intervalSec: 0, count: 2 }), WHITE.startLive]);
    const firstNight = ofType(runLive(sim), "fire");
    applyAll(sim, [WHITE.nextRound, salvo({ launchAtSec: 0 }), WHITE.startLive]);
    const secondNight = ofType(runLive(sim), "fire");
    // The gun last fired after 13,000 s in night 1; in night 2 it fires as soon as the drone comes.
    expect(firstNight.at(-1)!.t).toBeGreaterThan(13_000);
    expect(secondNight[0].t).toBeLessThan(9_000);
  });

  it("end-live: brings down what flies and refunds what was not launched", () => {
    const sim = createSimulation(buildScenario(), 1);
    applyAll(sim, [salvo({ count: 10, intervalSec: 100 }), WHITE.startLive]);
    stepN(sim, 2 * 250);
    const events = applyAll(sim, [WHITE.endLive]);
    expect(sim.phase).toBe("assessment");
    expect(ofType(events, "crash")).toHaveLength(3);
    expect(sim.view("attacker").budgetUsd.attacker).toBe(50_000_000 - 3 * 35_000);
    expect(sim.summary()).toMatchObject({
      threats_launched: 3,
      threats_crashed: 3,
      attacker_spend_usd: 3 * 35_000,
    });
  });
});

describe("injects", () => {
  it("fires the MSEL's auto injects at their time; a radar outage loses the tracks it fed", () => {
    const scenario = buildScenario();
    scenario.msel = [
      {
        id: "dark",
        round: 1,
        atSec: 7000,
        title: "Radar down",
        inject: { type: "radar-outage", durationSec: 100 },
        auto: true,
      },
    ];
    const sim = createSimulation(scenario, 1);
    applyAll(sim, [deploy("radar", -100, 0, { id: "r" }), salvo(), WHITE.startLive]);
    const events = runLive(sim);
    const [inject] = ofType(events, "inject");
    expect(inject).toMatchObject({ t: 7000, title: "Radar down" });
    const lost = ofType(events, "track-lost");
    expect(lost[0].t).toBe(7000);
    // After the outage the drone is detected again, as a new (unknown) track.
    expect(ofType(events, "detect").map((e) => e.t)).toEqual([expect.any(Number), 7100]);
  });

  it("weather shrinks every sensor's range; an instructor's resupply fills the depot", () => {
    const sim = createSimulation(buildScenario(), 1);
    applyAll(sim, [
      deploy("radar", -100, 0),
      salvo(),
      { type: "inject", side: "white", inject: { type: "weather", sensorRangeFactor: 0.5 } },
      {
        type: "inject",
        side: "white",
        inject: { type: "resupply", layer: "sam", count: 5 },
        title: "Convoy",
      },
      WHITE.startLive,
    ]);
    expect(sim.view("defender").stocks.sam).toBe(13);
    const [detect] = ofType(runLive(sim), "detect");
    const halfHorizonKm = (4.12 * (Math.sqrt(30) + 10)) / 2;
    expect(350 - 0.05 * detect.t).toBeLessThanOrEqual(halfHorizonKm);
    expect(350 - 0.05 * detect.t).toBeGreaterThan(halfHorizonKm - 0.05);
  });

  it("sets the public ROE and sea-access maps", () => {
    const sim = createSimulation(scenarioWithAlly(), 1);
    applyAll(sim, [
      {
        type: "inject",
        side: "white",
        inject: { type: "ally-roe", nation: "navy-nation", roe: "buffer:20" },
      },
      { type: "inject", side: "white", inject: { type: "sea-access", region: "south", accessible: false } },
    ]);
    expect(sim.view("attacker")).toMatchObject({
      roe: { "navy-nation": "buffer:20" },
      seaAccess: { south: false },
    });
  });
});

describe("allies", () => {
  // The allied ship stands at (-100, -175) in the south sea; its ROE: its own airspace, the sea.
  function allyPlay(pathY: number) {
    const sim = createSimulation(scenarioWithAlly(), 1);
    applyAll(sim, [
      salvo({
        waypoints: [
          { x: 50, y: pathY },
          { x: -250, y: pathY },
        ],
      }),
      WHITE.startLive,
    ]);
    return runLive(sim);
  }

  it("engage over their own airspace", () => {
    const events = allyPlay(-170);
    expect(ofType(events, "fire")[0]).toMatchObject({ unitId: "ship-1", outsideRoe: false });
  });

  it("hold fire outside it, which the leak analysis reports", () => {
    const events = allyPlay(-120);
    expect(ofType(events, "fire")).toHaveLength(0);
    expect(ofType(events, "detect")[0]).toMatchObject({ side: "ally" });
    expect(ofType(events, "impact")[0].leakReason).toBe("held-by-roe");
  });
});

describe("the reckoning that decides the winner", () => {
  it("lists the rule's terms, which add up to what the attack imposed, and why the match ended", () => {
    const sim = createSimulation(buildScenario(), 3);
    applyAll(sim, [salvo({ count: 3 }), WHITE.startLive]);
    while (sim.phase !== "ended") {
      if (sim.phase === "live") runLive(sim);
      else applyAll(sim, [sim.phase === "planning" ? WHITE.startLive : WHITE.nextRound]);
    }
    const summary = sim.summary();
    const r = summary.reckoning;
    const terms =
      r.damageValueUsd +
      r.casualtiesUsd +
      r.blackoutUsd +
      r.escalationUsd +
      r.penaltiesUsd +
      r.defenderSpendUsd;
    expect(r.imposedUsd).toBeCloseTo(terms, 6);
    expect(r.damageValueUsd).toBeGreaterThan(0);
    expect(r.attackerSpendUsd).toBe(summary.attacker_spend_usd);
    expect(summary.winner).toBe(r.imposedUsd > r.attackerSpendUsd ? "attacker" : "defender");
    expect(r.endReason).toBe("all rounds played");
  });
});
