/**
 * The power grid and the human cost of strikes (docs/design.md §2 "Defended assets").
 *
 * The grid is a graph: every asset is a node, `gridLinks` are its edges. An asset at hp ≤ 0 is down and
 * carries no power. A city is powered when it is up and a path of working nodes joins it to a working
 * plant. Blackout is measured against the intact grid: a city that no plant feeds even when nothing is
 * damaged (no links, or a scenario without plants) is off-grid, supplied locally, and never counted.
 * Blacked-out population accumulates population-hours per live step (in the engine's round counters).
 *
 * The graph walk is O(assets + links); the engine recomputes only when a grid asset goes down or comes
 * back (`affectsGrid`), and counts population-hours every step from a cached sum (O(1)).
 * Between rounds `repairHp` restores hit points up to the maximum; casualties come from damage to cities.
 */
import type { AssetKind } from "../../shared/scenario.js";

export interface GridAsset {
  id: string;
  kind: AssetKind;
  population?: number;
}

/** Static: built once from the scenario; not part of snapshots. */
export interface GridModel {
  ids: string[];
  index: Map<string, number>;
  neighbours: number[][];
  plants: number[];
  population: number[];
  /** Cities the intact grid powers, in scenario order: the only ones that can be blacked out. */
  gridCities: number[];
}

/** Dynamic and JSON-serialisable: part of the campaign state. */
export type GridState = {
  /** Ids of grid cities without power now, in scenario order. */
  blackedOut: string[];
  /** Their population summed (cached for the per-step accumulation). */
  blackoutPopulation: number;
};

export interface PowerChange {
  cityId: string;
  population: number;
  powered: boolean;
}

const intact = (): number => 1;

export function buildGridModel(
  assets: readonly GridAsset[],
  links: readonly (readonly [string, string])[],
): GridModel {
  const index = new Map(assets.map((a, i) => [a.id, i]));
  const neighbours: number[][] = assets.map(() => []);
  for (const [a, b] of links) {
    const ia = index.get(a);
    const ib = index.get(b);
    if (ia === undefined || ib === undefined || ia === ib) continue;
    neighbours[ia].push(ib);
    neighbours[ib].push(ia);
  }
  const model: GridModel = {
    ids: assets.map((a) => a.id),
    index,
    neighbours,
    plants: assets.flatMap((a, i) => (a.kind === "plant" ? [i] : [])),
    population: assets.map((a) => (a.kind === "city" ? (a.population ?? 0) : 0)),
    gridCities: [],
  };
  const fed = poweredNodes(model, intact);
  model.gridCities = assets.flatMap((a, i) => (a.kind === "city" && fed[i] ? [i] : []));
  return model;
}

/** Breadth-first from every working plant through working nodes: 1 where power reaches. */
function poweredNodes(model: GridModel, hpOf: (assetId: string) => number): Uint8Array {
  const n = model.ids.length;
  const up = Uint8Array.from(model.ids, (id) => (hpOf(id) > 0 ? 1 : 0));
  const reached = new Uint8Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (const plant of model.plants) {
    if (up[plant] && !reached[plant]) {
      reached[plant] = 1;
      queue[tail++] = plant;
    }
  }
  while (head < tail) {
    const node = queue[head++];
    for (const next of model.neighbours[node]) {
      if (up[next] && !reached[next]) {
        reached[next] = 1;
        queue[tail++] = next;
      }
    }
  }
  return reached;
}

export function createGridState(): GridState {
  return { blackedOut: [], blackoutPopulation: 0 };
}

/** Whether an asset's going down (or coming back) can change who has power. */
export function affectsGrid(model: GridModel, assetId: string): boolean {
  const i = model.index.get(assetId);
  return i !== undefined && model.neighbours[i].length > 0;
}

/**
 * Recompute power from current hit points; updates the state and returns the cities whose power changed
 * (for `blackout` / `power-restored` events), in scenario order.
 */
export function recomputeGrid(
  model: GridModel,
  state: GridState,
  hpOf: (assetId: string) => number,
): PowerChange[] {
  const reached = poweredNodes(model, hpOf);
  const wasDark = new Set(state.blackedOut);
  const changes: PowerChange[] = [];
  const blackedOut: string[] = [];
  let blackoutPopulation = 0;
  for (const city of model.gridCities) {
    const cityId = model.ids[city];
    const dark = reached[city] === 0;
    if (dark) {
      blackedOut.push(cityId);
      blackoutPopulation += model.population[city];
    }
    if (dark !== wasDark.has(cityId))
      changes.push({ cityId, population: model.population[city], powered: !dark });
  }
  state.blackedOut = blackedOut;
  state.blackoutPopulation = blackoutPopulation;
  return changes;
}

/** Population-hours of blackout over a step of `dtSec` (the engine adds them up every live step). */
export function blackoutPopulationHours(state: GridState, dtSec: number): number {
  return (state.blackoutPopulation * dtSec) / 3600;
}

export interface RepairableAsset {
  id: string;
  hp: number;
  hpMax: number;
}

/** Between rounds: every damaged asset regains up to `repairHp`, capped at its maximum. Changed ones only. */
export function repairAssets(
  assets: readonly RepairableAsset[],
  repairHp: number,
): { assetId: string; hp: number }[] {
  if (!(repairHp > 0)) return [];
  return assets
    .filter((a) => a.hp < a.hpMax)
    .map((a) => ({ assetId: a.id, hp: Math.min(a.hpMax, Math.max(0, a.hp) + repairHp) }));
}

/** Casualties from `damage` dealt to a city of `population` (scenario `casualties.perDamagePer100k`). */
export function casualtiesFromDamage(damage: number, population: number, perDamagePer100k: number): number {
  return damage > 0 ? (perDamagePer100k * damage * population) / 100_000 : 0;
}
