/**
 * The campaign layer plugged into the engine (registered for every simulation in ../extensions.ts).
 * The world is the campaign state (World extends CampaignState: one copy of ROE, seas, escalation,
 * incidents, grid, sensor conditions and economy); the core applies commands, injects, the economy and
 * the scores with the campaign's own functions. This extension adds the rest:
 *
 * - rules: `engagementRoe` — an allied unit engages only where its nation's current ROE permits (at the
 *   predicted intercept point), else the threat is held by ROE; the defender's units may fire over a
 *   neighbour's airspace, but that is an engagement outside ROE (an incident, attributed to the
 *   neighbour) unless the neighbour is a consenting coalition partner. `unitActive` — ships only in
 *   open seas; fighters only on station (a sortie window of the live phase; status on-station /
 *   grounded).
 * - after "scheduled": escalation decay, blackout population-hours, fighters re-armed at each new sortie.
 * - after "index": jamming — EW units spoof GNSS-guided threats in reach with their per-second
 *   probability; a spoofed threat flies off course to where its fuel or luck ends and crashes there.
 * - after "engagement": the step's incidents (airspace entries, crashes and intercept debris in a
 *   neighbour, fire outside ROE) → escalation and triggers (a match-ending one ends the match at the
 *   core's round-end phase); impacts on grid assets → blackouts.
 * - on phase changes: fighters armed for the night; per-threat memory dropped after the night; repairs
 *   and power restored before each later round.
 *
 * Threats brought down by the end of a night (still flying at the grace limit, or an instructor's
 * end-live) are an accounting closure, not a modelled crash: they make no incident.
 */
import { pointInRegion } from "../../shared/geo.js";
import type { PointKm } from "../../shared/scenario.js";
import type { SimEvent } from "../api.js";
import { emit, everyone, type RoeVerdict, type SimContext, type SimExtension } from "../context.js";
import { redirectThreat } from "../threats.js";
import { roundCounters, type UnitState } from "../world.js";
import { campaignTick, gridAfterDamage, noteIncidents, repairBetweenRounds } from "./flow.js";
import {
  checkAirspaceEntry,
  crashIncident,
  debrisIncident,
  forgetThreat,
  type Incident,
  type Neighbours,
  neighbours,
  outsideRoeIncident,
} from "./incidents.js";
import { type Jammer, type JamTarget, jammerAffects, trySpoof } from "./jamming.js";
import { type PatrolSpec, patrolSpec, sortieOnStation } from "./patrols.js";
import { BufferRaster, outlineKey } from "./raster.js";
import { parseRoe, seaOpenByDefault } from "./roe.js";
import { type CampaignContext, createCampaignContext } from "./state.js";

interface JammerLayer {
  reachKm: number;
  jamPerSec: number;
  /** Whether it can spoof each threat type (by catalogue index). */
  affects: Uint8Array;
}

/** Lookups derived from the scenario for one engine, and scratch objects of the hot paths. */
interface Runtime {
  campaign: CampaignContext;
  neighbours: Neighbours;
  /** Whether a threat type's flight over a neighbour is an airspace incident (by catalogue index). */
  overflightCounts: Uint8Array;
  /** Where each ally may engage, by "<ally id>|<ROE>" (null: nowhere). */
  allyCovers: Map<string, BufferRaster | null>;
  /** Each ship's sea region, remembered while it stays put. */
  shipSeas: WeakMap<UnitState, { x: number; y: number; sea: string | null }>;
  /** Fighter layers' patrol schedules, by layer id. */
  patrols: Map<string, PatrolSpec>;
  jammers: Map<string, JammerLayer>;
  next: () => number;
  point: PointKm;
  target: JamTarget;
}

function buildRuntime(ctx: SimContext): Runtime {
  const patrols = new Map<string, PatrolSpec>();
  const jammers = new Map<string, JammerLayer>();
  for (const [id, layer] of ctx.cat.layers) {
    const patrol = patrolSpec(layer.def);
    if (patrol) patrols.set(id, patrol);
    if (layer.def.role !== "jammer") continue;
    const affects = Uint8Array.from(ctx.cat.threats, (t) => (jammerAffects(layer.def, t.def) ? 1 : 0));
    jammers.set(id, { reachKm: layer.def.reachKm, jamPerSec: layer.def.jamPerSec ?? 0, affects });
  }
  const campaign = createCampaignContext(ctx.scenario);
  // A consenting partner consents while its ROE allows engagements at all.
  const consents = (nation: string) => campaign.consenting.has(nation) && ctx.world.roe[nation] !== "none";
  const bands = ctx.scenario.escalation.airspaceBands;
  return {
    campaign,
    neighbours: neighbours(campaign.neighbourRaster, consents),
    overflightCounts: Uint8Array.from(ctx.cat.threats, (t) => (!bands || bands.includes(t.def.band) ? 1 : 0)),
    allyCovers: new Map(),
    shipSeas: new WeakMap(),
    patrols,
    jammers,
    next: () => ctx.rng.next01(),
    point: { x: 0, y: 0 },
    target: { id: "", x: 0, y: 0, vx: 0, vy: 0, remainingRangeKm: 0 },
  };
}

function runtime(ctx: SimContext): Runtime {
  const built = ctx.derived.campaign as Runtime | undefined;
  if (built) return built;
  const fresh = buildRuntime(ctx);
  ctx.derived.campaign = fresh;
  return fresh;
}

// ---- Rules -------------------------------------------------------------------------------------

/** Allied ROE rasters, built once per theatre (batches and lessons play many matches on it). */
const coverCache = new Map<string, BufferRaster | null>();

/**
 * Where an ally may engage under an ROE: its airspace plus the buffer, rasterised once per airspace and
 * ROE (allyMayEngage's answer, without a polygon test for most points).
 */
function allyCover(rt: Runtime, allyId: string, roeText: string): BufferRaster | null {
  const local = `${allyId}|${roeText}`;
  let cover = rt.allyCovers.get(local);
  if (cover !== undefined) return cover;
  const airspace = rt.campaign.allies.get(allyId)?.airspace ?? [];
  const key = `${roeText}|${outlineKey(airspace)}`;
  cover = coverCache.get(key);
  if (cover === undefined) {
    const roe = parseRoe(roeText);
    cover =
      !roe || roe.kind === "none" ? null : new BufferRaster(airspace, roe.kind === "buffer" ? roe.km : 0);
    coverCache.set(key, cover);
  }
  rt.allyCovers.set(local, cover);
  return cover;
}

function engagementRoe(ctx: SimContext, unit: UnitState, x: number, y: number): RoeVerdict {
  const rt = runtime(ctx);
  rt.point.x = x;
  rt.point.y = y;
  if (unit.side === "ally") {
    const nation = rt.campaign.allies.get(unit.allyId)?.nation ?? "";
    const cover = allyCover(rt, unit.allyId, ctx.world.roe[nation] ?? "none");
    return cover?.covers(rt.point) ? "allowed" : "forbidden";
  }
  const nation = rt.neighbours.nationAt(rt.point);
  return nation === null || rt.neighbours.consents(nation) ? "allowed" : "outside-roe";
}

/** The sortie on station at clock time t (-1: grounded); fighters fly only in a live phase. */
function sortieAt(ctx: SimContext, patrol: PatrolSpec, t: number): number {
  if (ctx.world.phase !== "live") return -1;
  return sortieOnStation(patrol, ctx.scenario.rounds[ctx.world.round - 1].durationSec, t);
}

/** The sea region a ship stands in, remembered while it stays put (region tests are dear). */
function shipSea(rt: Runtime, unit: UnitState): string | null {
  const known = rt.shipSeas.get(unit);
  if (known && known.x === unit.x && known.y === unit.y) return known.sea;
  const sea = rt.campaign.seaRegions.find((region) => pointInRegion(unit, region))?.id ?? null;
  rt.shipSeas.set(unit, { x: unit.x, y: unit.y, sea });
  return sea;
}

function isActive(ctx: SimContext, unit: UnitState): boolean {
  const layer = ctx.cat.layers.get(unit.type)?.def;
  if (!layer) return true;
  const rt = runtime(ctx);
  if (layer.seaOnly) {
    const sea = shipSea(rt, unit);
    const region = rt.campaign.seaRegions.find((r) => r.id === sea);
    return region !== undefined && (ctx.world.seaAccess[region.id] ?? seaOpenByDefault(region));
  }
  const patrol = rt.patrols.get(unit.type);
  return !patrol || sortieAt(ctx, patrol, ctx.world.clock) >= 0;
}

// ---- Step phases -------------------------------------------------------------------------------

/** A fighter takes off for a sortie with a full load (from its base, not the depot). */
function rearm(ctx: SimContext, unit: UnitState): void {
  unit.magazine = ctx.cat.layers.get(unit.type)?.def.magazine ?? -1;
  unit.reloadUntil = -1;
}

function clockPhase(ctx: SimContext): void {
  const { world } = ctx;
  const rt = runtime(ctx);
  roundCounters(world).blackoutPopulationHours += campaignTick(rt.campaign, world, ctx.t1 - ctx.t0);
  if (rt.patrols.size === 0) return;
  for (const unit of world.units) {
    const patrol = rt.patrols.get(unit.type);
    if (!patrol) continue;
    const sortie = sortieAt(ctx, patrol, ctx.t1);
    if (sortie >= 0 && sortie !== sortieAt(ctx, patrol, ctx.t0)) rearm(ctx, unit);
  }
}

function jammingPhase(ctx: SimContext): void {
  if (ctx.world.threats.length === 0) return;
  const rt = runtime(ctx);
  if (rt.jammers.size === 0) return;
  for (const unit of ctx.world.units) {
    const layer = rt.jammers.get(unit.type);
    if (!layer || unit.relocating || unit.doctrine.weapons === "hold") continue;
    if (ctx.rules.unitActive(ctx, unit)) jamAround(ctx, rt, unit, layer);
  }
}

/** One jammer against the GNSS-guided threats in its reach, in launch order (the order of draws). */
function jamAround(ctx: SimContext, rt: Runtime, unit: UnitState, layer: JammerLayer): void {
  const { threats } = ctx.world;
  const jammer: Jammer = { unitId: unit.id, x: unit.x, y: unit.y, ...layer };
  const count = ctx.grid.query(unit.x, unit.y, layer.reachKm, ctx.scratch.candidates);
  // The index returns candidates in its own order; sorting makes the draws independent of it.
  for (const i of ctx.scratch.candidates.subarray(0, count).sort()) {
    const threat = threats[i];
    if (!threat.alive || threat.spoofed || layer.affects[threat.ti] === 0) continue;
    if (unit.side === "ally" && engagementRoe(ctx, unit, threat.x, threat.y) === "forbidden") continue;
    const info = ctx.cat.threats[threat.ti];
    const target = rt.target;
    target.id = threat.id;
    target.x = threat.x;
    target.y = threat.y;
    target.vx = threat.vx;
    target.vy = threat.vy;
    const flownKm = threat.legFlownKm + (ctx.t1 - threat.legT0) * info.speedKmS;
    target.remainingRangeKm = Math.max(0, info.def.rangeKm - flownKm);
    const decision = trySpoof(jammer, target, ctx.t1 - ctx.t0, rt.next);
    if (!decision) continue;
    redirectThreat(ctx, threat, [decision.crashAt.x, decision.crashAt.y], {
      crashAtEnd: true,
      spoofed: true,
    });
    emit(ctx, { type: "spoofed", threatId: threat.id, unitId: unit.id }, everyone());
  }
}

/** The incident of a fire event outside ROE: at the interceptor's aim point, attributed to a nation. */
function outsideRoe(
  ctx: SimContext,
  rt: Runtime,
  fire: Extract<SimEvent, { type: "fire" }>,
): Incident | null {
  const interceptor = ctx.world.interceptors.find((i) => i.id === fire.interceptorId);
  const unit = ctx.ids.units.get(fire.unitId);
  if (!interceptor || !unit) return null;
  const flightSec = interceptor.tEnd - interceptor.t0;
  const aim = {
    x: interceptor.x + interceptor.vx * flightSec,
    y: interceptor.y + interceptor.vy * flightSec,
  };
  const nation =
    unit.side === "ally"
      ? (rt.campaign.allies.get(unit.allyId)?.nation ?? null)
      : rt.neighbours.nationAt(aim);
  return nation === null
    ? null
    : outsideRoeIncident(ctx.world.incidents, nation, unit.id, fire.threatId, aim);
}

/** Everything the step did that a neighbour would count, in a fixed order: airspace, then events. */
function stepIncidents(ctx: SimContext, rt: Runtime): { incidents: Incident[]; damaged: string[] } {
  const { world } = ctx;
  const state = world.incidents;
  const lookup = rt.neighbours;
  const incidents: Incident[] = [];
  const damaged: string[] = [];
  const add = (incident: Incident | null) => {
    if (incident) incidents.push(incident);
  };
  if (rt.campaign.neighbours.length > 0) {
    for (const threat of world.threats) {
      if (rt.overflightCounts[threat.ti] === 0) continue;
      rt.point.x = threat.x;
      rt.point.y = threat.y;
      add(checkAirspaceEntry(state, lookup, threat.id, rt.point));
    }
  }
  for (const event of ctx.events) {
    if (event.type === "crash") add(crashIncident(state, lookup, event.threatId, event));
    else if (event.type === "intercept")
      add(debrisIncident(state, lookup, event.threatId, event.unitId, event));
    else if (event.type === "impact") for (const hit of event.hits) damaged.push(hit.assetId);
    else if (event.type === "fire" && event.outsideRoe) add(outsideRoe(ctx, rt, event));
  }
  return { incidents, damaged };
}

function incidentPhase(ctx: SimContext): void {
  const { world } = ctx;
  const rt = runtime(ctx);
  const { incidents, damaged } = stepIncidents(ctx, rt);
  for (const threat of world.threats) if (!threat.alive) forgetThreat(world.incidents, threat.id);
  const stamp = { t: ctx.t1, round: world.round };
  const counters = roundCounters(world);
  counters.incidents += incidents.length;
  for (const { nation } of incidents)
    counters.incidentsByNation[nation] = (counters.incidentsByNation[nation] ?? 0) + 1;
  ctx.events.push(...noteIncidents(rt.campaign, world, incidents, stamp));
  if (damaged.length === 0) return;
  const hpOf = (assetId: string) => world.assets[ctx.cat.assetIndex.get(assetId)!].hp;
  ctx.events.push(...gridAfterDamage(rt.campaign, world, damaged, hpOf, stamp));
}

// ---- Phase changes -----------------------------------------------------------------------------

function armFighters(ctx: SimContext): void {
  const rt = runtime(ctx);
  for (const unit of ctx.world.units) {
    const patrol = rt.patrols.get(unit.type);
    if (patrol && sortieAt(ctx, patrol, ctx.world.clock) >= 0) rearm(ctx, unit);
  }
}

function repair(ctx: SimContext): void {
  const { world } = ctx;
  const { repairs, events } = repairBetweenRounds(runtime(ctx).campaign, world, world.round, world.assets);
  for (const r of repairs) world.assets[ctx.cat.assetIndex.get(r.assetId)!].hp = r.hp;
  ctx.events.push(...events);
}

export const campaignExtension: SimExtension = {
  name: "campaign",
  rules: {
    engagementRoe: (ctx, unit, _threat, x, y) => engagementRoe(ctx, unit, x, y),
    unitActive: isActive,
  },
  phases: [
    { after: "scheduled", name: "campaign-clock", run: clockPhase },
    { after: "index", name: "jamming", run: jammingPhase },
    { after: "engagement", name: "incidents", run: incidentPhase },
  ],
  onPhase(ctx, phase) {
    if (phase === "live") armFighters(ctx);
    else if (phase === "assessment") ctx.world.incidents.made = {};
    else if (phase === "planning" && ctx.world.round >= 2) repair(ctx);
  },
};
