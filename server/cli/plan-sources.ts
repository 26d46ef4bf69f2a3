import type { Seat } from "../../bots/driver.js";
import { botLevel, createBot } from "../../bots/index.js";
import type { CompiledScenario } from "../../shared/compiled.js";
import type { RecordedCommand } from "../../shared/history.js";
import type { DefaultPlans } from "../../shared/plan.js";
import type { Side } from "../../sim/api.js";
import { planCommands } from "../../sim/plans.js";
import { loadDefaultPlans, loadPlanFile, type ResolvedPlan, resolvePlan } from "../scenarios/loader.js";
import { CliError } from "./args.js";
import { playedSeat } from "./played.js";

/**
 * Where a side's orders come from. A source spec is either a plan file path, or "<kind>:<arg>" for
 * a kind registered in SOURCE_KINDS ("bot:hard", "plan:sam-only", "record:<match id>"); without a spec the scenario's own
 * default plan plays the side. Every source is a Seat: the orders for a round's planning phase from the
 * side's view (and, optionally, orders during the night).
 */

export interface SourceContext {
  side: Side;
  scenario: CompiledScenario;
  seed: number;
  /** The scenario's default and named plans (none for a scenario given as a file). */
  plans: ScenarioPlans;
  /** Play only this many rounds: plan files lose their later ones. */
  rounds?: number;
  /** The orders a recorded match's sides gave (read once per match id). */
  recorded(matchId: string): RecordedCommand[];
}

/** Source kinds by prefix: the text after "<kind>:" is passed as `arg`. */
export const SOURCE_KINDS: Record<string, (arg: string, ctx: SourceContext) => Seat> = {
  bot: (arg, ctx) => {
    const level = botLevel(`bot:${arg}`);
    if (!level)
      throw new CliError(`--${ctx.side}`, `unknown bot level '${arg}': use bot:easy, bot:normal or bot:hard`);
    return createBot({ side: ctx.side, level, scenario: ctx.scenario, seed: ctx.seed });
  },
  plan: (arg, ctx) => planSeat(ctx.plans.named(arg, ctx.side)),
  record: (arg, ctx) => playedSeat(ctx.recorded(arg), ctx.side),
};

/** A seat that plays a plan file's orders for each round (the same path the room and replays use). */
export function planSeat(plan: ResolvedPlan): Seat {
  return { onPlanning: (round) => planCommands(plan, round) };
}

/** The seat for `spec`, or the scenario's default plan; throws CliError or ScenarioError on bad input. */
export function planSource(spec: string | undefined, ctx: SourceContext): Seat | null {
  const flag = `--${ctx.side}`;
  if (spec === undefined) {
    const plan = ctx.plans.byDefault(ctx.side);
    return plan ? planSeat(plan) : null;
  }
  const kind = /^([a-z]+):(.*)$/.exec(spec);
  if (kind && Object.hasOwn(SOURCE_KINDS, kind[1])) return SOURCE_KINDS[kind[1]](kind[2], ctx);
  const plan = loadPlanFile(spec, ctx.scenario, ctx.rounds);
  if (plan.side !== ctx.side)
    throw new CliError(flag, `${spec} is a plan of the ${plan.side}, not of the ${ctx.side}`);
  return planSeat(resolvePlan(plan, ctx.scenario));
}

export interface ScenarioPlans {
  /** The default plan of a side (null: an ally without one). */
  byDefault(side: Side): ResolvedPlan | null;
  /** One of the scenario's named alternative plans, for this side. */
  named(name: string, side: Side): ResolvedPlan;
}

/** Default and named plans of a built-in scenario (resolved against it); none for a scenario file. */
export function scenarioPlans(scenarioArg: string, scenario: CompiledScenario): ScenarioPlans {
  const builtIn = !/[\\/]/.test(scenarioArg) && !scenarioArg.endsWith(".json");
  const plans: DefaultPlans | null = builtIn ? loadDefaultPlans(scenarioArg) : null;
  return {
    byDefault: (side) => {
      const plan = plans?.[side];
      if (plan) return resolvePlan(plan, scenario);
      if (side === "ally") return null;
      throw new CliError(`--${side}`, "a scenario given as a file has no default plans: give a plan file");
    },
    named: (name, side) => {
      const alternatives = plans?.alternatives ?? {};
      const named = Object.hasOwn(alternatives, name) ? alternatives[name] : undefined;
      if (!named) {
        const known =
          Object.keys(alternatives)
            .map((k) => `'${k}'`)
            .join(", ") || "none";
        throw new CliError(`--${side}`, `no named plan '${name}' in this scenario (known: ${known})`);
      }
      if (named.plan.side !== side)
        throw new CliError(
          `--${side}`,
          `plan:${name} is a plan of the ${named.plan.side}, not of the ${side}`,
        );
      return resolvePlan(named.plan, scenario);
    },
  };
}
