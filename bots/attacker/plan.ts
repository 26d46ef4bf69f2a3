/**
 * The attacker's night: spend the production budget on a mix of threats, spread them over the chosen
 * targets without overkill, route them around known defences, and time every salvo so that cruise and
 * ballistic missiles arrive together with the drone wave (launch time = arrival − flight time).
 */
import type { ThreatClass } from "../../shared/scenario.js";
import type { Command, SideView } from "../../sim/api.js";
import type { Rng } from "../../sim/rng.js";
import { type BotContext, roundSpec } from "../context.js";
import { type AttackerMemory, leakRate, type PlannedRoute } from "../memory.js";
import { MONEY_SHARES } from "../mix.js";
import { closeAttackerRound } from "./observe.js";
import { knownHazards } from "./routes.js";
import { type Arsenal, chooseArsenal, chooseTargets, type TargetChoice } from "./targets.js";

const MAX_SALVO = 500;

interface Order {
  typeId: string;
  target: TargetChoice;
  count: number;
}

/** Decoys share of the drone money: fixed by judgement, or learned from how often decoys drew fire. */
function decoyShare(ctx: BotContext, mem: AttackerMemory): number {
  const j = ctx.judgement.attacker;
  const decoys = mem.classes.decoy;
  if (!j.adaptDecoys || !decoys || decoys.sent < 10) return j.decoyShare;
  return Math.min(0.45, Math.max(0.1, 0.1 + 0.6 * (decoys.killed / decoys.sent)));
}

/** Money per threat type: base shares, tilted (for learning judgements) to classes that leaked. */
function splitBudget(
  ctx: BotContext,
  mem: AttackerMemory,
  arsenal: Arsenal,
  budgetUsd: number,
): Record<string, number> {
  const weights: Partial<Record<ThreatClass, number>> = {};
  for (const cls of Object.keys(MONEY_SHARES) as (keyof typeof MONEY_SHARES)[]) {
    const typeId = arsenal[cls];
    if (!typeId) continue;
    const tilt = ctx.judgement.attacker.gapWeight * (2 * leakRate(mem.classes[cls]) - 1);
    weights[cls] = MONEY_SHARES[cls] * Math.max(0.3, 1 + tilt);
  }
  const total = Object.values(weights).reduce((s, w) => s + (w ?? 0), 0) || 1;
  const money: Record<string, number> = {};
  for (const [cls, w] of Object.entries(weights) as [ThreatClass, number][]) {
    const typeId = arsenal[cls] as string;
    let share = (budgetUsd * w) / total;
    if (cls === "drone" && arsenal.decoy) {
      const decoyUsd = share * decoyShare(ctx, mem);
      money[arsenal.decoy] = decoyUsd;
      share -= decoyUsd;
    }
    money[typeId] = (money[typeId] ?? 0) + share;
  }
  return money;
}

/** Give out up to `count` threats by weight, each target up to its cap; returns how many are left. */
function spread(
  count: number,
  targets: TargetChoice[],
  counts: Map<TargetChoice, number>,
  cap: (t: TargetChoice) => number,
): number {
  const weightSum = targets.reduce((s, t) => s + t.weight, 0);
  if (weightSum === 0) return count;
  let given = 0;
  for (const t of targets) {
    const have = counts.get(t) ?? 0;
    const give = Math.max(0, Math.min(Math.floor((count * t.weight) / weightSum), cap(t) - have));
    counts.set(t, have + give);
    given += give;
  }
  return count - given;
}

/**
 * Split `count` threats over the targets by weight, first capped at what destroying each takes (for a
 * judgement that avoids overkill), then the rest by weight regardless: the money is spent either way.
 */
function allocate(ctx: BotContext, typeId: string, count: number, targets: TargetChoice[]): Order[] {
  const threat = ctx.pub.catalogue.threats[typeId];
  const reachable = targets.filter((t) => t.routes[typeId]);
  if (reachable.length === 0) return [];
  const counts = new Map<TargetChoice, number>();
  const cap = (t: TargetChoice) =>
    ctx.judgement.attacker.avoidOverkill && threat.damage > 0
      ? Math.ceil((1.5 * t.hp) / (threat.damage * Math.max(0.15, t.leakEstimate)))
      : Number.POSITIVE_INFINITY;
  let left = spread(count, reachable, counts, cap);
  left = spread(left, reachable, counts, () => Number.POSITIVE_INFINITY);
  // What the roundings leave goes to the heaviest target.
  const heaviest = [...reachable].sort((a, b) => b.weight - a.weight)[0];
  counts.set(heaviest, (counts.get(heaviest) ?? 0) + left);
  return reachable.map((t) => ({ typeId, target: t, count: counts.get(t) ?? 0 })).filter((o) => o.count > 0);
}

/** Seconds between two launches of a salvo: dense for a timed wave, leisurely otherwise; all in the night. */
function intervalFor(ctx: BotContext, count: number, nightSec: number): number {
  const j = ctx.judgement.attacker;
  const wanted = j.timeWave
    ? Math.min(30, Math.max(1, Math.round(j.waveSpreadSec / Math.max(1, count))))
    : 20;
  return Math.min(wanted, Math.floor(nightSec / Math.max(1, count)));
}

/** Turn orders into timed salvos, each with the route its tracks will be attributed to. */
function schedule(
  ctx: BotContext,
  view: SideView,
  orders: Order[],
  rng: Rng,
): { command: Command; route: PlannedRoute }[] {
  const j = ctx.judgement.attacker;
  const nightSec = roundSpec(ctx.pub, view.round).durationSec;
  const flightSec = (o: Order) => {
    const r = o.target.routes[o.typeId].route;
    return r.lengthKm / (ctx.pub.catalogue.threats[o.typeId].speedMps / 1000);
  };
  const longest = Math.max(0, ...orders.map(flightSec));
  const waveAtSec = longest + j.waveSpreadSec / 2;
  const salvos: { command: Command; route: PlannedRoute }[] = [];
  for (const o of orders) {
    const { zone, route } = o.target.routes[o.typeId];
    const threat = ctx.pub.catalogue.threats[o.typeId];
    const planned: PlannedRoute = {
      threatType: o.typeId,
      threatClass: threat.class,
      target: o.target.assetId,
      path: route.path,
      speedKmS: threat.speedMps / 1000,
    };
    for (let left = o.count; left > 0; left -= MAX_SALVO) {
      const count = Math.min(MAX_SALVO, left);
      const intervalSec = intervalFor(ctx, count, nightSec);
      const jitterSec = (rng.next01() - 0.5) * j.waveSpreadSec * 0.5;
      const launchAtSec = j.timeWave
        ? waveAtSec - flightSec(o) - (count * intervalSec) / 2 + jitterSec
        : rng.next01() * nightSec * 0.05;
      const command: Command = {
        type: "plan-salvo",
        side: "attacker",
        zone: zone.id,
        threatType: o.typeId,
        count,
        // Every launch must fall within the night (the engine's rule): clamp the first one.
        launchAtSec: Math.max(
          0,
          Math.min(Math.round(launchAtSec), Math.floor(nightSec - (count - 1) * intervalSec)),
        ),
        intervalSec,
        target: o.target.assetId,
        waypoints: route.path
          .slice(1, -1)
          .map((p) => ({ x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 })),
      };
      salvos.push({ command, route: planned });
    }
  }
  return salvos;
}

/** The attacker's planning decision for the round the view is in. */
export function planAttack(ctx: BotContext, view: SideView, mem: AttackerMemory, rng: Rng): Command[] {
  closeAttackerRound(view, mem);
  const j = ctx.judgement.attacker;
  const budgetUsd =
    (view.budgetUsd.attacker ?? roundSpec(ctx.pub, view.round).attackerBudgetUsd) * j.spendShare;
  const arsenal = chooseArsenal(ctx);
  const hazards = knownHazards(ctx.pub, mem, view.round, j.routeAroundKills);
  const money = splitBudget(ctx, mem, arsenal, budgetUsd);
  const drones = arsenal.drone
    ? Math.floor((money[arsenal.drone] ?? 0) / ctx.pub.catalogue.threats[arsenal.drone].costUsd)
    : 0;
  const targets = chooseTargets(ctx, view, mem, arsenal, hazards, rng, drones);
  const costOf = (typeId: string) => Math.max(1, ctx.pub.catalogue.threats[typeId].costUsd);
  // Dearest first: what a class cannot spend (whole missiles, unreachable targets) rolls on to cheaper ones.
  const orders: Order[] = [];
  let carryUsd = 0;
  for (const typeId of Object.keys(money).sort((a, b) => costOf(b) - costOf(a))) {
    const usd = money[typeId] + carryUsd;
    const placed = allocate(ctx, typeId, Math.floor(usd / costOf(typeId)), targets);
    orders.push(...placed);
    carryUsd = usd - placed.reduce((sum, o) => sum + o.count, 0) * costOf(typeId);
  }
  const salvos = schedule(ctx, view, orders, rng);
  mem.routes = salvos.map((s) => s.route);
  return salvos.map((s) => s.command);
}
