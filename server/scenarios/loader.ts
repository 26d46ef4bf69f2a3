import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import type { CompiledScenario } from "../../shared/compiled.js";
import { assertNever } from "../../shared/never.js";
import { DefaultPlans, Plan } from "../../shared/plan.js";
import { Scenario } from "../../shared/scenario.js";
import { compileScenario } from "./compile.js";
import { ScenarioError, type ScenarioIssue, zodIssues } from "./errors.js";
import { applyOverrides, type Override } from "./overrides.js";
import { checkPlacement } from "./placement.js";
import { checkPlan } from "./plans.js";
import { checkReferences } from "./references.js";
import { checkVariants, variantOverrides } from "./variants.js";

/**
 * Scenario and plan loading. Built-in scenarios are `<id>.json` files next to this module, with their
 * default plans in `<id>.plans.json`. A scenario goes through: JSON → the chosen variants' settings →
 * overrides → zod schema → cross-references and every variant's own check → compilation to km →
 * placement checks. Any failure throws a ScenarioError naming the file and every failing path; nothing
 * half-loaded escapes.
 */

export type {
  ResolvedAttackerPlan,
  ResolvedDefenderPlan,
  ResolvedDeployment,
  ResolvedPlan,
  ResolvedSalvo,
} from "../../shared/plan.js";
export { ScenarioError, type ScenarioIssue } from "./errors.js";
export { type Override, parseOverride } from "./overrides.js";
export { checkPlan, resolvePlan } from "./plans.js";

const SCENARIO_DIR = dirname(fileURLToPath(import.meta.url));
const PLANS_SUFFIX = ".plans.json";

export interface ScenarioListing {
  id: string;
  name: string;
  description: string;
}

let listing: ScenarioListing[] | undefined;
/** Compiled built-ins as JSON text: parsing it back is the fastest way to hand out a private copy. */
const compiledBuiltIns = new Map<string, string>();
const defaultPlans = new Map<string, DefaultPlans>();

function builtInIds(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((file) => file.endsWith(".json") && !file.endsWith(PLANS_SUFFIX))
    .map((file) => basename(file, ".json"))
    .sort();
}

/** The built-in scenarios (id, name, description), sorted by id. Unreadable files are left out. */
export function listScenarios(): ScenarioListing[] {
  if (!listing) {
    listing = builtInIds().flatMap((id) => {
      try {
        const raw = readJson(join(SCENARIO_DIR, `${id}.json`), "scenario") as Partial<ScenarioListing>;
        return [{ id, name: String(raw.name ?? id), description: String(raw.description ?? "") }];
      } catch {
        return [];
      }
    });
  }
  return listing.map((entry) => ({ ...entry }));
}

function unknownScenario(id: string): ScenarioError {
  const known = builtInIds()
    .map((k) => `'${k}'`)
    .join(", ");
  return new ScenarioError(`scenario '${id}'`, [
    {
      path: "",
      message: `unknown scenario id '${id}'. Known ids: ${known} (or give a path to a .json file)`,
    },
  ]);
}

function readJson(file: string, what: string): unknown {
  const source = `${what} file ${file}`;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : String(error);
    throw new ScenarioError(source, [{ path: "", message: reason }]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(source, [{ path: "", message: `not valid JSON: ${(error as Error).message}` }]);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ScenarioError(source, [{ path: "", message: "expected a JSON object" }]);
  }
  // `$schema` points editors at the JSON Schema; it is not part of the format.
  const { $schema: _schema, ...rest } = raw as Record<string, unknown>;
  return rest;
}

function parseOrThrow<T>(schema: z.ZodType<T>, raw: unknown, source: string): T {
  const result = schema.safeParse(raw);
  if (!result.success) throw new ScenarioError(source, zodIssues(result.error));
  return result.data;
}

function throwIfAny(issues: ScenarioIssue[], source: string): void {
  if (issues.length > 0) throw new ScenarioError(source, issues);
}

/** What a load asks for beyond the file itself: variants (by id, in order), then overrides. */
export interface LoadOptions {
  variants?: readonly string[];
  overrides?: readonly Override[];
}

function compileFile(file: string, options: LoadOptions, builtInId?: string): CompiledScenario {
  const source = `scenario file ${file}`;
  const base = readJson(file, "scenario");
  const chosen = variantOverrides(base, options.variants ?? [], source);
  const raw = applyOverrides(base, [...chosen, ...(options.overrides ?? [])], source);
  const scenario = parseOrThrow(Scenario, raw, source);
  if (builtInId && scenario.id !== builtInId) {
    throw new ScenarioError(source, [
      { path: "id", message: `'${scenario.id}' does not match the file name '${builtInId}.json'` },
    ]);
  }
  throwIfAny([...checkReferences(scenario), ...checkVariants(base)], source);
  const { compiled, issues } = compileScenario(scenario);
  throwIfAny(issues, source);
  throwIfAny(checkPlacement(compiled!), source);
  return compiled!;
}

function isBuiltIn(id: string): boolean {
  return builtInIds().includes(id);
}

function looksLikePath(idOrPath: string): boolean {
  return /[\\/]/.test(idOrPath) || idOrPath.endsWith(".json");
}

/**
 * Loads a built-in scenario by id, or a scenario file by path, with optional variants and overrides
 * (dotted paths into the raw JSON, applied before validation; the variants' first). Built-ins as shipped
 * are compiled once and cached; every call returns a fresh copy the caller may keep.
 */
export function loadScenario(
  idOrPath: string,
  overridesOrOptions: readonly Override[] | LoadOptions = [],
): CompiledScenario {
  const options = Array.isArray(overridesOrOptions)
    ? { overrides: overridesOrOptions as readonly Override[] }
    : (overridesOrOptions as LoadOptions);
  const asShipped = (options.overrides?.length ?? 0) === 0 && (options.variants?.length ?? 0) === 0;
  if (isBuiltIn(idOrPath)) {
    const file = join(SCENARIO_DIR, `${idOrPath}.json`);
    if (!asShipped) return compileFile(file, options, idOrPath);
    let json = compiledBuiltIns.get(idOrPath);
    if (!json) {
      json = JSON.stringify(compileFile(file, {}, idOrPath));
      compiledBuiltIns.set(idOrPath, json);
    }
    return JSON.parse(json) as CompiledScenario;
  }
  if (looksLikePath(idOrPath)) return compileFile(resolve(idOrPath), options);
  throw unknownScenario(idOrPath);
}

function prefixed(issues: ScenarioIssue[], prefix: string): ScenarioIssue[] {
  return issues.map((issue) => ({
    path: issue.path ? `${prefix}.${issue.path}` : prefix,
    message: issue.message,
  }));
}

/** The default plans of a built-in scenario, validated and checked against it (budgets, ids, places). */
export function loadDefaultPlans(id: string): DefaultPlans {
  if (!isBuiltIn(id)) throw unknownScenario(id);
  let plans = defaultPlans.get(id);
  if (!plans) {
    const file = join(SCENARIO_DIR, `${id}${PLANS_SUFFIX}`);
    const source = `plans file ${file}`;
    plans = parseOrThrow(DefaultPlans, readJson(file, "plans"), source);
    const compiled = loadScenario(id);
    const sides = [plans.attacker, plans.defender, ...(plans.ally ? [plans.ally] : [])];
    const alternatives = Object.entries(plans.alternatives ?? {});
    throwIfAny(
      [
        ...sides.flatMap((plan) => prefixed(checkPlan(plan, compiled), plan.side)),
        ...alternatives.flatMap(([name, named]) =>
          prefixed(checkPlan(named.plan, compiled), `alternatives.${name}.plan`),
        ),
      ],
      source,
    );
    defaultPlans.set(id, plans);
  }
  return structuredClone(plans);
}

/** The part of a plan for the first `rounds` rounds (deployments, purchases, salvos of later ones go). */
export function planForRounds(plan: Plan, rounds: number): Plan {
  switch (plan.side) {
    case "defender":
      return {
        ...plan,
        deployments: plan.deployments.filter((d) => d.round <= rounds),
        resupply: plan.resupply.filter((r) => r.round <= rounds),
      };
    case "attacker":
      return { ...plan, salvos: plan.salvos.filter((s) => s.round <= rounds) };
    case "ally":
      return plan;
    default:
      return assertNever(plan, "plan");
  }
}

/**
 * A single-side plan file (attacker, defender or ally), validated and checked against the scenario.
 * With `keepRounds`, the plan's later rounds are dropped first (a match played for fewer rounds).
 */
export function loadPlanFile(path: string, compiled: CompiledScenario, keepRounds?: number): Plan {
  const file = resolve(path);
  const source = `plan file ${file}`;
  const parsed = parseOrThrow(Plan, readJson(file, "plan"), source);
  const plan = keepRounds === undefined ? parsed : planForRounds(parsed, keepRounds);
  throwIfAny(checkPlan(plan, compiled), source);
  return plan;
}
