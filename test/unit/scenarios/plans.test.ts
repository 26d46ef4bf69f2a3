import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkPlan,
  loadDefaultPlans,
  loadPlanFile,
  loadScenario,
  parseOverride,
  resolvePlan,
  ScenarioError,
} from "../../../server/scenarios/loader.js";
import { AttackerPlan, DefenderPlan } from "../../../shared/plan.js";

const training = loadScenario("training-range");
const wide = loadScenario("wide-front");
const compact = loadScenario("compact-shield");

const salvo = (changes: Record<string, unknown>) =>
  AttackerPlan.parse({
    side: "attacker",
    salvos: [
      {
        round: 1,
        zone: "launch-site",
        threatType: "shahed",
        count: 2,
        launchAtSec: 0,
        target: "riverton",
        ...changes,
      },
    ],
  });
const deployment = (changes: Record<string, unknown>) =>
  DefenderPlan.parse({ side: "defender", deployments: [{ type: "gun", at: { x: 0, y: 20 }, ...changes }] });

function messages(issues: { path: string; message: string }[]): string[] {
  return issues.map((issue) => `${issue.path}: ${issue.message}`);
}

describe("checkPlan", () => {
  it("accepts a sound plan", () => {
    expect(checkPlan(salvo({}), training)).toEqual([]);
    expect(checkPlan(deployment({}), training)).toEqual([]);
  });

  it("reports unknown zones, targets and threat types, and threats a zone cannot launch", () => {
    expect(messages(checkPlan(salvo({ zone: "moon" }), training))).toContain(
      "salvos[0].zone: unknown launch zone 'moon'",
    );
    expect(messages(checkPlan(salvo({ target: "atlantis" }), training))).toContain(
      "salvos[0].target: unknown asset 'atlantis'",
    );
    expect(messages(checkPlan(salvo({ threatType: "ufo" }), training))).toContain(
      "salvos[0].threatType: unknown threat type 'ufo'",
    );
    expect(messages(checkPlan(salvo({ threatType: "kh-101" }), training))).toContain(
      "salvos[0].threatType: 'kh-101' cannot launch from 'launch-site' (shahed, gerbera)",
    );
  });

  it("reports routes beyond a threat's range and launches after the round", () => {
    const farAway = salvo({
      threatType: "gerbera",
      waypoints: Array.from({ length: 8 }, (_, i) => ({ x: i % 2 ? -140 : 140, y: 0 })),
    });
    expect(messages(checkPlan(farAway, training)).join()).toMatch(
      /salvos\[0\]: the route is \d+ km, beyond the 800 km range/,
    );
    expect(messages(checkPlan(salvo({ launchAtSec: 5000 }), training))).toContain(
      "salvos[0].launchAtSec: 5000 s is after the end of round 1 (1200 s)",
    );
    expect(messages(checkPlan(salvo({ round: 2 }), training))).toContain(
      "salvos[0].round: round 2 does not exist (the scenario has 1)",
    );
  });

  it("keeps spending within the budgets, counting carried-over money", () => {
    const tooMany = salvo({ count: 100 });
    expect(messages(checkPlan(tooMany, training))).toContain(
      "salvos: by round 1 the plan spends $3.5M, over the $2.5M budget",
    );
    const defender = DefenderPlan.parse({
      side: "defender",
      deployments: [{ type: "medium-sam", at: { x: 0, y: 20 } }],
      resupply: [{ round: 1, layer: "medium-sam", count: 40 }],
    });
    expect(messages(checkPlan(defender, training))).toContain(
      "deployments: by round 1 the plan spends $60M, over the $50M budget",
    );
  });

  it("keeps deployments on the defender's ground and ships at sea", () => {
    expect(messages(checkPlan(deployment({ at: { x: 100, y: 0 } }), training))).toContain(
      "deployments[0].at: (x 100.0, y 0.0 km) is in region 'eastreach', not land of the defender (or the sea, for ships)",
    );
    expect(messages(checkPlan(deployment({ type: "laser" }), training))).toContain(
      "deployments[0].type: unknown layer or sensor type 'laser'",
    );
    const shipOnLand = DefenderPlan.parse({
      side: "defender",
      deployments: [{ type: "naval-bmd", at: { lon: 35.2, lat: 31.5 } }],
    });
    expect(messages(checkPlan(shipOnLand, compact)).join()).toContain(
      "not a sea region of the defender (or the sea, for ships)",
    );
    const shipAtSea = DefenderPlan.parse({
      side: "defender",
      deployments: [{ type: "naval-bmd", at: { lon: 34.0, lat: 32.5 } }],
    });
    expect(checkPlan(shipAtSea, compact)).toEqual([]);
  });

  it("reports allied doctrine for units that do not exist", () => {
    expect(messages(checkPlan({ side: "ally", doctrine: { "ghost-1": { weapons: "hold" } } }, wide))).toEqual(
      ["doctrine.ghost-1: unknown allied unit 'ghost-1'"],
    );
  });
});

describe("resolvePlan", () => {
  it("projects lon/lat points exactly as the scenario's own positions", () => {
    const plan = DefenderPlan.parse({
      side: "defender",
      deployments: [{ type: "gun", at: { lon: 30.5234, lat: 50.4501 } }],
    });
    const resolved = resolvePlan(plan, wide);
    expect(resolved.deployments[0].at).toEqual(wide.assets.find((a) => a.id === "kyiv")!.at);
    const attacker = resolvePlan(loadDefaultPlans("wide-front").attacker, wide);
    for (const s of attacker.salvos)
      for (const w of s.waypoints) expect(Object.keys(w).sort()).toEqual(["x", "y"]);
  });

  it("refuses lon/lat on a map without a centre", () => {
    const plan = DefenderPlan.parse({
      side: "defender",
      deployments: [{ type: "gun", at: { lon: 1, lat: 2 } }],
    });
    expect(() => resolvePlan(plan, training)).toThrow(
      /deployments\[0\]\.at: lon\/lat positions need theatre.center/,
    );
  });
});

describe("plan files", () => {
  const dir = mkdtempSync(join(tmpdir(), "skyshield-plans-"));

  it("load a single side's plan, naming the file on errors", () => {
    const good = join(dir, "good.json");
    writeFileSync(good, JSON.stringify({ $schema: "x", ...salvo({}) }));
    expect(loadPlanFile(good, training).side).toBe("attacker");
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ side: "attacker", salvos: [{ round: 1 }] }));
    expect(() => loadPlanFile(bad, training)).toThrow(bad);
    const wrongZone = join(dir, "zone.json");
    writeFileSync(wrongZone, JSON.stringify(salvo({ zone: "moon" })));
    expect(() => loadPlanFile(wrongZone, training)).toThrow(/salvos\[0\]\.zone: unknown launch zone 'moon'/);
  });

  it("refuse default plans of an unknown scenario", () => {
    expect(() => loadDefaultPlans("nope")).toThrow(ScenarioError);
    expect(() => loadDefaultPlans("nope")).toThrow(/unknown scenario id 'nope'/);
  });
});

describe("parseOverride", () => {
  it("reads JSON values and keeps other text as strings", () => {
    expect(parseOverride("rounds.0.defenderBudgetUsd=5e8")).toEqual({
      path: "rounds.0.defenderBudgetUsd",
      value: 5e8,
    });
    expect(parseOverride("nations.0.roe=buffer:20")).toEqual({ path: "nations.0.roe", value: "buffer:20" });
    expect(parseOverride('assets.0.at={"x":1,"y":2}')).toEqual({
      path: "assets.0.at",
      value: { x: 1, y: 2 },
    });
    expect(() => parseOverride("no-equals-sign")).toThrow(/expected path=value/);
  });
});
