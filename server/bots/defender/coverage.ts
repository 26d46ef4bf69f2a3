/**
 * The defender's coverage model: expected threats still unanswered at each asset per class, and which
 * bands sensors see around each asset. Adding a unit (real or candidate) kills a share of the residual
 * threats it can reach and see, limited by its magazine; a sensor makes a band visible. The greedy
 * planner compares candidates by the USD-equivalent damage they prevent, minus the shots they cost.
 */

import { distanceKm } from "../../../shared/geo.js";
import type { LayerType, PointKm, ThreatClass } from "../../../shared/scenario.js";
import { detectionRangeKm, layerMayEngage } from "../../sim/catalogue.js";
import { type BotContext, killProbability, layerReachKm } from "../context.js";
import type { PublicAsset } from "../public.js";
import type { ThreatPicture } from "./picture.js";

/** Shots a launcher with an unlimited magazine (guns, jammers) is assumed to fire in a night's wave. */
const UNLIMITED_SHOTS = 80;
/** Detection must reach this far beyond an asset's footprint to be of use to its shooters. */
const LEAD_KM = 15;
/** Share of the damage a newly seen band lets the shooters prevent, credited to the sensor itself. */
const SENSOR_CREDIT = 0.5;

export interface Coverage {
  /** residual[assetId][class]: expected threats of the class still unanswered there. */
  residual: Record<string, Partial<Record<ThreatClass, number>>>;
  /** seen[assetId][class]: whether sensors hold that class's band in time around the asset. */
  seen: Record<string, Partial<Record<ThreatClass, boolean>>>;
}

export interface Effect {
  /** Damage prevented, USD-equivalent. */
  valueUsd: number;
  /** Cost of the interceptors it is expected to fire. */
  shotCostUsd: number;
}

export function newCoverage(ctx: BotContext, picture: ThreatPicture): Coverage {
  const coverage: Coverage = { residual: {}, seen: {} };
  for (const a of ctx.pub.assets) {
    coverage.residual[a.id] = {};
    coverage.seen[a.id] = {};
    for (const [cls, n] of Object.entries(picture.perClass) as [ThreatClass, number][]) {
      coverage.residual[a.id][cls] = n * picture.targetShare[a.id];
    }
  }
  return coverage;
}

function worthPerThreat(
  ctx: BotContext,
  picture: ThreatPicture,
  asset: PublicAsset,
  cls: ThreatClass,
): number {
  const threat = ctx.pub.catalogue.threats[picture.typeOf[cls] as string];
  return (picture.worth[asset.id] / asset.hp) * Math.min(threat.damage, asset.hp);
}

/** Whether a sensor type standing at `at` holds the class's band out to the asset's lead distance. */
function sensorSees(
  ctx: BotContext,
  sensorId: string,
  at: PointKm,
  asset: PublicAsset,
  typeId: string,
): boolean {
  const sensor = ctx.pub.catalogue.sensors[sensorId];
  if (!sensor) return false;
  const rangeKm = detectionRangeKm(sensor, ctx.pub.catalogue.threats[typeId]);
  return rangeKm >= distanceKm(at, asset.at) + asset.footprintKm + LEAD_KM;
}

function shooterEffect(
  ctx: BotContext,
  picture: ThreatPicture,
  cov: Coverage,
  layer: LayerType,
  at: PointKm,
  commit: boolean,
): Effect {
  const judge = ctx.judgement.defender;
  const engaged: { asset: PublicAsset; cls: ThreatClass; n: number }[] = [];
  let total = 0;
  for (const asset of ctx.pub.assets) {
    const distKm = distanceKm(at, asset.at);
    for (const [cls, typeId] of Object.entries(picture.typeOf) as [ThreatClass, string][]) {
      const threat = ctx.pub.catalogue.threats[typeId];
      if (!layerMayEngage(layer, threat) || distKm > layerReachKm(layer, cls) + asset.footprintKm) continue;
      const ownSight = layer.sensor !== undefined && sensorSees(ctx, layer.sensor, at, asset, typeId);
      const visible = !judge.sensorAware || ownSight || cov.seen[asset.id][cls] === true;
      const n = (cov.residual[asset.id][cls] ?? 0) * (visible ? 1 : 0.2);
      if (n <= 0) continue;
      engaged.push({ asset, cls, n });
      total += n;
    }
  }
  const shots = layer.magazine ?? UNLIMITED_SHOTS;
  const scale = total > shots ? shots / total : 1;
  const effect: Effect = { valueUsd: 0, shotCostUsd: 0 };
  for (const e of engaged) {
    const fired = e.n * scale;
    const kills = fired * killProbability(layer, e.cls);
    effect.valueUsd += kills * worthPerThreat(ctx, picture, e.asset, e.cls);
    effect.shotCostUsd += fired * layer.costPerShotUsd;
    if (commit && judge.diminishingReturns) {
      const r = cov.residual[e.asset.id];
      r[e.cls] = Math.max(0, (r[e.cls] ?? 0) - kills);
    }
  }
  return effect;
}

/** Jammers spoof GNSS-guided threats crossing their reach: no interceptor, a chance per second. */
function jammerEffect(
  ctx: BotContext,
  picture: ThreatPicture,
  cov: Coverage,
  layer: LayerType,
  at: PointKm,
  commit: boolean,
): Effect {
  const effect: Effect = { valueUsd: 0, shotCostUsd: 0 };
  for (const asset of ctx.pub.assets) {
    if (distanceKm(at, asset.at) > layer.reachKm) continue;
    for (const [cls, typeId] of Object.entries(picture.typeOf) as [ThreatClass, string][]) {
      const threat = ctx.pub.catalogue.threats[typeId];
      if (!threat.gnssGuided) continue;
      const dwellSec = (layer.reachKm * 1000) / threat.speedMps;
      const pSpoof = 1 - (1 - (layer.jamPerSec ?? 0)) ** dwellSec;
      const spoofed = (cov.residual[asset.id][cls] ?? 0) * pSpoof;
      effect.valueUsd += spoofed * worthPerThreat(ctx, picture, asset, cls);
      if (commit && ctx.judgement.defender.diminishingReturns)
        cov.residual[asset.id][cls] = (cov.residual[asset.id][cls] ?? 0) - spoofed;
    }
  }
  return effect;
}

/** A sensor's worth: the damage its newly visible bands let shooters prevent (credited in part). */
function sensorEffect(
  ctx: BotContext,
  picture: ThreatPicture,
  cov: Coverage,
  sensorId: string,
  at: PointKm,
  commit: boolean,
): Effect {
  const effect: Effect = { valueUsd: 0, shotCostUsd: 0 };
  for (const asset of ctx.pub.assets) {
    for (const [cls, typeId] of Object.entries(picture.typeOf) as [ThreatClass, string][]) {
      if (cov.seen[asset.id][cls] || !sensorSees(ctx, sensorId, at, asset, typeId)) continue;
      effect.valueUsd +=
        SENSOR_CREDIT * (cov.residual[asset.id][cls] ?? 0) * worthPerThreat(ctx, picture, asset, cls);
      if (commit) cov.seen[asset.id][cls] = true;
    }
  }
  return effect;
}

/** What a unit of `typeId` at `at` adds to the coverage; with `commit` it is added for good. */
export function unitEffect(
  ctx: BotContext,
  picture: ThreatPicture,
  cov: Coverage,
  typeId: string,
  at: PointKm,
  commit: boolean,
): Effect {
  if (ctx.pub.catalogue.sensors[typeId]) return sensorEffect(ctx, picture, cov, typeId, at, commit);
  const layer = ctx.pub.catalogue.layers[typeId];
  if (!layer) return { valueUsd: 0, shotCostUsd: 0 };
  if (commit && layer.sensor) sensorEffect(ctx, picture, cov, layer.sensor, at, true);
  return layer.role === "jammer"
    ? jammerEffect(ctx, picture, cov, layer, at, commit)
    : shooterEffect(ctx, picture, cov, layer, at, commit);
}
