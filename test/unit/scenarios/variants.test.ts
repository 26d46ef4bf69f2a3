import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario, ScenarioError } from "../../../server/scenarios/loader.js";

/** Scenario variants: named configurations, checked with the file, applied in order before overrides. */

const SCENARIOS = join(import.meta.dirname, "../../../server/scenarios");
const dir = mkdtempSync(join(tmpdir(), "skyshield-variants-"));

/** A copy of the training range with the given variants, written to a file. */
function withVariants(variants: unknown[]): string {
  const raw = JSON.parse(readFileSync(join(SCENARIOS, "training-range.json"), "utf8"));
  raw.variants = variants;
  const file = join(dir, `training-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(raw));
  return file;
}

const variant = (id: string, set: Record<string, unknown>) => ({ id, title: id, description: id, set });

function failure(load: () => unknown): ScenarioError {
  try {
    load();
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error("expected a ScenarioError");
}

describe("scenario variants", () => {
  it("every built-in scenario's variants load, alone and all together", () => {
    for (const id of ["wide-front", "compact-shield", "training-range"]) {
      const variants = loadScenario(id).variants ?? [];
      for (const v of variants)
        expect(() => loadScenario(id, { variants: [v.id] }), `${id}/${v.id}`).not.toThrow();
      expect(() => loadScenario(id, { variants: variants.map((v) => v.id) })).not.toThrow();
    }
    expect(loadScenario("wide-front").variants?.map((v) => v.id)).toEqual(
      expect.arrayContaining(["black-sea-open", "poland-buffer", "no-resupply", "no-long-range-sams"]),
    );
  });

  it("apply their settings, in order, before --set overrides", () => {
    const shipped = loadScenario("wide-front");
    const seaIndex = shipped.theatre.regions.findIndex((r) => r.id === "black-sea");
    expect(shipped.theatre.regions[seaIndex].accessible).toBe(false);
    expect(
      loadScenario("wide-front", { variants: ["black-sea-open"] }).theatre.regions[seaIndex].accessible,
    ).toBe(true);
    const both = loadScenario("wide-front", {
      variants: ["black-sea-open"],
      overrides: [{ path: `theatre.regions.${seaIndex}.accessible`, value: false }],
    });
    expect(both.theatre.regions[seaIndex].accessible).toBe(false);
    // The cached scenario as shipped is untouched.
    expect(loadScenario("wide-front").theatre.regions[seaIndex].accessible).toBe(false);
  });

  it("an unknown variant names the known ones", () => {
    const error = failure(() => loadScenario("compact-shield", { variants: ["no-such-thing"] }));
    expect(error.message).toContain("unknown variant 'no-such-thing'");
    expect(error.message).toContain("'mediterranean-closed'");
  });

  it("a file's variants are checked when it loads, every problem at once", () => {
    const file = withVariants([
      variant("typo", { "rounds.0.budget": 5 }),
      variant("wrong-type", { "rounds.0.durationSec": "long" }),
      variant("broken-reference", { "launchZones.0.threatTypes.0": "nothing" }),
      variant("first", { "nations.0.roe": "buffer:5" }),
      variant("second", { "nations.0": { id: "southvale", name: "Southvale", roe: "none" } }),
    ]);
    const error = failure(() => loadScenario(file));
    const lines = error.issues.map((i) => `${i.path}: ${i.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /variants\[0\] 'typo'\.set\.rounds\.0\.budget: cannot override: no field 'budget'/,
        ),
        expect.stringMatching(/variants\[1\] 'wrong-type': rounds\.0\.durationSec: /),
        expect.stringMatching(
          /variants\[2\] 'broken-reference': launchZones\.0\.threatTypes\.0: unknown threat type/,
        ),
        expect.stringMatching(
          /variants 'second'\.set\.nations\.0: also set by variant 'first' \(nations\.0\.roe\)/,
        ),
      ]),
    );
    expect(lines).toHaveLength(4);
  });
});
