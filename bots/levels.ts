/**
 * Bot levels differ in judgement only: how well they optimise, which doctrine they choose, how much
 * they learn from what they saw. Every level receives the same view and the same public scenario; no
 * level gets hidden knowledge, extra budget or better weapons.
 */
import type { BotLevel } from "../shared/protocol.js";

export type { BotLevel };
export const BOT_LEVELS: readonly BotLevel[] = ["easy", "normal", "hard"];

export interface AttackerJudgement {
  /** How many candidate dog-leg routes are weighed per salvo (1 = fly straight). */
  routeCandidates: number;
  /** Whether learned kill positions (not only revealed units) count as defences when routing. */
  routeAroundKills: boolean;
  /** Share of the drone budget spent on decoys (hard adapts it to what drew fire). */
  decoyShare: number;
  adaptDecoys: boolean;
  /** Arrival spread of the wave: missiles launched so they arrive with the drones, ± this. */
  waveSpreadSec: number;
  timeWave: boolean;
  /** How many of the top targets are attacked at most; pressure is split by value (and learned gaps). */
  targetCount: number;
  /** Drones each target needs to saturate its defence: fewer targets when the money is short (0 = ignore). */
  massPerTarget: number;
  /** Weight of learned leak rates in target choice (0 = value only). */
  gapWeight: number;
  /** Value grid nodes by the population they power (see worth.ts). */
  gridAware: boolean;
  /** Before it has seen anything, expect the most valuable assets to be the best defended. */
  expectsDefenceOnValue: boolean;
  /** Split threats so no target gets far more than it takes to destroy it. */
  avoidOverkill: boolean;
  /** Fraction of the production budget actually spent (easy leaves money on the table). */
  spendShare: number;
}

export interface DefenderJudgement {
  /** Candidate positions per asset and layer (1 = on the asset itself). */
  placementCandidates: number;
  /** Whether the marginal value of a unit accounts for coverage already there. */
  diminishingReturns: boolean;
  /** Count grid nodes by the population they power, not only their own value. */
  gridAware: boolean;
  /** Weigh units by benefit per dollar (false: buy the strongest layer first). */
  costAware: boolean;
  /** Whether a shooter's value depends on sensors seeing its band there (false: assumes it does). */
  sensorAware: boolean;
  /** Keep jammers away from neighbours: spoofed drones crashing there are incidents (escalation). */
  escalationAware: boolean;
  /** Doctrine style: "free" fires at anything; "tight" waits for identification; "layered" matches
   * the weapon's cost to the threat and keeps BMD interceptors for ballistic missiles. */
  doctrine: "free" | "tight" | "layered";
  /** Sim seconds between two live decisions (relocation, reserve doctrine); Infinity = never. */
  liveDecisionSec: number;
  /** Weight of observed leaks and threat axes when planning the next round (0 = ignore). */
  adaptWeight: number;
  /** Share of the round's money spent on deployment vs resupply, and whether resupply is targeted. */
  smartResupply: boolean;
}

export interface Judgement {
  attacker: AttackerJudgement;
  defender: DefenderJudgement;
  /** Ally: whether it watches live tracks to hold fire that its ROE would not allow. */
  allyWatchesRoe: boolean;
}

export const JUDGEMENT: Record<BotLevel, Judgement> = {
  easy: {
    attacker: {
      routeCandidates: 1,
      routeAroundKills: false,
      decoyShare: 0.05,
      adaptDecoys: false,
      waveSpreadSec: 0,
      timeWave: false,
      targetCount: 2,
      massPerTarget: 0,
      gapWeight: 0,
      gridAware: false,
      expectsDefenceOnValue: false,
      avoidOverkill: false,
      spendShare: 0.8,
    },
    defender: {
      placementCandidates: 1,
      diminishingReturns: false,
      gridAware: false,
      costAware: false,
      sensorAware: false,
      escalationAware: false,
      doctrine: "free",
      liveDecisionSec: Number.POSITIVE_INFINITY,
      adaptWeight: 0,
      smartResupply: false,
    },
    allyWatchesRoe: false,
  },
  normal: {
    attacker: {
      routeCandidates: 5,
      routeAroundKills: false,
      decoyShare: 0.2,
      adaptDecoys: false,
      waveSpreadSec: 900,
      timeWave: true,
      targetCount: 8,
      massPerTarget: 15,
      gapWeight: 0.5,
      gridAware: false,
      expectsDefenceOnValue: true,
      avoidOverkill: true,
      spendShare: 1,
    },
    defender: {
      placementCandidates: 3,
      diminishingReturns: true,
      gridAware: false,
      costAware: true,
      sensorAware: true,
      escalationAware: true,
      doctrine: "tight",
      liveDecisionSec: 900,
      adaptWeight: 0.5,
      smartResupply: false,
    },
    allyWatchesRoe: true,
  },
  hard: {
    attacker: {
      routeCandidates: 17,
      routeAroundKills: true,
      decoyShare: 0.3,
      adaptDecoys: true,
      waveSpreadSec: 240,
      timeWave: true,
      targetCount: 6,
      massPerTarget: 40,
      gapWeight: 1,
      gridAware: true,
      expectsDefenceOnValue: true,
      avoidOverkill: true,
      spendShare: 1,
    },
    defender: {
      placementCandidates: 7,
      diminishingReturns: true,
      gridAware: true,
      costAware: true,
      sensorAware: true,
      escalationAware: true,
      doctrine: "layered",
      liveDecisionSec: 120,
      adaptWeight: 1,
      smartResupply: true,
    },
    allyWatchesRoe: true,
  },
};
