import type { Refusal } from "../shared/commands.js";
import { type CommandOf, invalid, mayIssue, ORDERS, type OrderType, refusal } from "../shared/commands.js";
import type { Command, CommandResult, SimPhase } from "./api.js";
import type { SimContext } from "./context.js";
import { buyResupply, deploy, relocate, removeUnit, setDoctrine } from "./orders/defence.js";
import { fireScheduledInject, injectCommand } from "./orders/injects.js";
import { cancelSalvo, planSalvo } from "./orders/salvos.js";
import { endLive, nextRound, startLive } from "./phases.js";

/**
 * Commands are checked in full before anything changes, then applied: the side against the order's
 * issuers, the fields against the order's schema (shared/commands.ts, the one definition), the phase
 * against the rule below, then the world's own rules. A refused command returns its code, a message and
 * the path of the offending field, and the world is exactly as before.
 */

interface CommandRule<K extends OrderType> {
  phases: readonly SimPhase[];
  /** Validates then applies; returns the refusal, or null when applied. */
  run(ctx: SimContext, command: CommandOf<K>): Refusal | null;
}

const PLANNING: readonly SimPhase[] = ["planning"];
const PLAYING: readonly SimPhase[] = ["planning", "live", "assessment"];
const none = (action: (ctx: SimContext) => void) => (ctx: SimContext) => {
  action(ctx);
  return null;
};

/** Which phases accept each order: the only place a phase rule of an order is written. */
const RULES: { [K in OrderType]: CommandRule<K> } = {
  deploy: { phases: PLANNING, run: deploy },
  "remove-unit": { phases: PLANNING, run: removeUnit },
  "set-doctrine": { phases: PLAYING, run: setDoctrine },
  relocate: { phases: ["planning", "live"], run: relocate },
  "buy-resupply": { phases: ["planning", "assessment"], run: buyResupply },
  "plan-salvo": { phases: ["planning", "live"], run: planSalvo },
  "cancel-salvo": { phases: PLANNING, run: cancelSalvo },
  inject: { phases: PLAYING, run: injectCommand },
  "fire-inject": { phases: PLAYING, run: fireScheduledInject },
  "start-live": { phases: PLANNING, run: none(startLive) },
  "end-live": { phases: ["live"], run: none(endLive) },
  "next-round": { phases: ["assessment"], run: none(nextRound) },
};

/** The phases in which an order is accepted (for messages that explain a refusal). */
export function phasesOf(type: OrderType): readonly SimPhase[] {
  return RULES[type].phases;
}

export function applyCommand(ctx: SimContext, command: Command): CommandResult {
  if (typeof command !== "object" || command === null || !Object.hasOwn(ORDERS, command.type)) {
    return refusal("unknown_type", "unknown command type", "type");
  }
  const { type, side, ...fields } = command;
  if (!mayIssue(type, side)) {
    return refusal("wrong_seat", `'${type}' is not an order of side '${String(side)}'`, "side");
  }
  const rule = RULES[type] as CommandRule<typeof type>;
  if (!rule.phases.includes(ctx.world.phase)) {
    return refusal("wrong_phase", `'${type}' is allowed in ${rule.phases.join("/")}, not ${ctx.world.phase}`);
  }
  const parsed = ORDERS[type].fields.safeParse(fields);
  if (!parsed.success) return invalid(parsed.error);
  const rejection = rule.run(ctx, { type, side, ...parsed.data } as CommandOf<typeof type>);
  return rejection ?? { ok: true, events: ctx.events };
}
