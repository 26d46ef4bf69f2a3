import type { Band, ThreatClass } from "../shared/scenario.js";
import type { LayerInfo } from "./catalogue.js";
import type { SimContext } from "./context.js";
import { killProbability } from "./interceptors.js";
import type { ThreatState, TrackState, UnitState } from "./world.js";

/**
 * Weapon-target assignment of a layered defence, unit by unit on its side's own tracks:
 * - the cheapest able layer first: a unit holds its fire while a cheaper unit of its side, able to kill
 *   the threat (kill probability at least ABLE_PK, its doctrine willing), stands further along the
 *   threat's course, unless the threat is about to enter a defended footprint (the last resort);
 * - reserve: a unit keeps its interceptors for the classes its doctrine reserves them for; any other
 *   class it engages only as a last resort that no cheaper unit can take;
 * - a track's class is what the side perceives: its identified class (a decoy not yet unmasked looks like
 *   the drone it mimics) or, unidentified, what its band and speed say.
 * Which cheaper units lie ahead is reviewed every REVIEW_SEC per track (and when the threat turns), from
 * the units able to fire this step, so the cost stays proportional to tracks × units ÷ review time.
 */

/** A threat this close (in seconds) to entering a defended footprint, or inside one, is about to hit. */
export const LAST_RESORT_SEC = 60;
/** Kill probability per shot a cheaper unit needs to be counted on instead. */
export const ABLE_PK = 0.1;
/** Seconds between two reviews of a track's hand-off. */
export const REVIEW_SEC = 10;
/** How far ahead (seconds) a course not bound for a defended footprint is followed. */
export const AHEAD_HORIZON_SEC = 600;

/** Speeds (km/s) only missiles reach: above a cruise missile's floor; and a ballistic one's. */
const CRUISE_KMS = 0.12;
const BALLISTIC_KMS = 1;

/** The class a side perceives: the identified one, else a guess from band and speed. */
export function perceivedClass(identified: ThreatClass | "", band: Band, speedKmS: number): ThreatClass {
  if (identified) return identified;
  if (band === "high" || speedKmS >= BALLISTIC_KMS) return "ballistic";
  return speedKmS >= CRUISE_KMS ? "cruise" : "drone";
}

/** The class a side's track of the threat shows. */
export function trackClass(ctx: SimContext, threat: ThreatState, track: TrackState): ThreatClass {
  const actual = ctx.cat.threats[threat.ti];
  if (track.identified) return ctx.cat.threats[track.unmasked ? threat.ti : actual.looksLike].def.class;
  return perceivedClass("", actual.def.band, Math.hypot(track.vx, track.vy));
}

/** A unit able to fire this step, with what the hand-off needs of it. */
export interface AbleUnit {
  unit: UnitState;
  layer: LayerInfo;
  costUsd: number;
}

/** Whether a unit's doctrine lets it take a track of this class at all (not only as a last resort). */
export function reserves(unit: UnitState, cls: ThreatClass): boolean {
  const reserve = unit.doctrine.reserve ?? [];
  return reserve.length === 0 || reserve.includes(cls);
}

function reachFor(layer: LayerInfo, cls: ThreatClass): number {
  return cls === "ballistic" ? (layer.def.reachVsBallisticKm ?? 0) : layer.def.reachKm;
}

/** Whether the segment from p over d (km) passes within r of the point c. */
function segmentNear(px: number, py: number, dx: number, dy: number, cx: number, cy: number, r: number) {
  const len2 = dx * dx + dy * dy;
  const along = len2 > 0 ? Math.max(0, Math.min(1, ((cx - px) * dx + (cy - py) * dy) / len2)) : 0;
  const ex = px + dx * along - cx;
  const ey = py + dy * along - cy;
  return ex * ex + ey * ey <= r * r;
}

/**
 * The cheapest cost per shot among the able units (sorted cheapest first) whose reach the track's
 * course crosses from now until it leaves the defended footprint it heads into (the side does not know
 * the aim point within it), -1 when none.
 */
function cheapestAhead(
  ctx: SimContext,
  threat: ThreatState,
  track: TrackState,
  able: readonly AbleUnit[],
): number {
  const t = ctx.t1;
  const x = track.x + track.vx * (t - track.t0);
  const y = track.y + track.vy * (t - track.t0);
  let horizonSec = AHEAD_HORIZON_SEC;
  const speed2 = track.vx * track.vx + track.vy * track.vy;
  if (track.predAsset >= 0 && speed2 > 0) {
    const asset = ctx.scenario.assets[track.predAsset];
    const ax = asset.at.x - x;
    const ay = asset.at.y - y;
    const alongSec = (ax * track.vx + ay * track.vy) / speed2;
    const miss2 = ax * ax + ay * ay - alongSec * alongSec * speed2;
    const r = asset.footprintKm;
    horizonSec = Math.max(0, alongSec + Math.sqrt(Math.max(0, r * r - miss2) / speed2));
  }
  const dx = track.vx * horizonSec;
  const dy = track.vy * horizonSec;
  const cls = trackClass(ctx, threat, track);
  for (const a of able) {
    if (a.layer.engagesThreat[threat.ti] === 0 || !reserves(a.unit, cls)) continue;
    if (killProbability(a.layer.def.pk, cls) < ABLE_PK) continue;
    if (a.unit.doctrine.footprintOnly && track.predAsset < 0) continue;
    if (segmentNear(x, y, dx, dy, a.unit.x, a.unit.y, reachFor(a.layer, cls))) return a.costUsd;
  }
  return -1;
}

export type Verdict = "engage" | "hold";

/**
 * May `unit` engage this track now (weapons control and the footprint rule are checked before)?
 * `able` lists the side's units able to fire this step, cheapest first.
 */
export function doctrineVerdict(
  ctx: SimContext,
  unit: UnitState,
  costUsd: number,
  threat: ThreatState,
  track: TrackState,
  able: readonly AbleUnit[],
): Verdict {
  const t = ctx.t1;
  if (track.reviewAt < 0 || t - track.reviewAt >= REVIEW_SEC) {
    track.cheapestAheadUsd = cheapestAhead(ctx, threat, track, able);
    track.reviewAt = t;
  }
  const cheaperAhead = track.cheapestAheadUsd >= 0 && track.cheapestAheadUsd < costUsd;
  const lastResort = track.predAsset >= 0 && track.predT - t <= LAST_RESORT_SEC;
  if (!reserves(unit, trackClass(ctx, threat, track))) return lastResort && !cheaperAhead ? "engage" : "hold";
  return cheaperAhead && !lastResort ? "hold" : "engage";
}
