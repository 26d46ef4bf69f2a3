/**
 * The defender's threat picture before a night, from public data (the attacker's production budget,
 * the launch zones and what they can launch) and what its own sensors perceived in earlier nights
 * (entry points, classes, damage). Judgement sets how much the observations weigh.
 */

import { distanceKm } from "../../shared/geo.js";
import type { PointKm, ThreatClass } from "../../shared/scenario.js";
import type { BotContext } from "../context.js";
import { roundSpec } from "../context.js";
import type { DefenderMemory } from "../memory.js";
import { MONEY_SHARES } from "../mix.js";
import { assetWorths } from "../worth.js";

/** The most the perceived class counts of earlier nights weigh against the prior. */
const MAX_OBSERVED_WEIGHT = 0.7;

/** A-priori share of the attacker's money per class, before anything was seen (decoys: a tenth of the drones'). */
const PRIOR_SHARES: Record<ThreatClass, number> = {
  drone: MONEY_SHARES.drone * 0.9,
  decoy: MONEY_SHARES.drone * 0.1,
  cruise: MONEY_SHARES.cruise,
  ballistic: MONEY_SHARES.ballistic,
};

export interface ThreatPicture {
  /** Expected threats of each class tonight, over the whole theatre. */
  perClass: Partial<Record<ThreatClass, number>>;
  /** A catalogue threat type standing for each class (its band, speed and damage). */
  typeOf: Partial<Record<ThreatClass, string>>;
  /** Share of the attack each asset is expected to draw (sums to 1). */
  targetShare: Record<string, number>;
  /** Whole worth of each asset (USD-equivalent). */
  worth: Record<string, number>;
  /** Unit vector from each asset toward where its threats come from. */
  axis: Record<string, PointKm>;
}

function representativeTypes(ctx: BotContext): Partial<Record<ThreatClass, string>> {
  const launchable = new Set(ctx.pub.launchZones.flatMap((z) => z.threatTypes));
  const typeOf: Partial<Record<ThreatClass, string>> = {};
  for (const [id, t] of Object.entries(ctx.pub.catalogue.threats)) {
    if (launchable.has(id) && !typeOf[t.class]) typeOf[t.class] = id;
  }
  return typeOf;
}

function unit(v: PointKm): PointKm {
  const d = Math.hypot(v.x, v.y) || 1;
  return { x: v.x / d, y: v.y / d };
}

/** Direction from an asset toward the launch zones (nearer ones weigh more), bent by observed entries. */
function axisOf(ctx: BotContext, mem: DefenderMemory, at: PointKm): PointKm {
  let x = 0;
  let y = 0;
  for (const z of ctx.pub.launchZones) {
    const d = distanceKm(at, z.at) || 1;
    x += (z.at.x - at.x) / d / d;
    y += (z.at.y - at.y) / d / d;
  }
  const prior = unit({ x, y });
  const w = ctx.judgement.defender.adaptWeight;
  if (w === 0 || mem.entries.length === 0) return prior;
  let ox = 0;
  let oy = 0;
  for (const e of mem.entries) {
    // An entry counts for this asset when its course points at it (within ~30°).
    const to = unit({ x: at.x - e.x, y: at.y - e.y });
    const heading = unit({ x: e.vx, y: e.vy });
    if (to.x * heading.x + to.y * heading.y < 0.87) continue;
    ox -= to.x;
    oy -= to.y;
  }
  if (ox === 0 && oy === 0) return prior;
  const observed = unit({ x: ox, y: oy });
  return unit({ x: prior.x * (1 - w) + observed.x * w, y: prior.y * (1 - w) + observed.y * w });
}

export function threatPicture(ctx: BotContext, mem: DefenderMemory, round: number): ThreatPicture {
  const j = ctx.judgement.defender;
  const typeOf = representativeTypes(ctx);
  const budgetUsd = roundSpec(ctx.pub, round).attackerBudgetUsd;
  const classes = Object.keys(typeOf) as ThreatClass[];
  const priorSum = classes.reduce((s, c) => s + PRIOR_SHARES[c], 0) || 1;
  const nightsSeen = round - 1;
  const perClass: Partial<Record<ThreatClass, number>> = {};
  for (const c of classes) {
    const prior =
      (budgetUsd * PRIOR_SHARES[c]) /
      priorSum /
      Math.max(1, ctx.pub.catalogue.threats[typeOf[c] as string].costUsd);
    const seen = (mem.classSeen[c] ?? 0) / Math.max(1, nightsSeen);
    // Observations never erase the prior: a class unseen so far may still come.
    const w = nightsSeen > 0 ? j.adaptWeight * MAX_OBSERVED_WEIGHT : 0;
    perClass[c] = prior * (1 - w) + seen * w;
  }
  const worth = assetWorths(ctx.pub, j.gridAware);
  const totalDamage = Object.values(mem.damage).reduce((s, d) => s + d, 0);
  const pull: Record<string, number> = {};
  for (const a of ctx.pub.assets) {
    const hitShare = totalDamage > 0 ? (mem.damage[a.id] ?? 0) / totalDamage : 0;
    pull[a.id] = worth[a.id] * (1 + j.adaptWeight * 4 * hitShare);
  }
  const pullSum = Object.values(pull).reduce((s, p) => s + p, 0) || 1;
  const targetShare: Record<string, number> = {};
  const axis: Record<string, PointKm> = {};
  for (const a of ctx.pub.assets) {
    targetShare[a.id] = pull[a.id] / pullSum;
    axis[a.id] = axisOf(ctx, mem, a.at);
  }
  return { perClass, typeOf, targetShare, worth, axis };
}
