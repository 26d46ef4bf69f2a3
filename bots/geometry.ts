/** Plane geometry in km for the bots' reasoning (routes, coverage, threat axes). */
import { distanceKm } from "../shared/geo.js";
import type { PointKm } from "../shared/scenario.js";

export function lerp(a: PointKm, b: PointKm, f: number): PointKm {
  return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
}

export function pathLengthKm(path: readonly PointKm[]): number {
  let total = 0;
  for (let i = 1; i < path.length; i++) total += distanceKm(path[i - 1], path[i]);
  return total;
}

/** Length of the segment a→b that lies inside the circle (centre, radius). */
export function segmentInsideCircleKm(a: PointKm, b: PointKm, centre: PointKm, radiusKm: number): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return 0;
  const fx = a.x - centre.x;
  const fy = a.y - centre.y;
  // Solve |a + t(b-a) - c|² = r² for t, clip the chord to [0, 1].
  const bq = 2 * (fx * dx + fy * dy);
  const cq = fx * fx + fy * fy - radiusKm * radiusKm;
  const disc = bq * bq - 4 * len2 * cq;
  if (disc <= 0) return 0;
  const root = Math.sqrt(disc);
  const t0 = Math.max(0, (-bq - root) / (2 * len2));
  const t1 = Math.min(1, (-bq + root) / (2 * len2));
  return t1 > t0 ? (t1 - t0) * Math.sqrt(len2) : 0;
}

/** Length of a polyline inside a circle. */
export function pathInsideCircleKm(path: readonly PointKm[], centre: PointKm, radiusKm: number): number {
  let total = 0;
  for (let i = 1; i < path.length; i++)
    total += segmentInsideCircleKm(path[i - 1], path[i], centre, radiusKm);
  return total;
}

/** Point on the polyline nearest to p, with the distance along the path at which it lies. */
export function nearestOnPath(path: readonly PointKm[], p: PointKm): { distKm: number; alongKm: number } {
  let best = { distKm: Number.POSITIVE_INFINITY, alongKm: 0 };
  let walked = 0;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1];
    const b = path[i];
    const segKm = distanceKm(a, b);
    const t =
      segKm === 0
        ? 0
        : Math.max(0, Math.min(1, ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / segKm ** 2));
    const d = distanceKm(p, lerp(a, b, t));
    if (d < best.distKm) best = { distKm: d, alongKm: walked + t * segKm };
    walked += segKm;
  }
  return best;
}

/** The unit normal to the direction a→b (pointing left of travel). */
export function leftNormal(a: PointKm, b: PointKm): PointKm {
  const d = distanceKm(a, b) || 1;
  return { x: -(b.y - a.y) / d, y: (b.x - a.x) / d };
}
