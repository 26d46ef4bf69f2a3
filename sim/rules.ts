import type { CompiledRegion } from "../shared/compiled.js";
import { insideExtent, pointInRegion, regionAt } from "../shared/geo.js";
import type { PointKm } from "../shared/scenario.js";
import type { SimContext, SimExtension, SimRules } from "./context.js";
import type { UnitState } from "./world.js";

/**
 * The core's default rules and placement checks. The campaign layer replaces the rules through a
 * `SimExtension` (full ROE with buffers and "none", ships in closed seas, fighters on station).
 */

const allyAirspace = (ctx: SimContext, allyId: string): CompiledRegion[] =>
  ctx.cat.allyAirspace.get(allyId) ?? [];

export const defaultRules: SimRules = {
  // The defender fights anywhere; an ally only over its own airspace until the campaign's ROE applies.
  engagementRoe(ctx, unit, _threat, x, y) {
    if (unit.side === "defender") return "allowed";
    const p = { x, y };
    return allyAirspace(ctx, unit.allyId).some((r) => pointInRegion(p, r)) ? "allowed" : "forbidden";
  },
  unitActive: () => true,
  regionAt: (ctx, x, y) => regionAt({ x, y }, ctx.scenario.theatre.regions)?.id ?? null,
};

/** The defaults overridden by each extension's rules, later extensions winning. */
export function composeRules(extensions: readonly SimExtension[]): SimRules {
  return Object.assign({}, defaultRules, ...extensions.map((e) => e.rules ?? {}));
}

/**
 * Why a unit of `unitType` may not stand at p for its owner, or null when it may. The defender's
 * ground is its own land, and accessible seas for ships; an ally's is its airspace (seas for ships).
 */
export function placementProblem(
  ctx: SimContext,
  owner: Pick<UnitState, "side" | "allyId">,
  unitType: string,
  p: PointKm,
): string | null {
  const { extentKm, regions } = ctx.scenario.theatre;
  if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) return "the position must be finite km";
  if (!insideExtent(p, extentKm)) return `(${p.x.toFixed(1)}, ${p.y.toFixed(1)}) km is outside the theatre`;
  const seaOnly = ctx.cat.layers.get(unitType)?.def.seaOnly ?? false;
  const region = regionAt(p, regions);
  const airspace = owner.side === "ally" ? allyAirspace(ctx, owner.allyId).map((r) => r.id) : null;
  const own = (r: CompiledRegion) => (airspace ? airspace.includes(r.id) : seaOnly || r.owner === "defender");
  const wanted = seaOnly
    ? "an accessible sea"
    : owner.side === "ally"
      ? "the ally's airspace"
      : "defender land";
  if (!region || !own(region)) return `(${p.x.toFixed(1)}, ${p.y.toFixed(1)}) km is not in ${wanted}`;
  if (seaOnly && (region.owner !== "sea" || ctx.world.seaAccess[region.id] === false)) {
    return `region '${region.id}' is not ${wanted}`;
  }
  if (!seaOnly && region.owner === "sea") return `region '${region.id}' is sea; only ships deploy there`;
  return null;
}
