/**
 * Rules of engagement of allied forces and the sea-access rule for ships (docs/design.md §2 "Allies and
 * rules of engagement"). An ally obeys the ROE of its nation: `none` (never engages), `own-airspace`
 * (only targets inside one of its airspace regions) or `buffer:<km>` (inside, or at most that many km
 * beyond the border). Ships (sea-only layers) fight only from sea regions that are accessible now.
 */
import type { CompiledRegion } from "../../shared/compiled.js";
import { distanceToRegionKm, pointInRegion } from "../../shared/geo.js";
import type { PointKm, Roe } from "../../shared/scenario.js";

export type ParsedRoe = { kind: "none" } | { kind: "own-airspace" } | { kind: "buffer"; km: number };

const ROE_PATTERN = /^(none|own-airspace|buffer:(\d+(?:\.\d+)?))$/;

/** Parsed values are immutable and shared: the engine may call this per engagement without allocating. */
const parsedCache = new Map<string, ParsedRoe>();

/** The typed form of an ROE string, or null when the string is not a valid ROE. */
export function parseRoe(roe: string): ParsedRoe | null {
  const cached = parsedCache.get(roe);
  if (cached) return cached;
  const match = ROE_PATTERN.exec(roe);
  if (!match) return null;
  const parsed: ParsedRoe =
    match[1] === "none"
      ? { kind: "none" }
      : match[1] === "own-airspace"
        ? { kind: "own-airspace" }
        : { kind: "buffer", km: Number(match[2]) };
  parsedCache.set(roe, Object.freeze(parsed));
  return parsed;
}

export function formatRoe(roe: ParsedRoe): Roe {
  return roe.kind === "buffer" ? `buffer:${roe.km}` : roe.kind;
}

function nearBbox(p: PointKm, region: CompiledRegion, marginKm: number): boolean {
  const b = region.bbox;
  return (
    p.x >= b.minX - marginKm &&
    p.x <= b.maxX + marginKm &&
    p.y >= b.minY - marginKm &&
    p.y <= b.maxY + marginKm
  );
}

function withinKmOfRegion(p: PointKm, region: CompiledRegion, km: number): boolean {
  if (!nearBbox(p, region, km)) return false;
  return pointInRegion(p, region) || distanceToRegionKm(p, region) <= km;
}

/**
 * Whether an ally under `roe`, whose own airspace is `airspace`, may engage a target at `target`.
 * The engine passes the point where the engagement happens (the predicted intercept point), since
 * that is where the interceptor and the debris come down. A buffer border counts as inside (≤ km).
 */
export function roePermits(roe: ParsedRoe, airspace: readonly CompiledRegion[], target: PointKm): boolean {
  if (roe.kind === "none") return false;
  const marginKm = roe.kind === "buffer" ? roe.km : 0;
  for (const region of airspace) {
    if (withinKmOfRegion(target, region, marginKm)) return true;
  }
  return false;
}

/**
 * Whether a unit may fight from where it stands. Only sea-only layers (ships) are restricted: they are
 * active only inside a sea region whose access is open now (`seaAccess`, the campaign's live map; the
 * region's scenario flag is the fallback for a region missing from the map). Only sea outlines are
 * consulted (they may overlap a coast, where a land lookup would win). Closing a strait takes its ships
 * out of the fight; reopening it brings them back, with no other state to restore.
 */
export function seaUnitActive(
  unitIsSeaOnly: boolean,
  unitPoint: PointKm,
  regions: readonly CompiledRegion[],
  seaAccess: Readonly<Record<string, boolean>>,
): boolean {
  if (!unitIsSeaOnly) return true;
  for (const region of regions) {
    if (region.owner === "sea" && pointInRegion(unitPoint, region)) {
      return seaAccess[region.id] ?? seaOpenByDefault(region);
    }
  }
  return false;
}

/** A sea region without an `accessible` flag is open: closing one is what scenarios and injects say. */
export function seaOpenByDefault(region: Pick<CompiledRegion, "accessible">): boolean {
  return region.accessible ?? true;
}
