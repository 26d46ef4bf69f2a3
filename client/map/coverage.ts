import type { CompiledScenario } from "../../shared/compiled.js";
import type { Band, SensorType } from "../../shared/scenario.js";

/**
 * Display helpers for sensor coverage and weapon reach. Not game rules: the server decides what is
 * detected; these circles show the student why (the radar horizon hides low fliers).
 */

export const BANDS: readonly Band[] = ["high", "low", "very-low"];

/** Fallback altitudes when the catalogue has no threat in a band. */
const DEFAULT_BAND_ALTITUDE_M: Record<Band, number> = { high: 10_000, low: 100, "very-low": 30 };

/** Radar horizon between an antenna at `radarM` and a target at `targetM` (docs/design.md §2). */
export function horizonKm(radarM: number, targetM: number): number {
  return 4.12 * (Math.sqrt(Math.max(0, radarM)) + Math.sqrt(Math.max(0, targetM)));
}

/** The lowest altitude any catalogue threat flies at in each band: the hardest case to see. */
export function bandAltitudesM(scenario: CompiledScenario): Record<Band, number> {
  const result = { ...DEFAULT_BAND_ALTITUDE_M };
  const seen = new Set<Band>();
  for (const threat of Object.values(scenario.catalogue.threats)) {
    if (!seen.has(threat.band) || threat.altitudeM < result[threat.band])
      result[threat.band] = threat.altitudeM;
    seen.add(threat.band);
  }
  return result;
}

/** The sensor a unit type carries: a sensor type itself, or a layer's own fire-control radar. */
export function sensorOf(scenario: CompiledScenario, unitType: string): SensorType | undefined {
  const { sensors, layers } = scenario.catalogue;
  if (sensors[unitType]) return sensors[unitType];
  const sensorId = layers[unitType]?.sensor;
  return sensorId ? sensors[sensorId] : undefined;
}

/** Detection radius of a sensor against a band: the horizon capped by the instrumented range, 0 if blind. */
export function coverageKm(sensor: SensorType, band: Band, altitudes: Record<Band, number>): number {
  if (!sensor.bands.includes(band)) return 0;
  return Math.min(sensor.rangeKm, horizonKm(sensor.heightM, altitudes[band]));
}

/** Weapon reach of a unit type in km (0 for pure sensors). */
export function reachKm(scenario: CompiledScenario, unitType: string): number {
  return scenario.catalogue.layers[unitType]?.reachKm ?? 0;
}

/** Deployment cost of a layer or sensor type. */
export function deployCostUsd(scenario: CompiledScenario, unitType: string): number {
  const { layers, sensors } = scenario.catalogue;
  return layers[unitType]?.deployCostUsd ?? sensors[unitType]?.deployCostUsd ?? 0;
}

/** Human name of any catalogue type id (threat, layer or sensor). */
export function typeName(scenario: CompiledScenario, typeId: string): string {
  const { layers, sensors, threats } = scenario.catalogue;
  return layers[typeId]?.name ?? sensors[typeId]?.name ?? threats[typeId]?.name ?? typeId;
}
