import { createBot } from "../../bots/index.js";
import type { CompiledScenario } from "../../shared/compiled.js";
import type { DefaultPlans } from "../../shared/plan.js";
import type { BotLevel, SeatFill } from "../../shared/protocol.js";
import type { Command, Side, SideView } from "../../sim/api.js";
import { planCommands } from "../../sim/plans.js";
import { resolvePlan } from "../scenarios/loader.js";

/**
 * Seats played by software. A SeatController decides from its side's view only (the same SideView the
 * room mirrors to that side's clients) and returns sim commands; the room applies them like a player's.
 * "plan" plays the scenario's default plan; bots ("bot:<level>") come from a factory the server is
 * configured with (bots/), so adding them never touches the room.
 */
export interface SeatController {
  /** Called when a planning phase starts (and when the seat is handed over during one). */
  onPlanning(round: number, view: SideView): Command[];
  /** Called on every room tick of a live phase. */
  onTick?(view: SideView): Command[];
}

export interface ControllerContext {
  side: Side;
  scenarioId: string;
  scenario: CompiledScenario;
  /** Undefined when the scenario ships no default plans (then no "plan" seat is possible). */
  defaultPlans: DefaultPlans | undefined;
  seed: number;
}

export type BotFactory = (level: BotLevel, ctx: ControllerContext) => SeatController;

/** Plays the side's part of the scenario's default plans, round by round (nothing if it has none). */
export function planController(plans: DefaultPlans, ctx: ControllerContext): SeatController {
  const plan = plans[ctx.side];
  const resolved = plan ? resolvePlan(plan, ctx.scenario) : undefined;
  return { onPlanning: (round) => (resolved ? planCommands(resolved, round) : []) };
}

/** A controller for a scripted fill, or a reason why there is none. */
export function createController(
  fill: Exclude<SeatFill, "human">,
  ctx: ControllerContext,
  bots: BotFactory | undefined,
): SeatController | string {
  if (fill === "plan") {
    return ctx.defaultPlans
      ? planController(ctx.defaultPlans, ctx)
      : `scenario '${ctx.scenarioId}' has no default plans`;
  }
  if (!bots) return `bots are not available on this server (seat fill '${fill}')`;
  return bots(fill.slice("bot:".length) as BotLevel, ctx);
}

/** The factory for "bot:<level>" seats that main.ts gives the server (GameServerConfig.bots). */
export const botFactory: BotFactory = (level, ctx) =>
  createBot({ side: ctx.side, level, scenario: ctx.scenario, seed: ctx.seed });
