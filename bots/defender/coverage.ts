/**
 * The defender's coverage model: expected threats still unanswered at each asset per class, and which
 * classes sensors hold in time around each asset. Adding a unit (real or candidate) kills a share of
 * the residual threats it can reach and see, limited by its magazine; a sensor makes classes visible.
 * The greedy planner compares candidates by the USD-equivalent damage they prevent, minus the shots
 * they cost. What a unit type can do against each class is worked out once per planning (its model).
 */
import { distanceKm } from "../../shared/geo.js";
import type { PointKm, ThreatClass } from "../../shared/scenario.js";
import { detectionRangeKm, layerMayEngage } from "../../sim/catalogue.js";
import { type BotContext, killProbability, layerReachKm } from "../context.js";
import type { PublicAsset } from "../public.js";
import type { ThreatPicture } from "./picture.js";

/** Shots a launcher with an unlimited magazine (guns, mobile groups) is assumed to fire in a night. */
const UNLIMITED_SHOTS = 80;
/** Detection must reach this far beyond an asset's footprint to be of use to its shooters. */
const LEAD_KM = 15;
/** Share of the damage a newly seen class lets the shooters prevent, credited to the sensor itself. */
const SENSOR_CREDIT = 0.5;

/** What one unit type does against one threat class. */
interface ClassModel {
  cls: ThreatClass;
  /** Shooters: reach against it; jammers: reach; sensors: 0. */
  reachKm: number;
  /** Shooters: kill probability; jammers: chance to spoof one crossing; sensors: 0. */
  pk: number;
  /** Detection range against it of the unit's own sensor (a sensor type's own range). */
  sightKm: number;
}

interface TypeModel {
  role: "shooter" | "jammer" | "sensor";
  classes: ClassModel[];
  shots: number;
  costPerShotUsd: number;
}

export interface Coverage {
  /** residual[assetId][class]: expected threats of the class still unanswered there. */
  residual: Record<string, Partial<Record<ThreatClass, number>>>;
  /** seen[assetId][class]: whether sensors hold that class in time around the asset. */
  seen: Record<string, Partial<Record<ThreatClass, boolean>>>;
  /** USD-equivalent of one threat of a class reaching an asset: worthPerThreat[assetId][class]. */
  worthPerThreat: Record<string, Partial<Record<ThreatClass, number>>>;
  models: Map<string, TypeModel | null>;
}

export interface Effect {
  /** Damage prevented, USD-equivalent. */
  valueUsd: number;
  /** Cost of the interceptors it is expected to fire. */
  shotCostUsd: number;
}

const NOTHING: Effect = { valueUsd: 0, shotCostUsd: 0 };

export function newCoverage(ctx: BotContext, picture: ThreatPicture): Coverage {
  const coverage: Coverage = { residual: {}, seen: {}, worthPerThreat: {}, models: new Map() };
  for (const a of ctx.pub.assets) {
    coverage.residual[a.id] = {};
    coverage.seen[a.id] = {};
    coverage.worthPerThreat[a.id] = {};
    for (const [cls, n] of Object.entries(picture.perClass) as [ThreatClass, number][]) {
      coverage.residual[a.id][cls] = n * picture.targetShare[a.id];
      const damage = ctx.pub.catalogue.threats[picture.typeOf[cls] as string].damage;
      coverage.worthPerThreat[a.id][cls] = (picture.worth[a.id] / a.hp) * Math.min(damage, a.hp);
    }
  }
  return coverage;
}

function buildModel(ctx: BotContext, picture: ThreatPicture, typeId: string): TypeModel | null {
  const { threats, layers, sensors } = ctx.pub.catalogue;
  const typed = Object.entries(picture.typeOf) as [ThreatClass, string][];
  const sensor = sensors[typeId];
  if (sensor) {
    const classes = typed.map(([cls, t]) => ({
      cls,
      reachKm: 0,
      pk: 0,
      sightKm: detectionRangeKm(sensor, threats[t]),
    }));
    return { role: "sensor", classes, shots: 0, costPerShotUsd: 0 };
  }
  const layer = layers[typeId];
  if (!layer) return null;
  const own = layer.sensor ? sensors[layer.sensor] : undefined;
  const sight = (t: string) => (own ? detectionRangeKm(own, threats[t]) : 0);
  if (layer.role === "jammer") {
    const classes = typed
      .filter(([, t]) => threats[t].gnssGuided)
      .map(([cls, t]) => {
        const dwellSec = (layer.reachKm * 1000) / threats[t].speedMps;
        return {
          cls,
          reachKm: layer.reachKm,
          pk: 1 - (1 - (layer.jamPerSec ?? 0)) ** dwellSec,
          sightKm: sight(t),
        };
      });
    return { role: "jammer", classes, shots: Number.POSITIVE_INFINITY, costPerShotUsd: 0 };
  }
  const classes = typed
    .filter(([, t]) => layerMayEngage(layer, threats[t]))
    .map(([cls, t]) => ({
      cls,
      reachKm: layerReachKm(layer, cls),
      pk: killProbability(layer, cls),
      sightKm: sight(t),
    }));
  return {
    role: "shooter",
    classes,
    shots: layer.magazine ?? UNLIMITED_SHOTS,
    costPerShotUsd: layer.costPerShotUsd,
  };
}

function modelOf(ctx: BotContext, picture: ThreatPicture, cov: Coverage, typeId: string): TypeModel | null {
  let model = cov.models.get(typeId);
  if (model === undefined) {
    model = buildModel(ctx, picture, typeId);
    cov.models.set(typeId, model);
  }
  return model;
}

/** Sensors (a sensor type, or a shooter's own radar) mark what they hold in time around each asset. */
function seeFrom(ctx: BotContext, cov: Coverage, model: TypeModel, at: PointKm, commit: boolean): Effect {
  const effect = { valueUsd: 0, shotCostUsd: 0 };
  for (const asset of ctx.pub.assets) {
    const needKm = distanceKm(at, asset.at) + asset.footprintKm + LEAD_KM;
    for (const c of model.classes) {
      if (c.sightKm < needKm || cov.seen[asset.id][c.cls]) continue;
      effect.valueUsd +=
        SENSOR_CREDIT * (cov.residual[asset.id][c.cls] ?? 0) * (cov.worthPerThreat[asset.id][c.cls] ?? 0);
      if (commit) cov.seen[asset.id][c.cls] = true;
    }
  }
  return effect;
}

/** Shooters and jammers: the residual threats they reach (and see) at each asset, up to their shots. */
function engage(ctx: BotContext, cov: Coverage, model: TypeModel, at: PointKm, commit: boolean): Effect {
  const sensorAware = ctx.judgement.defender.sensorAware;
  const engaged: { asset: PublicAsset; c: ClassModel; n: number }[] = [];
  let total = 0;
  for (const asset of ctx.pub.assets) {
    const distKm = distanceKm(at, asset.at);
    for (const c of model.classes) {
      if (distKm > c.reachKm + asset.footprintKm) continue;
      const visible =
        !sensorAware ||
        model.role === "jammer" ||
        c.sightKm >= distKm + asset.footprintKm + LEAD_KM ||
        cov.seen[asset.id][c.cls] === true;
      const n = (cov.residual[asset.id][c.cls] ?? 0) * (visible ? 1 : 0.2);
      if (n <= 0) continue;
      engaged.push({ asset, c, n });
      total += n;
    }
  }
  const scale = total > model.shots ? model.shots / total : 1;
  const effect = { valueUsd: 0, shotCostUsd: 0 };
  for (const e of engaged) {
    const fired = e.n * scale;
    const kills = fired * e.c.pk;
    effect.valueUsd += kills * (cov.worthPerThreat[e.asset.id][e.c.cls] ?? 0);
    effect.shotCostUsd += fired * model.costPerShotUsd;
    if (commit && ctx.judgement.defender.diminishingReturns) {
      const r = cov.residual[e.asset.id];
      r[e.c.cls] = Math.max(0, (r[e.c.cls] ?? 0) - kills);
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
  const model = modelOf(ctx, picture, cov, typeId);
  if (!model) return NOTHING;
  if (model.role === "sensor") return seeFrom(ctx, cov, model, at, commit);
  if (commit) seeFrom(ctx, cov, model, at, true);
  return engage(ctx, cov, model, at, commit);
}
