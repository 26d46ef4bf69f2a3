/**
 * What a defended asset is worth, per hit point of damage, from public scenario data: its own value,
 * the casualties a hit on a city causes, and (when the judgement is grid-aware) the population a plant
 * or substation keeps powered. Both sides use the same arithmetic; they differ in what they do with it.
 */
import type { PublicAsset, PublicScenario } from "./public.js";

/** Hours of blackout a destroyed grid node is assumed to cause within a campaign. */
const BLACKOUT_HOURS = 12;

/** Population cut from every plant if `removed` is gone (cities only), by breadth-first search. */
function populationCutBy(pub: PublicScenario, removed: string): number {
  const neighbours = new Map<string, string[]>();
  for (const [a, b] of pub.gridLinks) {
    if (a === removed || b === removed) continue;
    neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
    neighbours.set(b, [...(neighbours.get(b) ?? []), a]);
  }
  const powered = new Set(pub.assets.filter((a) => a.kind === "plant" && a.id !== removed).map((a) => a.id));
  const queue = [...powered];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    for (const next of neighbours.get(id) ?? []) {
      if (!powered.has(next)) {
        powered.add(next);
        queue.push(next);
      }
    }
  }
  const onGrid = new Set(pub.gridLinks.flat());
  let cut = 0;
  for (const a of pub.assets) {
    if (a.kind === "city" && onGrid.has(a.id) && !powered.has(a.id)) cut += a.population ?? 0;
  }
  return cut;
}

/** Population blacked out by losing each grid node (only nodes whose loss cuts someone off). */
export function gridCriticality(pub: PublicScenario): Record<string, number> {
  const onGrid = new Set(pub.gridLinks.flat());
  const baseline = onGrid.size > 0 ? populationCutBy(pub, "") : 0;
  const result: Record<string, number> = {};
  for (const a of pub.assets) {
    if (!onGrid.has(a.id)) continue;
    const cut = populationCutBy(pub, a.id) - baseline;
    if (cut > 0) result[a.id] = cut;
  }
  return result;
}

/** USD-equivalent lost per hit point of damage on an asset. */
export function worthPerHpUsd(
  pub: PublicScenario,
  asset: PublicAsset,
  criticality: Record<string, number> | null,
): number {
  const casualtiesPerHp = ((asset.population ?? 0) / 1e5) * pub.casualties.perDamagePer100k;
  const blackoutUsd =
    (criticality?.[asset.id] ?? 0) * BLACKOUT_HOURS * pub.scoring.usdPerBlackoutPopulationHour;
  return asset.valueUsd / asset.hp + casualtiesPerHp * pub.scoring.usdPerCasualty + blackoutUsd / asset.hp;
}

/** Whole worth of every asset (per-hp worth × hit points), by id. */
export function assetWorths(pub: PublicScenario, gridAware: boolean): Record<string, number> {
  const criticality = gridAware ? gridCriticality(pub) : null;
  const worths: Record<string, number> = {};
  for (const a of pub.assets) worths[a.id] = worthPerHpUsd(pub, a, criticality) * a.hp;
  return worths;
}
