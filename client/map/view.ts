import type { CompiledScenario } from "../../shared/compiled.js";

/**
 * The map's view transform: world km (x east, y north) to screen pixels (y down). Pure and
 * mutable in place so the scene can pan and zoom without allocating per frame.
 */
export interface ViewState {
  /** World point at the centre of the screen, km. */
  cx: number;
  cy: number;
  /** Pixels per km. */
  scale: number;
  /** Screen size in CSS pixels. */
  width: number;
  height: number;
}

export const MIN_SCALE = 0.02;
export const MAX_SCALE = 60;

export function toScreenX(v: ViewState, x: number): number {
  return (x - v.cx) * v.scale + v.width / 2;
}

export function toScreenY(v: ViewState, y: number): number {
  return v.height / 2 - (y - v.cy) * v.scale;
}

export function toWorld(v: ViewState, sx: number, sy: number): { x: number; y: number } {
  return { x: (sx - v.width / 2) / v.scale + v.cx, y: (v.height / 2 - sy) / v.scale + v.cy };
}

/** Move the view by a screen-pixel drag. */
export function panBy(v: ViewState, dxPx: number, dyPx: number): void {
  v.cx -= dxPx / v.scale;
  v.cy += dyPx / v.scale;
}

/** Zoom by `factor` keeping the world point under (sx, sy) fixed on screen. */
export function zoomAt(v: ViewState, factor: number, sx: number, sy: number): void {
  const anchor = toWorld(v, sx, sy);
  v.scale = clamp(v.scale * factor, MIN_SCALE, MAX_SCALE);
  v.cx = anchor.x - (sx - v.width / 2) / v.scale;
  v.cy = anchor.y + (sy - v.height / 2) / v.scale;
}

/** A view that shows the box [minX..maxX]×[minY..maxY] with `marginPx` on every side. */
export function fitBox(
  v: ViewState,
  box: { minX: number; minY: number; maxX: number; maxY: number },
  marginPx = 24,
): ViewState {
  const w = Math.max(box.maxX - box.minX, 1e-3);
  const h = Math.max(box.maxY - box.minY, 1e-3);
  const usableW = Math.max(v.width - 2 * marginPx, 10);
  const usableH = Math.max(v.height - 2 * marginPx, 10);
  const scale = clamp(Math.min(usableW / w, usableH / h), MIN_SCALE, MAX_SCALE);
  return { ...v, cx: (box.minX + box.maxX) / 2, cy: (box.minY + box.maxY) / 2, scale };
}

/**
 * The part of a theatre where the game is played: the defended land, every asset, and where the attacks
 * come from (launch zones); the rest of the extent is context a pan away. Falls back to the whole extent.
 */
export function playedBox(scenario: CompiledScenario): {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
} {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  const add = (x: number, y: number) => {
    box.minX = Math.min(box.minX, x);
    box.maxX = Math.max(box.maxX, x);
    box.minY = Math.min(box.minY, y);
    box.maxY = Math.max(box.maxY, y);
  };
  for (const region of scenario.theatre.regions) {
    if (region.owner !== "defender") continue;
    add(region.bbox.minX, region.bbox.minY);
    add(region.bbox.maxX, region.bbox.maxY);
  }
  for (const asset of scenario.assets) add(asset.at.x, asset.at.y);
  for (const zone of scenario.launchZones) add(zone.at.x, zone.at.y);
  if (!Number.isFinite(box.minX)) {
    const { x, y } = scenario.theatre.extentKm;
    return { minX: -x, maxX: x, minY: -y, maxY: y };
  }
  return box;
}

/** The world rectangle currently on screen. */
export function visibleBox(v: ViewState): { minX: number; minY: number; maxX: number; maxY: number } {
  const halfW = v.width / 2 / v.scale;
  const halfH = v.height / 2 / v.scale;
  return { minX: v.cx - halfW, maxX: v.cx + halfW, minY: v.cy - halfH, maxY: v.cy + halfH };
}

/** A round scale-bar length (1, 2 or 5 × 10^n km) that fits in `maxPx`. */
export function scaleBarKm(scale: number, maxPx: number): number {
  const maxKm = maxPx / scale;
  const pow = 10 ** Math.floor(Math.log10(maxKm));
  for (const step of [5, 2, 1]) if (step * pow <= maxKm) return step * pow;
  return pow;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
