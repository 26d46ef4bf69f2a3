import type { CompiledScenario } from "../shared/compiled.js";
import {
  type Command,
  type CommandResult,
  type MatchSummary,
  type Perspective,
  type SideView,
  type SimEvent,
  type SimPhase,
  type Simulation,
  STEP_SEC,
  type WorldSnapshot,
} from "./api.js";
import { CatalogueIndex } from "./catalogue.js";
import { applyCommand } from "./commands.js";
import { indexWorld, Scratch, type SimContext, type SimExtension } from "./context.js";
import { buildPipeline, type PhaseEntry } from "./pipeline.js";
import type { Rng } from "./rng.js";
import { composeRules } from "./rules.js";
import { takeSnapshot } from "./snapshot.js";
import { SpatialGrid } from "./spatial.js";
import { matchSummary } from "./summary.js";
import { buildView } from "./views.js";
import type { World } from "./world.js";

export interface SimOptions {
  /** Plug-ins; defaults to DEFAULT_EXTENSIONS (the campaign layer). A list given replaces the defaults. */
  extensions?: readonly SimExtension[];
  /** Answer every spatial query with every threat (benchmark comparison; results are identical). */
  bruteForceQueries?: boolean;
}

/** Grid cells per theatre axis: small enough for short reaches, few enough to clear each step. */
const GRID_CELLS_PER_AXIS = 128;

/** The Simulation contract over one world (see api.ts). */
export class SimulationEngine implements Simulation {
  private readonly ctx: SimContext;
  private readonly pipeline: PhaseEntry[];

  constructor(
    scenario: CompiledScenario,
    world: World,
    rng: Rng,
    extensions: readonly SimExtension[],
    bruteForce: boolean,
  ) {
    const { extentKm } = scenario.theatre;
    const grid = new SpatialGrid(
      extentKm,
      Math.max(1, (2 * Math.max(extentKm.x, extentKm.y)) / GRID_CELLS_PER_AXIS),
    );
    grid.bruteForce = bruteForce;
    this.ctx = {
      scenario,
      cat: new CatalogueIndex(scenario),
      world,
      rng,
      grid,
      ids: indexWorld(world),
      rules: composeRules(extensions),
      scratch: new Scratch(),
      extensions,
      derived: {},
      events: [],
      t0: world.clock,
      t1: world.clock,
    };
    this.pipeline = buildPipeline(extensions);
  }

  /** For setup code that must run with the engine's context (round 1's start). */
  get context(): SimContext {
    return this.ctx;
  }

  get seed(): number {
    return this.ctx.world.seed;
  }
  get phase(): SimPhase {
    return this.ctx.world.phase;
  }
  get round(): number {
    return this.ctx.world.round;
  }
  get clock(): number {
    return this.ctx.world.clock;
  }

  apply(command: Command): CommandResult {
    const ctx = this.ctx;
    ctx.events = [];
    ctx.t0 = ctx.world.clock;
    ctx.t1 = ctx.world.clock;
    return applyCommand(ctx, command);
  }

  step(): SimEvent[] {
    const { ctx } = this;
    const world = ctx.world;
    if (world.phase !== "live") return [];
    ctx.events = [];
    ctx.t0 = world.clock;
    world.stepNo++;
    world.clock = world.stepNo * STEP_SEC;
    ctx.t1 = world.clock;
    for (const phase of this.pipeline) phase.run(ctx);
    return ctx.events;
  }

  view(perspective: Perspective): SideView {
    return buildView(this.ctx, perspective);
  }

  summary(): MatchSummary {
    return matchSummary(this.ctx);
  }

  snapshot(): WorldSnapshot {
    return takeSnapshot(this.ctx.world, this.ctx.rng.state());
  }

  /** Switch brute-force spatial queries on or off (benchmark); never changes results. */
  set bruteForceQueries(on: boolean) {
    this.ctx.grid.bruteForce = on;
  }
}
