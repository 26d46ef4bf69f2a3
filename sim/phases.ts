import type { SimPhase } from "./api.js";
import { beginRound, type Delivery, deliverDue, endRound, refund } from "./campaign/economy.js";
import { clearTimedConditions } from "./campaign/injects.js";
import { emit, everyone, type SimContext, sideAndTruth } from "./context.js";
import { completeReload, startReload } from "./engagement.js";
import { crash } from "./impacts.js";
import { decideWinner, interceptorsLeft, stockByLayer } from "./summary.js";
import { newCounters, roundCounters } from "./world.js";

/**
 * Rounds and phases: planning (round r) → live → assessment → planning (r+1) … → ended.
 * A live phase ends by itself once the night is over (clock ≥ durationSec) and nothing flies any
 * more, or at the latest GRACE_SEC later; the instructor may end it early. Whatever still flies then
 * comes down (counted as crashed), unlaunched salvos are refunded, and every timer of the night
 * completes, because the clock restarts at 0 with the next round.
 */

/** Longest a night may run past its duration for the last threats to arrive. */
export const GRACE_SEC = 7200;

function setPhase(ctx: SimContext, phase: SimPhase): void {
  ctx.world.phase = phase;
  emit(ctx, { type: "phase", phase }, everyone());
  for (const extension of ctx.extensions) extension.onPhase?.(ctx, phase);
}

/** The next round's budgets (added to what is left) and resupply, and full magazines. */
function beginNextRound(ctx: SimContext): void {
  const { world, scenario } = ctx;
  announceDeliveries(ctx, beginRound(world.economy, scenario.rounds[world.round - 1]));
  topUpMagazines(ctx);
}

/** Interceptors that reached the defender's depot (the economy module moved them). */
export function announceDeliveries(ctx: SimContext, deliveries: readonly Omit<Delivery, "dueSec">[]): void {
  for (const { layer, count } of deliveries)
    emit(ctx, { type: "resupply", layer, count }, sideAndTruth("defender"));
}

/** Between nights crews refill every launcher from the depot. */
export function topUpMagazines(ctx: SimContext): void {
  for (const unit of ctx.world.units) {
    if (unit.side === "defender" && unit.magazine >= 0 && unit.role !== "sensor") completeReload(ctx, unit);
  }
}

export function startLive(ctx: SimContext): void {
  ctx.world.stepNo = 0;
  ctx.world.clock = 0;
  setPhase(ctx, "live");
}

/** End the night: bring everything in flight down and settle the timers, then assess. */
export function endLive(ctx: SimContext): void {
  const { world } = ctx;
  for (const threat of world.threats) if (threat.alive) crash(ctx, threat);
  world.threats = [];
  ctx.ids.threats.clear();
  world.interceptors = [];
  for (const salvo of world.salvos) {
    if (salvo.round !== world.round) continue;
    refund(world.economy, "attacker", (salvo.count - salvo.launched) * salvo.unitCostUsd);
    salvo.count = salvo.launched;
  }
  for (const unit of world.units) {
    if (unit.relocating) arrive(ctx, unit.id);
    if (unit.reloadUntil >= 0) completeReload(ctx, unit);
    unit.nextShotAt = 0;
  }
  announceDeliveries(ctx, endRound(world.economy));
  clearTimedConditions(world.sensors);
  const counters = roundCounters(world);
  counters.escalationAtEnd = world.escalation.value;
  counters.interceptorsLeftAtEnd = interceptorsLeft(world);
  counters.stockAtEnd = stockByLayer(world);
  setPhase(ctx, "assessment");
}

/** From assessment to the next round's planning, or to the end of the match. */
export function nextRound(ctx: SimContext): void {
  const { world, scenario } = ctx;
  if (world.round >= scenario.rounds.length || world.escalation.ended) {
    endMatch(ctx);
    return;
  }
  world.round++;
  world.counters.push(newCounters(world.round));
  world.stepNo = 0;
  world.clock = 0;
  ctx.t0 = 0;
  ctx.t1 = 0;
  beginNextRound(ctx);
  setPhase(ctx, "planning");
}

function endMatch(ctx: SimContext): void {
  const { world } = ctx;
  const ended = world.escalation.ended;
  world.winner = ended ? (ended.loser === "defender" ? "attacker" : "defender") : decideWinner(ctx);
  world.endReason = ended ? ended.reason : "all rounds played";
  setPhase(ctx, "ended");
  emit(ctx, { type: "match-end", winner: world.winner, reason: world.endReason }, everyone());
}

/** Step phase: timers of the night (scheduled deliveries, relocations, reloads). */
export function timersPhase(ctx: SimContext): void {
  const { world } = ctx;
  announceDeliveries(ctx, deliverDue(world.economy, ctx.t1));
  for (const unit of world.units) {
    if (unit.relocating && unit.relocating.arriveAt <= ctx.t1) arrive(ctx, unit.id);
    if (unit.reloadUntil >= 0 && unit.reloadUntil <= ctx.t1) completeReload(ctx, unit);
    if (unit.magazine === 0 && unit.reloadUntil < 0) startReload(ctx, unit);
  }
}

/** A relocating unit arrives at its destination. */
export function arrive(ctx: SimContext, unitId: string): void {
  const unit = ctx.ids.units.get(unitId)!;
  const to = unit.relocating!;
  unit.x = to.x;
  unit.y = to.y;
  unit.relocating = null;
  emit(ctx, { type: "unit-moved", unitId: unit.id, x: unit.x, y: unit.y }, unitAudience(unit));
}

/** Who learns of a unit's doings: its coalition, the white cell, and the attacker once revealed. */
export function unitAudience(unit: { revealed: boolean }): ReturnType<typeof everyone> {
  return unit.revealed ? everyone() : ["defender", "ally", "truth"];
}

/** Step phase: the night is over once its time is up and nothing flies, or at the grace limit. */
export function roundEndPhase(ctx: SimContext): void {
  const { world, scenario } = ctx;
  if (world.escalation.ended) {
    endLive(ctx);
    endMatch(ctx);
    return;
  }
  const durationSec = scenario.rounds[world.round - 1].durationSec;
  if (ctx.t1 >= durationSec + GRACE_SEC) endLive(ctx);
  // Runs after cleanup: every threat still listed is in flight.
  else if (ctx.t1 >= durationSec && world.threats.length === 0 && allLaunched(ctx)) endLive(ctx);
}

/** Salvos may not launch after the night's duration (commands check it), so this holds by then. */
function allLaunched(ctx: SimContext): boolean {
  return ctx.world.salvos.every((s) => s.round !== ctx.world.round || s.launched >= s.count);
}
