/**
 * Escalation and its triggers (docs/design.md §2 "Allies and rules of engagement").
 *
 * Escalation is one number for the whole theatre. Each incident raises it by the scenario weight of its
 * cause (`EscalationRules`: airspace → incidentWeight, crash → crashWeight, debris → debrisWeight,
 * outside-roe → outsideRoeWeight); it eases by `decayPerHour` of simulated live time, never below 0.
 *
 * Triggers (`EscalationRules.triggers`) are checked, in scenario order, after incidents are recorded.
 * Each fires at most once per match, when its condition holds (escalation at least a value, or at least a
 * count of incidents attributed to a nation). Its effect is applied to the campaign state at once
 * (set-roe, sea-access, end-match, defender-penalty) and returned as data for the engine to emit
 * (`trigger` events; `match-end` when `ended` becomes set; the ROE and sea maps for the room).
 */
import { assertNever } from "../../shared/never.js";
import type { EscalationRules, Roe, Trigger } from "../../shared/scenario.js";
import { chargePenalty, type EconomyState } from "./economy.js";
import type { Incident, IncidentCause, IncidentState } from "./incidents.js";

export type MatchEnd = {
  loser: "defender" | "attacker";
  reason: string;
  triggerId: string;
};

export type EscalationState = {
  value: number;
  /** Ids of triggers that have fired (each fires once per match). */
  firedTriggers: string[];
  /** Set by an end-match trigger; the engine ends the match when it sees it. */
  ended: MatchEnd | null;
};

export function createEscalationState(): EscalationState {
  return { value: 0, firedTriggers: [], ended: null };
}

export function incidentWeight(rules: EscalationRules, cause: IncidentCause): number {
  switch (cause) {
    case "airspace":
      return rules.incidentWeight;
    case "crash":
      return rules.crashWeight;
    case "debris":
      return rules.debrisWeight;
    case "outside-roe":
      return rules.outsideRoeWeight;
    default:
      return assertNever(cause, "incident cause");
  }
}

/** Raise escalation for incidents just recorded; the change for an `escalation` event, or null. */
export function raiseEscalation(
  state: EscalationState,
  rules: EscalationRules,
  incidents: readonly Incident[],
): { value: number; delta: number } | null {
  let delta = 0;
  for (const incident of incidents) delta += incidentWeight(rules, incident.cause);
  if (delta === 0) return null;
  state.value += delta;
  return { value: state.value, delta };
}

/** Tension eases with live time. Silent: the engine reports escalation on change by incidents only. */
export function decayEscalation(state: EscalationState, rules: EscalationRules, dtSec: number): void {
  if (rules.decayPerHour > 0 && state.value > 0) {
    state.value = Math.max(0, state.value - (rules.decayPerHour * dtSec) / 3600);
  }
}

/** The part of the campaign state triggers read and write (CampaignState satisfies it). */
export interface TriggerWorld {
  roe: Record<string, Roe>;
  seaAccess: Record<string, boolean>;
  incidents: Pick<IncidentState, "byNation">;
  escalation: EscalationState;
  economy: EconomyState;
}

export function conditionHolds(world: TriggerWorld, when: Trigger["when"]): boolean {
  switch (when.kind) {
    case "escalation-at-least":
      return world.escalation.value >= when.value;
    case "incidents-in-nation":
      return (world.incidents.byNation[when.nation] ?? 0) >= when.count;
    default:
      return assertNever(when, "trigger condition");
  }
}

export interface FiredTrigger {
  triggerId: string;
  title: string;
  effect: Trigger["then"];
  /** For defender-penalty: what the budget could pay (the rest is still counted in the score). */
  paidUsd?: number;
}

function applyEffect(world: TriggerWorld, trigger: Trigger): FiredTrigger {
  const effect = trigger.then;
  const fired: FiredTrigger = { triggerId: trigger.id, title: trigger.title, effect };
  switch (effect.kind) {
    case "set-roe":
      world.roe[effect.nation] = effect.roe;
      break;
    case "sea-access":
      world.seaAccess[effect.region] = effect.accessible;
      break;
    case "end-match":
      world.escalation.ended ??= { loser: effect.loser, reason: effect.reason, triggerId: trigger.id };
      break;
    case "defender-penalty":
      fired.paidUsd = chargePenalty(world.economy, effect.usd).paidUsd;
      break;
    default:
      assertNever(effect, "trigger effect");
  }
  return fired;
}

/** Fire every trigger whose condition now holds and that has not fired yet; returns them in order. */
export function fireTriggers(world: TriggerWorld, triggers: readonly Trigger[]): FiredTrigger[] {
  const fired: FiredTrigger[] = [];
  for (const trigger of triggers) {
    if (world.escalation.firedTriggers.includes(trigger.id) || !conditionHolds(world, trigger.when)) continue;
    world.escalation.firedTriggers.push(trigger.id);
    fired.push(applyEffect(world, trigger));
  }
  return fired;
}
