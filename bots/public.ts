/**
 * The scenario as every side may know it: geography, defended assets, launch zones, the catalogue,
 * the rounds' budgets, nations and ROE, allies' public information. What a side may NOT know is left
 * out on purpose: the instructor's scheduled injects (MSEL), the defender's depot stocks and resupply
 * schedule, and any unit the scenario does not mark `known` to the attacker. A bot sees the scenario
 * only through this object, so fog of war holds by construction.
 */
import type { CompiledRegion, CompiledScenario } from "../shared/compiled.js";
import type {
  Asset,
  Catalogue,
  EscalationRules,
  LaunchZone,
  Nation,
  PointKm,
  Scoring,
} from "../shared/scenario.js";

export type PublicAsset = Omit<Asset, "at"> & { at: PointKm };
export type PublicLaunchZone = Omit<LaunchZone, "at"> & { at: PointKm };

/** A unit the scenario publishes as intelligence (`known: true`). */
export interface PublicUnit {
  id: string;
  type: string;
  at: PointKm;
}

export interface PublicAlly {
  id: string;
  name: string;
  nation: string;
  airspace: string[];
  /** Only the units the scenario marks as known. */
  knownUnits: PublicUnit[];
}

export interface PublicRound {
  name: string;
  durationSec: number;
  defenderBudgetUsd: number;
  attackerBudgetUsd: number;
}

export interface PublicScenario {
  id: string;
  theatre: { extentKm: { x: number; y: number }; regions: CompiledRegion[] };
  nations: Nation[];
  assets: PublicAsset[];
  gridLinks: [string, string][];
  launchZones: PublicLaunchZone[];
  catalogue: Catalogue;
  rounds: PublicRound[];
  allies: PublicAlly[];
  knownUnits: PublicUnit[];
  escalation: EscalationRules;
  scoring: Scoring;
  casualties: { perDamagePer100k: number };
}

function publicUnits(
  units: readonly { id: string; type: string; at: PointKm; known: boolean; enabled?: boolean }[],
): PublicUnit[] {
  return units
    .filter((u) => u.known && u.enabled !== false)
    .map((u) => ({ id: u.id, type: u.type, at: { ...u.at } }));
}

/** Derive the public part of a compiled scenario (a deep copy: bots can never mutate the world's data). */
export function publicScenario(compiled: CompiledScenario): PublicScenario {
  const copy = structuredClone(compiled);
  return {
    id: copy.id,
    theatre: { extentKm: copy.theatre.extentKm, regions: copy.theatre.regions },
    nations: copy.nations,
    assets: copy.assets,
    gridLinks: copy.gridLinks,
    launchZones: copy.launchZones,
    catalogue: copy.catalogue,
    rounds: copy.rounds.map(({ name, durationSec, defenderBudgetUsd, attackerBudgetUsd }) => ({
      name,
      durationSec,
      defenderBudgetUsd,
      attackerBudgetUsd,
    })),
    allies: copy.allies.map((a) => ({
      id: a.id,
      name: a.name,
      nation: a.nation,
      airspace: a.airspace,
      knownUnits: publicUnits(a.units),
    })),
    knownUnits: publicUnits(copy.fixedUnits),
    escalation: copy.escalation,
    scoring: copy.scoring,
    casualties: copy.casualties,
  };
}
