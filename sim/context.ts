import type { CompiledScenario } from "../shared/compiled.js";
import type { Inject } from "../shared/scenario.js";
import type { Perspective, SimEvent, SimEventBase, SimPhase } from "./api.js";
import type { CatalogueIndex } from "./catalogue.js";
import type { Rng } from "./rng.js";
import type { SpatialGrid } from "./spatial.js";
import { type ThreatState, TRACKING_SIDES, type UnitState, type World } from "./world.js";

/**
 * What every part of the engine works with: the fixed scenario and its tables, the world, the one
 * generator, derived indexes, the rules (campaign hook points) and the events being collected.
 */
export interface SimContext {
  readonly scenario: CompiledScenario;
  readonly cat: CatalogueIndex;
  readonly world: World;
  readonly rng: Rng;
  readonly grid: SpatialGrid;
  readonly ids: EntityIndex;
  readonly rules: SimRules;
  readonly scratch: Scratch;
  readonly extensions: readonly SimExtension[];
  /** What extensions derive from the scenario (lookups, scratch), by extension; rebuilt, never saved. */
  readonly derived: Record<string, unknown>;
  /** Events of the command or step being processed. */
  events: SimEvent[];
  /** The step's window (t0, t1] in clock seconds; both equal the clock while applying a command. */
  t0: number;
  t1: number;
}

/** Id lookups derived from the world (rebuilt on restore, kept in step with every add and removal). */
export interface EntityIndex {
  threats: Map<string, ThreatState>;
  units: Map<string, UnitState>;
}

export function indexWorld(world: World): EntityIndex {
  return {
    threats: new Map(world.threats.map((t) => [t.id, t])),
    units: new Map(world.units.map((u) => [u.id, u])),
  };
}

/** Reusable buffers of the hot loops, grown on demand and never shrunk. */
export class Scratch {
  candidates = new Int32Array(256);
  /** Per tracking side: whether each threat (by array index) is in coverage this step. */
  covered = TRACKING_SIDES.map(() => new Uint8Array(256));
  /** Per tracking side: the shortest identification dwell among the sensors covering each threat. */
  identifySec = TRACKING_SIDES.map(() => new Float64Array(256));
  /** Per tracking side: the shortest decoy-unmasking dwell among the sensors covering each threat. */
  unmaskSec = TRACKING_SIDES.map(() => new Float64Array(256));
  /** Per tracking side: threats in coverage this step. */
  coveredCount = TRACKING_SIDES.map(() => 0);
  /** Per tracking side: tracks held after the last track update (-1: unknown, e.g. after a restore). */
  trackCount = TRACKING_SIDES.map(() => -1);
  /** Per threat type (catalogue index): whether any is in flight this step (set by movement). */
  typesInFlight = new Uint8Array(0);

  /** The cleared per-type flags for this step. */
  flyingTypes(typeCount: number): Uint8Array {
    if (this.typesInFlight.length !== typeCount) this.typesInFlight = new Uint8Array(typeCount);
    else this.typesInFlight.fill(0);
    return this.typesInFlight;
  }

  ensure(n: number): void {
    if (this.candidates.length >= n) return;
    const size = Math.max(n, this.candidates.length * 2);
    this.candidates = new Int32Array(size);
    this.covered = TRACKING_SIDES.map(() => new Uint8Array(size));
    this.identifySec = TRACKING_SIDES.map(() => new Float64Array(size));
    this.unmaskSec = TRACKING_SIDES.map(() => new Float64Array(size));
  }
}

type EventBody = SimEvent extends infer E
  ? E extends SimEvent
    ? Omit<E, keyof SimEventBase>
    : never
  : never;

/** Record an event at the end of the current step window. */
export function emit(ctx: SimContext, body: EventBody, visibleTo: Perspective[]): void {
  ctx.events.push({ ...body, t: ctx.t1, round: ctx.world.round, visibleTo } as SimEvent);
}

export const everyone = (): Perspective[] => ["attacker", "defender", "ally", "truth"];
export const sideAndTruth = (side: Perspective): Perspective[] =>
  side === "truth" ? ["truth"] : [side, "truth"];

// ---- Hook points for the campaign layer -------------------------------------------------------

/** Whether an engagement may happen: "outside-roe" engages but is reported (and escalates). */
export type RoeVerdict = "allowed" | "outside-roe" | "forbidden";

/** Predicates the engine consults; the campaign layer supplies its own through an extension. */
export interface SimRules {
  /** May `unit` engage `threat` at the predicted intercept point (x, y)? */
  engagementRoe(ctx: SimContext, unit: UnitState, threat: ThreatState, x: number, y: number): RoeVerdict;
  /** Can the unit act (sense and fire) now? E.g. a ship in a closed sea, a fighter off station. */
  unitActive(ctx: SimContext, unit: UnitState): boolean;
  /** Id of the region containing a point (crash reports), null when none. */
  regionAt(ctx: SimContext, x: number, y: number): string | null;
}

export type StepPhase = (ctx: SimContext) => void;

/** The core step pipeline's phases, in order (see pipeline.ts). */
export type CorePhaseName =
  | "scheduled"
  | "launches"
  | "movement"
  | "index"
  | "sensors"
  | "tracks"
  | "interceptors"
  | "impacts"
  | "engagement"
  | "cleanup"
  | "round-end";

/**
 * A plug-in of the engine: the campaign layer (campaign/extension.ts: ROE, ships and fighters, jamming,
 * incidents, escalation, grid) joins through one of these. Extension state lives in `world.ext` or in
 * world fields shaped for it (the campaign's), so it is snapshotted with everything else.
 */
export interface SimExtension {
  name: string;
  /** Step phases run right after the named core phase (in extension order). */
  phases?: { after: CorePhaseName; name: string; run: StepPhase }[];
  /** Replacements for the default rules. */
  rules?: Partial<SimRules>;
  /** Called after every phase change (round start, live, assessment, ended). */
  onPhase?(ctx: SimContext, phase: SimPhase): void;
  /** Called after the core applied an inject (for the inject types the core only records). */
  onInject?(ctx: SimContext, inject: Inject): void;
}

/**
 * A value derived from the world's units (lists by role, firing order), rebuilt only when units are
 * added or removed: the hot loops read it every step.
 */
export function fromUnits<T>(ctx: SimContext, key: string, build: (units: readonly UnitState[]) => T): T {
  const { units } = ctx.world;
  const cached = ctx.derived[key] as { units: UnitState[]; value: T } | undefined;
  if (cached && cached.units.length === units.length && cached.units.every((u, i) => u === units[i]))
    return cached.value;
  const value = build(units);
  ctx.derived[key] = { units: [...units], value };
  return value;
}
