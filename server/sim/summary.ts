import type { MatchSummary, Scores } from "./api.js";
import type { SimContext } from "./context.js";
import type { RoundCounters, World } from "./world.js";

/**
 * Scores and the match summary, computed from the per-round counters (definitions as in the
 * campaign's scores module): spend is munitions expended (interceptors fired, threats launched);
 * cost_exchange = defender spend ÷ attacker spend; leak_rate = leaked ÷ (intercepted + leaked +
 * crashed); escalation and interceptors_left are levels (a round's value is the one at its end).
 */

/** Interceptors left: rounds in every finite launcher of the coalition plus the defender's depot. */
export function interceptorsLeft(world: World): number {
  let left = 0;
  for (const unit of world.units) if (unit.role !== "sensor" && unit.magazine > 0) left += unit.magazine;
  for (const count of Object.values(world.economy.stocks)) left += count;
  return left;
}

function scoresOf(c: Omit<RoundCounters, "round">, escalation: number, left: number): Scores {
  const ended = c.intercepted + c.leaked + c.crashed;
  return {
    threats_launched: c.launched,
    threats_intercepted: c.intercepted,
    threats_leaked: c.leaked,
    threats_crashed: c.crashed,
    leak_rate: ended > 0 ? c.leaked / ended : 0,
    decoys_engaged: c.decoysEngaged,
    defender_spend_usd: c.defenderSpendUsd,
    attacker_spend_usd: c.attackerSpendUsd,
    cost_exchange: c.attackerSpendUsd > 0 ? c.defenderSpendUsd / c.attackerSpendUsd : 0,
    casualties: c.casualties,
    blackout_population_hours: c.blackoutPopulationHours,
    incidents: c.incidents,
    escalation,
    interceptors_left: left,
    damage: c.damage,
  };
}

const SUMMED = [
  "launched",
  "intercepted",
  "leaked",
  "crashed",
  "decoysEngaged",
  "defenderSpendUsd",
  "attackerSpendUsd",
  "casualties",
  "blackoutPopulationHours",
  "incidents",
  "damage",
] as const;

export function roundScores(world: World): (Scores & { round: number })[] {
  return world.counters.map((c) => {
    const live = c.escalationAtEnd < 0;
    const scores = scoresOf(
      c,
      live ? world.escalation.value : c.escalationAtEnd,
      live ? interceptorsLeft(world) : c.interceptorsLeftAtEnd,
    );
    return { round: c.round, ...scores };
  });
}

export function totalScores(world: World): Scores {
  const total = { ...world.counters[0] };
  for (const key of SUMMED) total[key] = 0;
  for (const c of world.counters) for (const key of SUMMED) total[key] += c[key];
  return scoresOf(total, world.escalation.value, interceptorsLeft(world));
}

export function matchSummary(ctx: SimContext): MatchSummary {
  const { world } = ctx;
  return {
    scenario: ctx.scenario.id,
    seed: world.seed,
    rounds: world.counters.length,
    winner: world.winner,
    ...totalScores(world),
    per_round: roundScores(world),
  };
}

/**
 * Who won a match that ran its course: the attacker if the losses it inflicted (asset value
 * destroyed, casualties, blackout, escalation, at the scenario's prices) plus the defender's munitions
 * spend exceed what its own threats cost; the defender if less; a draw if equal.
 */
export function decideWinner(ctx: SimContext): "attacker" | "defender" | "draw" {
  const { world, scenario } = ctx;
  const scores = totalScores(world);
  let destroyedUsd = 0;
  scenario.assets.forEach((asset, i) => {
    const state = world.assets[i];
    destroyedUsd += (asset.valueUsd * (state.hpMax - state.hp)) / state.hpMax;
  });
  const price = scenario.scoring;
  const imposedUsd =
    destroyedUsd +
    scores.casualties * price.usdPerCasualty +
    scores.blackout_population_hours * price.usdPerBlackoutPopulationHour +
    scores.escalation * price.usdPerEscalationPoint +
    scores.defender_spend_usd;
  if (imposedUsd > scores.attacker_spend_usd) return "attacker";
  return imposedUsd < scores.attacker_spend_usd ? "defender" : "draw";
}
