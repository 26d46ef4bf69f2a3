import type { CompiledRegion, CompiledScenario, Ring } from "../../shared/compiled.js";
import { makeProjection, type Projection } from "../../shared/geo.js";
import type { LonLat, Point, PointKm, Region, Scenario } from "../../shared/scenario.js";
import type { ScenarioIssue } from "./errors.js";
import { countryNames, countryOutline } from "./natural-earth.js";

/** Consecutive outline vertices closer than this are merged: keeps the compiled scenario small. */
const SIMPLIFY_KM = 2;
/** Beyond the extent nobody looks closely: the merge distance grows by this much per km outside. */
const SIMPLIFY_PER_KM_OUTSIDE = 0.05;
/** Rings whose bounding box lies wholly farther than this beyond the extent (far islands) are dropped. */
const RING_MARGIN_KM = 500;
/** Outline vertices are rounded to 0.1 km, positions to 1 m. */
const OUTLINE_DECIMALS = 1;
const POSITION_DECIMALS = 3;

type Extent = { x: number; y: number };

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function outsideKm(x: number, y: number, extent: Extent): number {
  return Math.max(0, Math.abs(x) - extent.x, Math.abs(y) - extent.y);
}

/** Drops vertices too close to the previous kept one; rings left with fewer than 3 vertices vanish. */
function simplifyRing(ring: Ring, extent: Extent): Ring | undefined {
  const kept: Ring = [];
  for (const [x, y] of ring) {
    const last = kept[kept.length - 1];
    const minStepKm = SIMPLIFY_KM + SIMPLIFY_PER_KM_OUTSIDE * outsideKm(x, y, extent);
    if (!last || Math.hypot(x - last[0], y - last[1]) >= minStepKm) kept.push([x, y]);
  }
  // Rings are implicitly closed: a kept copy of the first vertex at the end is redundant.
  const first = kept[0];
  const last = kept[kept.length - 1];
  if (kept.length > 1 && Math.hypot(first[0] - last[0], first[1] - last[1]) < SIMPLIFY_KM) kept.pop();
  if (kept.length < 3) return undefined;
  return kept.map(([x, y]) => [round(x, OUTLINE_DECIMALS), round(y, OUTLINE_DECIMALS)]);
}

function bboxOf(rings: Ring[]): CompiledRegion["bbox"] {
  const xs = rings.flatMap((ring) => ring.map(([x]) => x));
  const ys = rings.flatMap((ring) => ring.map(([, y]) => y));
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

function ringNearExtent(ring: Ring, extent: Extent): boolean {
  const box = bboxOf([ring]);
  const reachX = extent.x + RING_MARGIN_KM;
  const reachY = extent.y + RING_MARGIN_KM;
  return box.maxX >= -reachX && box.minX <= reachX && box.maxY >= -reachY && box.minY <= reachY;
}

/** Suggestions first (names containing a word of the miss, or starting alike), then every name. */
function unknownCountryMessage(name: string): string {
  const lower = name.toLowerCase();
  const words = lower.split(/\W+/).filter((w) => w.length >= 3);
  const names = countryNames();
  const similar = names.filter((n) => {
    const candidate = n.toLowerCase();
    return (
      words.some((w) => candidate.includes(w)) ||
      (lower.length >= 3 && candidate.startsWith(lower.slice(0, 3)))
    );
  });
  const hint = similar.length > 0 ? ` Did you mean ${similar.map((n) => `'${n}'`).join(", ")}?` : "";
  return `unknown Natural Earth country '${name}'.${hint} Available names: ${names.join(", ")}`;
}

interface Context {
  projection: Projection | undefined;
  resolve: (point: Point) => PointKm | undefined;
  extent: Extent;
  issues: ScenarioIssue[];
}

function projectedRings(region: Region, path: string, ctx: Context): Ring[] | undefined {
  const geometry = region.geometry;
  if ("km" in geometry) return geometry.km.map((ring) => ring.map(({ x, y }) => [x, y] as [number, number]));
  const projection = ctx.projection;
  if (!projection) {
    ctx.issues.push({
      path: `${path}.geometry`,
      message: "Natural Earth and lon/lat outlines need theatre.center",
    });
    return undefined;
  }
  let lonLatRings: [number, number][][];
  if ("naturalEarth" in geometry) {
    const outline = countryOutline(geometry.naturalEarth);
    if (!outline) {
      ctx.issues.push({
        path: `${path}.geometry.naturalEarth`,
        message: unknownCountryMessage(geometry.naturalEarth),
      });
      return undefined;
    }
    lonLatRings = outline;
  } else {
    lonLatRings = geometry.lonLat.map((ring) => ring.map(({ lon, lat }) => [lon, lat] as [number, number]));
  }
  return lonLatRings.map((ring) =>
    ring.map(([lon, lat]) => {
      const p = projection.toKm({ lon, lat });
      return [p.x, p.y] as [number, number];
    }),
  );
}

function compileRegion(region: Region, path: string, ctx: Context): CompiledRegion | undefined {
  const rings = projectedRings(region, path, ctx);
  if (!rings) return undefined;
  const kept =
    "km" in region.geometry
      ? rings
      : rings
          .filter((ring) => ringNearExtent(ring, ctx.extent))
          .map((ring) => simplifyRing(ring, ctx.extent))
          .filter((ring): ring is Ring => ring !== undefined);
  if (kept.length === 0) {
    ctx.issues.push({ path: `${path}.geometry`, message: "the outline lies wholly outside the theatre" });
    return undefined;
  }
  const { geometry: _geometry, ...rest } = region;
  return { ...rest, polygons: kept, bbox: bboxOf(kept) };
}

/**
 * Converts file points to km: km points pass through, lon/lat ones are projected (rounded to 1 m).
 * Returns undefined for lon/lat when the theatre has no centre.
 */
export function pointResolver(center: LonLat | undefined): (point: Point) => PointKm | undefined {
  const projection = center ? makeProjection(center) : undefined;
  return (point) => {
    if ("x" in point) return point;
    if (!projection) return undefined;
    const p = projection.toKm(point);
    return { x: round(p.x, POSITION_DECIMALS), y: round(p.y, POSITION_DECIMALS) };
  };
}

export const NEEDS_CENTER = "lon/lat positions need theatre.center";

function toKm(point: Point, path: string, ctx: Context): PointKm {
  const p = ctx.resolve(point);
  if (p) return p;
  ctx.issues.push({ path, message: NEEDS_CENTER });
  return { x: Number.NaN, y: Number.NaN };
}

function resolveAll<T extends { at: Point }>(
  items: T[],
  path: string,
  ctx: Context,
): (Omit<T, "at"> & { at: PointKm })[] {
  return items.map((item, i) => ({ ...item, at: toKm(item.at, `${path}[${i}].at`, ctx) }));
}

/**
 * Projects every outline and position of a validated scenario to km. Natural Earth rings are simplified
 * and far-away rings dropped; nothing is clipped. Returns the issues (unknown country names, lon/lat
 * without a centre) instead of a scenario when there are any.
 */
export function compileScenario(scenario: Scenario): {
  compiled?: CompiledScenario;
  issues: ScenarioIssue[];
} {
  const { theatre } = scenario;
  const ctx: Context = {
    projection: theatre.center ? makeProjection(theatre.center) : undefined,
    resolve: pointResolver(theatre.center),
    extent: theatre.extentKm,
    issues: [],
  };
  const regions = theatre.regions.map((region, i) => compileRegion(region, `theatre.regions[${i}]`, ctx));
  const compiled: CompiledScenario = {
    ...scenario,
    theatre: {
      ...(theatre.center ? { center: theatre.center } : {}),
      extentKm: theatre.extentKm,
      regions: regions.filter((region): region is CompiledRegion => region !== undefined),
    },
    assets: resolveAll(scenario.assets, "assets", ctx),
    launchZones: resolveAll(scenario.launchZones, "launchZones", ctx),
    fixedUnits: resolveAll(scenario.fixedUnits, "fixedUnits", ctx),
    sectors: resolveAll(scenario.sectors, "sectors", ctx),
    allies: scenario.allies.map((ally, i) => ({
      ...ally,
      units: resolveAll(ally.units, `allies[${i}].units`, ctx),
    })),
  };
  return ctx.issues.length > 0 ? { issues: ctx.issues } : { compiled, issues: [] };
}
