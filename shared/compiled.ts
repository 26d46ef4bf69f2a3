import type { Sector } from "./crews.js";
import type { Ally, Asset, LaunchZone, LonLat, PlacedUnit, PointKm, Region, Scenario } from "./scenario.js";

/**
 * A scenario after loading: validated, cross-checked, and with every position and outline projected to
 * kilometres on the theatre plane. The simulation and the client work only with this form.
 */
export type Resolved<T extends { at: unknown }> = Omit<T, "at"> & { at: PointKm };

export type Ring = [number, number][];

export interface CompiledRegion extends Omit<Region, "geometry"> {
  /** Outer rings in km (holes are ignored: airspace questions never need them here). */
  polygons: Ring[];
  /** Bounding box in km, for fast rejection in point-in-region lookups. */
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
}

export interface CompiledScenario
  extends Omit<Scenario, "theatre" | "assets" | "launchZones" | "fixedUnits" | "allies" | "sectors"> {
  theatre: { center?: LonLat; extentKm: { x: number; y: number }; regions: CompiledRegion[] };
  assets: Resolved<Asset>[];
  launchZones: Resolved<LaunchZone>[];
  fixedUnits: Resolved<PlacedUnit>[];
  sectors: Resolved<Sector>[];
  allies: (Omit<Ally, "units"> & { units: Resolved<PlacedUnit>[] })[];
}
