/**
 * A bot's memory: plain JSON (no Maps, no class instances, no Infinity), so it can sit in a replay or
 * a room snapshot and a restored bot continues exactly where it was. Each side's decision functions
 * own their part and mutate it in place; the controller keeps the generator state next to it.
 */
import type { PointKm, ThreatClass } from "../shared/scenario.js";
import type { Side } from "../sim/api.js";
import type { BotLevel } from "./levels.js";

/** Threats sent and how they ended, as the attacker saw its own tracks end. */
export interface Tally {
  sent: number;
  leaked: number;
  killed: number;
}

/** A salvo the attacker planned, kept so that its live tracks can be attributed to a route. */
export interface PlannedRoute {
  threatType: string;
  threatClass: ThreatClass;
  target: string;
  path: PointKm[];
  speedKmS: number;
}

/** One of the attacker's own threats in flight, with its current leg (position at t0, km/s). */
export interface LiveTrack {
  id: string;
  route: number;
  x: number;
  y: number;
  vx: number;
  vy: number;
  t0: number;
  /** Live clock of the last observation that listed it. */
  seenAt: number;
  /** It left its planned route (spoofed by a jammer, or turned by something else the attacker cannot see). */
  diverted: boolean;
}

export interface KnownDefence {
  kind: string;
  x: number;
  y: number;
  round: number;
}

export interface AttackerMemory {
  routes: PlannedRoute[];
  live: LiveTrack[];
  /** Live clock of the previous observation (-1 before the first of a round). */
  lastClock: number;
  targets: Record<string, Tally>;
  classes: Record<string, Tally>;
  /** Where own threats vanished short of their target: the defence's kill zones as learned. */
  kills: { x: number; y: number; round: number }[];
  /** Defender and ally units that revealed themselves (fired, or scenario intelligence). */
  defences: Record<string, KnownDefence>;
}

/** Where a track was first held, with its velocity: the threat axis as the defender perceived it. */
export interface EntryMark {
  x: number;
  y: number;
  vx: number;
  vy: number;
  round: number;
}

export interface DefenderMemory {
  round: number;
  /** Track ids already counted this round (cleared each round). */
  seen: Record<string, ThreatClass>;
  entries: EntryMark[];
  /** Threats perceived per class over the match (decoys once identified). */
  classSeen: Record<string, number>;
  /** Hit points lost per asset as observed between views. */
  damage: Record<string, number>;
  assetHp: Record<string, number>;
  /** Live clock of the last live decision this round (-1 = none yet). */
  lastDecisionAt: number;
  /** Interceptors each layer used in the previous live phase (launcher magazines + depot). */
  usedByLayer: Record<string, number>;
  /** Rounds in launchers and depot per layer when the live phase started. */
  roundsAtLiveStart: Record<string, number>;
}

export interface BotMemory {
  version: 1;
  side: Side;
  level: BotLevel;
  /** State of the bot's own generator (seeded from the match seed and the side). */
  rng: number[];
  attacker?: AttackerMemory;
  defender?: DefenderMemory;
}

export function newAttackerMemory(): AttackerMemory {
  return { routes: [], live: [], lastClock: -1, targets: {}, classes: {}, kills: [], defences: {} };
}

export function newDefenderMemory(): DefenderMemory {
  return {
    round: 0,
    seen: {},
    entries: [],
    classSeen: {},
    damage: {},
    assetHp: {},
    lastDecisionAt: -1,
    usedByLayer: {},
    roundsAtLiveStart: {},
  };
}

export function tallyOf(record: Record<string, Tally>, key: string): Tally {
  record[key] ??= { sent: 0, leaked: 0, killed: 0 };
  return record[key];
}

/** Leak rate with a Beta(1, 1) prior: 0.5 before any evidence, moving with what was seen. */
export function leakRate(t: Tally | undefined): number {
  return t ? (t.leaked + 1) / (t.leaked + t.killed + 2) : 0.5;
}
