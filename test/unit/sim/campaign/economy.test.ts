import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  beginRound,
  buyResupply,
  charge,
  chargePenalty,
  createEconomyState,
  deliverDue,
  type EconomyState,
  endRound,
  refund,
  takeFromStock,
} from "../../../../sim/campaign/economy.js";
import { fixtureScenario } from "./fixture.js";

const scenario = fixtureScenario();
const { layers } = scenario.catalogue;
const [night1, night2] = scenario.rounds;
const fresh = () => createEconomyState(scenario.stocks, night1);

describe("rounds and resupply", () => {
  it("round 1 starts with its budgets and its at-once resupply in the depot", () => {
    const state = fresh();
    expect(state.budgetUsd).toEqual({ defender: 50_000_000, attacker: 10_000_000 });
    expect(state.stocks).toEqual({ sam: 10 + 4 });
    expect(state.pending).toEqual([{ layer: "sam", count: 6, dueSec: 600 }]);
  });

  it("scheduled resupply arrives when due, and only once", () => {
    const state = fresh();
    expect(deliverDue(state, 599.5)).toEqual([]);
    expect(state.stocks.sam).toBe(14);
    expect(deliverDue(state, 600)).toEqual([{ layer: "sam", count: 6, dueSec: 600 }]);
    expect(state.stocks.sam).toBe(20);
    expect(deliverDue(state, 10_000)).toEqual([]);
    expect(state.stocks.sam).toBe(20);
  });

  it("what has not arrived by the end of the round arrives between rounds", () => {
    const state = fresh();
    expect(endRound(state)).toHaveLength(1);
    expect(state.stocks.sam).toBe(20);
    expect(state.pending).toEqual([]);
  });

  it("unspent budget carries over into the next round", () => {
    const state = fresh();
    charge(state, "defender", 45_000_000, "deploy");
    beginRound(state, night2);
    expect(state.budgetUsd).toEqual({ defender: 25_000_000, attacker: 15_000_000 });
  });
});

describe("spending", () => {
  it("buys resupply at the layer's cost per shot, into the depot at once", () => {
    const state = fresh();
    expect(buyResupply(state, layers, "sam", 2)).toEqual({ ok: true, costUsd: 8_000_000 });
    expect(state.stocks.sam).toBe(16);
    expect(state.budgetUsd.defender).toBe(42_000_000);
  });

  it("rejects a purchase it cannot afford, with a reason, and changes nothing", () => {
    const state = fresh();
    const before = structuredClone(state);
    const result = buyResupply(state, layers, "sam", 13);
    expect(result).toMatchObject({ ok: false, code: "over_budget" });
    expect(!result.ok && result.message).toMatch(/\$52M.*only \$50M left/);
    expect(state).toEqual(before);
  });

  it("rejects unknown layers, layers that never run dry, and bad counts", () => {
    const state = fresh();
    const before = structuredClone(state);
    expect(buyResupply(state, layers, "laser", 1)).toMatchObject({ ok: false, code: "unknown_type_id" });
    expect(buyResupply(state, layers, "toString", 1)).toMatchObject({ ok: false, code: "unknown_type_id" });
    expect(buyResupply(state, layers, "gun", 1)).toMatchObject({ ok: false, code: "not_allowed" });
    for (const count of [0, -1, 1.5, Number.NaN]) {
      expect(buyResupply(state, layers, "sam", count)).toMatchObject({ ok: false, code: "not_allowed" });
    }
    expect(charge(state, "attacker", -5, "x")).toMatchObject({ ok: false, code: "not_allowed" });
    expect(charge(state, "attacker", Number.POSITIVE_INFINITY, "x")).toMatchObject({
      ok: false,
      code: "not_allowed",
    });
    expect(state).toEqual(before);
  });

  it("may spend the budget to the last dollar, and not one more", () => {
    const state = fresh();
    expect(charge(state, "defender", 50_000_000.01, "x")).toMatchObject({ ok: false, code: "over_budget" });
    expect(charge(state, "defender", 50_000_000, "x")).toEqual({ ok: true, costUsd: 50_000_000 });
    expect(state.budgetUsd.defender).toBe(0);
  });

  it("a cancelled salvo gives the attacker its money back", () => {
    const state = fresh();
    charge(state, "attacker", 20 * 35_000, "salvo");
    refund(state, "attacker", 20 * 35_000);
    expect(state.budgetUsd.attacker).toBe(10_000_000);
  });

  it("takes from a stock at most what is there", () => {
    const state = fresh();
    expect(takeFromStock(state, "sam", 5)).toBe(5);
    expect(takeFromStock(state, "sam", 50)).toBe(9);
    expect(takeFromStock(state, "sam", 1)).toBe(0);
    expect(takeFromStock(state, "ship", 3)).toBe(0);
    expect(state.stocks).toEqual({ sam: 0 });
  });

  it("a penalty takes what the budget holds and counts in full", () => {
    const state = fresh();
    expect(chargePenalty(state, 60_000_000)).toEqual({ paidUsd: 50_000_000, unpaidUsd: 10_000_000 });
    expect(state.budgetUsd.defender).toBe(0);
    expect(state.penaltiesUsd).toBe(60_000_000);
  });
});

const usd = fc.double({ min: -1e6, max: 6e7, noNaN: true });
const layer = fc.constantFrom("sam", "gun", "ship", "laser");
const operation = fc.oneof(
  fc.record({
    op: fc.constant("charge" as const),
    payer: fc.constantFrom("defender" as const, "attacker" as const),
    usd,
  }),
  fc.record({
    op: fc.constant("refund" as const),
    payer: fc.constantFrom("defender" as const, "attacker" as const),
    usd,
  }),
  fc.record({ op: fc.constant("buy" as const), layer, count: fc.integer({ min: -2, max: 30 }) }),
  fc.record({ op: fc.constant("take" as const), layer, count: fc.integer({ min: -5, max: 40 }) }),
  fc.record({ op: fc.constant("penalty" as const), usd }),
  fc.record({ op: fc.constant("deliver" as const), atSec: fc.integer({ min: 0, max: 2000 }) }),
  fc.record({ op: fc.constant("round" as const), end: fc.boolean() }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

function run(state: EconomyState, o: Operation): void {
  switch (o.op) {
    case "charge": {
      const before = structuredClone(state);
      if (!charge(state, o.payer, o.usd, "x").ok) expect(state).toEqual(before);
      return;
    }
    case "refund":
      refund(state, o.payer, o.usd);
      return;
    case "buy": {
      const before = structuredClone(state);
      if (!buyResupply(state, layers, o.layer, o.count).ok) expect(state).toEqual(before);
      return;
    }
    case "take":
      takeFromStock(state, o.layer, o.count);
      return;
    case "penalty":
      chargePenalty(state, o.usd);
      return;
    case "deliver":
      deliverDue(state, o.atSec);
      return;
    case "round":
      if (o.end) endRound(state);
      else beginRound(state, night1);
  }
}

describe("never negative (property)", () => {
  it("no sequence of operations makes a budget or a stock negative; a rejection changes nothing", () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (operations) => {
        const state = fresh();
        for (const o of operations) {
          run(state, o);
          expect(state.budgetUsd.defender).toBeGreaterThanOrEqual(0);
          expect(state.budgetUsd.attacker).toBeGreaterThanOrEqual(0);
          for (const count of Object.values(state.stocks)) {
            expect(Number.isInteger(count) && count >= 0).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
