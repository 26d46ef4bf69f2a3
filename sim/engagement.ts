import type { UnitStatus } from "./api.js";
import { takeFromStock } from "./campaign/economy.js";
import { sensorOffline } from "./campaign/injects.js";
import type { LayerInfo } from "./catalogue.js";
import { emit, everyone, fromUnits, type SimContext, sideAndTruth } from "./context.js";
import { type AbleUnit, doctrineVerdict } from "./doctrine.js";
import { interceptTimeSec, launchInterceptor } from "./interceptors.js";
import { countShots } from "./tally.js";
import { LEAK, type ThreatState, trackingIndex, type UnitState } from "./world.js";

/**
 * Engagement decisions, unit by unit (cheapest shot first, so the cheapest layer claims a threat it can
 * reach), on the unit's side's own tracks only. A unit fires when it is ready (magazine, reload, shot
 * interval, not relocating) and its doctrine allows: weapons hold / tight (identified hostiles only; a
 * decoy once unmasked is never a target, before that it looks like a drone) / free; the footprint rule
 * (only threats predicted to enter a defended footprint); reserve and hand-off to cheaper layers
 * (doctrine.ts); the layer's bands and classes; reach (the predicted intercept point within reach, or
 * within the BMD reach for ballistic threats); and the ROE rule. Among the candidates it picks the most
 * value at risk soonest; it engages a threat only while no interceptor of the coalition (its side or the
 * other) is already in flight at it, firing its salvo size at once ("salvo") or one at a time, looking before the next
 * ("shoot-look-shoot").
 */

/** Seconds added to the time to impact in the priority, so that "now" does not divide by zero. */
const PRIORITY_SLACK_SEC = 30;

const best = { index: -1, priority: 0, seq: 0, flightSec: 0, x: 0, y: 0, outsideRoe: false };

/**
 * A unit's state for views and for the engagement loop. Fighters are "on-station" (able to fire) or
 * "grounded" (between sorties, by the rules' `unitActive`); other units the rules take out are "offline".
 */
export function unitStatus(ctx: SimContext, unit: UnitState): UnitStatus {
  if (unit.relocating) return "relocating";
  const fighter = unit.role === "fighter";
  if (!ctx.rules.unitActive(ctx, unit)) return fighter ? "grounded" : "offline";
  if (unit.role === "sensor") {
    const dark = sensorOffline(ctx.world.sensors, unit.id, unit.side === "defender", ctx.world.clock);
    return dark ? "offline" : "ready";
  }
  if (unit.reloadUntil >= 0) return "reloading";
  if (unit.magazine === 0) return "empty";
  return fighter ? "on-station" : "ready";
}

/**
 * The shooters and fighters, cheapest shot first (ties in unit order), with the lists each step fills:
 * those able to fire (all, and the defender's own).
 */
interface FiringOrder {
  order: AbleUnit[];
  able: AbleUnit[];
  defenders: AbleUnit[];
}

function firingOrder(ctx: SimContext): FiringOrder {
  return fromUnits(ctx, "firingOrder", (units) => ({
    order: units
      .filter((unit) => unit.role === "shooter" || unit.role === "fighter")
      .map((unit) => {
        const layer = ctx.cat.layers.get(unit.type)!;
        return { unit, layer, costUsd: layer.def.costPerShotUsd };
      })
      .sort((a, b) => a.costUsd - b.costUsd),
    able: [],
    defenders: [],
  }));
}

/** Whether a unit can fire now; flags the threats in reach of one that cannot (or may not). */
function readyToFire(ctx: SimContext, a: AbleUnit): boolean {
  const status = unitStatus(ctx, a.unit);
  const ready = status === "ready" || status === "on-station";
  if (status === "empty") flagInReach(ctx, a.unit, a.layer, LEAK.outOfStock);
  else if (status === "reloading") flagInReach(ctx, a.unit, a.layer, LEAK.reloading);
  else if (ready && a.unit.doctrine.weapons === "hold")
    flagInReach(ctx, a.unit, a.layer, LEAK.heldByDoctrine);
  return ready && a.unit.doctrine.weapons !== "hold";
}

export function engagementPhase(ctx: SimContext): void {
  if (ctx.world.threats.length === 0) return;
  // An ally hands a threat off to any cheaper coalition unit; the defender only to its own (an ally's
  // unit may be barred by its ROE from where the defender needs it).
  const { order, able, defenders } = firingOrder(ctx);
  able.length = 0;
  defenders.length = 0;
  for (const a of order) {
    if (!readyToFire(ctx, a)) continue;
    able.push(a);
    if (a.unit.side === "defender") defenders.push(a);
  }
  const inFlight = ctx.scratch.typesInFlight;
  for (const a of able) {
    if (ctx.t1 >= a.unit.nextShotAt && engagesAnyOf(a.layer, inFlight))
      engage(ctx, a.unit, a.layer, a.costUsd, a.unit.side === "defender" ? defenders : able);
  }
}

/** Whether a layer may engage any of the threat types in flight (an upper tier waits for ballistics). */
function engagesAnyOf(layer: LayerInfo, inFlight: Uint8Array): boolean {
  for (let ti = 0; ti < inFlight.length; ti++) if (inFlight[ti] && layer.engagesThreat[ti]) return true;
  return false;
}

/**
 * Mark the side's tracked threats now within reach of a unit that cannot or may not fire. Reach is the
 * one that applies to the threat: a ballistic missile 50 km from an empty long-range SAM (30 km against
 * ballistic targets) was out of its reach, not short of its interceptors.
 */
function flagInReach(ctx: SimContext, unit: UnitState, layer: LayerInfo, flag: number): void {
  const side = trackingIndex(unit.side);
  const threats = ctx.world.threats;
  const out = ctx.scratch.candidates;
  const queryKm = Math.max(layer.def.reachKm, layer.def.reachVsBallisticKm ?? 0);
  const count = ctx.grid.query(unit.x, unit.y, queryKm, out);
  for (let k = 0; k < count; k++) {
    const threat = threats[out[k]];
    if (!threat.alive || !threat.tracks[side] || layer.engagesThreat[threat.ti] === 0) continue;
    const ballistic = ctx.cat.threats[threat.ti].def.class === "ballistic";
    const reachKm = ballistic ? layer.def.reachVsBallisticKm! : layer.def.reachKm;
    const dx = threat.x - unit.x;
    const dy = threat.y - unit.y;
    if (dx * dx + dy * dy <= reachKm * reachKm) threat.flags |= LEAK.inReach | flag;
  }
}

function engage(
  ctx: SimContext,
  unit: UnitState,
  layer: LayerInfo,
  costUsd: number,
  able: readonly AbleUnit[],
): void {
  const side = trackingIndex(unit.side);
  const threats = ctx.world.threats;
  const out = ctx.scratch.candidates;
  const speedKmS = layer.def.interceptorSpeedMps / 1000;
  const queryKm = layer.queryRadiusKm;
  const t = ctx.t1;
  best.index = -1;
  const count = ctx.grid.query(unit.x, unit.y, queryKm, out);
  for (let k = 0; k < count; k++) {
    const i = out[k];
    const threat = threats[i];
    if (!threat.alive) continue;
    const nowX = threat.x - unit.x;
    const nowY = threat.y - unit.y;
    const now2 = nowX * nowX + nowY * nowY;
    const track = threat.tracks[side];
    if (
      now2 > queryKm * queryKm ||
      !track ||
      layer.engagesThreat[threat.ti] === 0 ||
      // The coalition shares its engagements: nobody fires at a threat with an interceptor on its way.
      threat.engaged[0] + threat.engaged[1] > 0
    )
      continue;
    const info = ctx.cat.threats[threat.ti];
    if (track.unmasked) continue;
    const reachKm = info.def.class === "ballistic" ? layer.def.reachVsBallisticKm! : layer.def.reachKm;
    // Doctrine first (cheap): a held threat within reach now is what the leak analysis needs.
    const tightHold = unit.doctrine.weapons === "tight" && !track.identified;
    if (
      tightHold ||
      (unit.doctrine.footprintOnly && track.predAsset < 0) ||
      doctrineVerdict(ctx, unit, costUsd, threat, track, able) === "hold"
    ) {
      if (now2 <= reachKm * reachKm) threat.flags |= LEAK.inReach | LEAK.heldByDoctrine;
      continue;
    }
    const tx = track.x + track.vx * (t - track.t0) - unit.x;
    const ty = track.y + track.vy * (t - track.t0) - unit.y;
    const flightSec = interceptTimeSec(tx, ty, track.vx, track.vy, speedKmS);
    if (flightSec < 0) continue;
    const ix = tx + track.vx * flightSec;
    const iy = ty + track.vy * flightSec;
    if (ix * ix + iy * iy > reachKm * reachKm) continue;
    threat.flags |= LEAK.inReach;
    const verdict = ctx.rules.engagementRoe(ctx, unit, threat, ix + unit.x, iy + unit.y);
    // Weapons tight keeps within the rules too; only weapons free engages where an ROE forbids it.
    if (verdict === "forbidden" || (verdict === "outside-roe" && unit.doctrine.weapons !== "free")) {
      threat.flags |= LEAK.heldByRoe;
      continue;
    }
    const priority =
      track.predAsset >= 0
        ? ctx.scenario.assets[track.predAsset].valueUsd / (Math.max(0, track.predT - t) + PRIORITY_SLACK_SEC)
        : -Math.sqrt(tx * tx + ty * ty);
    if (
      best.index >= 0 &&
      (priority < best.priority || (priority === best.priority && threat.seq > best.seq))
    )
      continue;
    best.index = i;
    best.priority = priority;
    best.seq = threat.seq;
    best.flightSec = flightSec;
    best.x = ix + unit.x;
    best.y = iy + unit.y;
    best.outsideRoe = verdict === "outside-roe";
  }
  if (best.index >= 0) fire(ctx, unit, layer, threats[best.index]);
}

function fire(ctx: SimContext, unit: UnitState, layer: LayerInfo, threat: ThreatState): void {
  const shotsWanted = unit.doctrine.fire === "salvo" ? unit.doctrine.salvoSize : 1;
  const shots = unit.magazine < 0 ? shotsWanted : Math.min(shotsWanted, unit.magazine);
  const costUsd = layer.def.costPerShotUsd;
  countShots(ctx, unit, threat, shots);
  threat.flags |= LEAK.fired;
  for (let s = 0; s < shots; s++) {
    const interceptor = launchInterceptor(ctx, unit, threat, best.flightSec, best.x, best.y);
    emit(
      ctx,
      {
        type: "fire",
        unitId: unit.id,
        interceptorId: interceptor.id,
        threatId: threat.id,
        costUsd,
        outsideRoe: best.outsideRoe,
      },
      sideAndTruth(unit.side),
    );
  }
  if (unit.magazine > 0) unit.magazine -= shots;
  unit.nextShotAt = ctx.t1 + layer.def.shotIntervalSec;
  if (unit.magazine === 0) startReload(ctx, unit);
  if (!unit.revealed) {
    unit.revealed = true;
    emit(ctx, { type: "unit-revealed", unitId: unit.id }, everyone());
  }
}

/** An empty launcher reloads from its side's depot when there is anything to load. */
export function startReload(ctx: SimContext, unit: UnitState): void {
  const layer = ctx.cat.layers.get(unit.type)?.def;
  if (!layer || layer.magazine === null || unit.reloadUntil >= 0) return;
  if (unit.side === "defender" && (ctx.world.economy.stocks[unit.type] ?? 0) > 0) {
    unit.reloadUntil = ctx.t1 + layer.reloadSec;
  }
}

/** Finish a reload (or a top-up between nights): fill the magazine from what the depot holds. */
export function completeReload(ctx: SimContext, unit: UnitState): void {
  const size = ctx.cat.layers.get(unit.type)?.def.magazine ?? 0;
  if (unit.side === "defender")
    unit.magazine += takeFromStock(ctx.world.economy, unit.type, size - unit.magazine);
  unit.reloadUntil = -1;
}
