import type { CompiledScenario } from "../../shared/compiled.js";
import { rolesOf, sectorAt } from "../../shared/crews.js";
import type { SimEvent } from "../api.js";

/**
 * The debrief per crew (docs/classroom.md, "Debrief per crew"): the match's recorded events broken down
 * by the scenario's sectors and strike planners, so each student sees their part. Pure: events in,
 * tables out.
 * - A sector is charged with the threats that struck a point inside it (leaked) and with those sent at
 *   one of its assets (aimed: what would have hit it), and credited with what the coalition's units
 *   standing in it shot, spent and killed (a unit stands where it was deployed or last moved to).
 * - A planner is charged with every threat and decoy launched from its launch zones: how each ended and
 *   what it cost. Zones no planner holds make one row without a role.
 * Threats are what can do damage (decoys apart), as in the match summary (sim/summary.ts), so the rows add
 * up to the match's threats launched, intercepted and leaked and to both sides' spend.
 */

export interface SectorRow {
  sector: string;
  name: string;
  /** The sector officer's role id (null when no role holds the sector). */
  role: string | null;
  /** Threats sent at the sector's assets: what would have hit it. */
  aimed: number;
  /** Threats that struck inside the sector. */
  leaked: number;
  damage: number;
  casualties: number;
  /** Interceptors fired by the units standing in the sector (at decoys too), their cost, threats killed. */
  shots: number;
  spendUsd: number;
  kills: number;
}

export interface PlannerRow {
  /** The strike planner's role id; null for launch zones no planner holds. */
  role: string | null;
  title: string;
  zones: string[];
  launched: number;
  intercepted: number;
  /** Threats that came down on their own: out of fuel, spoofed. */
  crashed: number;
  leaked: number;
  damage: number;
  decoys: number;
  /** Every threat and decoy launched from the zones. */
  spendUsd: number;
}

export interface CrewReview {
  sectors: SectorRow[];
  planners: PlannerRow[];
}

/** A unit's place when the events begin (a branched match's units were deployed before them). */
export interface UnitPlace {
  id: string;
  x: number;
  y: number;
}

export function crewReview(
  scenario: CompiledScenario,
  events: readonly SimEvent[],
  startUnits: readonly UnitPlace[],
): CrewReview {
  const roles = rolesOf(scenario);
  const sectors = new Map<string, SectorRow>(
    scenario.sectors.map((s) => [
      s.id,
      {
        sector: s.id,
        name: s.name,
        role: roles.defender.find((r) => r.sector === s.id)?.id ?? null,
        aimed: 0,
        leaked: 0,
        damage: 0,
        casualties: 0,
        shots: 0,
        spendUsd: 0,
        kills: 0,
      },
    ]),
  );
  const planners: PlannerRow[] = roles.attacker
    .filter((r) => r.zones !== undefined)
    .map((r) => plannerRow(r.id, r.title, r.zones ?? []));
  const plannerOfZone = new Map<string, PlannerRow>();
  for (const row of planners) for (const zone of row.zones) plannerOfZone.set(zone, row);
  const unplanned = plannerRow(null, "Launch zones without a planner", []);
  for (const zone of scenario.launchZones)
    if (!plannerOfZone.has(zone.id)) {
      unplanned.zones.push(zone.id);
      plannerOfZone.set(zone.id, unplanned);
    }

  const sectorOf = (p: { x: number; y: number }) => {
    const found = sectorAt(scenario.sectors, p);
    return found ? sectors.get(found.id) : undefined;
  };
  const assetSector = new Map(scenario.assets.map((a) => [a.id, sectorOf(a.at)]));
  const unitSector = new Map<string, SectorRow | undefined>();
  for (const unit of [...scenario.fixedUnits, ...scenario.allies.flatMap((a) => a.units)])
    unitSector.set(unit.id, sectorOf(unit.at));
  for (const unit of startUnits) unitSector.set(unit.id, sectorOf(unit));
  const isDecoy = (threatType: string) => scenario.catalogue.threats[threatType]?.class === "decoy";
  /** Each real threat's planner row; decoys are only counted at launch. */
  const threats = new Map<string, PlannerRow>();

  for (const event of events) {
    switch (event.type) {
      case "unit-deployed":
      case "unit-moved":
        unitSector.set(event.unitId, sectorOf(event));
        break;
      case "launch": {
        const planner = plannerOfZone.get(event.zone) ?? unplanned;
        planner.spendUsd += event.costUsd;
        if (isDecoy(event.threatType)) {
          planner.decoys++;
          break;
        }
        planner.launched++;
        threats.set(event.threatId, planner);
        const aimedAt = assetSector.get(event.target);
        if (aimedAt) aimedAt.aimed++;
        break;
      }
      case "fire": {
        const row = unitSector.get(event.unitId);
        if (row) {
          row.shots++;
          row.spendUsd += event.costUsd;
        }
        break;
      }
      case "intercept": {
        const planner = threats.get(event.threatId);
        if (!planner) break;
        planner.intercepted++;
        const row = unitSector.get(event.unitId);
        if (row) row.kills++;
        break;
      }
      case "crash": {
        const planner = threats.get(event.threatId);
        if (planner) planner.crashed++;
        break;
      }
      case "impact": {
        const planner = threats.get(event.threatId);
        if (!planner) break;
        const damage = event.hits.reduce((sum, hit) => sum + hit.damage, 0);
        planner.leaked++;
        planner.damage += damage;
        const row = sectorOf(event);
        if (row) {
          row.leaked++;
          row.damage += damage;
          row.casualties += event.casualties;
        }
        break;
      }
      default:
        break;
    }
  }
  const withUnplanned = unplanned.zones.length > 0 ? [...planners, unplanned] : planners;
  return { sectors: [...sectors.values()], planners: withUnplanned };
}

function plannerRow(role: string | null, title: string, zones: string[]): PlannerRow {
  return {
    role,
    title,
    zones: [...zones],
    launched: 0,
    intercepted: 0,
    crashed: 0,
    leaked: 0,
    damage: 0,
    decoys: 0,
    spendUsd: 0,
  };
}
