/**
 * Escalation restraint. A spoofed drone flies on off course and may crash in a neighbour: an incident
 * that raises escalation, and escalation past the scenario's thresholds costs the defender money or
 * the match. An escalation-aware defender keeps jammers away from neighbours when it deploys them,
 * and while escalation runs high it holds the jammers that stand near a border.
 */
import { distanceToRegionKm } from "../../shared/geo.js";
import type { PointKm } from "../../shared/scenario.js";
import type { Command, SideView } from "../../sim/api.js";
import type { BotContext } from "../context.js";
import type { PublicScenario } from "../public.js";

/** Jammers are deployed at least this far from a neighbour's airspace. */
export const JAMMER_BORDER_KM = 120;
/** Live: jammers this near a neighbour go quiet once escalation reaches RESTRAIN_AT, and back on below RELEASE_AT. */
const RESTRAIN_BORDER_KM = 200;
const RESTRAIN_AT = 30;
const RELEASE_AT = 15;

/** Distances already worked out, per scenario (polygon distances are dear; units rarely move). */
const borderCache = new WeakMap<PublicScenario, Map<string, number>>();

/** Distance from a point to the nearest neighbour's airspace. */
export function borderKm(pub: PublicScenario, at: PointKm): number {
  let cache = borderCache.get(pub);
  if (!cache) {
    cache = new Map();
    borderCache.set(pub, cache);
  }
  const key = `${at.x},${at.y}`;
  let km = cache.get(key);
  if (km === undefined) {
    km = Math.min(
      Number.MAX_VALUE,
      ...pub.theatre.regions.filter((r) => r.owner === "neighbour").map((r) => distanceToRegionKm(at, r)),
    );
    cache.set(key, km);
  }
  return km;
}

/** Hold or release the jammers near borders as escalation rises and falls (changes only). */
export function jammerRestraint(ctx: BotContext, view: SideView): Command[] {
  if (!ctx.judgement.defender.escalationAware) return [];
  const commands: Command[] = [];
  for (const u of view.units) {
    if (u.side !== "defender" || ctx.pub.catalogue.layers[u.kind]?.role !== "jammer") continue;
    const quiet = u.doctrine.weapons === "hold";
    const wantQuiet = quiet ? view.escalation >= RELEASE_AT : view.escalation >= RESTRAIN_AT;
    if (wantQuiet === quiet || borderKm(ctx.pub, u) > RESTRAIN_BORDER_KM) continue;
    commands.push({
      type: "set-doctrine",
      side: "defender",
      unitId: u.id,
      doctrine: { weapons: wantQuiet ? "hold" : "free" },
    });
  }
  return commands;
}
