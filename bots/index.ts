/**
 * Bots for any playing seat: `createBot` gives a controller that the room, the CLI and the batch
 * runner drive the same way. It sees the scenario only through `publicScenario`, and each decision
 * only through the SideView its side would get; its memory (with its own generator's state) is plain
 * JSON, so a bot restored from `memory()` continues identically.
 */
import type { CompiledScenario } from "../shared/compiled.js";
import type { Command, Side, SideView } from "../sim/api.js";
import { Rng } from "../sim/rng.js";
import { allyTick, planAlly } from "./ally.js";
import { observeAttackerLive } from "./attacker/observe.js";
import { planAttack } from "./attacker/plan.js";
import type { BotContext } from "./context.js";
import { defenderTick } from "./defender/live.js";
import { planDefence } from "./defender/plan.js";
import { BOT_LEVELS, type BotLevel, JUDGEMENT } from "./levels.js";
import { type BotMemory, newAttackerMemory, newDefenderMemory } from "./memory.js";
import { type PublicScenario, publicScenario } from "./public.js";

export { BOT_LEVELS, type BotLevel } from "./levels.js";
export type { BotMemory } from "./memory.js";
export { type PublicScenario, publicScenario } from "./public.js";

export interface BotController {
  readonly side: Side;
  readonly level: BotLevel;
  /** Orders for the planning phase of `round`, decided from this side's view alone. */
  onPlanning(round: number, view: SideView): Command[];
  /** A live observation (drivers call it about every BOT_TICK_SEC of simulation); returns orders. */
  onTick(view: SideView): Command[];
  /** A JSON copy of the bot's memory, for snapshots and replays. */
  memory(): BotMemory;
}

/** The level of a seat fill like "bot:hard", or null when the seat is not a bot. */
export function botLevel(fill: string): BotLevel | null {
  const level = fill.startsWith("bot:") ? fill.slice(4) : "";
  return (BOT_LEVELS as readonly string[]).includes(level) ? (level as BotLevel) : null;
}

/** The bot's own generator seed: the match seed and the side, mixed (never the world's generator). */
function botSeed(seed: number, side: Side): number {
  const sideSalt = { attacker: 0x9e3779b9, defender: 0x85ebca6b, ally: 0xc2b2ae35 }[side];
  return Math.imul((seed | 0) ^ sideSalt, 0x27d4eb2d) ^ ((seed | 0) >>> 15);
}

function initialMemory(side: Side, level: BotLevel, seed: number): BotMemory {
  return { version: 1, side, level, rng: Rng.fromSeed(botSeed(seed, side)).state() };
}

export interface BotOptions {
  side: Side;
  level: BotLevel;
  /** The compiled scenario (reduced to its public part here) or an already public one. */
  scenario: CompiledScenario | PublicScenario;
  seed: number;
  /** A memory from `memory()` to continue from. */
  memory?: BotMemory;
}

/** One side's decision functions bound to its part of the memory. */
interface Brain {
  plan(view: SideView, rng: Rng): Command[];
  tick(view: SideView): Command[];
}

function brainFor(side: Side, ctx: BotContext, mem: BotMemory): Brain {
  if (side === "attacker") {
    const memory = mem.attacker ?? newAttackerMemory();
    mem.attacker = memory;
    return {
      plan: (view, rng) => planAttack(ctx, view, memory, rng),
      tick: (view) => {
        observeAttackerLive(view, memory);
        return [];
      },
    };
  }
  if (side === "defender") {
    const memory = mem.defender ?? newDefenderMemory();
    mem.defender = memory;
    return {
      plan: (view) => planDefence(ctx, view, memory),
      tick: (view) => defenderTick(ctx, view, memory),
    };
  }
  return { plan: (view) => planAlly(ctx, view), tick: (view) => allyTick(ctx, view) };
}

export function createBot(options: BotOptions): BotController {
  const { side, level } = options;
  const pub = "fixedUnits" in options.scenario ? publicScenario(options.scenario) : options.scenario;
  const ctx: BotContext = { pub, judgement: JUDGEMENT[level] };
  const mem: BotMemory = options.memory
    ? structuredClone(options.memory)
    : initialMemory(side, level, options.seed);
  const brain = brainFor(side, ctx, mem);
  return {
    side,
    level,
    onPlanning(_round, view) {
      const rng = Rng.fromState(mem.rng);
      const commands = brain.plan(view, rng);
      mem.rng = rng.state();
      return commands;
    },
    onTick: (view) => brain.tick(view),
    memory: () => structuredClone(mem),
  };
}
