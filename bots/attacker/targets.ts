/**
 * Target choice: which assets, how much pressure each, and along which route from which launch zone.
 * Value comes from public data; gaps from what the attacker learned (its own tracks' fates, revealed
 * defences). Judgement decides how much learning counts and how many targets share the pressure.
 */
import type { ThreatClass } from "../../shared/scenario.js";
import type { SideView } from "../../sim/api.js";
import { GRACE_SEC } from "../../sim/phases.js";
import type { Rng } from "../../sim/rng.js";
import type { BotContext } from "../context.js";
import { roundSpec } from "../context.js";
import { type AttackerMemory, leakRate } from "../memory.js";
import type { PublicLaunchZone } from "../public.js";
import { assetWorths } from "../worth.js";
import { bestRoute, type Hazard, type Route } from "./routes.js";

/** The threat type the attacker uses for each class it can launch at all. */
export type Arsenal = Partial<Record<ThreatClass, string>>;

export interface TargetChoice {
  assetId: string;
  hp: number;
  /** Share of the pressure this target gets (sums to 1 over the choice). */
  weight: number;
  leakEstimate: number;
  /** Best launch zone and route per threat type id; absent when out of reach this night. */
  routes: Record<string, { zone: PublicLaunchZone; route: Route }>;
}

/**
 * Threats must launch within the night but may still be flying after it, up to the engine's grace
 * period; keep this much of the grace free.
 */
const GRACE_MARGIN_SEC = 900;
/** Leak rate assumed where nothing of the defence is known yet: unseen is not undefended. */
const UNKNOWN_DEFENCE_LEAK = 0.5;

/**
 * Prior leak rates when the defence is expected where the value is: the most valuable asset is
 * assumed best covered, an asset behind most of the theatre's value hardly at all.
 */
function valueDefencePrior(worths: Record<string, number>): Record<string, number> {
  const ranked = Object.entries(worths).sort((a, b) => b[1] - a[1]);
  const total = ranked.reduce((s, [, w]) => s + w, 0) || 1;
  const prior: Record<string, number> = {};
  let above = 0;
  for (const [id, w] of ranked) {
    prior[id] = 0.1 + 0.7 * (above / total);
    above += w;
  }
  return prior;
}

/** Per class the type with the most damage per dollar (decoys: the cheapest), if any zone launches it. */
export function chooseArsenal(ctx: BotContext): Arsenal {
  const launchable = new Set(ctx.pub.launchZones.flatMap((z) => z.threatTypes));
  const arsenal: Arsenal = {};
  const score: Partial<Record<ThreatClass, number>> = {};
  for (const [id, t] of Object.entries(ctx.pub.catalogue.threats)) {
    if (!launchable.has(id)) continue;
    const s = t.class === "decoy" ? -t.costUsd : t.damage / Math.max(1, t.costUsd);
    if (score[t.class] === undefined || s > (score[t.class] as number)) {
      score[t.class] = s;
      arsenal[t.class] = id;
    }
  }
  return arsenal;
}

function routesTo(
  ctx: BotContext,
  at: { x: number; y: number },
  arsenal: Arsenal,
  hazards: Hazard[],
  maxFlightSec: number,
) {
  const routes: TargetChoice["routes"] = {};
  for (const typeId of Object.values(arsenal)) {
    if (!typeId) continue;
    const threat = ctx.pub.catalogue.threats[typeId];
    for (const zone of ctx.pub.launchZones) {
      if (!zone.threatTypes.includes(typeId)) continue;
      const route = bestRoute(
        zone.at,
        zone.radiusKm,
        at,
        threat,
        typeId,
        hazards,
        ctx.judgement.attacker.routeCandidates,
        maxFlightSec,
      );
      if (route && (!routes[typeId] || route.danger < routes[typeId].route.danger))
        routes[typeId] = { zone, route };
    }
  }
  return routes;
}

/** The targets of this night with their weights, routes and leak estimates; `drones` is how many it can buy. */
export function chooseTargets(
  ctx: BotContext,
  view: SideView,
  mem: AttackerMemory,
  arsenal: Arsenal,
  hazards: Hazard[],
  rng: Rng,
  drones: number,
): TargetChoice[] {
  const j = ctx.judgement.attacker;
  const targetCount =
    j.massPerTarget > 0
      ? Math.max(1, Math.min(j.targetCount, Math.floor(drones / j.massPerTarget)))
      : j.targetCount;
  const worths = assetWorths(ctx.pub, j.gridAware);
  const hpNow = new Map(view.assets.map((a) => [a.id, a.hp]));
  const maxFlightSec = roundSpec(ctx.pub, view.round).durationSec + GRACE_SEC - GRACE_MARGIN_SEC;
  const probeType = arsenal.drone ?? arsenal.cruise ?? arsenal.ballistic;
  const prior = j.expectsDefenceOnValue ? valueDefencePrior(worths) : null;
  const dronesEach = Math.max(1, drones) / targetCount;
  const droneDamage = arsenal.drone ? ctx.pub.catalogue.threats[arsenal.drone].damage : 1;
  const options = ctx.pub.assets
    .map((a) => {
      const hp = hpNow.get(a.id) ?? a.hp;
      const routes = routesTo(ctx, a.at, arsenal, hazards, maxFlightSec);
      const probe = probeType ? routes[probeType] : undefined;
      const routeLeak = probe ? Math.exp(-probe.route.danger) : 0.5;
      const tally = mem.targets[a.id];
      const evidence = tally ? tally.leaked + tally.killed : 0;
      const g = j.gapWeight * (evidence / (evidence + 4));
      const leakEstimate =
        (1 - g) * routeLeak * (prior?.[a.id] ?? UNKNOWN_DEFENCE_LEAK) + g * leakRate(tally);
      const remaining = worths[a.id] * (hp / a.hp);
      return {
        assetId: a.id,
        hp,
        worth: remaining,
        leakEstimate,
        routes,
        // Expected value destroyed by this target's share of the drones: leaks beyond its hit points are waste.
        priority: (worths[a.id] / a.hp) * Math.min(hp, dronesEach * leakEstimate * droneDamage),
      };
    })
    .filter((o) => o.hp > 0 && Object.keys(o.routes).length > 0);
  let chosen: typeof options;
  if (j.gapWeight === 0) {
    // Value alone, picked loosely among the most valuable: no reading of the defence at all.
    const pool = [...options].sort((a, b) => b.worth - a.worth).slice(0, j.targetCount * 2);
    chosen = [];
    while (chosen.length < j.targetCount && pool.length > 0)
      chosen.push(pool.splice(Math.floor(rng.next01() * pool.length), 1)[0]);
  } else {
    chosen = [...options].sort((a, b) => b.priority - a.priority).slice(0, targetCount);
  }
  const total = chosen.reduce((s, o) => s + (j.gapWeight === 0 ? o.worth : o.priority), 0) || 1;
  return chosen.map((o) => ({
    assetId: o.assetId,
    hp: o.hp,
    weight: (j.gapWeight === 0 ? o.worth : o.priority) / total,
    leakEstimate: o.leakEstimate,
    routes: o.routes,
  }));
}
