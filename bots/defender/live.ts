/**
 * The defender during a night: keep the BMD reserve doctrine current on every observation, and every
 * `liveDecisionSec` move mobile groups in front of the assets the observed drones are heading for
 * (when they can get there before the drones do) and restrain jammers near borders while escalation
 * runs high.
 */
import { regionAt } from "../../shared/geo.js";
import type { PointKm } from "../../shared/scenario.js";
import type { Command, SideView, TrackView, UnitView } from "../../sim/api.js";
import type { BotContext } from "../context.js";
import type { DefenderMemory } from "../memory.js";
import type { PublicAsset } from "../public.js";
import { worthPerHpUsd } from "../worth.js";
import { reserveDoctrine } from "./doctrine.js";
import { jammerRestraint } from "./escalation.js";
import { observeDefender, perceivedClass } from "./observe.js";

/** Don't bother moving a group for less than this. */
const MIN_MOVE_KM = 1.5;
/** Extra seconds a group needs in place before the first drone arrives. */
const SETUP_MARGIN_SEC = 60;

interface Demand {
  asset: PublicAsset;
  valueUsd: number;
  /** Sum of unit vectors from the asset toward the incoming drones. */
  from: PointKm;
  etaSec: number;
}

/** The asset a slow track's straight course enters first, and when. */
function headingFor(
  ctx: BotContext,
  view: SideView,
  t: TrackView,
): { asset: PublicAsset; etaSec: number; x: number; y: number } | null {
  const kms = Math.hypot(t.vx, t.vy);
  if (kms === 0) return null;
  const x = t.x + t.vx * (view.clock - t.t0);
  const y = t.y + t.vy * (view.clock - t.t0);
  let best: { asset: PublicAsset; etaSec: number; x: number; y: number } | null = null;
  for (const asset of ctx.pub.assets) {
    const rx = asset.at.x - x;
    const ry = asset.at.y - y;
    const along = (rx * t.vx + ry * t.vy) / kms;
    const across = Math.abs(rx * t.vy - ry * t.vx) / kms;
    if (along <= 0 || across > asset.footprintKm + 3) continue;
    const etaSec = along / kms;
    if (!best || etaSec < best.etaSec) best = { asset, etaSec, x, y };
  }
  return best;
}

function demands(ctx: BotContext, view: SideView): Demand[] {
  const byAsset = new Map<string, Demand>();
  for (const t of view.tracks) {
    if (perceivedClass(t) !== "drone") continue;
    const h = headingFor(ctx, view, t);
    if (!h) continue;
    const d = byAsset.get(h.asset.id) ?? {
      asset: h.asset,
      valueUsd: 0,
      from: { x: 0, y: 0 },
      etaSec: h.etaSec,
    };
    const damage = ctx.pub.catalogue.threats[t.kind]?.damage ?? 1;
    d.valueUsd += worthPerHpUsd(ctx.pub, h.asset, null) * damage;
    const len = Math.hypot(h.x - h.asset.at.x, h.y - h.asset.at.y) || 1;
    d.from.x += (h.x - h.asset.at.x) / len;
    d.from.y += (h.y - h.asset.at.y) / len;
    d.etaSec = Math.min(d.etaSec, h.etaSec);
    byAsset.set(h.asset.id, d);
  }
  return [...byAsset.values()].sort((a, b) => b.valueUsd - a.valueUsd);
}

/** Where a group should stand for a demand: on the footprint's edge facing the drones, on own land. */
function post(ctx: BotContext, d: Demand): PointKm {
  const len = Math.hypot(d.from.x, d.from.y) || 1;
  const r = d.asset.footprintKm * 0.6;
  const edge = { x: d.asset.at.x + (d.from.x / len) * r, y: d.asset.at.y + (d.from.y / len) * r };
  return regionAt(edge, ctx.pub.theatre.regions)?.owner === "defender" ? edge : d.asset.at;
}

function relocations(ctx: BotContext, view: SideView): Command[] {
  const groups = view.units.filter(
    (u) => u.side === "defender" && u.status === "ready" && ctx.pub.catalogue.layers[u.kind]?.mobile,
  );
  if (groups.length === 0) return [];
  const free = new Set<UnitView>(groups);
  const commands: Command[] = [];
  for (const d of demands(ctx, view)) {
    if (free.size === 0) break;
    const target = post(ctx, d);
    let best: UnitView | null = null;
    let bestKm = Number.POSITIVE_INFINITY;
    for (const u of free) {
      const km = Math.hypot(u.x - target.x, u.y - target.y);
      const layer = ctx.pub.catalogue.layers[u.kind];
      if (km > MIN_MOVE_KM && layer.relocateDelaySec + SETUP_MARGIN_SEC > d.etaSec) continue;
      if (km < bestKm) {
        best = u;
        bestKm = km;
      }
    }
    if (!best) continue;
    free.delete(best);
    if (bestKm > MIN_MOVE_KM) {
      commands.push({
        type: "relocate",
        side: "defender",
        unitId: best.id,
        to: { x: Math.round(target.x * 10) / 10, y: Math.round(target.y * 10) / 10 },
      });
    }
  }
  return commands;
}

/** One live observation of the defender bot. */
export function defenderTick(ctx: BotContext, view: SideView, mem: DefenderMemory): Command[] {
  observeDefender(view, mem);
  if (view.phase !== "live") return [];
  const commands = reserveDoctrine(ctx, view);
  const due =
    mem.lastDecisionAt < 0 || view.clock - mem.lastDecisionAt >= ctx.judgement.defender.liveDecisionSec;
  if (due && Number.isFinite(ctx.judgement.defender.liveDecisionSec)) {
    mem.lastDecisionAt = view.clock;
    commands.push(...relocations(ctx, view), ...jammerRestraint(ctx, view));
  }
  return commands;
}
