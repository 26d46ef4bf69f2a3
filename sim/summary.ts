import type { ThreatClass } from "../shared/scenario.js";
import type {
  LayerFigures,
  MatchSummary,
  Reckoning,
  RoundSummary,
  Scores,
  SummaryFigures,
  WarningFigures,
} from "./api.js";
import { defenderLossUsd, withRatios } from "./campaign/scores.js";
import type { SimContext } from "./context.js";
import {
  type ClassCounts,
  type LayerCounts,
  newCounters,
  type RoundCounters,
  THREAT_CLASSES,
  type WarningSamples,
  type World,
} from "./world.js";

/**
 * Scores and the match summary, from the per-round counters (world.counters, the one record of what
 * happened) with the campaign's score functions. The definitions, the same for the live counters, the
 * CLI summary and the debrief:
 * - threats are what can do damage; decoys are counted apart (decoys_launched, decoys_engaged,
 *   decoy_spend_usd), so threats_* and leak_rate leave them out.
 * - spend is munitions expended: defender_spend_usd = Σ cost per shot of every interceptor the coalition
 *   fired (`fire` events); attacker_spend_usd = Σ unit cost of every threat and decoy launched (`launch`
 *   events; salvos not launched are refunded). Deployments, interceptors bought and penalties are budget.
 * - cost_exchange = defender spend ÷ attacker spend (0 while the attacker has spent nothing).
 * - leak_rate = leaked ÷ (intercepted + leaked + crashed): over the threats whose flight has ended, so a
 *   drone spoofed into the ground or out of fuel counts as stopped (0 while none has ended).
 * - escalation, interceptors_left and each layer's stock_left are levels: a round's value is the one at
 *   its end (the live value while it runs), the total's the latest. Every other field is summed.
 * - warning_sec: from a threat's first detection by anyone to its impact or kill.
 */

/** Interceptors left: rounds in every finite launcher of the coalition plus the defender's depot. */
export function interceptorsLeft(world: World): number {
  let left = 0;
  for (const unit of world.units) if (unit.role !== "sensor" && unit.magazine > 0) left += unit.magazine;
  for (const count of Object.values(world.economy.stocks)) left += count;
  return left;
}

/** Interceptors left per layer type (launchers plus depot); -1 for a layer that never runs dry. */
export function stockByLayer(world: World): Record<string, number> {
  const stock: Record<string, number> = {};
  for (const unit of world.units) {
    if (unit.role === "sensor" || unit.role === "jammer") continue;
    if (unit.magazine < 0) stock[unit.type] = -1;
    else if (stock[unit.type] !== -1) stock[unit.type] = (stock[unit.type] ?? 0) + unit.magazine;
  }
  for (const [layer, count] of Object.entries(world.economy.stocks)) {
    if (stock[layer] !== -1) stock[layer] = (stock[layer] ?? 0) + count;
  }
  return stock;
}

const realThreats = (c: RoundCounters, key: keyof ClassCounts) =>
  c.byClass.drone[key] + c.byClass.cruise[key] + c.byClass.ballistic[key];

function scoresOf(c: RoundCounters, escalation: number, left: number): Scores {
  return withRatios({
    threats_launched: realThreats(c, "launched"),
    threats_intercepted: realThreats(c, "intercepted"),
    threats_leaked: realThreats(c, "leaked"),
    threats_crashed: realThreats(c, "crashed"),
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

function warningOf(samples: WarningSamples): WarningFigures {
  const sorted = [...samples.sec].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = (xs: readonly number[]) => xs.reduce((sum, x) => sum + x, 0) / n;
  return { mean: mean(sorted), p10: sorted[Math.floor(0.1 * (n - 1))], share: mean(samples.share), n };
}

function figuresOf(ctx: SimContext, c: RoundCounters, stock: Record<string, number>): SummaryFigures {
  const interceptedBy: Record<string, number> = { defender: 0 };
  for (const ally of ctx.scenario.allies) interceptedBy[ally.nation] = 0;
  Object.assign(interceptedBy, c.interceptedBy);
  const layers: Record<string, LayerFigures> = {};
  for (const id of new Set([...Object.keys(c.layers), ...Object.keys(stock)])) {
    const row = c.layers[id] ?? { shots: 0, kills: 0, spendUsd: 0 };
    layers[id] = { shots: row.shots, kills: row.kills, spend_usd: row.spendUsd, stock_left: stock[id] ?? 0 };
  }
  const warning: Partial<Record<ThreatClass, WarningFigures>> = {};
  for (const cls of THREAT_CLASSES)
    if (c.warnings[cls].sec.length > 0) warning[cls] = warningOf(c.warnings[cls]);
  const incidentsByNation: Record<string, number> = {};
  for (const nation of ctx.scenario.nations) incidentsByNation[nation.id] = 0;
  Object.assign(incidentsByNation, c.incidentsByNation);
  return {
    by_class: structuredClone(c.byClass),
    intercepted_by: interceptedBy,
    layers,
    decoys_launched: c.byClass.decoy.launched,
    decoy_spend_usd: c.decoySpendUsd,
    warning_sec: warning,
    incidents_by_nation: incidentsByNation,
  };
}

/** Figures of a match in which nothing happened (tests' stand-in engines start from these). */
export function emptyFigures(): SummaryFigures {
  const none = newCounters(0);
  return {
    by_class: none.byClass,
    intercepted_by: { defender: 0 },
    layers: {},
    decoys_launched: 0,
    decoy_spend_usd: 0,
    warning_sec: {},
    incidents_by_nation: {},
  };
}

const addInto = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [key, n] of Object.entries(from)) into[key] = (into[key] ?? 0) + n;
};

function addClass(into: ClassCounts, from: ClassCounts): void {
  into.launched += from.launched;
  into.intercepted += from.intercepted;
  into.leaked += from.leaked;
  into.crashed += from.crashed;
}

function addLayer(into: LayerCounts, from: LayerCounts): void {
  into.shots += from.shots;
  into.kills += from.kills;
  into.spendUsd += from.spendUsd;
}

/**
 * The counters of several rounds added up; the warning samples too only when asked (the live scores do
 * not need them). The levels are the caller's business.
 */
export function addCounters(rounds: readonly RoundCounters[], withWarnings: boolean): RoundCounters {
  const total = newCounters(0);
  for (const c of rounds) {
    for (const cls of THREAT_CLASSES) {
      addClass(total.byClass[cls], c.byClass[cls]);
      if (!withWarnings) continue;
      total.warnings[cls].sec.push(...c.warnings[cls].sec);
      total.warnings[cls].share.push(...c.warnings[cls].share);
    }
    total.decoysEngaged += c.decoysEngaged;
    total.decoySpendUsd += c.decoySpendUsd;
    total.defenderSpendUsd += c.defenderSpendUsd;
    total.attackerSpendUsd += c.attackerSpendUsd;
    total.casualties += c.casualties;
    total.blackoutPopulationHours += c.blackoutPopulationHours;
    total.incidents += c.incidents;
    total.damage += c.damage;
    addInto(total.interceptedBy, c.interceptedBy);
    addInto(total.incidentsByNation, c.incidentsByNation);
    for (const [layer, row] of Object.entries(c.layers)) {
      total.layers[layer] ??= { shots: 0, kills: 0, spendUsd: 0 };
      addLayer(total.layers[layer], row);
    }
  }
  return total;
}

/** A round's levels: frozen at its end, live while it runs. */
function levelsOf(world: World, c: RoundCounters) {
  const live = c.escalationAtEnd < 0;
  return {
    escalation: live ? world.escalation.value : c.escalationAtEnd,
    left: live ? interceptorsLeft(world) : c.interceptorsLeftAtEnd,
    stock: c.stockAtEnd ?? stockByLayer(world),
  };
}

export function roundScores(world: World): (Scores & { round: number })[] {
  return world.counters.map((c) => {
    const { escalation, left } = levelsOf(world, c);
    return { round: c.round, ...scoresOf(c, escalation, left) };
  });
}

export function totalScores(world: World): Scores {
  const last = world.counters[world.counters.length - 1];
  const { escalation, left } = levelsOf(world, last);
  return scoresOf(addCounters(world.counters, false), escalation, left);
}

export function matchSummary(ctx: SimContext): MatchSummary {
  const { world } = ctx;
  const perRound = world.counters.map((c): RoundSummary => {
    const { escalation, left, stock } = levelsOf(world, c);
    return { round: c.round, ...scoresOf(c, escalation, left), ...figuresOf(ctx, c, stock) };
  });
  const last = world.counters[world.counters.length - 1];
  const { escalation, left, stock } = levelsOf(world, last);
  const total = addCounters(world.counters, true);
  return {
    scenario: ctx.scenario.id,
    seed: world.seed,
    rounds: world.counters.length,
    winner: world.winner,
    reckoning: reckoning(ctx),
    ...scoresOf(total, escalation, left),
    ...figuresOf(ctx, total, stock),
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
