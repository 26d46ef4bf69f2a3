import type { CompiledScenario } from "../shared/compiled.js";
import type { Doctrine, LayerRole, ThreatClass } from "../shared/scenario.js";
import type { Side, SimPhase } from "./api.js";
import { type CampaignState, createCampaignState } from "./campaign/state.js";

/**
 * The world: every fact of a running match as plain, JSON-serialisable data. No class instances,
 * no Maps, no Infinity or NaN (JSON would turn them into null): "never" is -1. Arrays keep insertion
 * order, which is the only iteration order the engine uses. Indexes derived from this (id lookups,
 * the spatial grid) live outside it and are rebuilt on restore.
 *
 * The world extends the campaign state (campaign/state.ts): ROE per nation, sea access, incidents,
 * escalation, sensor conditions, fired injects, the grid and the economy are held once, here, and the
 * campaign's functions run on the world itself.
 */

/** Sides that own sensors and keep their own tracks; index into `ThreatState.tracks`. */
export const TRACKING_SIDES = ["defender", "ally"] as const;
export type TrackingSide = (typeof TRACKING_SIDES)[number];
export const trackingIndex = (side: TrackingSide): number => (side === "defender" ? 0 : 1);

/** Why a threat was not stopped, gathered during its flight (bit flags, see LEAK). */
export const LEAK = {
  detected: 1,
  inReach: 2,
  heldByDoctrine: 4,
  heldByRoe: 8,
  outOfStock: 16,
  fired: 32,
  reloading: 64,
} as const;

/** One side's perception of one threat. */
export interface TrackState {
  /** Seconds of continuous coverage so far. */
  coverSec: number;
  identified: boolean;
  /** Seconds of continuous coverage by sensors that can tell a decoy from a drone. */
  unmaskSec: number;
  /** A decoy seen for what it is; until then it looks like the drone it mimics. */
  unmasked: boolean;
  /** The perceived leg: position at t0 and velocity (km, km/s); it changes only on a leg change. */
  x: number;
  y: number;
  t0: number;
  vx: number;
  vy: number;
  /** The threat leg number this track last synced to. */
  legNo: number;
  /** Index into world.assets of the footprint the current leg heads into, -1 when none. */
  predAsset: number;
  /** Clock time at which the threat is predicted to enter that footprint. */
  predT: number;
  /** Doctrine's hand-off (doctrine.ts): when the track was last reviewed, -1 never. */
  reviewAt: number;
  /** Cheapest cost per shot of a unit able to engage it further along its course, -1 none. */
  cheapestAheadUsd: number;
}

export interface ThreatState {
  id: string;
  /** Launch order; breaks every tie so that results never depend on query order. */
  seq: number;
  type: string;
  /** Index of the type in the catalogue's threat list (fixed for the match). */
  ti: number;
  salvoId: string;
  target: string;
  alive: boolean;
  launchedAt: number;
  /** Clock time either coalition side first detected it, -1 while never. */
  firstSeenAt: number;
  /** This threat's detection-range factor (the type's detection spread, drawn at launch). */
  sight: number;
  x: number;
  y: number;
  /** Remaining route as flat km pairs [x0, y0, x1, y1, ...]; the last pair is the aim point. */
  route: number[];
  /** Index of the route pair the threat is flying to. */
  leg: number;
  /** Counts leg changes; tracks and interceptors re-sync when it moves. */
  legNo: number;
  /** The current leg: from (legX, legY) at legT0 at (vx, vy) km/s, reaching its end at legEndT. */
  legX: number;
  legY: number;
  legT0: number;
  legEndT: number;
  vx: number;
  vy: number;
  /** Distance flown before the current leg (fuel used). */
  legFlownKm: number;
  /** At the end of its route it crashes instead of detonating (spoofed, decoy). */
  crashAtEnd: boolean;
  /** Flown off course by a jammer (never spoofed twice). */
  spoofed: boolean;
  /** Clock time it reached the end of its route during the current step, -1 otherwise. */
  endAt: number;
  /** Per tracking side (TRACKING_SIDES order): its track, or null while undetected. */
  tracks: (TrackState | null)[];
  /** Per tracking side: its interceptors in flight at this threat. */
  engaged: number[];
  /** LEAK bit flags. */
  flags: number;
}

export interface UnitState {
  id: string;
  side: "defender" | "ally";
  /** Owning ally id, "" for the defender. */
  allyId: string;
  /** Layer or sensor type id. */
  type: string;
  role: LayerRole | "sensor";
  x: number;
  y: number;
  doctrine: Doctrine;
  /** Rounds in the launcher; -1 = unlimited, 0 for sensors. */
  magazine: number;
  /** Clock time a reload completes, -1 when not reloading. */
  reloadUntil: number;
  /** Earliest clock time of the next shot. */
  nextShotAt: number;
  relocating: { x: number; y: number; arriveAt: number } | null;
  /** Known to the attacker (it fired, or scenario intelligence). */
  revealed: boolean;
  /** Placed by the scenario rather than bought. */
  fixed: boolean;
  /** Round in whose planning phase it was bought (0 = scenario unit). */
  deployedRound: number;
}

export interface InterceptorState {
  id: string;
  unitId: string;
  side: "defender" | "ally";
  layer: string;
  threatId: string;
  /** Flight leg: from (x, y) at t0 at (vx, vy) km/s, reaching its aim point at tEnd. */
  x: number;
  y: number;
  vx: number;
  vy: number;
  t0: number;
  tEnd: number;
  /** The target's leg number the intercept was solved against. */
  legNo: number;
  alive: boolean;
}

export interface SalvoState {
  id: string;
  round: number;
  zone: string;
  threatType: string;
  count: number;
  launched: number;
  /** Clock time of the first launch within its round, as planned. */
  launchAtSec: number;
  /** The launch-time jitter drawn for this salvo (seconds, added to the plan). */
  offsetSec: number;
  intervalSec: number;
  target: string;
  waypoints: { x: number; y: number }[];
  unitCostUsd: number;
}

/** An asset's hit points; whether a city has power is the grid's business (world.grid.blackedOut). */
export interface AssetState {
  id: string;
  hp: number;
  hpMax: number;
}

/** How the threats of one class ended (tally.ts counts them). */
export interface ClassCounts {
  launched: number;
  intercepted: number;
  leaked: number;
  crashed: number;
}

/** What the coalition's units of one layer type fired and killed. */
export interface LayerCounts {
  shots: number;
  kills: number;
  spendUsd: number;
}

/** Warning time of each threat that hit or was killed: seconds, and as a share of its flight time. */
export interface WarningSamples {
  sec: number[];
  share: number[];
}

/** Raw per-round tallies; Scores and the summary are computed from these (summary.ts). */
export interface RoundCounters {
  round: number;
  byClass: Record<ThreatClass, ClassCounts>;
  decoysEngaged: number;
  decoySpendUsd: number;
  defenderSpendUsd: number;
  attackerSpendUsd: number;
  casualties: number;
  blackoutPopulationHours: number;
  incidents: number;
  damage: number;
  /** Kills by "defender" or by the nation of the ally whose unit made them. */
  interceptedBy: Record<string, number>;
  layers: Record<string, LayerCounts>;
  incidentsByNation: Record<string, number>;
  warnings: Record<ThreatClass, WarningSamples>;
  /** Frozen at the end of the round; -1 while it runs (then the live value is used). */
  escalationAtEnd: number;
  interceptorsLeftAtEnd: number;
  /** Interceptors left per layer at the end of the round; null while it runs. */
  stockAtEnd: Record<string, number> | null;
}

/** JSON values, for the extension slot. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface World extends CampaignState {
  seed: number;
  phase: SimPhase;
  round: number;
  /** Steps taken in the current live phase; clock = stepNo × STEP_SEC exactly. */
  stepNo: number;
  clock: number;
  nextSeq: { threat: number; unit: number; interceptor: number; salvo: number };
  threats: ThreatState[];
  units: UnitState[];
  interceptors: InterceptorState[];
  salvos: SalvoState[];
  /** Same order as scenario.assets. */
  assets: AssetState[];
  counters: RoundCounters[];
  winner: Side | "draw" | null;
  endReason: string;
  /** State of other simulation extensions (the campaign's is the world's own); plain JSON only. */
  ext: Record<string, Json>;
}

export const THREAT_CLASSES: readonly ThreatClass[] = ["drone", "decoy", "cruise", "ballistic"];

function perClass<T>(make: () => T): Record<ThreatClass, T> {
  return { drone: make(), decoy: make(), cruise: make(), ballistic: make() };
}

export function newCounters(round: number): RoundCounters {
  return {
    round,
    byClass: perClass(() => ({ launched: 0, intercepted: 0, leaked: 0, crashed: 0 })),
    decoysEngaged: 0,
    decoySpendUsd: 0,
    defenderSpendUsd: 0,
    attackerSpendUsd: 0,
    casualties: 0,
    blackoutPopulationHours: 0,
    incidents: 0,
    damage: 0,
    interceptedBy: {},
    layers: {},
    incidentsByNation: {},
    warnings: perClass(() => ({ sec: [], share: [] })),
    escalationAtEnd: -1,
    interceptorsLeftAtEnd: -1,
    stockAtEnd: null,
  };
}

/** The counters of the round being played. */
export function roundCounters(world: World): RoundCounters {
  return world.counters[world.round - 1];
}

/** Round 1's world before any unit is placed (see units.ts for the scenario's own units). */
export function emptyWorld(scenario: CompiledScenario, seed: number): World {
  return {
    ...createCampaignState(scenario),
    seed,
    phase: "planning",
    round: 1,
    stepNo: 0,
    clock: 0,
    nextSeq: { threat: 1, unit: 1, interceptor: 1, salvo: 1 },
    threats: [],
    units: [],
    interceptors: [],
    salvos: [],
    assets: scenario.assets.map((a) => ({ id: a.id, hp: a.hp, hpMax: a.hp })),
    counters: [newCounters(1)],
    winner: null,
    endReason: "",
    ext: {},
  };
}
