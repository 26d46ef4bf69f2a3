import type { SimContext } from "./context.js";
import {
  type InterceptorState,
  type LayerCounts,
  LEAK,
  roundCounters,
  type ThreatState,
  type UnitState,
} from "./world.js";

/**
 * The round's tallies behind the summary (world.counters): how the threats of each class ended, what each
 * layer fired, killed and spent, who made each kill (the defender or an ally's nation), and the warning
 * each threat gave: from its first detection by anyone to its impact or kill (0 when never detected).
 */

export type Ending = "intercepted" | "leaked" | "crashed";

export function countLaunch(ctx: SimContext, threat: ThreatState, costUsd: number): void {
  const counters = roundCounters(ctx.world);
  counters.byClass[ctx.cat.threats[threat.ti].def.class].launched++;
  counters.attackerSpendUsd += costUsd;
}

/** A threat's flight ended at clock time `t`. */
export function countEnding(ctx: SimContext, threat: ThreatState, ending: Ending, t: number): void {
  const counters = roundCounters(ctx.world);
  const cls = ctx.cat.threats[threat.ti].def.class;
  counters.byClass[cls][ending]++;
  if (ending === "crashed") return;
  const warningSec = threat.firstSeenAt >= 0 ? t - threat.firstSeenAt : 0;
  const flightSec = t - threat.launchedAt;
  counters.warnings[cls].sec.push(warningSec);
  counters.warnings[cls].share.push(flightSec > 0 ? warningSec / flightSec : 0);
}

/** Who a unit fights for in the tallies: "defender", or its ally's nation. */
export function unitNation(ctx: SimContext, unit: Pick<UnitState, "side" | "allyId">): string {
  return unit.side === "defender" ? "defender" : (ctx.cat.allyNation.get(unit.allyId) ?? unit.allyId);
}

function layerCounts(ctx: SimContext, layer: string): LayerCounts {
  const layers = roundCounters(ctx.world).layers;
  layers[layer] ??= { shots: 0, kills: 0, spendUsd: 0 };
  return layers[layer];
}

/** Shots fired at a threat (call before the threat is flagged as fired at: decoys engaged count once). */
export function countShots(ctx: SimContext, unit: UnitState, threat: ThreatState, shots: number): void {
  const counters = roundCounters(ctx.world);
  const spendUsd = shots * ctx.cat.layers.get(unit.type)!.def.costPerShotUsd;
  const row = layerCounts(ctx, unit.type);
  row.shots += shots;
  row.spendUsd += spendUsd;
  counters.defenderSpendUsd += spendUsd;
  if (!ctx.cat.threats[threat.ti].decoy) return;
  if (!(threat.flags & LEAK.fired)) counters.decoysEngaged++;
  counters.decoySpendUsd += spendUsd;
}

export function countKill(ctx: SimContext, interceptor: InterceptorState, threat: ThreatState): void {
  const counters = roundCounters(ctx.world);
  const unit = ctx.ids.units.get(interceptor.unitId);
  const by = unit ? unitNation(ctx, unit) : interceptor.side;
  counters.interceptedBy[by] = (counters.interceptedBy[by] ?? 0) + 1;
  layerCounts(ctx, interceptor.layer).kills++;
  countEnding(ctx, threat, "intercepted", interceptor.tEnd);
}
