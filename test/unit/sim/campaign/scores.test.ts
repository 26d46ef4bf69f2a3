import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Scores } from "../../../../server/sim/api.js";
import {
  costExchange,
  damageValueUsd,
  defenderLossUsd,
  emptyScores,
  leakRate,
  roundScores,
  sumScores,
  valueProtectedUsd,
  withRatios,
} from "../../../../server/sim/campaign/scores.js";
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
  it("summing per-round figures gives the running total back, and diffing the total gives each round", () => {
    fc.assert(
      fc.property(fc.array(roundFigures, { minLength: 1, maxLength: 6 }), (rounds) => {
        // The engine's view: one running total, copied at each round's start.
        let total = emptyScores();
        const perRound: Scores[] = [];
        for (const round of rounds) {
          const atStart = total;
          total = sumScores([atStart, round]);
          perRound.push(roundScores(total, atStart));
        }
        expect(perRound).toEqual(rounds);
        expect(sumScores(perRound)).toEqual(total);
        expect(total.escalation).toBe(rounds[rounds.length - 1].escalation);
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

describe("value protected", () => {
  const { scoring } = fixtureScenario();
  const losses = {
    damageValueUsd: 2_000_000,
    casualties: 3,
    blackoutPopulationHours: 1000,
    escalation: 4,
    penaltiesUsd: 500_000,
  };

  it("prices each loss with the scenario's weights", () => {
    expect(defenderLossUsd(scoring, losses)).toBe(2_000_000 + 3_000_000 + 10_000 + 400_000 + 500_000);
    expect(valueProtectedUsd(scoring, 10_000_000, losses)).toBe(10_000_000 - 5_910_000);
  });

  it("damage costs its share of the asset's hit points times its value, at most the whole value", () => {
    const assets = new Map([
      ["c1", { hpMax: 10, valueUsd: 1_000_000 }],
      ["s1", { hpMax: 4, valueUsd: 400_000 }],
    ]);
    const hits = [
      { assetId: "c1", damage: 2 },
      { assetId: "s1", damage: 8 },
      { assetId: "ghost", damage: 5 },
    ];
    expect(damageValueUsd(hits, assets)).toBe(200_000 + 400_000);
  });
});
