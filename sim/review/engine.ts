import { createSimulation, restoreSimulation } from "../index.js";
import type { Engine } from "./replay.js";

/** The real simulation engine, as replays and recovery use it. */
export const realEngine: Engine = {
  createSimulation: (scenario, seed) => createSimulation(scenario, seed),
  restoreSimulation: (scenario, snapshot) => restoreSimulation(scenario, snapshot),
};
