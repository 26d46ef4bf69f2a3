import type { CompiledScenario } from "../../shared/compiled.js";
import type { ViewName } from "../../shared/protocol.js";
import type { Asset, Interceptor, PlannedSalvo, SightedUnit, Track, Unit } from "../../shared/wire/state.js";

/**
 * What the map draws, independent of where it comes from: a live match (the decoded room state) or
 * the synthetic benchmark. Positions are km, times simulation seconds.
 */
export type TrackLike = Pick<
  Track,
  "id" | "x" | "y" | "vx" | "vy" | "t0" | "band" | "identity" | "kind" | "threatClass"
>;
export type UnitLike = Pick<
  Unit,
  "id" | "side" | "kind" | "x" | "y" | "status" | "magazine" | "weapons" | "allyId"
>;
/** A defence unit the attacker sighted: what and where, nothing of its state. */
export type SightingLike = Pick<SightedUnit, "id" | "side" | "kind" | "x" | "y">;
export type InterceptorLike = Pick<Interceptor, "id" | "threatId" | "x" | "y" | "vx" | "vy" | "t0" | "tEnd">;
export type AssetLike = Pick<Asset, "id" | "kind" | "name" | "x" | "y" | "hp" | "hpMax" | "powered">;
export type SalvoLike = Pick<PlannedSalvo, "id" | "zone" | "threatType" | "count" | "target" | "waypoints">;

export interface MapSource {
  readonly scenario: CompiledScenario;
  /** Whose perception is shown: decides symbol relations and whether launch zones are drawn. */
  perspective(): ViewName;
  /** Simulation seconds now, extrapolated between patches. */
  now(): number;
  tracks(): Iterable<TrackLike>;
  units(): Iterable<UnitLike>;
  /** The attacker's sightings of the defence (empty for every other view). */
  sightings(): Iterable<SightingLike>;
  interceptors(): Iterable<InterceptorLike>;
  assets(): Iterable<AssetLike>;
  salvos(): Iterable<SalvoLike>;
  /** Current accessibility of a sea region (the scenario's value until an inject changes it). */
  seaAccessible(regionId: string): boolean;
  /** Bumped whenever something the cached backdrop draws may have changed. */
  revision(): number;
}

/** Position of something moving on a leg at simulation time `t`. */
export function legX(leg: { x: number; vx: number; t0: number }, t: number): number {
  return leg.x + leg.vx * (t - leg.t0);
}

export function legY(leg: { y: number; vy: number; t0: number }, t: number): number {
  return leg.y + leg.vy * (t - leg.t0);
}
