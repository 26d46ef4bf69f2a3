import type { CompiledRegion, CompiledScenario } from "../../shared/compiled.js";
import { insideExtent, regionAt } from "../../shared/geo.js";
import type { PointKm } from "../../shared/scenario.js";
import type { ScenarioIssue } from "./errors.js";

/**
 * Geometric checks on a compiled scenario: everything sits inside the theatre, assets and the defender's
 * fixed units on the defender's ground, ships at sea, allied units inside their own airspace.
 */

function describe(p: PointKm): string {
  return `(x ${p.x.toFixed(1)}, y ${p.y.toFixed(1)} km)`;
}

function regionName(region: CompiledRegion | null): string {
  return region ? `region '${region.id}'` : "no region";
}

/** Why p is not a place a unit or asset may stand, or undefined when it is. */
export function placementProblem(
  p: PointKm,
  c: CompiledScenario,
  allowed: (region: CompiledRegion) => boolean,
  wanted: string,
): string | undefined {
  const { extentKm } = c.theatre;
  if (!insideExtent(p, extentKm)) {
    return `${describe(p)} is outside the theatre extent (±${extentKm.x} × ±${extentKm.y} km)`;
  }
  const region = regionAt(p, c.theatre.regions);
  if (!region || !allowed(region)) return `${describe(p)} is in ${regionName(region)}, not ${wanted}`;
  return undefined;
}

/**
 * Where units of a type may stand within `ownGround` (described by `ownText`): ships (seaOnly layers) in
 * its sea regions, everything else on its land.
 */
export function unitPlacement(
  c: CompiledScenario,
  unitType: string,
  ownGround: (region: CompiledRegion) => boolean,
  ownText: string,
): { allowed: (region: CompiledRegion) => boolean; wanted: string } {
  if (c.catalogue.layers[unitType]?.seaOnly) {
    return { allowed: (r) => r.owner === "sea" && ownGround(r), wanted: `a sea region of ${ownText}` };
  }
  return { allowed: (r) => r.owner !== "sea" && ownGround(r), wanted: `land of ${ownText}` };
}

/** The defender's ground: its own regions and, for ships, any sea. */
export const defenderGround = (r: CompiledRegion): boolean => r.owner === "defender" || r.owner === "sea";
export const DEFENDER_GROUND_TEXT = "the defender (or the sea, for ships)";

export function checkPlacement(c: CompiledScenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const check = (p: PointKm, path: string, allowed: (r: CompiledRegion) => boolean, wanted: string) => {
    const problem = placementProblem(p, c, allowed, wanted);
    if (problem) issues.push({ path, message: problem });
  };
  const anywhere = () => true;
  const defender = (r: CompiledRegion) => r.owner === "defender";
  c.assets.forEach((asset, i) => {
    check(asset.at, `assets[${i}].at`, defender, "a defender region");
  });
  c.launchZones.forEach((zone, i) => {
    if (!insideExtent(zone.at, c.theatre.extentKm)) check(zone.at, `launchZones[${i}].at`, anywhere, "");
  });
  c.fixedUnits.forEach((unit, i) => {
    const { allowed, wanted } = unitPlacement(c, unit.type, defenderGround, DEFENDER_GROUND_TEXT);
    check(unit.at, `fixedUnits[${i}].at`, allowed, wanted);
  });
  c.allies.forEach((ally, a) => {
    const airspace = new Set(ally.airspace);
    const ownText = `the ally's airspace (${ally.airspace.join(", ")})`;
    ally.units.forEach((unit, i) => {
      const { allowed, wanted } = unitPlacement(c, unit.type, (r) => airspace.has(r.id), ownText);
      check(unit.at, `allies[${a}].units[${i}].at`, allowed, wanted);
    });
  });
  return issues;
}
