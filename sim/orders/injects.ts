import type { CommandOf, Refusal } from "../../shared/commands.js";
import type { Inject } from "../../shared/scenario.js";
import {
  applyInject,
  checkInject,
  dueAutoInjects,
  findScheduledInject,
  injectCatalogue,
  injectVisibility,
} from "../campaign/injects.js";
import { emit, type SimContext } from "../context.js";
import { announceDeliveries, topUpMagazines } from "../phases.js";

/**
 * The white cell's injects, ad hoc or from the scenario's MSEL (auto ones fire at their time during
 * the live phase; the others wait for `fire-inject`). Each changes the one piece of the world
 * it names (campaign/injects.ts): radar-outage darkens sensors (one unit, or every defender sensor),
 * weather scales sensor ranges, resupply fills the defender's depot (and, between nights, the
 * launchers), sea-access and ally-roe set the maps that the campaign's rules read at every engagement
 * (ships in closed seas stop fighting, allies follow their nation's new ROE). Extensions hear of each
 * through `onInject`.
 */

function injectProblem(ctx: SimContext, inject: Inject): Refusal | null {
  const check = checkInject(injectCatalogue(ctx.scenario), inject, (id) => ctx.ids.units.has(id));
  return check.ok ? null : check;
}

function applyAndAnnounce(ctx: SimContext, inject: Inject, title: string): void {
  const { world } = ctx;
  applyInject(world, inject, world.clock);
  // A resupply inject is a convoy arriving: announced like every delivery, loaded between nights.
  if (inject.type === "resupply") {
    announceDeliveries(ctx, [inject]);
    if (world.phase !== "live") topUpMagazines(ctx);
  }
  emit(ctx, { type: "inject", inject, title }, injectVisibility(inject));
  for (const extension of ctx.extensions) extension.onInject?.(ctx, inject);
}

export function injectCommand(ctx: SimContext, c: CommandOf<"inject">): Refusal | null {
  const problem = injectProblem(ctx, c.inject);
  if (problem) return problem;
  applyAndAnnounce(ctx, c.inject, c.title ?? c.inject.type);
  return null;
}

export function fireScheduledInject(ctx: SimContext, c: CommandOf<"fire-inject">): Refusal | null {
  const { world } = ctx;
  const found = findScheduledInject(ctx.scenario.msel, world.firedInjects, c.injectId, world.round);
  if (!found.ok) return found;
  const problem = injectProblem(ctx, found.scheduled.inject);
  if (problem) return problem;
  world.firedInjects.push(found.scheduled.id);
  applyAndAnnounce(ctx, found.scheduled.inject, found.scheduled.title);
  return null;
}

/** Step phase: the MSEL's auto injects of this round whose time has come (each fires once). */
export function scheduledInjectsPhase(ctx: SimContext): void {
  const { world } = ctx;
  for (const scheduled of dueAutoInjects(ctx.scenario.msel, world.firedInjects, world.round, ctx.t1)) {
    // Fired once even if it no longer applies (e.g. its unit was removed): the schedule moves on.
    world.firedInjects.push(scheduled.id);
    if (!injectProblem(ctx, scheduled.inject)) applyAndAnnounce(ctx, scheduled.inject, scheduled.title);
  }
}
