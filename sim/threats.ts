import type { ThreatInfo } from "./catalogue.js";
import { emit, type SimContext, sideAndTruth } from "./context.js";
import { countLaunch } from "./tally.js";
import type { SalvoState, ThreatState } from "./world.js";

/**
 * Threats: launched from their zone with scatter, flying leg by leg along their route at the type's
 * speed, ending at the (scattered) aim point or where their fuel runs out. What happens at the end
 * (impact or crash) is impacts.ts; a route can be replaced in flight (jamming) with `redirectThreat`.
 * Each threat draws its own night within the plan's intent: every waypoint moves within the type's
 * `routeJitterKm` (the planned corridor) and its detection ranges scale by a factor within the type's
 * `detectionSpread`; each salvo's launch time moves within `launchJitterSec` (salvos.ts).
 */

const scatter = { x: 0, y: 0 };

/** Clock time of a salvo's k-th launch (0-based). */
export function salvoLaunchTime(salvo: SalvoState, k: number): number {
  return salvo.launchAtSec + salvo.offsetSec + k * salvo.intervalSec;
}

/** Length in km of a route from a start point through flat [x, y, ...] pairs. */
export function routeLengthKm(x: number, y: number, route: readonly number[]): number {
  let lengthKm = 0;
  for (let i = 0; i < route.length; i += 2) {
    lengthKm += Math.hypot(route[i] - x, route[i + 1] - y);
    x = route[i];
    y = route[i + 1];
  }
  return lengthKm;
}

/** Launch phase: every salvo launch due before the end of the step. */
export function launchPhase(ctx: SimContext): void {
  for (const salvo of ctx.world.salvos) {
    if (salvo.round !== ctx.world.round) continue;
    while (salvo.launched < salvo.count && salvoLaunchTime(salvo, salvo.launched) < ctx.t1) {
      launchThreat(ctx, salvo, Math.max(ctx.t0, salvoLaunchTime(salvo, salvo.launched)));
      salvo.launched++;
    }
  }
}

/**
 * A threat's id: opaque, so that a track numbered "t-20" does not tell the defender that twenty threats
 * were launched. A bijection of the launch number (xor with a seed constant, then a 32-bit integer hash
 * whose steps are all invertible), so no two threats of a match share one; no random draw is spent.
 */
export function threatId(seed: number, seq: number): string {
  let x = (seq ^ Math.imul(seed, 0x9e3779b9)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return `t-${((x ^ (x >>> 16)) >>> 0).toString(36)}`;
}

function launchThreat(ctx: SimContext, salvo: SalvoState, launchedAt: number): void {
  const { world, cat, rng } = ctx;
  const info = cat.threatById.get(salvo.threatType)!;
  const zone = cat.zones.get(salvo.zone)!;
  const target = ctx.scenario.assets[cat.assetIndex.get(salvo.target)!];
  rng.inDisc(zone.radiusKm, scatter);
  const x = zone.at.x + scatter.x;
  const y = zone.at.y + scatter.y;
  const route: number[] = [];
  const corridorKm = info.def.routeJitterKm ?? 0;
  for (const w of salvo.waypoints) {
    if (corridorKm > 0) rng.inDisc(corridorKm, scatter);
    else scatter.x = scatter.y = 0;
    route.push(w.x + scatter.x, w.y + scatter.y);
  }
  rng.inDisc(info.def.accuracyKm, scatter);
  route.push(target.at.x + scatter.x, target.at.y + scatter.y);
  const spread = info.def.detectionSpread ?? 0;
  const sight = spread > 0 ? 1 + spread * (2 * rng.next01() - 1) : 1;
  const seq = world.nextSeq.threat++;
  const threat: ThreatState = {
    id: threatId(world.seed, seq),
    seq,
    type: info.id,
    ti: info.index,
    salvoId: salvo.id,
    target: salvo.target,
    alive: true,
    launchedAt,
    firstSeenAt: -1,
    sight,
    x,
    y,
    route,
    leg: 0,
    legNo: -1,
    legX: x,
    legY: y,
    legT0: launchedAt,
    legEndT: launchedAt,
    vx: 0,
    vy: 0,
    legFlownKm: 0,
    crashAtEnd: info.decoy,
    spoofed: false,
    endAt: -1,
    tracks: [null, null],
    engaged: [0, 0],
    flags: 0,
  };
  aimLeg(threat, info.speedKmS, launchedAt);
  world.threats.push(threat);
  ctx.ids.threats.set(threat.id, threat);
  countLaunch(ctx, threat, info.def.costUsd);
  emit(
    ctx,
    {
      type: "launch",
      threatId: threat.id,
      threatType: info.id,
      zone: salvo.zone,
      target: salvo.target,
      costUsd: info.def.costUsd,
    },
    sideAndTruth("attacker"),
  );
}

/** Start the current leg from where the threat is at time t: velocity towards the leg's end point. */
function aimLeg(threat: ThreatState, speedKmS: number, t: number): void {
  const dx = threat.route[2 * threat.leg] - threat.x;
  const dy = threat.route[2 * threat.leg + 1] - threat.y;
  const d = Math.hypot(dx, dy);
  threat.vx = d > 0 ? (dx / d) * speedKmS : 0;
  threat.vy = d > 0 ? (dy / d) * speedKmS : 0;
  threat.legX = threat.x;
  threat.legY = threat.y;
  threat.legT0 = t;
  threat.legEndT = t + d / speedKmS;
  threat.legNo++;
}

/** Movement phase: every threat in flight advances to the end of the step (noting the types flying). */
export function movementPhase(ctx: SimContext): void {
  const threats = ctx.world.threats;
  const inFlight = ctx.scratch.flyingTypes(ctx.cat.threats.length);
  for (let i = 0; i < threats.length; i++) {
    const threat = threats[i];
    if (!threat.alive) continue;
    inFlight[threat.ti] = 1;
    advance(threat, ctx.cat.threats[threat.ti], ctx.t1);
  }
}

/**
 * Fly to time `to` along the route, turning at waypoints on the way. Positions are computed from
 * the leg's start (no drift from summing steps). Sets `endAt` when the aim point is reached or the
 * fuel (the type's range) runs out, in which case it will crash.
 */
export function advance(threat: ThreatState, info: ThreatInfo, to: number): void {
  const speedKmS = info.speedKmS;
  for (;;) {
    const fuelEndT = threat.legT0 + (info.def.rangeKm - threat.legFlownKm) / speedKmS;
    if (fuelEndT < threat.legEndT && fuelEndT <= to) {
      placeAt(threat, fuelEndT);
      threat.crashAtEnd = true;
      threat.endAt = fuelEndT;
      return;
    }
    if (threat.legEndT > to) {
      placeAt(threat, to);
      return;
    }
    threat.x = threat.route[2 * threat.leg];
    threat.y = threat.route[2 * threat.leg + 1];
    threat.legFlownKm += (threat.legEndT - threat.legT0) * speedKmS;
    if (2 * threat.leg + 2 >= threat.route.length) {
      threat.endAt = threat.legEndT;
      return;
    }
    threat.leg++;
    aimLeg(threat, speedKmS, threat.legEndT);
  }
}

function placeAt(threat: ThreatState, t: number): void {
  threat.x = threatXAt(threat, t);
  threat.y = threatYAt(threat, t);
}

/**
 * Replace a threat's remaining route from where it is now (jamming: off course to a crash point).
 * Tracks and interceptors see the new leg at their next sync.
 */
export function redirectThreat(
  ctx: SimContext,
  threat: ThreatState,
  route: readonly number[],
  opts: { crashAtEnd: boolean; spoofed: boolean },
): void {
  const speedKmS = ctx.cat.threats[threat.ti].speedKmS;
  threat.legFlownKm += (ctx.t1 - threat.legT0) * speedKmS;
  threat.route = [...route];
  threat.leg = 0;
  threat.crashAtEnd = opts.crashAtEnd;
  threat.spoofed = opts.spoofed;
  aimLeg(threat, speedKmS, ctx.t1);
}

/** Position of a threat at time t on its current leg. */
export function threatXAt(threat: ThreatState, t: number): number {
  return threat.legX + threat.vx * (t - threat.legT0);
}

export function threatYAt(threat: ThreatState, t: number): number {
  return threat.legY + threat.vy * (t - threat.legT0);
}
