import type { MapSource } from "./source.js";
import { fitBox, type ViewState } from "./view.js";

/** Follow mode keeps every track in frame, easing the view there over about half a second. */
const EASE_MS = 500;
const MIN_BOX_KM = 60;
const MARGIN_PX = 60;

export function followStep(view: ViewState, source: MapSource, deltaMs: number): void {
  const now = source.now();
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const t of source.tracks()) {
    const x = t.x + t.vx * (now - t.t0);
    const y = t.y + t.vy * (now - t.t0);
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (minX === Infinity) return;
  const padX = Math.max(0, MIN_BOX_KM - (maxX - minX)) / 2;
  const padY = Math.max(0, MIN_BOX_KM - (maxY - minY)) / 2;
  const target = fitBox(
    view,
    { minX: minX - padX, maxX: maxX + padX, minY: minY - padY, maxY: maxY + padY },
    MARGIN_PX,
  );
  const k = 1 - Math.exp(-deltaMs / EASE_MS);
  view.cx += (target.cx - view.cx) * k;
  view.cy += (target.cy - view.cy) * k;
  view.scale *= (target.scale / view.scale) ** k;
}
