import type { CompiledScenario } from "../../shared/compiled.js";
import type { DefaultPlans } from "../../shared/plan.js";
import { listScenarios, loadDefaultPlans, loadScenario, ScenarioError } from "./loader.js";

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
  /**
   * The scenario with its variants applied in order; undefined for an id that is not a listed scenario.
   * Throws ScenarioError naming the known variants for an unknown one.
   */
  load(id: string, variants?: readonly string[]): CompiledScenario | undefined;
  /** Undefined when the scenario has no default plans; throws when its plans file is broken. */
  defaultPlans(id: string): DefaultPlans | undefined;
}

/** Compiled scenarios kept (each id as shipped, and the variant sets matches asked for). */
const MAX_CACHED_SCENARIOS = 32;

export type ScenarioOverrides = Record<string, { path: string; value: unknown }[]>;

export function builtInScenarios(overrides: ScenarioOverrides = {}): ScenarioSource {
  const compiled = new Map<string, CompiledScenario>();
  const plans = new Map<string, DefaultPlans>();
  const known = () => new Set(listScenarios().map((s) => s.id));

  const load = (id: string, variants: readonly string[] = []): CompiledScenario | undefined => {
    if (!known().has(id)) return undefined;
    const key = [id, ...variants].join(" ");
    let scenario = compiled.get(key);
    if (!scenario) {
      scenario = loadScenario(id, { variants, overrides: overrides[id] });
      // Variant sets come from clients: keep the cache bounded, forgetting the oldest first.
      if (compiled.size >= MAX_CACHED_SCENARIOS) compiled.delete(compiled.keys().next().value ?? "");
      compiled.set(key, scenario);
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

/**
 * The scenario a match asks for, with its variants, or what is wrong with the request in words for the
 * client (an unknown scenario or variant, naming the known ones).
 */
export function scenarioForMatch(
  source: ScenarioSource,
  id: string,
  variants: readonly string[],
): { ok: true; scenario: CompiledScenario } | { ok: false; message: string } {
  try {
    const scenario = source.load(id, variants);
    if (scenario) return { ok: true, scenario };
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return { ok: false, message: error.issues.map((issue) => issue.message).join("; ") };
  }
  const known = source.list().map((s) => s.id);
  return { ok: false, message: `unknown scenario '${id}' (known: ${known.join(", ")})` };
}
