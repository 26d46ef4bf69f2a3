import type { Command, CommandResult, Issuer, RejectCode, SimPhase } from "./api.js";
import type { SimContext } from "./context.js";
import { fireScheduledInject, injectCommand } from "./injects.js";
import { buyResupply, deploy, relocate, removeUnit, setDoctrine } from "./orders.js";
import { endLive, nextRound, startLive } from "./phases.js";
import { cancelSalvo, planSalvo } from "./salvos.js";

/**
 * Commands are validated in full before anything changes, then applied: a rejected command returns
 * its code, reason and the path of the offending field, and the world is exactly as before.
 */

export type Rejection = Extract<CommandResult, { ok: false }>;

export function reject(code: RejectCode, reason: string, path?: string): Rejection {
  return path === undefined ? { ok: false, code, reason } : { ok: false, code, reason, path };
}

type CommandOf<K extends Command["type"]> = Extract<Command, { type: K }>;

interface CommandRule<K extends Command["type"]> {
  issuers: readonly Issuer[];
  phases: readonly SimPhase[];
  /** Validates then applies; returns the rejection, or null when applied. */
  run(ctx: SimContext, command: CommandOf<K>): Rejection | null;
}

const PLANNING: readonly SimPhase[] = ["planning"];
const PLAYING: readonly SimPhase[] = ["planning", "live", "assessment"];
const none = (action: (ctx: SimContext) => void) => (ctx: SimContext) => {
  action(ctx);
  return null;
};

const RULES: { [K in Command["type"]]: CommandRule<K> } = {
  deploy: { issuers: ["defender"], phases: PLANNING, run: deploy },
  "remove-unit": { issuers: ["defender"], phases: PLANNING, run: removeUnit },
  "set-doctrine": { issuers: ["defender", "ally"], phases: PLAYING, run: setDoctrine },
  relocate: { issuers: ["defender", "ally"], phases: ["planning", "live"], run: relocate },
  "buy-resupply": { issuers: ["defender"], phases: ["planning", "assessment"], run: buyResupply },
  "plan-salvo": { issuers: ["attacker"], phases: ["planning", "live"], run: planSalvo },
  "cancel-salvo": { issuers: ["attacker"], phases: PLANNING, run: cancelSalvo },
  inject: { issuers: ["white"], phases: PLAYING, run: injectCommand },
  "fire-scheduled-inject": { issuers: ["white"], phases: PLAYING, run: fireScheduledInject },
  "start-live": { issuers: ["white"], phases: PLANNING, run: none(startLive) },
  "end-live": { issuers: ["white"], phases: ["live"], run: none(endLive) },
  "next-round": { issuers: ["white"], phases: ["assessment"], run: none(nextRound) },
};

export function applyCommand(ctx: SimContext, command: Command): CommandResult {
  if (typeof command !== "object" || command === null || !Object.hasOwn(RULES, command.type)) {
    return reject("not_allowed", "unknown command type", "type");
  }
  const rule = RULES[command.type] as CommandRule<typeof command.type>;
  if (!rule.issuers.includes(command.side)) {
    return reject(
      "wrong_side",
      `'${command.type}' is not an order of side '${String(command.side)}'`,
      "side",
    );
  }
  if (!rule.phases.includes(ctx.world.phase)) {
    return reject(
      "wrong_phase",
      `'${command.type}' is allowed in ${rule.phases.join("/")}, not ${ctx.world.phase}`,
    );
  }
  const rejection = rule.run(ctx, command);
  return rejection ?? { ok: true, events: ctx.events };
}

/** A finite point in km, or the reason it is not. */
export function pointProblem(p: unknown): string | null {
  const q = p as { x?: unknown; y?: unknown } | null;
  if (typeof q !== "object" || q === null) return "expected a point {x, y} in km";
  return Number.isFinite(q.x) && Number.isFinite(q.y) ? null : "x and y must be finite numbers (km)";
}

/** A whole number within [min, max], or the reason it is not. */
export function countProblem(n: unknown, min: number, max: number): string | null {
  return Number.isInteger(n) && (n as number) >= min && (n as number) <= max
    ? null
    : `expected a whole number from ${min} to ${max}`;
}
