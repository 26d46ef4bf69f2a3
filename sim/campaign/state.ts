/**
 * The campaign's static context (derived once from the scenario, never serialised) and its dynamic state
 * (plain JSON). The engine's world IS the campaign state (World extends CampaignState, see ../world.ts):
 * one copy of each piece, snapshotted with the rest of the world and validated here on restore.
 */
import { z } from "zod";
import type { CompiledRegion, CompiledScenario } from "../../shared/compiled.js";
import { Roe } from "../../shared/scenario.js";
import { createEconomyState, type EconomyState } from "./economy.js";
import { createEscalationState, type EscalationState } from "./escalation.js";
import { buildGridModel, createGridState, type GridModel, type GridState, recomputeGrid } from "./grid.js";
import { createIncidentState, type IncidentState, neighbourRegions } from "./incidents.js";
import { createSensorConditions, type SensorConditions } from "./injects.js";
import { outlineKey, RegionRaster } from "./raster.js";
import { seaOpenByDefault } from "./roe.js";

export interface CampaignContext {
  scenario: CompiledScenario;
  /** Neighbour regions with a nation: where airspace, crash and debris incidents happen. */
  neighbours: CompiledRegion[];
  /** The same regions, rasterised for the per-step lookups. */
  neighbourRaster: RegionRaster;
  /** Nations that are consenting coalition partners (scenario `consent`). */
  consenting: Set<string>;
  seaRegions: CompiledRegion[];
  /** Per ally id: its nation and the regions it counts as its own airspace. */
  allies: Map<string, { nation: string; airspace: CompiledRegion[] }>;
  grid: GridModel;
}

/** Rasters are built once per theatre (batches and lessons play many matches on it). */
const rasters = new Map<string, RegionRaster>();

function neighbourRaster(neighbours: CompiledRegion[]): RegionRaster {
  const key = outlineKey(neighbours);
  let raster = rasters.get(key);
  if (!raster) {
    raster = new RegionRaster(neighbours);
    rasters.set(key, raster);
  }
  return raster;
}

export function createCampaignContext(scenario: CompiledScenario): CampaignContext {
  const regions = scenario.theatre.regions;
  const byId = new Map(regions.map((r) => [r.id, r]));
  const neighbours = neighbourRegions(regions);
  return {
    scenario,
    neighbours,
    neighbourRaster: neighbourRaster(neighbours),
    consenting: new Set(scenario.nations.filter((n) => n.consent).map((n) => n.id)),
    seaRegions: regions.filter((r) => r.owner === "sea"),
    allies: new Map(
      scenario.allies.map((ally) => [
        ally.id,
        { nation: ally.nation, airspace: ally.airspace.flatMap((id) => byId.get(id) ?? []) },
      ]),
    ),
    grid: buildGridModel(scenario.assets, scenario.gridLinks),
  };
}

/** Everything the campaign layer remembers; plain JSON (no Maps, no undefined, no Infinity). */
export type CampaignState = {
  version: 1;
  /** Current ROE per nation id. */
  roe: Record<string, Roe>;
  /** Current access per sea region id. */
  seaAccess: Record<string, boolean>;
  incidents: IncidentState;
  escalation: EscalationState;
  sensors: SensorConditions;
  /** Ids of scheduled (MSEL) injects that have fired. */
  firedInjects: string[];
  grid: GridState;
  economy: EconomyState;
};

/** The campaign at the start of round 1's planning phase: scenario ROE and seas, an intact grid. */
export function createCampaignState(scenario: CompiledScenario, context?: CampaignContext): CampaignState {
  const roe: Record<string, Roe> = {};
  for (const nation of scenario.nations) roe[nation.id] = nation.roe;
  const seaAccess: Record<string, boolean> = {};
  for (const region of scenario.theatre.regions) {
    if (region.owner === "sea") seaAccess[region.id] = seaOpenByDefault(region);
  }
  const grid = createGridState();
  const hp = new Map(scenario.assets.map((a) => [a.id, a.hp]));
  recomputeGrid(
    context?.grid ?? buildGridModel(scenario.assets, scenario.gridLinks),
    grid,
    (id) => hp.get(id) ?? 0,
  );
  return {
    version: 1,
    roe,
    seaAccess,
    incidents: createIncidentState(),
    escalation: createEscalationState(),
    sensors: createSensorConditions(),
    firedInjects: [],
    grid,
    economy: createEconomyState(scenario.stocks, scenario.rounds[0]),
  };
}

const finite = z.number().finite();
const nonNegative = finite.nonnegative();

/** The campaign's part of a world; other keys of the object checked are left alone (and dropped). */
const CampaignStateSchema = z.object({
  version: z.literal(1),
  roe: z.record(z.string(), Roe),
  seaAccess: z.record(z.string(), z.boolean()),
  incidents: z
    .object({
      byNation: z.record(z.string(), nonNegative),
      made: z.record(z.string(), z.array(z.string())),
    })
    .strict(),
  escalation: z
    .object({
      value: nonNegative,
      firedTriggers: z.array(z.string()),
      ended: z
        .object({ loser: z.enum(["defender", "attacker"]), reason: z.string(), triggerId: z.string() })
        .nullable(),
    })
    .strict(),
  sensors: z
    .object({
      outageUntilSec: z.record(z.string(), finite),
      weather: z.object({ factor: z.number().positive(), untilSec: finite.nullable() }),
    })
    .strict(),
  firedInjects: z.array(z.string()),
  grid: z.object({ blackedOut: z.array(z.string()), blackoutPopulation: nonNegative }).strict(),
  economy: z
    .object({
      budgetUsd: z.object({ defender: nonNegative, attacker: nonNegative }),
      stocks: z.record(z.string(), z.number().int().nonnegative()),
      pending: z.array(
        z.object({ layer: z.string(), count: z.number().int().positive(), dueSec: nonNegative }),
      ),
      penaltiesUsd: nonNegative,
    })
    .strict(),
});

/**
 * The campaign state held in `json` (a saved campaign, or a whole world: only the campaign's keys are
 * read), or what is wrong with it as `<prefix>.<path>: reason`.
 */
export function restoreCampaign(
  json: unknown,
  prefix = "campaign",
): { ok: true; state: CampaignState } | { ok: false; error: string } {
  const parsed = CampaignStateSchema.safeParse(json);
  if (parsed.success) return { ok: true, state: parsed.data };
  const error = parsed.error.issues.map((i) => `${[prefix, ...i.path].join(".")}: ${i.message}`).join("; ");
  return { ok: false, error };
}
