import { z } from "zod";
import { Scenario, Variant } from "../../shared/scenario.js";
import { ScenarioError, type ScenarioIssue, zodIssues } from "./errors.js";
import { type Override, overridden } from "./overrides.js";
import { checkReferences } from "./references.js";

/**
 * Scenario variants: named configurations a lesson compares (`variants: [{id, title, description, set}]`,
 * `set` using the `--set` path syntax). A scenario file is checked with all of its variants, every
 * problem at once: a path that does not exist, a value of the wrong type or one that breaks a reference,
 * and two variants setting the same field (variants are meant to combine, so they may not overlap).
 */

const Variants = z.array(Variant);

/** The variants a raw (not yet validated) scenario declares; none when they do not parse. */
function declared(raw: unknown): Variant[] {
  const parsed = Variants.safeParse((raw as { variants?: unknown } | null)?.variants ?? []);
  return parsed.success ? parsed.data : [];
}

const overridesOf = (variant: Variant): Override[] =>
  Object.entries(variant.set).map(([path, value]) => ({ path, value }));

/** The overrides of the named variants, in the order named; throws naming the known ones for an unknown id. */
export function variantOverrides(raw: unknown, ids: readonly string[], source: string): Override[] {
  const variants = declared(raw);
  const unknown = ids.filter((id) => !variants.some((v) => v.id === id));
  if (unknown.length > 0) {
    const known = variants.map((v) => `'${v.id}'`).join(", ") || "none";
    throw new ScenarioError(
      source,
      unknown.map((id) => ({ path: "--variant", message: `unknown variant '${id}' (known: ${known})` })),
    );
  }
  return ids.flatMap((id) => overridesOf(variants.find((v) => v.id === id)!));
}

/** `theatre.regions[9].accessible` → `theatre.regions.9.accessible`: issue paths in the `set` syntax. */
const dotted = (path: string) => path.replace(/\[(\d+)\]/g, ".$1");

const within = (path: string, field: string) => path === field || path.startsWith(`${field}.`);

/** The schema and reference problems of a raw scenario, as `path: message` lines. */
function problemLines(raw: unknown): { path: string; message: string; line: string }[] {
  const parsed = Scenario.safeParse(raw);
  const issues = parsed.success ? checkReferences(parsed.data) : zodIssues(parsed.error);
  return issues.map((issue) => ({ ...issue, line: `${issue.path}: ${issue.message}` }));
}

/** What the variant breaks: paths it cannot set, and problems the file does not have without it. */
function problemsOf(raw: unknown, base: Set<string>, variant: Variant, index: number): ScenarioIssue[] {
  const prefix = `variants[${index}] '${variant.id}'`;
  const { copy, issues } = overridden(raw, overridesOf(variant));
  if (issues.length > 0) return issues.map((i) => ({ path: `${prefix}.set.${i.path}`, message: i.message }));
  return problemLines(copy)
    .filter((issue) => !base.has(issue.line))
    .map((issue) => ({ path: `${prefix}: ${dotted(issue.path)}`, message: issue.message }));
}

/** Every problem of the variants a raw scenario declares (the rest of the file is checked elsewhere). */
export function checkVariants(raw: unknown): ScenarioIssue[] {
  const variants = declared(raw);
  if (variants.length === 0) return [];
  const base = new Set(problemLines(raw).map((issue) => issue.line));
  const issues = variants.flatMap((variant, i) => problemsOf(raw, base, variant, i));
  const owner = new Map<string, string>();
  variants.forEach((variant) => {
    for (const field of Object.keys(variant.set)) {
      for (const [other, id] of owner) {
        if (id !== variant.id && (within(field, other) || within(other, field)))
          issues.push({
            path: `variants '${variant.id}'.set.${field}`,
            message: `also set by variant '${id}' (${other}): variants may not touch the same field`,
          });
      }
      owner.set(field, variant.id);
    }
  });
  return issues;
}
