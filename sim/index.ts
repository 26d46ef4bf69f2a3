import type { CompiledScenario } from "../shared/compiled.js";
import type { Simulation, WorldSnapshot } from "./api.js";
import { CatalogueIndex } from "./catalogue.js";
import { DEFAULT_EXTENSIONS } from "./extensions.js";
import { topUpMagazines } from "./phases.js";
import { Rng } from "./rng.js";
import { type SimOptions, SimulationEngine } from "./simulation.js";
import { readSnapshot } from "./snapshot.js";
import { scenarioUnits } from "./units.js";
import { emptyWorld } from "./world.js";

/**
 * The simulation's entry points. A match is `createSimulation(scenario, seed)` plus its ordered
 * commands; `restoreSimulation` continues one from a snapshot exactly.
 */

export type * from "./api.js";
export { STEP_SEC } from "./api.js";
export type { RoeVerdict, SimContext, SimExtension, SimRules, StepPhase } from "./context.js";
export { DEFAULT_EXTENSIONS } from "./extensions.js";
export { GRACE_SEC } from "./phases.js";
export { planCommands } from "./plans.js";
export type { SimOptions } from "./simulation.js";

/**
 * A new match in round 1's planning phase: round 1's budgets and at-once resupply (the world starts as
 * the campaign's round 1), the scenario's units placed, their launchers loaded from the depot.
 */
export function createSimulation(
  scenario: CompiledScenario,
  seed: number,
  options: SimOptions = {},
): Simulation {
  const world = emptyWorld(scenario, seed);
  world.units = scenarioUnits(scenario, new CatalogueIndex(scenario));
  const engine = new SimulationEngine(
    scenario,
    world,
    Rng.fromSeed(seed),
    options.extensions ?? DEFAULT_EXTENSIONS,
    options.bruteForceQueries ?? false,
  );
  topUpMagazines(engine.context);
  for (const extension of engine.context.extensions) extension.onPhase?.(engine.context, "planning");
  return engine;
}

/** Continue a match from a snapshot of the same scenario. Throws if the snapshot is malformed. */
export function restoreSimulation(
  scenario: CompiledScenario,
  snapshot: WorldSnapshot,
  options: SimOptions = {},
): Simulation {
  const { world, rngState } = readSnapshot(snapshot);
  return new SimulationEngine(
    scenario,
    world,
    Rng.fromState(rngState),
    options.extensions ?? DEFAULT_EXTENSIONS,
    options.bruteForceQueries ?? false,
  );
}
