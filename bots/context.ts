/** What every decision function receives besides the view and its memory. */
import type { LayerType, ThreatClass } from "../shared/scenario.js";
import type { Judgement } from "./levels.js";
import type { PublicRound, PublicScenario } from "./public.js";

/** Seconds of simulation between two bot observations the drivers aim for (CLI and room). */
export const BOT_TICK_SEC = 10;

export interface BotContext {
  pub: PublicScenario;
  judgement: Judgement;
}

export function roundSpec(pub: PublicScenario, round: number): PublicRound {
  return pub.rounds[Math.min(Math.max(round, 1), pub.rounds.length) - 1];
}

/** The class a layer's kill probabilities and engagement rules use for a threat class. */
export function engagementClass(cls: ThreatClass): ThreatClass {
  return cls === "decoy" ? "drone" : cls;
}

export function killProbability(layer: LayerType, cls: ThreatClass): number {
  return layer.pk[cls] ?? layer.pk[engagementClass(cls)] ?? 0;
}

export function layerReachKm(layer: LayerType, cls: ThreatClass): number {
  return cls === "ballistic" ? (layer.reachVsBallisticKm ?? 0) : layer.reachKm;
}
