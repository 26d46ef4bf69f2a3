import type { CompiledScenario } from "../../../shared/compiled.js";
import type { ThreatClass } from "../../../shared/scenario.js";
import type { MatchSummary, SimEvent } from "../../../sim/api.js";
import { loadScenario } from "../../scenarios/loader.js";
import type { SimArgs } from "../args.js";
import { matchRunner } from "../batch.js";
import { type RunFigures, runFigures } from "./figures.js";
import { type RunConfig, TARGET_GROUPS } from "./plan.js";

/** One lessons run: a configuration played with a seed, reduced to its figures (in a worker thread). */

export interface Task {
  config: RunConfig;
  seed: number;
}

export function argsFor(config: RunConfig, seed = 1): SimArgs {
  return {
    scenario: config.scenario,
    seed,
    attacker: config.attacker,
    defender: config.defender,
    rounds: config.rounds,
    variants: config.variants ?? [],
    sets: [],
    json: false,
    help: false,
  };
}

/** The escalation a scenario calls a crisis: its match-ending threshold, else its highest one. */
export function crisisThreshold(scenario: CompiledScenario): number {
  const levels = scenario.escalation.triggers.flatMap((t) =>
    t.when.kind === "escalation-at-least" ? [{ value: t.when.value, ends: t.then.kind === "end-match" }] : [],
  );
  const ending = levels.filter((l) => l.ends);
  const pool = ending.length > 0 ? ending : levels;
  return pool.length > 0 ? Math.min(...pool.map((l) => l.value)) : Number.POSITIVE_INFINITY;
}

interface Runner {
  play(seed: number): MatchSummary;
  /** Launches and impacts of the run being played (all the group figures need). */
  events: SimEvent[];
  classOf: Record<string, ThreatClass>;
}

const runners = new Map<string, Runner>();

function runnerFor(config: RunConfig): Runner {
  let runner = runners.get(config.id);
  if (!runner) {
    const events: SimEvent[] = [];
    const keep = (batch: readonly SimEvent[]) => {
      for (const e of batch) if (e.type === "launch" || e.type === "impact") events.push(e);
    };
    const threats = loadScenario(config.scenario).catalogue.threats;
    const classOf = Object.fromEntries(Object.entries(threats).map(([id, t]) => [id, t.class]));
    runner = { play: matchRunner(argsFor(config), { onEvents: keep }), events, classOf };
    runners.set(config.id, runner);
  }
  return runner;
}

export function runTask(task: Task): RunFigures {
  const runner = runnerFor(task.config);
  runner.events.length = 0;
  const summary = runner.play(task.seed);
  return runFigures(summary, runner.events, TARGET_GROUPS[task.config.scenario] ?? {}, runner.classOf);
}
