import { describe, expect, it } from "vitest";
import { createSimulation } from "../../../sim/index.js";
import { knownSummary, UNKNOWN } from "../../../sim/known-scores.js";
import { buildScenario, scenarioWithAlly } from "../../support/scenario.js";
import { applyAll, deploy, ofType, runLive, salvo, WHITE } from "./helpers.js";

/**
 * The summary's breakdowns, on small nights whose every figure can be worked out by hand. Drones fly
 * 450 km from (250, 0) to the capital at 50 m/s: 9,000 s.
 */

describe("the summary's breakdowns", () => {
  it("counts by class, decoys apart from the leak rate, and the warning each threat gave", () => {
    const scenario = buildScenario();
    const sim = createSimulation(scenario, 11);
    // A radar at (-150, 0) sees a 100 m drone 63.7 km out: it enters coverage 86.3 km from the capital.
    applyAll(sim, [
      deploy("radar", -150, 0),
      salvo({ count: 2 }),
      salvo({ threatType: "decoy", count: 3 }),
      WHITE.startLive,
    ]);
    const events = runLive(sim);
    const s = sim.summary();
    expect(s.by_class.drone).toEqual({ launched: 2, intercepted: 0, leaked: 2, crashed: 0 });
    expect(s.by_class.decoy).toEqual({ launched: 3, intercepted: 0, leaked: 0, crashed: 3 });
    expect(s).toMatchObject({ threats_launched: 2, threats_crashed: 0, leak_rate: 1, decoys_launched: 3 });
    const warning = s.warning_sec.drone!;
    expect(warning.n).toBe(2);
    // Seen from 63.7 km past the radar: (50 + 63.7) km before the aim at 50 m/s, to the step.
    expect(warning.mean).toBeGreaterThan(((50 + 63.7) / 0.05) * 0.97);
    expect(warning.mean).toBeLessThan(((50 + 63.7) / 0.05) * 1.03);
    expect(warning.share).toBeCloseTo(warning.mean / 9000, 2);
    // Decoys came down at their aim: no impact, no warning sample (only hits and kills give one).
    expect(s.warning_sec.decoy).toBeUndefined();
    expect(ofType(events, "impact")).toHaveLength(2);
    expect(s.per_round).toHaveLength(1);
    expect(s.per_round[0]).toMatchObject({
      by_class: s.by_class,
      decoys_launched: 3,
      warning_sec: s.warning_sec,
    });
  });

  it("each layer's shots, kills, spend and interceptors left, and who made each kill", () => {
    const scenario = scenarioWithAlly();
    scenario.catalogue.layers.gun.pk = { drone: 1, decoy: 1, cruise: 1, ballistic: 0 };
    const sim = createSimulation(scenario, 11);
    applyAll(sim, [
      deploy("radar", -150, 0),
      deploy("gun", -170, 0, { doctrine: { weapons: "free" } }),
      salvo({ count: 1 }),
      WHITE.startLive,
    ]);
    runLive(sim);
    const s = sim.summary();
    expect(s.intercepted_by).toEqual({ defender: 1, "navy-nation": 0 });
    // The gun fired once (magazine 2, depot 4), killed once and cost $5k; the ship fired nothing.
    expect(s.layers.gun).toEqual({ shots: 1, kills: 1, spend_usd: 5000, stock_left: 5 });
    expect(s.layers.ship).toEqual({ shots: 0, kills: 0, spend_usd: 0, stock_left: 32 });
    // The depot's SAM and point-defence rounds count as stock although no launcher stands.
    expect(s.layers.sam.stock_left).toBe(8);
    expect(s.incidents_by_nation).toEqual({ "navy-nation": 0 });
  });

  it("between nights the attacker's summary keeps the defence's figures to itself; the final one does not", () => {
    const sim = createSimulation(buildScenario(), 11);
    applyAll(sim, [deploy("radar", -150, 0), deploy("gun", -170, 0), salvo({ count: 2 }), WHITE.startLive]);
    runLive(sim);
    const truth = sim.summary();
    const attacker = knownSummary("attacker", truth, false);
    for (const s of [attacker, attacker.per_round[0]])
      expect(s).toMatchObject({
        interceptors_left: UNKNOWN,
        layers: {},
        intercepted_by: {},
        warning_sec: {},
      });
    expect(attacker.by_class).toEqual(truth.by_class);
    expect(knownSummary("defender", truth, false)).toEqual(truth);
    expect(knownSummary("attacker", truth, true)).toEqual(truth);
  });
});
