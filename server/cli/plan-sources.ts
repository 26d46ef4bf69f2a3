import type { Seat } from "../../bots/driver.js";
import { botLevel, createBot } from "../../bots/index.js";
import type { CompiledScenario } from "../../shared/compiled.js";
import type { Side } from "../../sim/api.js";
import { planCommands } from "../../sim/plans.js";
import { loadDefaultPlans, loadPlanFile, type ResolvedPlan, resolvePlan } from "../scenarios/loader.js";
import { CliError } from "./args.js";

/**
 * Where a side's orders come from. A source spec is either a plan file path, or "<kind>:<arg>" for
 * a kind registered in SOURCE_KINDS (e.g. "bot:hard" once the bots register theirs); without a spec
 * the scenario's own default plan plays the side. Every source is a Seat: the orders for a round's
 * planning phase from the side's view (and, optionally, orders during the night).
 */

export interface SourceContext {
  side: Side;
  scenario: CompiledScenario;
  seed: number;
}

/** Source kinds by prefix: the text after "<kind>:" is passed as `arg`. */
export const SOURCE_KINDS: Record<string, (arg: string, ctx: SourceContext) => Seat> = {
  bot: (arg, ctx) => {
    const level = botLevel(`bot:${arg}`);
    if (!level)
      throw new CliError(`--${ctx.side}`, `unknown bot level '${arg}': use bot:easy, bot:normal or bot:hard`);
    return createBot({ side: ctx.side, level, scenario: ctx.scenario, seed: ctx.seed });
  },
};

/** A seat that plays a plan file's orders for each round (the same path the room and replays use). */
export function planSeat(plan: ResolvedPlan): Seat {
  return { onPlanning: (round) => planCommands(plan, round) };
}

/** The seat for `spec`, or the scenario's default plan; throws CliError or ScenarioError on bad input. */
export function planSource(
  spec: string | undefined,
  ctx: SourceContext,
  defaults: DefaultPlansLoader,
): Seat | null {
  const flag = `--${ctx.side}`;
  if (spec === undefined) {
    const plan = defaults(ctx.side);
    return plan ? planSeat(plan) : null;
  }
  const kind = /^([a-z]+):(.*)$/.exec(spec);
  if (kind && Object.hasOwn(SOURCE_KINDS, kind[1])) return SOURCE_KINDS[kind[1]](kind[2], ctx);
  const plan = loadPlanFile(spec, ctx.scenario);
  if (plan.side !== ctx.side)
    throw new CliError(flag, `${spec} is a plan of the ${plan.side}, not of the ${ctx.side}`);
  return planSeat(resolvePlan(plan, ctx.scenario));
}

export type DefaultPlansLoader = (side: Side) => ResolvedPlan | null;

/** Default plans of a built-in scenario (resolved against it); none for a scenario given as a file. */
export function defaultPlans(scenarioArg: string, scenario: CompiledScenario): DefaultPlansLoader {
  const builtIn = !/[\\/]/.test(scenarioArg) && !scenarioArg.endsWith(".json");
  const plans = builtIn ? loadDefaultPlans(scenarioArg) : null;
  return (side) => {
    const plan = plans?.[side];
    if (plan) return resolvePlan(plan, scenario);
    if (side === "ally") return null;
    throw new CliError(`--${side}`, "a scenario given as a file has no default plans: give a plan file");
  };
}
