import type { CompiledScenario } from "../../shared/compiled.js";
import type { AssetLike } from "./source.js";
import { toScreenX, toScreenY, toWorld, type ViewState } from "./view.js";

/**
 * Aiming on a large map: a click within SNAP_PX of a city or site lands on it (at Fit one pixel is
 * several km, so "on Kharkiv" by eye is tens of km off), and rings too small to see at this zoom are
 * drawn at a minimum size, dotted, so a 2 km reach still shows (and shows it is not to scale).
 */
export const SNAP_PX = 14;
export const MIN_RING_PX = 11;

export interface Aim {
  x: number;
  y: number;
  /** The asset the point snapped to, if any. */
  snapped: AssetLike | null;
}

/** The world point under a screen point, snapped to the nearest asset within SNAP_PX. */
export function aimAt(v: ViewState, assets: Iterable<AssetLike>, sx: number, sy: number): Aim {
  let best: AssetLike | null = null;
  let bestD = SNAP_PX;
  for (const asset of assets) {
    const d = Math.hypot(toScreenX(v, asset.x) - sx, toScreenY(v, asset.y) - sy);
    if (d <= bestD) {
      bestD = d;
      best = asset;
    }
  }
  if (best) return { x: best.x, y: best.y, snapped: best };
  return { ...toWorld(v, sx, sy), snapped: null };
}

/** A ring's drawn radius in px, and whether it was enlarged to stay visible. */
export function ringPx(v: ViewState, km: number): { r: number; enlarged: boolean } {
  const r = km * v.scale;
  return r >= MIN_RING_PX ? { r, enlarged: false } : { r: MIN_RING_PX, enlarged: true };
}

/** The defended assets within `km` of a point, nearest first (what a unit placed there would cover). */
export function assetsWithin(scenario: CompiledScenario, x: number, y: number, km: number): string[] {
  return scenario.assets
    .map((a) => ({ name: a.name, d: Math.hypot(a.at.x - x, a.at.y - y) }))
    .filter((a) => a.d <= km)
    .sort((a, b) => a.d - b.d)
    .map((a) => a.name);
}
