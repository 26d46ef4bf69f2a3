import type { CompiledRegion, CompiledScenario, Resolved } from "../shared/compiled.js";
import type { Doctrine, LaunchZone, LayerType, SensorType, ThreatType } from "../shared/scenario.js";

/**
 * Tables derived once from the scenario's catalogue: numeric indexes for the hot loops and
 * precomputed detection ranges. Never part of the world state (the scenario is fixed for a match).
 */

/** Radar horizon in km for antenna and target heights in metres (docs/design.md §2). */
export function radarHorizonKm(sensorHeightM: number, targetHeightM: number): number {
  return 4.12 * (Math.sqrt(sensorHeightM) + Math.sqrt(targetHeightM));
}

/**
 * Detection range of a sensor type against a threat type in clear weather, 0 when it cannot see it.
 * Radars and AEW: the radar horizon capped by the instrumented range, which scales with the fourth
 * root of the target's signature (radar equation). Acoustic: its range, for slow targets only.
 */
export function detectionRangeKm(sensor: SensorType, threat: ThreatType): number {
  if (!sensor.bands.includes(threat.band)) return 0;
  if (sensor.kind === "acoustic") {
    const maxSpeedMps = sensor.maxTargetSpeedMps ?? Number.MAX_VALUE;
    return threat.speedMps <= maxSpeedMps ? sensor.rangeKm : 0;
  }
  const instrumentedKm = sensor.rangeKm * threat.signature ** 0.25;
  return Math.min(radarHorizonKm(sensor.heightM, threat.altitudeM), instrumentedKm);
}

export interface ThreatInfo {
  id: string;
  index: number;
  def: ThreatType;
  speedKmS: number;
  decoy: boolean;
  /** The type a track of this one is identified as before any unmasking: a decoy's mimic, else itself. */
  looksLike: number;
  /** Largest detection-range factor a threat of this type can draw (1 + its detection spread). */
  maxSight: number;
}

export interface SensorInfo {
  id: string;
  def: SensorType;
  /** Clear-weather detection range against each threat type, by ThreatInfo.index. */
  rangeByThreatKm: Float64Array;
  maxRangeKm: number;
}

export interface LayerInfo {
  id: string;
  def: LayerType;
  /** Radius around the unit that can hold a threat whose intercept point is within reach. */
  queryRadiusKm: number;
  /** Whether it may engage each threat type at all (band and class), by ThreatInfo.index. */
  engagesThreat: Uint8Array;
  defaultDoctrine: Doctrine;
}

export class CatalogueIndex {
  readonly threats: ThreatInfo[] = [];
  readonly threatById = new Map<string, ThreatInfo>();
  readonly layers = new Map<string, LayerInfo>();
  readonly sensors = new Map<string, SensorInfo>();
  readonly assetIndex = new Map<string, number>();
  readonly zones = new Map<string, Resolved<LaunchZone>>();
  /** Regions each ally counts as its own airspace, by ally id. */
  readonly allyAirspace = new Map<string, CompiledRegion[]>();
  /** The nation each ally obeys, by ally id. */
  readonly allyNation = new Map<string, string>();

  constructor(readonly scenario: CompiledScenario) {
    const cat = scenario.catalogue;
    for (const [id, def] of Object.entries(cat.threats)) {
      const info = {
        id,
        index: this.threats.length,
        def,
        speedKmS: def.speedMps / 1000,
        decoy: def.class === "decoy",
        looksLike: this.threats.length,
        maxSight: 1 + (def.detectionSpread ?? 0),
      };
      this.threats.push(info);
      this.threatById.set(id, info);
    }
    const firstDrone = this.threats.find((t) => t.def.class === "drone");
    for (const t of this.threats) {
      if (t.decoy) t.looksLike = (this.threatById.get(t.def.mimics ?? "") ?? firstDrone ?? t).index;
    }
    for (const [id, def] of Object.entries(cat.sensors)) {
      const rangeByThreatKm = new Float64Array(this.threats.length);
      for (const t of this.threats) rangeByThreatKm[t.index] = detectionRangeKm(def, t.def);
      this.sensors.set(id, { id, def, rangeByThreatKm, maxRangeKm: Math.max(0, ...rangeByThreatKm) });
    }
    for (const [id, def] of Object.entries(cat.layers)) this.layers.set(id, this.layerInfo(id, def));
    scenario.assets.forEach((a, i) => {
      this.assetIndex.set(a.id, i);
    });
    for (const zone of scenario.launchZones) this.zones.set(zone.id, zone);
    for (const ally of scenario.allies) {
      this.allyNation.set(ally.id, ally.nation);
      this.allyAirspace.set(
        ally.id,
        scenario.theatre.regions.filter((r) => ally.airspace.includes(r.id)),
      );
    }
  }

  private layerInfo(id: string, def: LayerType): LayerInfo {
    const engagesThreat = new Uint8Array(this.threats.length);
    let queryRadiusKm = 0;
    for (const t of this.threats) {
      const ok = layerMayEngage(def, t.def);
      engagesThreat[t.index] = ok ? 1 : 0;
      // The intercept point lies within reach, reached within reach / interceptor speed: the threat
      // can be at most that flight time's distance further out now.
      const reachKm = t.def.class === "ballistic" ? (def.reachVsBallisticKm ?? 0) : def.reachKm;
      if (ok)
        queryRadiusKm = Math.max(
          queryRadiusKm,
          reachKm * (1 + t.speedKmS / (def.interceptorSpeedMps / 1000)),
        );
    }
    const defaultDoctrine: Doctrine = {
      weapons: "tight",
      fire: "salvo",
      salvoSize: 1,
      footprintOnly: def.footprintOnly,
      reserve: [],
      ...def.doctrine,
    };
    return { id, def, queryRadiusKm, engagesThreat, defaultDoctrine };
  }

  /** Sensor type of a unit: its own type for sensors, the fire-control radar for layers, or null. */
  unitSensor(unitType: string): SensorInfo | null {
    const direct = this.sensors.get(unitType);
    if (direct) return direct;
    const sensorId = this.layers.get(unitType)?.def.sensor;
    return sensorId ? (this.sensors.get(sensorId) ?? null) : null;
  }

  /** Deployment cost of a layer or sensor type, or null for an unknown type. */
  deployCostUsd(unitType: string): number | null {
    return (
      this.layers.get(unitType)?.def.deployCostUsd ?? this.sensors.get(unitType)?.def.deployCostUsd ?? null
    );
  }
}

/** Band and class rules of a layer; ballistic threats need a BMD reach. */
export function layerMayEngage(layer: LayerType, threat: ThreatType): boolean {
  if (layer.role === "jammer") return false;
  if (!layer.engagesBands.includes(threat.band)) return false;
  const cls = threat.class === "decoy" ? "drone" : threat.class;
  if (!layer.engagesClasses.includes(cls) && !layer.engagesClasses.includes(threat.class)) return false;
  return cls !== "ballistic" || layer.reachVsBallisticKm !== undefined;
}
