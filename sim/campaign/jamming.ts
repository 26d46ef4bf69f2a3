/**
 * Electronic warfare: jammers spoof GNSS-guided threats within their reach (docs/design.md §2, EW jammer).
 * Each second in reach a threat is spoofed with the layer's `jamPerSec` probability; per step that is
 * p_step = 1 - (1 - p)^dt. A spoofed threat turns off course by a random angle and flies on until its
 * remaining range (fuel) or its luck ends, where it crashes: possibly in a neighbour, which the incident
 * module then records. This module only decides; the engine applies the decisions to its threats.
 *
 * Determinism: draws come from the engine's generator through `next()`, and only for threats inside a
 * jammer's reach, in the order the engine iterates (jammers in unit order, then threats in launch order;
 * a threat already spoofed is not tried again). See extension.ts for the engine's side.
 */
import type { LayerType, PointKm, ThreatType } from "../../shared/scenario.js";

export interface Jammer {
  unitId: string;
  x: number;
  y: number;
  reachKm: number;
  /** Per-second spoof probability (the layer's `jamPerSec`). */
  jamPerSec: number;
}

/** A GNSS-guided threat in flight that is not spoofed yet. Velocity in km per second. */
export interface JamTarget {
  id: string;
  x: number;
  y: number;
  vx: number;
  vy: number;
  /** What is left of the type's range (fuel), in km. */
  remainingRangeKm: number;
}

/** Shape of the off-course flight. No scenario field exists for these yet; the defaults are the model. */
export interface SpoofParams {
  /** The new heading differs from the old one by between these angles, to either side. */
  minTurnDeg: number;
  maxTurnDeg: number;
  /** Mean distance a spoofed threat keeps flying before its luck ends (exponentially distributed). */
  meanLuckKm: number;
}

export const DEFAULT_SPOOF_PARAMS: Readonly<SpoofParams> = Object.freeze({
  minTurnDeg: 30,
  maxTurnDeg: 150,
  meanLuckKm: 60,
});

export interface SpoofDecision {
  threatId: string;
  unitId: string;
  /** Unit vector of the new course. */
  dirX: number;
  dirY: number;
  /** Seconds from now until the crash, at the threat's current speed. */
  crashAfterSec: number;
  crashAt: PointKm;
}

/** The chance that an event with a per-second probability happens within one step of `dtSec`. */
export function stepProbability(perSec: number, dtSec: number): number {
  if (perSec <= 0 || dtSec <= 0) return 0;
  if (perSec >= 1) return 1;
  return 1 - (1 - perSec) ** dtSec;
}

/** Whether a layer's jamming can affect a threat type at all (guidance, class and band). */
export function jammerAffects(layer: LayerType, threat: ThreatType): boolean {
  return (
    layer.role === "jammer" &&
    threat.gnssGuided &&
    layer.engagesBands.includes(threat.band) &&
    layer.engagesClasses.includes(threat.class)
  );
}

/** The off-course flight of a threat that has just been spoofed. Draws three numbers from `next`. */
export function spoofCourse(
  threat: JamTarget,
  next: () => number,
  params: Readonly<SpoofParams> = DEFAULT_SPOOF_PARAMS,
): Omit<SpoofDecision, "threatId" | "unitId"> {
  const turnDeg = params.minTurnDeg + (params.maxTurnDeg - params.minTurnDeg) * next();
  const turnRad = ((next() < 0.5 ? -1 : 1) * turnDeg * Math.PI) / 180;
  const speedKmPerSec = Math.hypot(threat.vx, threat.vy);
  const heading = Math.atan2(threat.vy, threat.vx) + turnRad;
  const dirX = Math.cos(heading);
  const dirY = Math.sin(heading);
  // Inverse-CDF draw of an exponential distance: 1 - next() is in (0, 1], so the log is finite.
  const luckKm = -params.meanLuckKm * Math.log(1 - next());
  const distanceKm = Math.max(0, Math.min(threat.remainingRangeKm, luckKm));
  return {
    dirX,
    dirY,
    crashAfterSec: speedKmPerSec > 0 ? distanceKm / speedKmPerSec : 0,
    crashAt: { x: threat.x + dirX * distanceKm, y: threat.y + dirY * distanceKm },
  };
}

/**
 * One jammer against one threat for one step: null when the threat is out of reach (no draw) or keeps
 * its course (one draw); otherwise the spoof decision (four draws).
 */
export function trySpoof(
  jammer: Jammer,
  threat: JamTarget,
  dtSec: number,
  next: () => number,
  params: Readonly<SpoofParams> = DEFAULT_SPOOF_PARAMS,
): SpoofDecision | null {
  const dx = threat.x - jammer.x;
  const dy = threat.y - jammer.y;
  if (dx * dx + dy * dy > jammer.reachKm * jammer.reachKm) return null;
  if (next() >= stepProbability(jammer.jamPerSec, dtSec)) return null;
  return { threatId: threat.id, unitId: jammer.unitId, ...spoofCourse(threat, next, params) };
}
