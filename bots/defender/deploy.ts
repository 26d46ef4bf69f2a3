/**
 * Deployment: a greedy cover of what is worth most within the budget. Candidates are each layer and
 * sensor type at each asset, pushed forward along the asset's threat axis (and sideways) by fractions
 * of the unit's reach; the best candidate by judgement is bought until the money or the value runs out.
 */
import { regionAt } from "../../shared/geo.js";
import type { Doctrine, PointKm } from "../../shared/scenario.js";
import type { Command } from "../../sim/api.js";
import type { BotContext } from "../context.js";
import { type Coverage, unitEffect } from "./coverage.js";
import { borderKm, JAMMER_BORDER_KM } from "./escalation.js";
import type { ThreatPicture } from "./picture.js";

/** Offsets of candidate positions as (forward, sideways) fractions of the unit's reach, best first. */
const OFFSETS: [number, number][] = [
  [0, 0],
  [0.35, 0],
  [0.7, 0],
  [0.35, 0.35],
  [0.35, -0.35],
  [0.7, 0.4],
  [0.7, -0.4],
];
/** Assets considered as anchors (by worth); the rest are covered from their neighbours' anchors. */
const MAX_ANCHORS = 40;
/** Most units bought in one planning phase (a bound on planning time, far above what budgets buy). */
const MAX_BUYS = 300;

interface Candidate {
  typeId: string;
  assetId: string;
  at: PointKm;
  costUsd: number;
}

function unitTypes(ctx: BotContext): { id: string; costUsd: number; reachKm: number }[] {
  const layers = Object.entries(ctx.pub.catalogue.layers)
    .filter(([, l]) => !l.seaOnly)
    .map(([id, l]) => ({
      id,
      costUsd: l.deployCostUsd,
      reachKm: Math.max(l.reachKm, l.reachVsBallisticKm ?? 0),
    }));
  const sensors = Object.entries(ctx.pub.catalogue.sensors)
    .filter(([, s]) => s.kind !== "aew")
    .map(([id, s]) => ({ id, costUsd: s.deployCostUsd, reachKm: s.rangeKm / 2 }));
  return [...layers, ...sensors];
}

/** Whether a unit of this type may stand at `at` in this judgement (own land; jammers off borders). */
function allowedAt(ctx: BotContext, typeId: string, at: PointKm): boolean {
  const regions = ctx.pub.theatre.regions;
  if (regionAt(at, regions)?.owner !== "defender") return false;
  if (!ctx.judgement.defender.escalationAware || ctx.pub.catalogue.layers[typeId]?.role !== "jammer")
    return true;
  return borderKm(ctx.pub, at) >= JAMMER_BORDER_KM;
}

function candidates(ctx: BotContext, picture: ThreatPicture): Candidate[] {
  const anchors = [...ctx.pub.assets]
    .sort((a, b) => picture.worth[b.id] - picture.worth[a.id])
    .slice(0, MAX_ANCHORS);
  const offsets = OFFSETS.slice(0, Math.max(1, ctx.judgement.defender.placementCandidates));
  const out: Candidate[] = [];
  for (const type of unitTypes(ctx)) {
    for (const asset of anchors) {
      const axis = picture.axis[asset.id];
      for (const [fwd, side] of offsets) {
        const at = {
          x: asset.at.x + (axis.x * fwd - axis.y * side) * type.reachKm,
          y: asset.at.y + (axis.y * fwd + axis.x * side) * type.reachKm,
        };
        if (!allowedAt(ctx, type.id, at)) continue;
        out.push({ typeId: type.id, assetId: asset.id, at, costUsd: type.costUsd });
      }
    }
  }
  return out;
}

/** How a candidate ranks: damage prevented net of shots per budget dollar, or raw strength. */
function score(ctx: BotContext, picture: ThreatPicture, cov: Coverage, c: Candidate): number {
  const effect = unitEffect(ctx, picture, cov, c.typeId, c.at, false);
  if (!ctx.judgement.defender.costAware) return effect.valueUsd;
  const net = effect.valueUsd - effect.shotCostUsd;
  return net > 0 ? net / Math.max(c.costUsd, 10_000) : 0;
}

/**
 * Deploy commands for this planning phase, spending at most `budgetUsd`. Lazy greedy: a unit's
 * marginal value only falls as others are placed, so a candidate whose fresh score still beats every
 * other's stale score is the best one, and most candidates are never re-scored.
 */
export function planDeployments(
  ctx: BotContext,
  picture: ThreatPicture,
  cov: Coverage,
  budgetUsd: number,
  doctrineOf: (typeId: string) => Partial<Doctrine> | undefined,
): Command[] {
  const diminishing = ctx.judgement.defender.diminishingReturns;
  // Sorted worst to best: the best is popped from the end.
  let queue = candidates(ctx, picture)
    .map((c) => ({ c, score: score(ctx, picture, cov, c) }))
    .filter((q) => q.score > 0)
    .sort((a, b) => a.score - b.score);
  let left = budgetUsd;
  const commands: Command[] = [];
  while (commands.length < MAX_BUYS) {
    const top = queue.pop();
    if (!top) break;
    // The budget only shrinks: what is too dear now stays too dear.
    if (top.c.costUsd > left) continue;
    top.score = score(ctx, picture, cov, top.c);
    if (top.score <= 0) continue;
    if (queue.length > 0 && top.score < queue[queue.length - 1].score) {
      queue.splice(insertionIndex(queue, top.score), 0, top);
      continue;
    }
    const chosen = top.c;
    unitEffect(ctx, picture, cov, chosen.typeId, chosen.at, true);
    left -= chosen.costUsd;
    // The same spot stays a candidate while returns diminish; without that it would win forever.
    if (diminishing) queue.splice(insertionIndex(queue, top.score), 0, top);
    else queue = queue.filter((q) => q.c.assetId !== chosen.assetId || q.c.typeId !== chosen.typeId);
    const doctrine = doctrineOf(chosen.typeId);
    commands.push({
      type: "deploy",
      side: "defender",
      unitType: chosen.typeId,
      at: { x: Math.round(chosen.at.x * 10) / 10, y: Math.round(chosen.at.y * 10) / 10 },
      ...(doctrine ? { doctrine } : {}),
    });
  }
  return commands;
}

/** Where a score goes in a queue sorted from worst to best. */
function insertionIndex(queue: { score: number }[], score: number): number {
  let lo = 0;
  let hi = queue.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (queue[mid].score <= score) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
