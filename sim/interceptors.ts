import type { ThreatClass } from "../shared/scenario.js";
import { emit, everyone, type SimContext } from "./context.js";
import { countKill } from "./tally.js";
import { threatXAt, threatYAt } from "./threats.js";
import { type InterceptorState, type ThreatState, trackingIndex, type UnitState } from "./world.js";

/**
 * Interceptors are entities: each flies straight at its layer's speed to the predicted intercept
 * point, so its flight time matters. If the target turns onto a new leg the interceptor re-solves
 * from where it is (terminal guidance); on arrival it kills with the layer's probability for the
 * target's class, or misses (also when the target is already gone).
 */

/**
 * Earliest time t > 0 at which an interceptor at speed s (km/s) from the origin meets a target at
 * (dx, dy) moving at (vx, vy): |D + V t| = s t. Returns -1 when it cannot catch it.
 */
export function interceptTimeSec(dx: number, dy: number, vx: number, vy: number, s: number): number {
  const a = vx * vx + vy * vy - s * s;
  const b = 2 * (dx * vx + dy * vy);
  const c = dx * dx + dy * dy;
  if (c === 0) return 0;
  if (Math.abs(a) < 1e-12) return b < 0 ? -c / b : -1;
  const disc = b * b - 4 * a * c;
  if (disc < 0) return -1;
  const root = Math.sqrt(disc);
  const t1 = (-b - root) / (2 * a);
  const t2 = (-b + root) / (2 * a);
  const lo = Math.min(t1, t2);
  const hi = Math.max(t1, t2);
  return lo > 0 ? lo : hi > 0 ? hi : -1;
}

/** Kill probability of a layer against a class; decoys use the drone value when absent. */
export function killProbability(pk: Partial<Record<ThreatClass, number>>, cls: ThreatClass): number {
  return pk[cls] ?? (cls === "decoy" ? (pk.drone ?? 0) : 0);
}

/** Launch one interceptor from a unit at a threat, meeting it at (ix, iy) after flightSec. */
export function launchInterceptor(
  ctx: SimContext,
  unit: UnitState,
  threat: ThreatState,
  flightSec: number,
  ix: number,
  iy: number,
): InterceptorState {
  const seq = ctx.world.nextSeq.interceptor++;
  const interceptor: InterceptorState = {
    id: `i-${seq}`,
    unitId: unit.id,
    side: unit.side,
    layer: unit.type,
    threatId: threat.id,
    x: unit.x,
    y: unit.y,
    vx: flightSec > 0 ? (ix - unit.x) / flightSec : 0,
    vy: flightSec > 0 ? (iy - unit.y) / flightSec : 0,
    t0: ctx.t1,
    tEnd: ctx.t1 + flightSec,
    legNo: threat.legNo,
    alive: true,
  };
  ctx.world.interceptors.push(interceptor);
  threat.engaged[trackingIndex(unit.side)]++;
  return interceptor;
}

/** Interceptor phase: re-solve after target turns, then resolve every arrival within the step. */
export function interceptorPhase(ctx: SimContext): void {
  for (const interceptor of ctx.world.interceptors) {
    if (!interceptor.alive) continue;
    const threat = ctx.ids.threats.get(interceptor.threatId);
    if (threat?.alive && threat.legNo !== interceptor.legNo && interceptor.tEnd > ctx.t1)
      resolve(ctx, interceptor, threat);
    if (interceptor.tEnd <= ctx.t1) arrive(ctx, interceptor, threat);
  }
}

/** Steer towards the target's new leg from the interceptor's position now; keep course if it can't. */
function resolve(ctx: SimContext, interceptor: InterceptorState, threat: ThreatState): void {
  const t = ctx.t1;
  const x = interceptor.x + interceptor.vx * (t - interceptor.t0);
  const y = interceptor.y + interceptor.vy * (t - interceptor.t0);
  const speedKmS = ctx.cat.layers.get(interceptor.layer)!.def.interceptorSpeedMps / 1000;
  const tx = threatXAt(threat, t);
  const ty = threatYAt(threat, t);
  const flightSec = interceptTimeSec(tx - x, ty - y, threat.vx, threat.vy, speedKmS);
  if (flightSec < 0) return;
  interceptor.x = x;
  interceptor.y = y;
  interceptor.t0 = t;
  interceptor.tEnd = t + flightSec;
  interceptor.vx = flightSec > 0 ? (tx + threat.vx * flightSec - x) / flightSec : 0;
  interceptor.vy = flightSec > 0 ? (ty + threat.vy * flightSec - y) / flightSec : 0;
  interceptor.legNo = threat.legNo;
}

function arrive(ctx: SimContext, interceptor: InterceptorState, threat: ThreatState | undefined): void {
  interceptor.alive = false;
  const x = interceptor.x + interceptor.vx * (interceptor.tEnd - interceptor.t0);
  const y = interceptor.y + interceptor.vy * (interceptor.tEnd - interceptor.t0);
  const ids = { unitId: interceptor.unitId, interceptorId: interceptor.id, threatId: interceptor.threatId };
  // A target that reached its end before the interceptor arrived is gone, as is one that turned away.
  const meets =
    threat?.alive === true &&
    threat.legNo === interceptor.legNo &&
    (threat.endAt < 0 || threat.endAt >= interceptor.tEnd);
  if (!threat || !meets) {
    if (threat) threat.engaged[trackingIndex(interceptor.side)]--;
    emit(ctx, { type: "miss", ...ids, x, y }, everyone());
    return;
  }
  threat.engaged[trackingIndex(interceptor.side)]--;
  const info = ctx.cat.threats[threat.ti];
  const layer = ctx.cat.layers.get(interceptor.layer)!.def;
  if (!ctx.rng.chance(killProbability(layer.pk, info.def.class))) {
    emit(ctx, { type: "miss", ...ids, x, y }, everyone());
    return;
  }
  threat.alive = false;
  threat.x = x;
  threat.y = y;
  countKill(ctx, interceptor, threat);
  emit(ctx, { type: "intercept", ...ids, threatType: info.id, x, y }, everyone());
}
