/**
 * Money and interceptor stocks (docs/design.md §2 "Economy and rounds").
 *
 * - Each round adds its `defenderBudgetUsd` and `attackerBudgetUsd`. Unspent budget CARRIES OVER to the
 *   next round for both sides: saving money is a real choice in a war of stockpiles, and a side that
 *   planned cheaply one night can buy more the next.
 * - The defender spends on deployment (the layer's or sensor's `deployCostUsd`), relocation (no scenario
 *   cost yet: 0) and resupply purchases (`costPerShotUsd` each, delivered to the depot at once); defender
 *   penalties from escalation triggers are charged as far as the budget goes.
 * - The attacker spends its production budget on threats (`costUsd` each) when planning salvos, and gets
 *   it back when a planned salvo is cancelled before launch.
 * - Scheduled resupply (`RoundSpec.resupply`) arrives `arrivesAfterSec` into the round's live phase
 *   (0: at the start of the round, before planning); whatever has not arrived when the round ends is
 *   delivered between rounds. Injected resupply arrives at once (see injects.ts).
 * - Budgets and stocks never go negative: a charge larger than the budget is rejected with a reason and
 *   changes nothing; taking from a stock takes at most what is there.
 */

import type { Refusal } from "../../shared/commands.js";
import { formatUsd } from "../../shared/money.js";
import type { LayerType, ResupplyItem, RoundSpec } from "../../shared/scenario.js";

export type Payer = "defender" | "attacker";

export type Delivery = {
  layer: string;
  count: number;
  /** Seconds into the live phase of the round it was scheduled in. */
  dueSec: number;
};

export type EconomyState = {
  budgetUsd: { defender: number; attacker: number };
  /** Interceptors in the defender's depot per layer (beyond what the launchers hold). */
  stocks: Record<string, number>;
  /** Scheduled deliveries of the current round, ordered by due time. */
  pending: Delivery[];
  /** Defender penalties from escalation triggers so far (charged or not: they count in the score). */
  penaltiesUsd: number;
};

/** A rejection names the offending field of the order (`path`) where there is one. */
export type EconomyResult = { ok: true; costUsd: number } | Refusal;

const NOTHING: readonly Delivery[] = Object.freeze([]);

/** The depot as the scenario stocks it, with round 1's budgets and scheduled resupply. */
export function createEconomyState(
  stocks: Readonly<Record<string, number>>,
  firstRound: RoundSpec,
): EconomyState {
  const state: EconomyState = {
    budgetUsd: { defender: 0, attacker: 0 },
    stocks: { ...stocks },
    pending: [],
    penaltiesUsd: 0,
  };
  beginRound(state, firstRound);
  return state;
}

function deliver(state: EconomyState, delivery: Delivery): void {
  addStock(state, delivery.layer, delivery.count);
}

function scheduled(item: ResupplyItem): Delivery {
  return { layer: item.layer, count: item.count, dueSec: item.arrivesAfterSec };
}

/**
 * Round transition (before the round's planning phase): add the round's budgets and schedule its
 * resupply. Returns the deliveries that arrive at once (due at 0 s).
 */
export function beginRound(state: EconomyState, spec: RoundSpec): Delivery[] {
  state.budgetUsd.defender += spec.defenderBudgetUsd;
  state.budgetUsd.attacker += spec.attackerBudgetUsd;
  state.pending.push(...spec.resupply.map(scheduled));
  state.pending.sort((a, b) => a.dueSec - b.dueSec);
  return [...deliverDue(state, 0)];
}

/** Deliveries due at `nowSec` (live clock) are moved to the depot and returned. Call once per step. */
export function deliverDue(state: EconomyState, nowSec: number): readonly Delivery[] {
  if (state.pending.length === 0 || state.pending[0].dueSec > nowSec) return NOTHING;
  let due = 0;
  while (due < state.pending.length && state.pending[due].dueSec <= nowSec) due++;
  const arrived = state.pending.splice(0, due);
  for (const delivery of arrived) deliver(state, delivery);
  return arrived;
}

/** End of a round's live phase: the convoys still on the road arrive between rounds. */
export function endRound(state: EconomyState): Delivery[] {
  const arrived = state.pending.splice(0);
  for (const delivery of arrived) deliver(state, delivery);
  return arrived;
}

function validUsd(usd: number): boolean {
  return Number.isFinite(usd) && usd >= 0;
}

/** Charge a side (deployment, relocation, production). Rejected whole when it would go negative. */
export function charge(state: EconomyState, payer: Payer, usd: number, what: string): EconomyResult {
  if (!validUsd(usd)) return { ok: false, code: "not_allowed", message: `${what}: invalid cost ${usd}` };
  const budget = state.budgetUsd[payer];
  if (usd > budget) {
    return {
      ok: false,
      code: "over_budget",
      message: `${what} cost ${formatUsd(usd)}, but the ${payer} has only ${formatUsd(budget)} left`,
    };
  }
  // usd ≤ budget, so the rounded difference is ≥ 0 as well.
  state.budgetUsd[payer] = budget - usd;
  return { ok: true, costUsd: usd };
}

/** Give money back (a cancelled salvo, a unit removed in planning if the engine refunds it). */
export function refund(state: EconomyState, payer: Payer, usd: number): void {
  if (validUsd(usd)) state.budgetUsd[payer] += usd;
}

/** The defender buys `count` interceptors of a layer at its cost per shot; they go to the depot now. */
export function buyResupply(
  state: EconomyState,
  layers: Readonly<Record<string, LayerType>>,
  layer: string,
  count: number,
): EconomyResult {
  const type = Object.hasOwn(layers, layer) ? layers[layer] : undefined;
  if (!type)
    return {
      ok: false,
      code: "unknown_type_id",
      message: `no layer '${layer}' in the catalogue`,
      path: "layer",
    };
  if (type.magazine === null) {
    const message = `layer '${layer}' never runs dry: nothing to buy`;
    return { ok: false, code: "not_allowed", message, path: "layer" };
  }
  if (!Number.isInteger(count) || count <= 0) {
    const message = `count must be a positive whole number, got ${count}`;
    return { ok: false, code: "not_allowed", message, path: "count" };
  }
  const result = charge(state, "defender", type.costPerShotUsd * count, `${count} × ${type.name}`);
  if (!result.ok) return { ...result, path: "count" };
  addStock(state, layer, count);
  return result;
}

export function addStock(state: EconomyState, layer: string, count: number): void {
  if (count > 0) state.stocks[layer] = (state.stocks[layer] ?? 0) + count;
}

/** Take up to `wanted` interceptors from the depot (a reload); returns how many were taken. */
export function takeFromStock(state: EconomyState, layer: string, wanted: number): number {
  const have = state.stocks[layer] ?? 0;
  const taken = Math.max(0, Math.min(have, Math.floor(wanted)));
  if (taken > 0) state.stocks[layer] = have - taken;
  return taken;
}

/** A defender penalty: charged as far as the budget goes, counted in full for the score. */
export function chargePenalty(state: EconomyState, usd: number): { paidUsd: number; unpaidUsd: number } {
  if (!validUsd(usd)) return { paidUsd: 0, unpaidUsd: 0 };
  const paidUsd = Math.min(usd, state.budgetUsd.defender);
  state.budgetUsd.defender -= paidUsd;
  state.penaltiesUsd += usd;
  return { paidUsd, unpaidUsd: usd - paidUsd };
}
