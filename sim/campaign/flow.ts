/**
 * The campaign's entry points for the engine: each composes the rule modules in their one correct order
 * and returns SimEvents (with their visibility) for the engine's event log. extension.ts says when the
 * engine calls each. Politics and the grid are public.
 */
import type { PointKm } from "../../shared/scenario.js";
import type { Perspective, SimEvent } from "../api.js";
import { decayEscalation, fireTriggers, raiseEscalation } from "./escalation.js";
import {
  affectsGrid,
  blackoutPopulationHours,
  type PowerChange,
  type RepairableAsset,
  recomputeGrid,
  repairAssets,
} from "./grid.js";
import { type Incident, recordIncident } from "./incidents.js";
import { parseRoe, roePermits, seaUnitActive } from "./roe.js";
import type { CampaignContext, CampaignState } from "./state.js";

/** When and in which round the events happen (the engine's clock). */
export interface Stamp {
  t: number;
  round: number;
}

const PUBLIC: Perspective[] = ["attacker", "defender", "ally", "truth"];
const NO_EVENTS: readonly SimEvent[] = Object.freeze([]);

function powerEvents(changes: readonly PowerChange[], stamp: Stamp): SimEvent[] {
  return changes.map(
    (c): SimEvent =>
      c.powered
        ? { ...stamp, visibleTo: PUBLIC, type: "power-restored", cityId: c.cityId }
        : { ...stamp, visibleTo: PUBLIC, type: "blackout", cityId: c.cityId, population: c.population },
  );
}

/**
 * Once per live step of `dtSec`: tension eases with time. Returns the step's population-hours of
 * blackout for the engine's round counter.
 */
export function campaignTick(ctx: CampaignContext, state: CampaignState, dtSec: number): number {
  decayEscalation(state.escalation, ctx.scenario.escalation, dtSec);
  return blackoutPopulationHours(state.grid, dtSec);
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

/**
 * Before round `round` (1-based, ≥ 2) is planned: repairs by its `repairHp` (the engine applies the
 * returned hit points to its assets) and power recomputed on the repaired grid.
 */
export function repairBetweenRounds(
  ctx: CampaignContext,
  state: CampaignState,
  round: number,
  assets: readonly RepairableAsset[],
): { repairs: { assetId: string; hp: number }[]; events: SimEvent[] } {
  const spec = ctx.scenario.rounds[round - 1];
  if (!spec) return { repairs: [], events: [] };
  const repairs = repairAssets(assets, spec.repairHp);
  const hp = new Map(assets.map((a) => [a.id, a.hp]));
  for (const r of repairs) hp.set(r.assetId, r.hp);
  const changes = recomputeGrid(ctx.grid, state.grid, (id) => hp.get(id) ?? 0);
  return { repairs, events: powerEvents(changes, { t: 0, round }) };
}
