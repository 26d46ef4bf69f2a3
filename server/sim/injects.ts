import type { Inject } from "../../shared/scenario.js";
import type { Command } from "./api.js";
import { type Rejection, reject } from "./commands.js";
import { emit, everyone, type SimContext } from "./context.js";
import { deliver, topUpMagazines } from "./phases.js";
import { ALL_SENSORS } from "./world.js";

/**
 * The white cell's injects, ad hoc or from the scenario's MSEL (auto ones fire at their time during
 * the live phase; the others wait for `fire-scheduled-inject`). The core applies each to the state it
 * names: radar-outage darkens sensors (one unit, or every defender sensor), weather scales sensor
 * ranges, resupply fills the defender's depot, sea-access and ally-roe set the public maps. What those
 * last two then mean for units (ships in closed seas, ROE) is the campaign rules' business, which
 * also get `onInject` for any further effect.
 */

type Of<K extends Command["type"]> = Extract<Command, { type: K }>;

function injectProblem(ctx: SimContext, inject: Inject): Rejection | null {
  const { cat, scenario } = ctx;
  switch (inject.type) {
    case "radar-outage":
      return inject.unit === undefined || ctx.ids.units.has(inject.unit)
        ? null
        : reject("unknown_unit", `no unit '${inject.unit}'`, "inject.unit");
    case "resupply": {
      const layer = cat.layers.get(inject.layer)?.def;
      if (!layer)
        return reject("unknown_type", `no layer '${inject.layer}' in the catalogue`, "inject.layer");
      if (layer.magazine === null)
        return reject("not_allowed", `layer '${inject.layer}' never runs dry`, "inject.layer");
      return Number.isInteger(inject.count) && inject.count > 0
        ? null
        : reject("not_allowed", "expected a whole number above 0", "inject.count");
    }
    case "sea-access":
      return Object.hasOwn(ctx.world.seaAccess, inject.region)
        ? null
        : reject("not_allowed", `'${inject.region}' is not a sea region`, "inject.region");
    case "ally-roe":
      return scenario.nations.some((n) => n.id === inject.nation)
        ? null
        : reject("not_allowed", `no nation '${inject.nation}'`, "inject.nation");
    case "weather":
      return Number.isFinite(inject.sensorRangeFactor) && inject.sensorRangeFactor > 0
        ? null
        : reject("not_allowed", "expected a positive range factor", "inject.sensorRangeFactor");
    default:
      return reject("not_allowed", "unknown inject type", "inject.type");
  }
}

function applyInject(ctx: SimContext, inject: Inject, title: string): void {
  const { world } = ctx;
  const now = world.clock;
  switch (inject.type) {
    case "radar-outage": {
      const key = inject.unit ?? ALL_SENSORS;
      const until = now + inject.durationSec;
      world.sensors.outageUntilSec[key] = Math.max(world.sensors.outageUntilSec[key] ?? until, until);
      break;
    }
    case "resupply":
      deliver(ctx, inject.layer, inject.count);
      if (world.phase !== "live") topUpMagazines(ctx);
      break;
    case "sea-access":
      world.seaAccess[inject.region] = inject.accessible;
      break;
    case "ally-roe":
      world.roe[inject.nation] = inject.roe;
      break;
    case "weather":
      world.sensors.weather = {
        factor: inject.sensorRangeFactor,
        untilSec: inject.durationSec === undefined ? null : now + inject.durationSec,
      };
      break;
  }
  emit(ctx, { type: "inject", inject, title }, everyone());
  for (const extension of ctx.extensions) extension.onInject?.(ctx, inject);
}

export function injectCommand(ctx: SimContext, c: Of<"inject">): Rejection | null {
  const problem = injectProblem(ctx, c.inject);
  if (problem) return problem;
  applyInject(ctx, c.inject, c.title ?? c.inject.type);
  return null;
}

export function fireScheduledInject(ctx: SimContext, c: Of<"fire-scheduled-inject">): Rejection | null {
  const { world } = ctx;
  const scheduled = ctx.scenario.msel.find((s) => s.id === c.injectId);
  if (!scheduled || scheduled.round !== world.round) {
    return reject("not_allowed", `no scheduled inject '${c.injectId}' in round ${world.round}`, "injectId");
  }
  if (world.firedInjects.includes(c.injectId)) {
    return reject("not_allowed", `scheduled inject '${c.injectId}' has already fired`, "injectId");
  }
  const problem = injectProblem(ctx, scheduled.inject);
  if (problem) return problem;
  world.firedInjects.push(scheduled.id);
  applyInject(ctx, scheduled.inject, scheduled.title);
  return null;
}

/** Step phase: the MSEL's auto injects of this round whose time has come. */
export function scheduledInjectsPhase(ctx: SimContext): void {
  const { world } = ctx;
  for (const scheduled of ctx.scenario.msel) {
    if (!scheduled.auto || scheduled.round !== world.round || scheduled.atSec > ctx.t1) continue;
    if (world.firedInjects.includes(scheduled.id) || injectProblem(ctx, scheduled.inject)) continue;
    world.firedInjects.push(scheduled.id);
    applyInject(ctx, scheduled.inject, scheduled.title);
  }
}
