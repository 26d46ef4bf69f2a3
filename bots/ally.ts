/**
 * The ally bot: doctrine for its own units, always within its nation's current ROE. Under `none` its
 * units hold fire. Otherwise they fire at identified hostiles heading into a defended footprint; a
 * watchful judgement also holds a unit while every track near it is somewhere the ROE forbids, so the
 * ally never gives an order the ROE would not allow (the engine enforces it too).
 */

import type { Doctrine } from "../shared/scenario.js";
import type { Command, SideView, UnitView } from "../sim/api.js";
import { parseRoe, roePermits } from "../sim/campaign/roe.js";
import type { BotContext } from "./context.js";

function allyOf(ctx: BotContext, u: UnitView) {
  return ctx.pub.allies.find((a) => a.id === u.allyId);
}

/** What the unit's ROE and the tracks around it allow now. */
function wantedDoctrine(ctx: BotContext, view: SideView, u: UnitView, watch: boolean): Partial<Doctrine> {
  const ally = allyOf(ctx, u);
  const roe = parseRoe(ally ? (view.roe[ally.nation] ?? "none") : "none") ?? { kind: "none" };
  if (roe.kind === "none") return { weapons: "hold" };
  const open: Partial<Doctrine> = { weapons: "tight", footprintOnly: true };
  const layer = ctx.pub.catalogue.layers[u.kind];
  if (!watch || !layer || !ally) return open;
  const airspace = ctx.pub.theatre.regions.filter((r) => ally.airspace.includes(r.id));
  const reachKm = Math.max(layer.reachKm, layer.reachVsBallisticKm ?? 0);
  let inside = false;
  let outside = false;
  for (const t of view.tracks) {
    const p = { x: t.x + t.vx * (view.clock - t.t0), y: t.y + t.vy * (view.clock - t.t0) };
    if (Math.hypot(p.x - u.x, p.y - u.y) > reachKm) continue;
    if (roePermits(roe, airspace, p)) inside = true;
    else outside = true;
  }
  return outside && !inside ? { weapons: "hold" } : open;
}

function orders(ctx: BotContext, view: SideView, watch: boolean): Command[] {
  const commands: Command[] = [];
  for (const u of view.units) {
    if (
      u.side !== "ally" ||
      !ctx.pub.catalogue.layers[u.kind] ||
      ctx.pub.catalogue.layers[u.kind].role === "jammer"
    )
      continue;
    const wanted = wantedDoctrine(ctx, view, u, watch);
    const differs = (Object.keys(wanted) as (keyof Doctrine)[]).some((k) => wanted[k] !== u.doctrine[k]);
    if (differs) commands.push({ type: "set-doctrine", side: "ally", unitId: u.id, doctrine: wanted });
  }
  return commands;
}

export function planAlly(ctx: BotContext, view: SideView): Command[] {
  return orders(ctx, view, false);
}

export function allyTick(ctx: BotContext, view: SideView): Command[] {
  if (view.phase !== "live" || !ctx.judgement.allyWatchesRoe) return [];
  return orders(ctx, view, true);
}
