import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Scores } from "../../../../sim/api.js";
import {
  costExchange,
  defenderLossUsd,
  emptyScores,
  leakRate,
  sumScores,
  withRatios,
} from "../../../../sim/campaign/scores.js";
import { fixtureScenario } from "./fixture.js";

describe("ratios", () => {
  it("cost exchange is defender spend over attacker spend, 0 while the attacker spent nothing", () => {
    expect(costExchange(8_000_000, 700_000)).toBeCloseTo(11.428571, 5);
    expect(costExchange(8_000_000, 0)).toBe(0);
    expect(costExchange(0, 0)).toBe(0);
  });

  it("leak rate is leaked over the threats whose flight ended, 0 while none has", () => {
    expect(leakRate(2, 6, 2)).toBe(0.2);
    expect(leakRate(0, 0, 0)).toBe(0);
    expect(leakRate(3, 0, 0)).toBe(1);
  });
});

const counts = fc.integer({ min: 0, max: 1000 });
const money = fc.integer({ min: 0, max: 1e9 });
/** One round's own figures (ratios left to withRatios). */
const roundFigures = fc
  .record({
    threats_launched: counts,
    threats_intercepted: counts,
    threats_leaked: counts,
    threats_crashed: counts,
    decoys_engaged: counts,
    defender_spend_usd: money,
    attacker_spend_usd: money,
    casualties: counts,
    blackout_population_hours: money,
    incidents: counts,
    escalation: counts,
    interceptors_left: counts,
    damage: counts,
  })
  .map((r): Scores => withRatios({ ...r, leak_rate: 0, cost_exchange: 0 }));

describe("per round and totals", () => {
  it("the total sums the counters of the rounds and takes the levels of the last", () => {
    fc.assert(
      fc.property(fc.array(roundFigures, { minLength: 1, maxLength: 6 }), (rounds) => {
        const total = sumScores(rounds);
        const last = rounds[rounds.length - 1];
        expect(total.threats_launched).toBe(rounds.reduce((n, r) => n + r.threats_launched, 0));
        expect(total.blackout_population_hours).toBe(
          rounds.reduce((n, r) => n + r.blackout_population_hours, 0),
        );
        expect(total.incidents).toBe(rounds.reduce((n, r) => n + r.incidents, 0));
        expect([total.escalation, total.interceptors_left]).toEqual([
          last.escalation,
          last.interceptors_left,
        ]);
        // Adding a round of nothing changes nothing but the levels.
        expect(sumScores([...rounds, { ...emptyScores(), escalation: 3 }])).toEqual({
          ...total,
          escalation: 3,
          interceptors_left: 0,
        });
      }),
    );
  });

  it("ratios of the total come from the summed counters, not from summed ratios", () => {
    const a = withRatios({
      ...emptyScores(),
      defender_spend_usd: 4e6,
      attacker_spend_usd: 1e6,
      threats_leaked: 1,
      threats_intercepted: 1,
    });
    const b = withRatios({
      ...emptyScores(),
      defender_spend_usd: 0,
      attacker_spend_usd: 3e6,
      threats_intercepted: 8,
    });
    const total = sumScores([a, b]);
    expect(total.cost_exchange).toBe(1);
    expect(total.leak_rate).toBe(0.1);
  });
});

describe("defender losses", () => {
  const { scoring } = fixtureScenario();

  it("price each loss with the scenario's weights", () => {
    const losses = {
      damageValueUsd: 2_000_000,
      casualties: 3,
      blackoutPopulationHours: 1000,
      escalation: 4,
      penaltiesUsd: 500_000,
    };
    expect(defenderLossUsd(scoring, losses)).toBe(2_000_000 + 3_000_000 + 10_000 + 400_000 + 500_000);
  });
});
