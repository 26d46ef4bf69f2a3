/**
 * The simulation's public contract: what the room, the CLI, the bots and the replay code may rely on.
 * Everything here is plain data (JSON-serialisable). Positions are km on the theatre plane, times are
 * simulation seconds since the start of the current round's live phase, money is USD.
 */
import type { Command, Refusal, Side } from "../shared/commands.js";
import type { Band, Doctrine, Inject, PointKm, ThreatClass, WeaponsControl } from "../shared/scenario.js";

/** Fixed simulation step. Time scale is the caller's business: run more steps per tick. */
export const STEP_SEC = 0.5;

export type { Command, CommandOf, Issuer, Side } from "../shared/commands.js";

/** Whose perception a view shows; "truth" is everything (instructor, truth spectators). */
export type Perspective = Side | "truth";

export type SimPhase = "planning" | "live" | "assessment" | "ended";

export type CommandType = Command["type"];

/** A command is applied whole, with the events it caused, or refused with no change at all. */
export type CommandResult = { ok: true; events: SimEvent[] } | Refusal;

/** What happened during a step or a command. `visibleTo` says which perspectives may learn of it. */
export interface SimEventBase {
  /** Simulation time of the event (seconds into the round's live phase). */
  t: number;
  round: number;
  visibleTo: Perspective[];
}

export type SimEvent = SimEventBase &
  (
    | {
        type: "launch";
        threatId: string;
        threatType: string;
        zone: string;
        /** The asset the threat was sent at (the attacker's own knowledge). */
        target: string;
        costUsd: number;
      }
    /** Where the threat was when the side's sensors first picked it up (or lost it). */
    | { type: "detect"; side: Side; threatId: string; x: number; y: number }
    | { type: "identify"; side: Side; threatId: string; threatType: string; decoy: boolean }
    | { type: "track-lost"; side: Side; threatId: string; x: number; y: number }
    | {
        type: "fire";
        unitId: string;
        interceptorId: string;
        threatId: string;
        costUsd: number;
        /** Whether the engagement was outside the shooter's ROE (allies). */
        outsideRoe: boolean;
      }
    | {
        type: "intercept";
        unitId: string;
        interceptorId: string;
        threatId: string;
        threatType: string;
        x: number;
        y: number;
      }
    | { type: "miss"; unitId: string; interceptorId: string; threatId: string; x: number; y: number }
    | {
        type: "impact";
        threatId: string;
        threatType: string;
        x: number;
        y: number;
        /** Assets damaged by the blast, with damage dealt. */
        hits: { assetId: string; damage: number }[];
        casualties: number;
        /** Why nobody stopped it: the leak analysis of the after-action review. */
        leakReason: LeakReason;
      }
    | { type: "crash"; threatId: string; x: number; y: number; region: string | null }
    | { type: "spoofed"; threatId: string; unitId: string }
    | {
        type: "incident";
        nation: string;
        cause: "airspace" | "crash" | "debris" | "outside-roe";
        threatId?: string;
        unitId?: string;
        x: number;
        y: number;
      }
    | { type: "escalation"; value: number; delta: number }
    | { type: "trigger"; triggerId: string; title: string }
    | { type: "blackout"; cityId: string; population: number }
    | { type: "power-restored"; cityId: string }
    | { type: "asset-destroyed"; assetId: string }
    | { type: "resupply"; layer: string; count: number }
    | { type: "inject"; inject: Inject; title: string }
    | { type: "unit-deployed"; unitId: string; unitType: string; x: number; y: number }
    | { type: "unit-revealed"; unitId: string }
    | { type: "unit-moved"; unitId: string; x: number; y: number }
    | { type: "phase"; phase: SimPhase }
    | { type: "match-end"; winner: Side | "draw"; reason: string }
  );

export type SimEventType = SimEvent["type"];

/**
 * Why a threat that struck was not stopped (the worst failure of its flight): never detected; detected but
 * never within reach of a layer able to engage it; in reach only of launchers that were empty with an empty
 * depot, or reloading; held by rules of engagement or by doctrine; in reach of ready units that were busy
 * with other threats (saturated); or fired at and missed.
 */
export type LeakReason =
  | "undetected"
  | "out-of-range"
  | "out-of-stock"
  | "reloading"
  | "held-by-roe"
  | "held-by-doctrine"
  | "saturated"
  | "missed";

/** A threat as one perspective perceives it, synced as legs: position at t0 plus velocity. */
export interface TrackView {
  id: string;
  x: number;
  y: number;
  /** km per second. */
  vx: number;
  vy: number;
  t0: number;
  band: Band;
  identity: "unknown" | "identified";
  /** Threat type id; empty until identified (always known for the attacker's own threats). */
  kind: string;
  /** Threat class once identified ("" before). */
  threatClass: ThreatClass | "";
}

export type UnitStatus =
  | "ready"
  | "reloading"
  | "relocating"
  | "empty"
  | "offline"
  | "on-station"
  | "grounded";

/**
 * A defence unit as the attacker knows it once the scenario made it public or it revealed itself by
 * firing: what it is and where, under an opaque sighting id; nothing of its state, stock or doctrine.
 */
export interface SightedUnitView {
  id: string;
  side: "defender" | "ally";
  kind: string;
  x: number;
  y: number;
}

/** A unit as its own coalition (and the white cell) knows it. */
export interface UnitView {
  id: string;
  side: "defender" | "ally";
  kind: string;
  x: number;
  y: number;
  status: UnitStatus;
  /** Rounds in the launcher (-1 = unlimited). */
  magazine: number;
  doctrine: Doctrine;
  /** Owning ally id for allied units, "" for the defender's. */
  allyId: string;
}

export interface InterceptorView {
  id: string;
  unitId: string;
  threatId: string;
  x: number;
  y: number;
  vx: number;
  vy: number;
  t0: number;
  /** When it reaches its predicted intercept point. */
  tEnd: number;
}

export interface AssetView {
  id: string;
  kind: string;
  name: string;
  x: number;
  y: number;
  hp: number;
  hpMax: number;
  powered: boolean;
}

/**
 * Figures for the summary and the live counters; all totals over the rounds so far. Threats are those
 * that can do damage: decoys are counted apart (decoys_engaged here, the rest in SummaryFigures), so
 * leak_rate = leaked ÷ (intercepted + leaked + crashed) of real threats.
 */
export interface Scores {
  threats_launched: number;
  threats_intercepted: number;
  threats_leaked: number;
  threats_crashed: number;
  leak_rate: number;
  decoys_engaged: number;
  defender_spend_usd: number;
  attacker_spend_usd: number;
  cost_exchange: number;
  casualties: number;
  blackout_population_hours: number;
  incidents: number;
  escalation: number;
  interceptors_left: number;
  damage: number;
}

/** How the threats of one class ended. */
export interface ClassFigures {
  launched: number;
  intercepted: number;
  leaked: number;
  crashed: number;
}

/** What one layer type of the coalition fired, killed and spent, and the interceptors it has left. */
export interface LayerFigures {
  shots: number;
  kills: number;
  spend_usd: number;
  /** In the coalition's launchers of this type plus the defender's depot; -1 when it never runs dry. */
  stock_left: number;
}

/** Warning time of the threats of one class that hit or were killed (first detection by anyone). */
export interface WarningFigures {
  /** Mean and 10th percentile in seconds (an undetected threat gave 0). */
  mean: number;
  p10: number;
  /** Mean warning as a share of the threat's flight time. */
  share: number;
  n: number;
}

/**
 * The summary's breakdowns (the after-action figures behind the lessons): known once the night is over,
 * so they are part of the summary, not of the live scores.
 */
export interface SummaryFigures {
  by_class: Record<ThreatClass, ClassFigures>;
  /** Kills by the defender and by each allied nation. */
  intercepted_by: Record<string, number>;
  layers: Record<string, LayerFigures>;
  decoys_launched: number;
  /** Interceptor money spent on decoys. */
  decoy_spend_usd: number;
  warning_sec: Partial<Record<ThreatClass, WarningFigures>>;
  incidents_by_nation: Record<string, number>;
}

export type RoundSummary = Scores & SummaryFigures & { round: number };

/**
 * How a match that ran its course is won, in the figures that decide it: the attacker prevails when what
 * it imposed on the defence (asset value destroyed, casualties, blackout and escalation at the scenario's
 * prices, penalties, and the interceptors the defence fired) exceeds what its own threats cost.
 */
export interface Reckoning {
  damageValueUsd: number;
  casualtiesUsd: number;
  blackoutUsd: number;
  escalationUsd: number;
  penaltiesUsd: number;
  defenderSpendUsd: number;
  /** The sum of the six above. */
  imposedUsd: number;
  attackerSpendUsd: number;
  /** Why the match ended ("all rounds played", or the escalation rule that ended it). */
  endReason: string;
}

export interface MatchSummary extends Scores, SummaryFigures {
  scenario: string;
  seed: number;
  rounds: number;
  winner: Side | "draw" | null;
  reckoning: Reckoning;
  per_round: RoundSummary[];
}

/** A planned salvo: seen by the attacker and the white cell only. */
export interface SalvoView {
  id: string;
  zone: string;
  threatType: string;
  count: number;
  launched: number;
  /** Clock time of the first launch within its round. */
  launchAtSec: number;
  intervalSec: number;
  target: string;
  waypoints: PointKm[];
}

/** A scheduled (MSEL) inject of the current round not fired yet: the white cell's list. */
export interface ScheduledInjectView {
  id: string;
  title: string;
  atSec: number;
  auto: boolean;
  inject: Inject;
}

/** Everything one perspective may know right now. Bots decide from this and nothing else. */
export interface SideView {
  perspective: Perspective;
  phase: SimPhase;
  round: number;
  clock: number;
  tracks: TrackView[];
  /** The coalition's own units (defender and ally; truth: all; the attacker has none). */
  units: UnitView[];
  /** The defence units the attacker has sighted (attacker only; empty for the others). */
  sightings: SightedUnitView[];
  interceptors: InterceptorView[];
  assets: AssetView[];
  /** Budgets and stocks of this side (truth: both). */
  budgetUsd: { attacker?: number; defender?: number };
  stocks: Record<string, number>;
  escalation: number;
  /** Current ROE per nation and accessibility per sea region (public). */
  roe: Record<string, string>;
  seaAccess: Record<string, boolean>;
  scores: Scores;
  /** The attacker's planned salvos of this round (attacker and truth; empty for others). */
  salvos: SalvoView[];
  /** Scheduled injects of this round still to fire (truth only; empty for others). */
  injects: ScheduledInjectView[];
}

export type { Doctrine, WeaponsControl };

/** A running match world. Create with `createSimulation`, restore with `restoreSimulation`. */
export interface Simulation {
  readonly seed: number;
  readonly phase: SimPhase;
  /** 1-based index of the current round. */
  readonly round: number;
  /** Seconds into the current round's live phase. */
  readonly clock: number;
  /** Apply one command atomically. Rejected commands leave the world unchanged. */
  apply(command: Command): CommandResult;
  /** Advance by STEP_SEC (only in the live phase; otherwise returns no events). */
  step(): SimEvent[];
  /** What one perspective may see now. */
  view(perspective: Perspective): SideView;
  summary(): MatchSummary;
  /** A JSON-serialisable copy of the whole world; restoring it continues identically. */
  snapshot(): WorldSnapshot;
}

/** Opaque JSON of the whole world state (including the generator's state). */
export type WorldSnapshot = { version: 1; [key: string]: unknown };
