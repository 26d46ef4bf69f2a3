import type { LeakReason } from "./api.js";
import { casualtiesFromDamage } from "./campaign/grid.js";
import { emit, everyone, type SimContext } from "./context.js";
import { countEnding } from "./tally.js";
import { LEAK, roundCounters, type ThreatState } from "./world.js";

/**
 * The end of a flight: a threat that reached its aim point detonates (blast damage on every asset
 * whose footprint the blast touches, casualties on cities), a decoy or a threat out of fuel or off
 * course crashes. Either way it leaves the world at the next cleanup. What the damage does to the grid,
 * and a crash in a neighbour, are the campaign's (campaign/extension.ts, from these events).
 */
export function impactPhase(ctx: SimContext): void {
  for (const threat of ctx.world.threats) {
    if (!threat.alive || threat.endAt < 0) continue;
    threat.alive = false;
    if (threat.crashAtEnd) crash(ctx, threat);
    else detonate(ctx, threat);
  }
}

export function crash(ctx: SimContext, threat: ThreatState): void {
  threat.alive = false;
  countEnding(ctx, threat, "crashed", ctx.t1);
  const region = ctx.rules.regionAt(ctx, threat.x, threat.y);
  emit(ctx, { type: "crash", threatId: threat.id, x: threat.x, y: threat.y, region }, everyone());
}

function detonate(ctx: SimContext, threat: ThreatState): void {
  const { world, scenario } = ctx;
  const type = ctx.cat.threats[threat.ti].def;
  const counters = roundCounters(world);
  const hits: { assetId: string; damage: number }[] = [];
  let casualties = 0;
  for (let a = 0; a < scenario.assets.length; a++) {
    const asset = scenario.assets[a];
    const state = world.assets[a];
    const reachKm = type.blastRadiusKm + asset.footprintKm;
    const dx = asset.at.x - threat.x;
    const dy = asset.at.y - threat.y;
    if (state.hp <= 0 || type.damage <= 0 || dx * dx + dy * dy > reachKm * reachKm) continue;
    const damage = Math.min(type.damage, state.hp);
    state.hp -= damage;
    hits.push({ assetId: asset.id, damage });
    counters.damage += damage;
    casualties += casualtiesFromDamage(damage, asset.population ?? 0, scenario.casualties.perDamagePer100k);
    if (state.hp <= 0) emit(ctx, { type: "asset-destroyed", assetId: asset.id }, everyone());
  }
  countEnding(ctx, threat, "leaked", threat.endAt);
  counters.casualties += casualties;
  emit(
    ctx,
    {
      type: "impact",
      threatId: threat.id,
      threatType: threat.type,
      x: threat.x,
      y: threat.y,
      hits,
      casualties,
      leakReason: leakReason(threat.flags),
    },
    everyone(),
  );
}

/**
 * Why nobody stopped it, from what happened during its flight (the worst failure first). In reach only
 * of ready units that chose other targets each time they fired: saturated, not short of interceptors.
 */
export function leakReason(flags: number): LeakReason {
  if (flags & LEAK.fired) return "missed";
  if (flags & LEAK.outOfStock) return "out-of-stock";
  if (flags & LEAK.reloading) return "reloading";
  if (flags & LEAK.heldByRoe) return "held-by-roe";
  if (flags & LEAK.heldByDoctrine) return "held-by-doctrine";
  if (flags & LEAK.inReach) return "saturated";
  if (flags & LEAK.detected) return "out-of-range";
  return "undetected";
}
