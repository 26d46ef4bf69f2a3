import type { MatchSummary, Reckoning, Scores } from "./api.js";
import { defenderLossUsd, sumScores, withRatios } from "./campaign/scores.js";
import type { SimContext } from "./context.js";
import type { RoundCounters, World } from "./world.js";

/**
 * Scores and the match summary, from the per-round counters (world.counters, the one record of what
 * happened) with the campaign's score functions. The definitions, the same for the live counters, the
 * CLI summary and the debrief:
 * - spend is munitions expended: defender_spend_usd = Σ cost per shot of every interceptor fired (`fire`
 *   events); attacker_spend_usd = Σ unit cost of every threat launched (`launch` events; salvos not
 *   launched are refunded). Deployments, interceptors bought and penalties are budget, not spend.
 * - cost_exchange = defender spend ÷ attacker spend (0 while the attacker has spent nothing).
 * - leak_rate = leaked ÷ (intercepted + leaked + crashed): over the threats whose flight has ended, so a
 *   drone spoofed into the ground or out of fuel counts as stopped (0 while none has ended).
 * - escalation and interceptors_left are levels: a round's value is the one at its end (the live value
 *   while it runs), the total's the latest. Every other field is summed over the rounds.
 */

/** Interceptors left: rounds in every finite launcher of the coalition plus the defender's depot. */
export function interceptorsLeft(world: World): number {
  let left = 0;
  for (const unit of world.units) if (unit.role !== "sensor" && unit.magazine > 0) left += unit.magazine;
  for (const count of Object.values(world.economy.stocks)) left += count;
  return left;
}

function scoresOf(c: RoundCounters, escalation: number, left: number): Scores {
  return withRatios({
    threats_launched: c.launched,
    threats_intercepted: c.intercepted,
    threats_leaked: c.leaked,
    threats_crashed: c.crashed,
    leak_rate: 0,
    decoys_engaged: c.decoysEngaged,
    defender_spend_usd: c.defenderSpendUsd,
    attacker_spend_usd: c.attackerSpendUsd,
    cost_exchange: 0,
    casualties: c.casualties,
    blackout_population_hours: c.blackoutPopulationHours,
    incidents: c.incidents,
    escalation,
    interceptors_left: left,
    damage: c.damage,
  });
}

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
  return sumScores(roundScores(world));
}

export function matchSummary(ctx: SimContext): MatchSummary {
  const { world } = ctx;
  const perRound = roundScores(world);
  return {
    scenario: ctx.scenario.id,
    seed: world.seed,
    rounds: world.counters.length,
    winner: world.winner,
    reckoning: reckoning(ctx),
    ...sumScores(perRound),
    per_round: perRound,
  };
}

/**
 * Who won a match that ran its course: the attacker if the losses it inflicted (asset value
 * destroyed, casualties, blackout, escalation and penalties, at the scenario's prices) plus the
 * defender's munitions spend exceed what its own threats cost; the defender if less; a draw if equal.
 */
export function decideWinner(ctx: SimContext): "attacker" | "defender" | "draw" {
  const { imposedUsd, attackerSpendUsd } = reckoning(ctx);
  if (imposedUsd > attackerSpendUsd) return "attacker";
  return imposedUsd < attackerSpendUsd ? "defender" : "draw";
}

/** The figures that decide the winner (see `Reckoning`), so the debrief can show the rule at work. */
export function reckoning(ctx: SimContext): Reckoning {
  const { world, scenario } = ctx;
  const scores = totalScores(world);
  const { scoring } = scenario;
  let damageValueUsd = 0;
  scenario.assets.forEach((asset, i) => {
    const state = world.assets[i];
    damageValueUsd += (asset.valueUsd * (state.hpMax - state.hp)) / state.hpMax;
  });
  const parts = {
    damageValueUsd,
    casualtiesUsd: scores.casualties * scoring.usdPerCasualty,
    blackoutUsd: scores.blackout_population_hours * scoring.usdPerBlackoutPopulationHour,
    escalationUsd: scores.escalation * scoring.usdPerEscalationPoint,
    penaltiesUsd: world.economy.penaltiesUsd,
    defenderSpendUsd: scores.defender_spend_usd,
  };
  // The rule's own sum (campaign/scores.ts); the parts above are its terms, for the debrief to show.
  const imposedUsd =
    defenderLossUsd(scoring, {
      damageValueUsd,
      casualties: scores.casualties,
      blackoutPopulationHours: scores.blackout_population_hours,
      escalation: scores.escalation,
      penaltiesUsd: world.economy.penaltiesUsd,
    }) + scores.defender_spend_usd;
  return { ...parts, imposedUsd, attackerSpendUsd: scores.attacker_spend_usd, endReason: world.endReason };
}
