/**
 * Doctrine by judgement. "free": fire at anything in reach. "tight": the scenario's own doctrine for
 * each layer (identified hostiles only, and the footprint rule for expensive layers, where it gives
 * none). "layered": match the weapon's cost to the threat: cheap layers fire freely (a decoy costs them
 * little), dearer ones wait for identification, fire only at threats heading into a footprint and keep
 * their interceptors for missiles, and BMD interceptors are held back for fast threats, for ballistic
 * ones alone once stocks run low.
 */
import { assertNever } from "../../shared/never.js";
import type { Doctrine, LayerType } from "../../shared/scenario.js";
import type { Command, SideView, TrackView, UnitView } from "../../sim/api.js";
import type { BotContext } from "../context.js";

/** Track speeds (km/s) that only missiles reach: above a cruise missile's floor, and ballistic. */
const MISSILE_KMS = 0.12;
const BALLISTIC_KMS = 1;
/** BMD rounds (launchers plus depot) under which cruise missiles no longer draw them. */
const BMD_RESERVE_ROUNDS = 8;

function cheapestThreatUsd(ctx: BotContext): number {
  const costs = Object.values(ctx.pub.catalogue.threats)
    .map((t) => t.costUsd)
    .filter((c) => c > 0);
  return costs.length > 0 ? Math.min(...costs) : 1;
}

export function isBmd(layer: LayerType): boolean {
  return layer.reachVsBallisticKm !== undefined;
}

/** Doctrine a newly deployed (or first-planned) unit of this type gets; undefined for sensors. */
export function plannedDoctrine(ctx: BotContext, typeId: string): Partial<Doctrine> | undefined {
  const layer = ctx.pub.catalogue.layers[typeId];
  if (!layer || layer.role === "jammer") return undefined;
  switch (ctx.judgement.defender.doctrine) {
    case "free":
      return { weapons: "free", fire: "salvo", salvoSize: 2, footprintOnly: false };
    case "tight":
      // The scenario's own doctrine for the layer where it gives one; else identified hostiles only.
      return layer.doctrine
        ? { ...layer.doctrine }
        : {
            weapons: "tight",
            fire: "salvo",
            salvoSize: 1,
            footprintOnly: layer.footprintOnly || isBmd(layer),
          };
    case "layered":
      if (layer.costPerShotUsd <= cheapestThreatUsd(ctx)) {
        return { weapons: "free", fire: "shoot-look-shoot", salvoSize: 1, footprintOnly: false, reserve: [] };
      }
      return {
        weapons: "tight",
        fire: "shoot-look-shoot",
        salvoSize: isBmd(layer) ? 2 : 1,
        footprintOnly: true,
        reserve: isBmd(layer) ? ["ballistic", "cruise"] : ["cruise"],
      };
    default:
      return assertNever(ctx.judgement.defender.doctrine, "bot doctrine");
  }
}

const speedKmS = (t: TrackView) => Math.hypot(t.vx, t.vy);

/** Seconds ahead a unit looks for a cruise-speed track coming its way. */
const CRUISE_LOOKAHEAD_SEC = 300;

/** Whether a track's straight course passes within `km` of the unit, within `lookaheadSec` from now. */
function approaches(view: SideView, u: UnitView, t: TrackView, km: number, lookaheadSec: number): boolean {
  const dt = view.clock - t.t0;
  const rx = u.x - (t.x + t.vx * dt);
  const ry = u.y - (t.y + t.vy * dt);
  const v2 = t.vx * t.vx + t.vy * t.vy;
  const tClosest = v2 > 0 ? Math.min(lookaheadSec, Math.max(0, (rx * t.vx + ry * t.vy) / v2)) : 0;
  return Math.hypot(rx - t.vx * tClosest, ry - t.vy * tClosest) <= km;
}

/**
 * Live reserve doctrine of BMD units ("layered" judgement only): weapons free while a ballistic track
 * is near, tight while a cruise-speed track is near and stocks allow, hold otherwise. Only changes are
 * ordered.
 */
export function reserveDoctrine(ctx: BotContext, view: SideView): Command[] {
  if (ctx.judgement.defender.doctrine !== "layered") return [];
  const commands: Command[] = [];
  const roundsByLayer: Record<string, number> = {};
  for (const u of view.units)
    if (u.side === "defender") roundsByLayer[u.kind] = (roundsByLayer[u.kind] ?? 0) + Math.max(0, u.magazine);
  for (const u of view.units) {
    const layer = ctx.pub.catalogue.layers[u.kind];
    if (u.side !== "defender" || !layer || !isBmd(layer)) continue;
    const lowStock = (roundsByLayer[u.kind] ?? 0) + (view.stocks[u.kind] ?? 0) < BMD_RESERVE_ROUNDS;
    // A ballistic flight lasts minutes: any whose course comes into BMD reach counts, however far now.
    const ballistic = view.tracks.some(
      (t) =>
        (t.band === "high" || speedKmS(t) >= BALLISTIC_KMS) &&
        approaches(view, u, t, layer.reachVsBallisticKm ?? 0, Number.MAX_VALUE),
    );
    const missile = view.tracks.some(
      (t) => speedKmS(t) >= MISSILE_KMS && approaches(view, u, t, layer.reachKm, CRUISE_LOOKAHEAD_SEC),
    );
    const weapons = ballistic ? "free" : missile && !lowStock ? "tight" : "hold";
    if (u.doctrine.weapons !== weapons) {
      commands.push({
        type: "set-doctrine",
        side: "defender",
        unitId: u.id,
        doctrine: { weapons, footprintOnly: true },
      });
    }
  }
  return commands;
}
