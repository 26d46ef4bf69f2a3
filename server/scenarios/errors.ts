import type { z } from "zod";

/** One problem in a scenario or plan file: where (a path like `launchZones[2].threatTypes[0]`) and why. */
export interface ScenarioIssue {
  path: string;
  message: string;
}

/** Thrown when a scenario or plan cannot be loaded; the message names the source and every failing path. */
export class ScenarioError extends Error {
  readonly issues: ScenarioIssue[];

  constructor(source: string, issues: ScenarioIssue[]) {
    const lines = issues.map((issue) =>
      issue.path ? `  ${issue.path}: ${issue.message}` : `  ${issue.message}`,
    );
    const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    super(`${source}: ${count}\n${lines.join("\n")}`);
    this.name = "ScenarioError";
    this.issues = issues;
  }
}

/** `["launchZones", 2, "threatTypes", 0]` → `launchZones[2].threatTypes[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else text += text ? `.${String(key)}` : String(key);
  }
  return text;
}

type ZodIssue = z.core.$ZodIssue;

/** Zod's issues as readable scenario issues (unions report the alternative that came closest). */
export function zodIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): ScenarioIssue[] {
  return error.issues.flatMap((issue) => describeIssue(issue, prefix));
}

function describeIssue(issue: ZodIssue, prefix: readonly PropertyKey[]): ScenarioIssue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const closest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
    return closest.flatMap((inner) => describeIssue(inner, path));
  }
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ path: formatPath([...path, key]), message: "unknown field" }));
  }
  if (issue.code === "invalid_type" && issue.message.endsWith("received undefined")) {
    return [{ path: formatPath(path), message: `missing (expected ${issue.expected})` }];
  }
  return [{ path: formatPath(path), message: issue.message }];
}
