/**
 * Scores (docs/design.md §2 "Scoring") and their per-round / total bookkeeping, in the `Scores` shape of the
 * simulation API and the CLI summary.
 *
 * - Counters add up over rounds: threats launched / intercepted / leaked / crashed, decoys engaged, spend,
 *   casualties, blackout population-hours, incidents, damage.
 * - Levels are read at a moment: `escalation` and `interceptors_left` (a round's value is its value at
 *   the end of the round; the total is the latest).
 * - Ratios are recomputed from counters, never summed:
 *   cost_exchange = defender spend ÷ attacker spend (0 while the attacker has spent nothing), where the
 *   engine counts the cost of interceptors fired (`fire` events) against the cost of threats launched
 *   (`launch` events): the war of stockpiles, not the budgets;
 *   leak_rate = leaked ÷ (intercepted + leaked + crashed), i.e. over the threats whose flight has ended,
 *   so a drone jammed into the ground counts as stopped (0 while none has ended).
 *
 * The engine keeps raw counters per round (world.counters); each round's Scores come from its counters
 * with `withRatios`, and the total is `sumScores` of the rounds.
 */
import type { Scoring } from "../../shared/scenario.js";
import type { Scores } from "../api.js";

type CounterKey = Exclude<keyof Scores, "leak_rate" | "cost_exchange" | "escalation" | "interceptors_left">;

const COUNTERS: readonly CounterKey[] = [
  "threats_launched",
  "threats_intercepted",
  "threats_leaked",
  "threats_crashed",
  "decoys_engaged",
  "defender_spend_usd",
  "attacker_spend_usd",
  "casualties",
  "blackout_population_hours",
  "incidents",
  "damage",
];

export function emptyScores(): Scores {
  return {
    threats_launched: 0,
    threats_intercepted: 0,
    threats_leaked: 0,
    threats_crashed: 0,
    leak_rate: 0,
    decoys_engaged: 0,
    defender_spend_usd: 0,
    attacker_spend_usd: 0,
    cost_exchange: 0,
    casualties: 0,
    blackout_population_hours: 0,
    incidents: 0,
    escalation: 0,
    interceptors_left: 0,
    damage: 0,
  };
}

export function costExchange(defenderSpendUsd: number, attackerSpendUsd: number): number {
  return attackerSpendUsd > 0 ? defenderSpendUsd / attackerSpendUsd : 0;
}

export function leakRate(leaked: number, intercepted: number, crashed: number): number {
  const ended = leaked + intercepted + crashed;
  return ended > 0 ? leaked / ended : 0;
}

/** Recompute the two ratios from the counters (call after changing counters). */
export function withRatios(scores: Scores): Scores {
  scores.cost_exchange = costExchange(scores.defender_spend_usd, scores.attacker_spend_usd);
  scores.leak_rate = leakRate(scores.threats_leaked, scores.threats_intercepted, scores.threats_crashed);
  return scores;
}

/** Totals over rounds in order: counters summed, levels from the last round. */
export function sumScores(rounds: readonly Scores[]): Scores {
  const total = emptyScores();
  for (const round of rounds) {
    for (const key of COUNTERS) total[key] += round[key];
    total.escalation = round.escalation;
    total.interceptors_left = round.interceptors_left;
  }
  return withRatios(total);
}

/** What the defender lost, in USD-equivalent (the winner of a match that ran its course). */
export interface DefenderLosses {
  /** Σ over damaged assets of (damage ÷ hpMax) × valueUsd. */
  damageValueUsd: number;
  casualties: number;
  blackoutPopulationHours: number;
  escalation: number;
  /** Penalties from escalation triggers. */
  penaltiesUsd: number;
}

export function defenderLossUsd(scoring: Scoring, losses: DefenderLosses): number {
  return (
    losses.damageValueUsd +
    losses.casualties * scoring.usdPerCasualty +
    losses.blackoutPopulationHours * scoring.usdPerBlackoutPopulationHour +
    losses.escalation * scoring.usdPerEscalationPoint +
    losses.penaltiesUsd
  );
}
