import { ScenarioError, type ScenarioIssue } from "./errors.js";

/** A change to a scenario file before validation, e.g. `{path: "rounds.0.defenderBudgetUsd", value: 5e8}`. */
export interface Override {
  path: string;
  value: unknown;
}

/** Parses the CLI's `--set path=value`; the value is JSON when it parses as JSON, otherwise a string. */
export function parseOverride(arg: string): Override {
  const at = arg.indexOf("=");
  if (at <= 0) throw new ScenarioError("--set", [{ path: arg, message: "expected path=value" }]);
  const text = arg.slice(at + 1);
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON: keep the raw text (e.g. an ROE such as buffer:20).
  }
  return { path: arg.slice(0, at), value };
}

/**
 * A copy of the raw scenario JSON with the overrides applied, and a problem for each path that does not
 * exist (a typo must not silently add an ignored field).
 */
export function overridden(
  raw: unknown,
  overrides: readonly Override[],
): { copy: unknown; issues: ScenarioIssue[] } {
  if (overrides.length === 0) return { copy: raw, issues: [] };
  const copy = structuredClone(raw);
  const issues: ScenarioIssue[] = [];
  for (const override of overrides) {
    const problem = setAtPath(copy, override.path, override.value);
    if (problem) issues.push({ path: override.path, message: `cannot override: ${problem}` });
  }
  return { copy, issues };
}

/** Applies overrides to a copy of the raw scenario JSON; throws naming every path that does not exist. */
export function applyOverrides(raw: unknown, overrides: readonly Override[], source: string): unknown {
  const { copy, issues } = overridden(raw, overrides);
  if (issues.length > 0) throw new ScenarioError(source, issues);
  return copy;
}

/** Sets the value and returns undefined, or returns why the path does not exist. */
function setAtPath(root: unknown, path: string, value: unknown): string | undefined {
  const keys = path.split(".");
  if (keys.some((key) => key === "")) return "empty path segment";
  let node: unknown = root;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const where = keys.slice(0, i).join(".") || "the scenario";
    if (typeof node !== "object" || node === null) return `'${where}' is not an object or array`;
    if (!Object.hasOwn(node, key) || (Array.isArray(node) && !/^\d+$/.test(key))) {
      return `no field '${key}' in '${where}'`;
    }
    const container = node as Record<string, unknown>;
    if (i === keys.length - 1) container[key] = value;
    else node = container[key];
  }
  return undefined;
}
