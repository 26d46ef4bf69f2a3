import type { CompiledScenario } from "../../shared/compiled.js";
import type { DefaultPlans } from "../../shared/plan.js";
import { listScenarios, loadDefaultPlans, loadScenario } from "./loader.js";

/**
 * Where rooms and the HTTP API get scenarios: the built-in loader, compiled once per id and cached (the
 * Natural Earth projection is not free). Tests and benches may wrap it, e.g. to apply overrides.
 */
export interface ScenarioListing {
  id: string;
  name: string;
  description: string;
  rounds: number;
  seats: CompiledScenario["seats"];
}

export interface ScenarioSource {
  list(): ScenarioListing[];
  /** Undefined for an id that is not a listed scenario. */
  load(id: string): CompiledScenario | undefined;
  /** Undefined when the scenario has no default plans; throws when its plans file is broken. */
  defaultPlans(id: string): DefaultPlans | undefined;
}

export type ScenarioOverrides = Record<string, { path: string; value: unknown }[]>;

export function builtInScenarios(overrides: ScenarioOverrides = {}): ScenarioSource {
  const compiled = new Map<string, CompiledScenario>();
  const plans = new Map<string, DefaultPlans>();
  const known = () => new Set(listScenarios().map((s) => s.id));

  const load = (id: string): CompiledScenario | undefined => {
    if (!known().has(id)) return undefined;
    let scenario = compiled.get(id);
    if (!scenario) {
      scenario = loadScenario(id, overrides[id]);
      compiled.set(id, scenario);
    }
    return scenario;
  };

  return {
    list: () =>
      listScenarios().flatMap((entry) => {
        const scenario = load(entry.id);
        return scenario ? [{ ...entry, rounds: scenario.rounds.length, seats: scenario.seats }] : [];
      }),
    load,
    defaultPlans: (id) => {
      if (!known().has(id)) return undefined;
      let loaded = plans.get(id);
      if (!loaded) {
        loaded = loadDefaultPlans(id);
        plans.set(id, loaded);
      }
      return loaded;
    },
  };
}
