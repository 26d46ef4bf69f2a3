import { describe, expect, it } from "vitest";
import type { RunFigures } from "../../../server/cli/lessons/figures.js";
import { judge, type Results } from "../../../server/cli/lessons/judge.js";
import { CONFIGS, LESSONS } from "../../../server/cli/lessons/plan.js";
import { crisisThreshold } from "../../../server/cli/lessons/run.js";
import { loadScenario } from "../../../server/scenarios/loader.js";

/** How `npm run lessons` judges a claim on the seeds' 95 % intervals (plan.ts says each rule). */

const runs = (values: number[], night?: number[][]): RunFigures[] =>
  values.map((v, i) => ({ total: { x: v }, nights: (night?.[i] ?? []).map((n) => ({ x: n })) }));

const noCrisis = () => 100;

describe("judging the lessons", () => {
  const results: Results = {
    low: runs([0.1, 0.12, 0.11, 0.09]),
    high: runs([0.3, 0.31, 0.29, 0.3]),
    near: runs([0.14, 0.1, 0.18, 0.12]),
    nights: runs(
      [0],
      [
        [10, 20, 79.9],
        [5, 79, 12],
      ],
    ),
  };
  const ref = (config: string) => ({ config, figure: "x" });

  it("below / above: the intervals apart and the means at least `by` apart", () => {
    expect(judge(results, { kind: "below", a: ref("low"), b: ref("high"), by: 0.1 }, noCrisis).holds).toBe(
      true,
    );
    expect(judge(results, { kind: "below", a: ref("low"), b: ref("high"), by: 0.25 }, noCrisis).holds).toBe(
      false,
    );
    expect(judge(results, { kind: "below", a: ref("low"), b: ref("near"), by: 0 }, noCrisis).holds).toBe(
      false,
    );
    expect(judge(results, { kind: "above", a: ref("high"), b: ref("low"), by: 0 }, noCrisis).holds).toBe(
      true,
    );
  });

  it("times, at-most, at-least, no-worse and band", () => {
    expect(judge(results, { kind: "times", a: ref("high"), b: ref("low"), factor: 2 }, noCrisis).holds).toBe(
      true,
    );
    expect(judge(results, { kind: "times", a: ref("high"), b: ref("low"), factor: 3 }, noCrisis).holds).toBe(
      false,
    );
    expect(judge(results, { kind: "at-most", a: ref("low"), limit: 0.13 }, noCrisis).holds).toBe(true);
    expect(judge(results, { kind: "at-least", a: ref("high"), limit: 0.3 }, noCrisis).holds).toBe(false);
    expect(
      judge(results, { kind: "no-worse", a: ref("near"), b: ref("low"), margin: 0.05 }, noCrisis).holds,
    ).toBe(true);
    expect(judge(results, { kind: "band", a: ref("high"), low: 0.2, high: 0.29 }, noCrisis).holds).toBe(
      false,
    );
  });

  it("all-below: every night of every run under the scenario's crisis level", () => {
    const claim = { kind: "all-below" as const, a: ref("nights"), limit: "crisis" as const };
    expect(judge(results, claim, () => 80).holds).toBe(true);
    expect(judge(results, claim, () => 79.5)).toMatchObject({
      holds: false,
      target: expect.stringContaining("79.9"),
    });
  });

  it("the crisis level is the escalation that ends the match, else the highest trigger", () => {
    expect(crisisThreshold(loadScenario("wide-front"))).toBe(80);
    expect(crisisThreshold(loadScenario("compact-shield"))).toBe(60);
  });

  it("every claim names configurations that the report plays", () => {
    const ids = new Set(CONFIGS.map((c) => c.id));
    for (const { claim } of LESSONS) {
      expect(ids.has(claim.a.config), claim.a.config).toBe(true);
      if ("b" in claim) expect(ids.has(claim.b.config), claim.b.config).toBe(true);
    }
  });
});
