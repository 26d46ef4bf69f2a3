/**
 * Routing around what the attacker knows of the defence: revealed units (with their catalogue reach)
 * and, for judgements that learn, the places where its threats were shot down before. A route's danger
 * is the kill probability it meets per crossing of each hazard; the leak estimate is exp(-danger).
 */
import { distanceKm } from "../../shared/geo.js";
import type { PointKm, ThreatType } from "../../shared/scenario.js";
import { layerMayEngage } from "../../sim/catalogue.js";
import { engagementClass, killProbability, layerReachKm } from "../context.js";
import { leftNormal, lerp, pathInsideCircleKm, pathLengthKm } from "../geometry.js";
import type { AttackerMemory } from "../memory.js";
import type { PublicScenario } from "../public.js";

export interface Hazard {
  at: PointKm;
  radiusKm: number;
  /** Kill probability per full crossing, by catalogue threat type id. */
  pkByThreat: Record<string, number>;
}

export interface Route {
  path: PointKm[];
  lengthKm: number;
  danger: number;
}

/** Cell size of the learned kill map, and the radius each cell is treated as dangerous within. */
const KILL_CELL_KM = 25;
const KILL_RADIUS_KM = 20;
/** A small cost per km so that, with no hazard, the straight route wins. */
const DANGER_PER_KM = 1 / 4000;

function unitHazard(pub: PublicScenario, kind: string, at: PointKm): Hazard | null {
  const layer = pub.catalogue.layers[kind];
  if (!layer || layer.role === "jammer") return null;
  const pkByThreat: Record<string, number> = {};
  let radiusKm = 0;
  for (const [id, threat] of Object.entries(pub.catalogue.threats)) {
    if (!layerMayEngage(layer, threat)) continue;
    pkByThreat[id] = killProbability(layer, threat.class);
    radiusKm = Math.max(radiusKm, layerReachKm(layer, engagementClass(threat.class)));
  }
  return radiusKm > 0 ? { at, radiusKm, pkByThreat } : null;
}

/** Learned kill zones: kills binned into cells, weighted by count and recency. */
function killHazards(pub: PublicScenario, mem: AttackerMemory, round: number): Hazard[] {
  const cells = new Map<string, { x: number; y: number; weight: number }>();
  for (const k of mem.kills) {
    const key = `${Math.floor(k.x / KILL_CELL_KM)},${Math.floor(k.y / KILL_CELL_KM)}`;
    const cell = cells.get(key) ?? { x: 0, y: 0, weight: 0 };
    const w = 0.7 ** Math.max(0, round - 1 - k.round);
    cell.x += k.x * w;
    cell.y += k.y * w;
    cell.weight += w;
    cells.set(key, cell);
  }
  const hazards: Hazard[] = [];
  for (const cell of cells.values()) {
    const pk = Math.min(0.9, 0.15 * cell.weight);
    const pkByThreat: Record<string, number> = {};
    for (const id of Object.keys(pub.catalogue.threats)) pkByThreat[id] = pk;
    hazards.push({
      at: { x: cell.x / cell.weight, y: cell.y / cell.weight },
      radiusKm: KILL_RADIUS_KM,
      pkByThreat,
    });
  }
  return hazards;
}

/** Every hazard the attacker knows of: revealed and published units, plus learned kill zones. */
export function knownHazards(
  pub: PublicScenario,
  mem: AttackerMemory,
  round: number,
  useKills: boolean,
): Hazard[] {
  const units: { kind: string; at: PointKm }[] = [
    ...pub.knownUnits.map((u) => ({ kind: u.type, at: u.at })),
    ...pub.allies.flatMap((a) => a.knownUnits.map((u) => ({ kind: u.type, at: u.at }))),
    ...Object.values(mem.defences).map((d) => ({ kind: d.kind, at: { x: d.x, y: d.y } })),
  ];
  const hazards = units.map((u) => unitHazard(pub, u.kind, u.at)).filter((h): h is Hazard => h !== null);
  return useKills ? [...hazards, ...killHazards(pub, mem, round)] : hazards;
}

export function routeDanger(
  path: readonly PointKm[],
  hazards: readonly Hazard[],
  threatType: string,
): number {
  let danger = pathLengthKm(path) * DANGER_PER_KM;
  for (const h of hazards) {
    const pk = h.pkByThreat[threatType] ?? 0;
    if (pk > 0) danger += (pk * pathInsideCircleKm(path, h.at, h.radiusKm)) / (2 * h.radiusKm);
  }
  return danger;
}

/**
 * Candidate paths from a launch point to a target, straight first, then single dog-legs and double
 * ones, in a fixed order so that asking for n candidates is deterministic.
 */
export function candidatePaths(from: PointKm, to: PointKm, n: number): PointKm[][] {
  const lengthKm = distanceKm(from, to);
  const normal = leftNormal(from, to);
  const off = (f: number, k: number): PointKm => {
    const p = lerp(from, to, f);
    return { x: p.x + normal.x * k * lengthKm, y: p.y + normal.y * k * lengthKm };
  };
  const paths: PointKm[][] = [[from, to]];
  for (const k of [0.2, -0.2, 0.4, -0.4]) paths.push([from, off(0.5, k), to]);
  for (const f of [0.3, 0.7]) for (const k of [0.15, -0.15, 0.35, -0.35]) paths.push([from, off(f, k), to]);
  for (const k of [0.3, -0.3]) paths.push([from, off(0.3, k), off(0.7, k), to]);
  for (const k of [0.25, -0.25]) paths.push([from, off(0.3, k), off(0.7, -k), to]);
  return paths.slice(0, Math.max(1, n));
}

/**
 * The least dangerous route within the threat's range and the time allowed, or null. The engine counts
 * the launch zone's radius and the aim scatter against the range too (`slackKm`).
 */
export function bestRoute(
  from: PointKm,
  slackKm: number,
  to: PointKm,
  threat: ThreatType,
  threatType: string,
  hazards: readonly Hazard[],
  candidates: number,
  maxFlightSec: number,
): Route | null {
  // Ballistic missiles fly a fixed arc: waypoints mean nothing to them.
  const paths = candidatePaths(from, to, threat.class === "ballistic" ? 1 : candidates);
  const maxKm = Math.min(
    threat.rangeKm - slackKm - threat.accuracyKm,
    (maxFlightSec * threat.speedMps) / 1000,
  );
  let best: Route | null = null;
  for (const path of paths) {
    const lengthKm = pathLengthKm(path);
    if (lengthKm > maxKm) continue;
    const danger = routeDanger(path, hazards, threatType);
    if (!best || danger < best.danger) best = { path, lengthKm, danger };
  }
  return best;
}
