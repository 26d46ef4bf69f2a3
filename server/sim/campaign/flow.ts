/**
 * The campaign's entry points for the engine: each composes the rule modules in their one correct order
 * and returns SimEvents (with their visibility) for the engine's event log. See index.ts for when to call
 * each. Visibility: politics, weather, seas and the grid are public; the defence's own resupply and radar
 * outages are known to the defence (defender, ally) and the truth view only.
 */
import type { Inject, PointKm } from "../../../shared/scenario.js";
import type { CommandResult, Perspective, SimEvent } from "../api.js";
import { beginRound, type Delivery, deliverDue, endRound } from "./economy.js";
import { decayEscalation, fireTriggers, raiseEscalation } from "./escalation.js";
import {
  accumulateBlackout,
  affectsGrid,
  type PowerChange,
  type RepairableAsset,
  recomputeGrid,
  repairAssets,
} from "./grid.js";
import { type Incident, recordIncident } from "./incidents.js";
import {
  applyInject,
  checkInject,
  clearTimedConditions,
  dueAutoInjects,
  findScheduledInject,
} from "./injects.js";
import { parseRoe, roePermits, seaUnitActive } from "./roe.js";
import type { CampaignContext, CampaignState } from "./state.js";

/** When and in which round the events happen (the engine's clock). */
export interface Stamp {
  t: number;
  round: number;
}

const PUBLIC: Perspective[] = ["attacker", "defender", "ally", "truth"];
const DEFENCE: Perspective[] = ["defender", "ally", "truth"];
const NO_EVENTS: readonly SimEvent[] = Object.freeze([]);

function injectVisibility(inject: Inject): Perspective[] {
  return inject.type === "radar-outage" || inject.type === "resupply" ? DEFENCE : PUBLIC;
}

function deliveryEvents(deliveries: readonly Delivery[], stamp: Stamp): SimEvent[] {
  return deliveries.map(
    (d): SimEvent => ({ ...stamp, visibleTo: DEFENCE, type: "resupply", layer: d.layer, count: d.count }),
  );
}

function powerEvents(changes: readonly PowerChange[], stamp: Stamp): SimEvent[] {
  return changes.map(
    (c): SimEvent =>
      c.powered
        ? { ...stamp, visibleTo: PUBLIC, type: "power-restored", cityId: c.cityId }
        : { ...stamp, visibleTo: PUBLIC, type: "blackout", cityId: c.cityId, population: c.population },
  );
}

type UnitExists = (unitId: string) => boolean;

/** Check and apply one inject; the `inject` event on success. */
function injectNow(
  ctx: CampaignContext,
  state: CampaignState,
  inject: Inject,
  title: string,
  stamp: Stamp,
  unitExists: UnitExists,
): CommandResult {
  const check = checkInject(ctx.injectCatalogue, inject, unitExists);
  if (!check.ok) return check;
  applyInject(state, inject, stamp.t);
  return {
    ok: true,
    events: [{ ...stamp, visibleTo: injectVisibility(inject), type: "inject", inject, title }],
  };
}

/**
 * Once per live step, at its start (`stamp.t` = clock before advancing): MSEL auto injects that are due,
 * resupply that is due, escalation decay and blackout population-hours over `dtSec`.
 */
export function campaignTick(
  ctx: CampaignContext,
  state: CampaignState,
  stamp: Stamp,
  dtSec: number,
  unitExists: UnitExists,
): readonly SimEvent[] {
  const events: SimEvent[] = [];
  for (const scheduled of dueAutoInjects(ctx.scenario.msel, state.firedInjects, stamp.round, stamp.t)) {
    // Fired once even if it no longer applies (e.g. its unit was removed): the schedule moves on.
    state.firedInjects.push(scheduled.id);
    const result = injectNow(ctx, state, scheduled.inject, scheduled.title, stamp, unitExists);
    if (result.ok) events.push(...result.events);
  }
  const arrived = deliverDue(state.economy, stamp.t);
  if (arrived.length > 0) events.push(...deliveryEvents(arrived, stamp));
  decayEscalation(state.escalation, ctx.scenario.escalation, dtSec);
  accumulateBlackout(state.grid, dtSec);
  return events;
}

/**
 * After a step's incidents are gathered (airspace entries, crashes, debris, outside-ROE fire): count
 * them, raise escalation, fire the triggers that now hold. A trigger may set `state.escalation.ended`:
 * the engine then ends the match (`match-end`, winner the other side).
 */
export function noteIncidents(
  ctx: CampaignContext,
  state: CampaignState,
  incidents: readonly Incident[],
  stamp: Stamp,
): readonly SimEvent[] {
  if (incidents.length === 0) return NO_EVENTS;
  const events: SimEvent[] = [];
  for (const incident of incidents) {
    recordIncident(state.incidents, incident);
    events.push({ ...stamp, visibleTo: PUBLIC, type: "incident", ...incident });
  }
  const change = raiseEscalation(state.escalation, ctx.scenario.escalation, incidents);
  if (change) events.push({ ...stamp, visibleTo: PUBLIC, type: "escalation", ...change });
  for (const fired of fireTriggers(state, ctx.scenario.escalation.triggers)) {
    events.push({
      ...stamp,
      visibleTo: PUBLIC,
      type: "trigger",
      triggerId: fired.triggerId,
      title: fired.title,
    });
  }
  return events;
}

/** After damage was applied to assets (`hpOf` reads the new hit points): who lost or regained power. */
export function gridAfterDamage(
  ctx: CampaignContext,
  state: CampaignState,
  damagedAssetIds: readonly string[],
  hpOf: (assetId: string) => number,
  stamp: Stamp,
): readonly SimEvent[] {
  if (!damagedAssetIds.some((id) => affectsGrid(ctx.grid, id))) return NO_EVENTS;
  return powerEvents(recomputeGrid(ctx.grid, state.grid, hpOf), stamp);
}

/** Whether an allied unit of `allyId` may engage at `point` under its nation's current ROE. */
export function allyMayEngage(
  ctx: CampaignContext,
  state: CampaignState,
  allyId: string,
  point: PointKm,
): boolean {
  const ally = ctx.allies.get(allyId);
  const roe = ally ? parseRoe(state.roe[ally.nation] ?? "none") : null;
  return roe !== null && ally !== undefined && roePermits(roe, ally.airspace, point);
}

/** Whether a unit may fight from where it stands (ships only from open seas). */
export function unitActive(
  ctx: CampaignContext,
  state: CampaignState,
  seaOnly: boolean,
  point: PointKm,
): boolean {
  return seaUnitActive(seaOnly, point, ctx.seaRegions, state.seaAccess);
}

/** The `inject` command (ad hoc, from the instructor). */
export function injectCommand(
  ctx: CampaignContext,
  state: CampaignState,
  inject: Inject,
  title: string | undefined,
  stamp: Stamp,
  unitExists: UnitExists,
): CommandResult {
  return injectNow(ctx, state, inject, title ?? inject.type, stamp, unitExists);
}

/** The `fire-scheduled-inject` command: an MSEL entry fired by hand (early, or a non-auto one). */
export function fireScheduledCommand(
  ctx: CampaignContext,
  state: CampaignState,
  injectId: string,
  stamp: Stamp,
  unitExists: UnitExists,
): CommandResult {
  const found = findScheduledInject(ctx.scenario.msel, state.firedInjects, injectId);
  if (!found.ok) return found;
  const result = injectNow(ctx, state, found.scheduled.inject, found.scheduled.title, stamp, unitExists);
  if (result.ok) state.firedInjects.push(injectId);
  return result;
}

/** `end-live`: resupply still on the road arrives between rounds. */
export function endLiveCampaign(state: CampaignState, stamp: Stamp): SimEvent[] {
  return deliveryEvents(endRound(state.economy), stamp);
}

/**
 * `next-round` to round `round` (1-based, ≥ 2): repairs by the round's `repairHp` (the engine applies the
 * returned hit points to its assets), power recomputed on the repaired grid, timed sensor conditions
 * cleared (the clock restarts), the round's budgets added and its at-once resupply delivered.
 */
export function nextRoundCampaign(
  ctx: CampaignContext,
  state: CampaignState,
  round: number,
  assets: readonly RepairableAsset[],
): { repairs: { assetId: string; hp: number }[]; events: SimEvent[] } {
  const spec = ctx.scenario.rounds[round - 1];
  if (!spec) return { repairs: [], events: [] };
  const stamp: Stamp = { t: 0, round };
  const repairs = repairAssets(assets, spec.repairHp);
  const hp = new Map(assets.map((a) => [a.id, a.hp]));
  for (const r of repairs) hp.set(r.assetId, r.hp);
  const events = powerEvents(
    recomputeGrid(ctx.grid, state.grid, (id) => hp.get(id) ?? 0),
    stamp,
  );
  clearTimedConditions(state.sensors);
  events.push(...deliveryEvents(beginRound(state.economy, spec), stamp));
  return { repairs, events };
}
