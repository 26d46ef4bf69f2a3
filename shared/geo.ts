import { geoAzimuthalEquidistant } from "d3-geo";
import type { CompiledRegion, Ring } from "./compiled.js";
import type { LonLat, PointKm } from "./scenario.js";

/**
 * Geometry on the theatre plane: kilometres, x east, y north, origin at the theatre centre.
 * Pure functions (no I/O): the loader, the simulation and the client all use them. The region lookups
 * are called per threat per step, so each ring gets a lazily built index (cached per ring object).
 */

/** Mean Earth radius (IUGG), the scale that makes projected units kilometres. */
export const EARTH_RADIUS_KM = 6371.0088;

export interface Projection {
  center: LonLat;
  toKm(p: LonLat): PointKm;
  toLonLat(p: PointKm): LonLat;
}

/**
 * Azimuthal equidistant projection centred on `center`: distances and bearings from the centre are exact;
 * other distances stay within ~1 % up to ~2,000 km from the centre.
 */
export function makeProjection(center: LonLat): Projection {
  const projection = geoAzimuthalEquidistant()
    .rotate([-center.lon, -center.lat])
    .scale(EARTH_RADIUS_KM)
    .translate([0, 0]);
  return {
    center,
    toKm(p) {
      const xy = projection([p.lon, p.lat]);
      if (!xy) throw new RangeError(`cannot project lon ${p.lon}, lat ${p.lat} (antipode of the centre)`);
      // d3's y axis points down (screen); the theatre plane's points north.
      return { x: xy[0], y: -xy[1] };
    },
    toLonLat(p) {
      const lonLat = projection.invert?.([p.x, -p.y]);
      if (!lonLat) throw new RangeError(`cannot unproject x ${p.x}, y ${p.y}`);
      return { lon: lonLat[0], lat: lonLat[1] };
    },
  };
}

/** Straight-line distance on the theatre plane. */
export function distanceKm(a: PointKm, b: PointKm): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** Whether a point lies inside the playable area (half-widths `extentKm` around the origin). */
export function insideExtent(p: PointKm, extentKm: { x: number; y: number }): boolean {
  return Math.abs(p.x) <= extentKm.x && Math.abs(p.y) <= extentKm.y;
}

/** Rings are implicitly closed: the last vertex joins the first (a repeated first vertex is harmless). */
interface RingIndex {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  slabHeight: number;
  /** Horizontal slabs; each lists the start vertex of every edge whose y-range overlaps the slab. */
  slabs: number[][];
  /** The x-range of each slab's edges, so distance queries can skip slabs far to the side. */
  slabMinX: number[];
  slabMaxX: number[];
}

const ringIndexes = new WeakMap<Ring, RingIndex>();

function indexRing(ring: Ring): RingIndex {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [x, y] of ring) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  // ~√n slabs keep both the index small and the edges per slab few.
  const slabCount = Math.max(1, Math.ceil(Math.sqrt(ring.length)));
  const slabHeight = (maxY - minY) / slabCount || 1;
  const slabs: number[][] = Array.from({ length: slabCount }, () => []);
  const slabMinX = new Array<number>(slabCount).fill(Number.POSITIVE_INFINITY);
  const slabMaxX = new Array<number>(slabCount).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < ring.length; i++) {
    const [ax, ay] = ring[i];
    const [bx, by] = ring[(i + 1) % ring.length];
    const first = slabOf(Math.min(ay, by), minY, slabHeight, slabCount);
    const last = slabOf(Math.max(ay, by), minY, slabHeight, slabCount);
    for (let s = first; s <= last; s++) {
      slabs[s].push(i);
      slabMinX[s] = Math.min(slabMinX[s], ax, bx);
      slabMaxX[s] = Math.max(slabMaxX[s], ax, bx);
    }
  }
  return { minX, minY, maxX, maxY, slabHeight, slabs, slabMinX, slabMaxX };
}

function slabOf(y: number, minY: number, slabHeight: number, slabCount: number): number {
  return Math.min(slabCount - 1, Math.max(0, Math.floor((y - minY) / slabHeight)));
}

function ringIndex(ring: Ring): RingIndex {
  let index = ringIndexes.get(ring);
  if (!index) {
    index = indexRing(ring);
    ringIndexes.set(ring, index);
  }
  return index;
}

/** Even-odd ray casting towards +x, looking only at the edges of the point's slab. */
function insideRing(p: PointKm, ring: Ring): boolean {
  const index = ringIndex(ring);
  if (p.x < index.minX || p.x > index.maxX || p.y < index.minY || p.y > index.maxY) return false;
  const slab = index.slabs[slabOf(p.y, index.minY, index.slabHeight, index.slabs.length)];
  let inside = false;
  for (const i of slab) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[(i + 1) % ring.length];
    if (yi > p.y !== yj > p.y && p.x < ((xj - xi) * (p.y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether p lies inside any of the region's outer rings. */
export function pointInRegion(p: PointKm, region: CompiledRegion): boolean {
  const { bbox } = region;
  if (p.x < bbox.minX || p.x > bbox.maxX || p.y < bbox.minY || p.y > bbox.maxY) return false;
  return region.polygons.some((ring) => insideRing(p, ring));
}

/**
 * The region whose airspace contains p. Land regions win over sea regions (sea outlines are drawn loosely
 * over neighbouring coasts); among land regions the first listed wins, so an overlay such as an occupied
 * zone must come before the country it lies in. Null when p is in no region.
 */
export function regionAt(p: PointKm, regions: readonly CompiledRegion[]): CompiledRegion | null {
  let sea: CompiledRegion | null = null;
  for (const region of regions) {
    if (region.owner === "sea" && sea) continue;
    if (!pointInRegion(p, region)) continue;
    if (region.owner !== "sea") return region;
    sea = region;
  }
  return sea;
}

function segmentDistanceKm(p: PointKm, a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSq = dx * dx + dy * dy;
  const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a[0]) * dx + (p.y - a[1]) * dy) / lengthSq));
  return Math.hypot(p.x - (a[0] + t * dx), p.y - (a[1] + t * dy));
}

function boxDistanceKm(p: PointKm, index: RingIndex): number {
  const dx = Math.max(index.minX - p.x, 0, p.x - index.maxX);
  const dy = Math.max(index.minY - p.y, 0, p.y - index.maxY);
  return Math.hypot(dx, dy);
}

/**
 * Distance from p to the nearest edge of a ring, below `bestKm` (returned unchanged when nothing is
 * closer). Slabs are visited outwards from p's; once a slab's vertical gap exceeds the best distance, no
 * edge left can be closer. Slabs whose edges all lie too far to the side are skipped.
 */
function ringDistanceKm(p: PointKm, ring: Ring, bestKm: number): number {
  const index = ringIndex(ring);
  if (boxDistanceKm(p, index) >= bestKm) return bestKm;
  const { slabs, minY, slabHeight, slabMinX, slabMaxX } = index;
  const start = slabOf(p.y, minY, slabHeight, slabs.length);
  let best = bestKm;
  for (let step = 0; step < slabs.length; step++) {
    // Vertical gaps only grow with each step, so a step with every gap too large ends the search.
    let reachable = false;
    for (const s of step === 0 ? [start] : [start - step, start + step]) {
      if (s < 0 || s >= slabs.length) continue;
      const gapY = Math.max(0, minY + s * slabHeight - p.y, p.y - (minY + (s + 1) * slabHeight));
      if (gapY >= best) continue;
      reachable = true;
      const gapX = Math.max(0, slabMinX[s] - p.x, p.x - slabMaxX[s]);
      if (Math.hypot(gapX, gapY) >= best) continue;
      for (const i of slabs[s])
        best = Math.min(best, segmentDistanceKm(p, ring[i], ring[(i + 1) % ring.length]));
    }
    if (!reachable) break;
  }
  return best;
}

/**
 * 0 inside the region; otherwise the distance to the nearest edge of its outline, capped at `capKm`.
 * Pass the largest distance that matters (e.g. an ROE buffer) to make queries from far away cheap.
 */
export function distanceToRegionKm(
  p: PointKm,
  region: CompiledRegion,
  capKm = Number.POSITIVE_INFINITY,
): number {
  if (pointInRegion(p, region)) return 0;
  let best = capKm;
  for (const ring of region.polygons) best = ringDistanceKm(p, ring, best);
  return best;
}
