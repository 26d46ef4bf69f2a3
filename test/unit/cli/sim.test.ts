import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sim, simProcess } from "./run-sim.js";

/**
 * `npm run sim`: its output, and its refusal (exit code 2) of bad input. Most cases run the command in
 * this process; the process itself is run where only it can show the contract (stdout, exit code).
 */

const FIELDS = [
  "scenario",
  "seed",
  "rounds",
  "threats_launched",
  "threats_intercepted",
  "threats_leaked",
  "threats_crashed",
  "leak_rate",
  "decoys_engaged",
  "defender_spend_usd",
  "attacker_spend_usd",
  "cost_exchange",
  "casualties",
  "blackout_population_hours",
  "incidents",
  "escalation",
  "interceptors_left",
  "by_class",
  "intercepted_by",
  "layers",
  "decoys_launched",
  "decoy_spend_usd",
  "warning_sec",
  "incidents_by_nation",
];
const ROUND_FIELDS = FIELDS.filter((f) => !["scenario", "seed", "rounds"].includes(f));

const tmp = mkdtempSync(join(tmpdir(), "skyshield-cli-"));
const file = (name: string, content: unknown) => {
  const path = join(tmp, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
};

describe("npm run sim", () => {
  it("--json prints exactly one JSON object with every summary field, per round too", async () => {
    const { code, stdout } = await simProcess("--scenario", "training-range", "--seed", "3", "--json");
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    for (const field of FIELDS) expect(summary).toHaveProperty(field);
    expect(summary).toMatchObject({ scenario: "training-range", seed: 3, rounds: 1 });
    expect(summary.threats_launched).toBeGreaterThan(0);
    expect(summary.per_round).toHaveLength(1);
    for (const field of ROUND_FIELDS) expect(summary.per_round[0]).toHaveProperty(field);
  });

  it("prints a readable after-action table by default, money in $M/$k", async () => {
    const { code, stdout } = await sim("--scenario", "training-range", "--seed", "3");
    expect(code).toBe(0);
    expect(stdout).toContain("after-action summary");
    expect(stdout).toMatch(/threats launched\s+\d+\s+\d+/);
    expect(stdout).toMatch(/defender spend\s+\$[\d.]+[kMB]/);
  });

  it("plays the same match from the same seed and overrides, a different one from another", async () => {
    const a = await sim(
      "--scenario",
      "training-range",
      "--seed",
      "5",
      "--json",
      "--set",
      "rounds.0.durationSec=1500",
    );
    const b = await sim(
      "--scenario",
      "training-range",
      "--seed",
      "5",
      "--json",
      "--set",
      "rounds.0.durationSec=1500",
    );
    const c = await sim(
      "--scenario",
      "training-range",
      "--seed",
      "6",
      "--json",
      "--set",
      "rounds.0.durationSec=1500",
    );
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(c.stdout).seed).toBe(6);
    expect({ ...JSON.parse(c.stdout), seed: 5 }).not.toEqual(JSON.parse(a.stdout));
  });

  it("--json names the breakdowns scripts rely on: by class, by nation, by layer, decoys and warning", async () => {
    const { stdout } = await sim("--scenario", "training-range", "--seed", "3", "--json");
    const s = JSON.parse(stdout);
    expect(Object.keys(s.by_class)).toEqual(["drone", "decoy", "cruise", "ballistic"]);
    expect(Object.keys(s.by_class.drone)).toEqual(["launched", "intercepted", "leaked", "crashed"]);
    expect(s.intercepted_by).toHaveProperty("defender");
    expect(Object.keys(s.layers.gun)).toEqual(["shots", "kills", "spend_usd", "stock_left"]);
    expect(s.decoys_launched).toBe(s.by_class.decoy.launched);
    for (const w of Object.values(s.warning_sec))
      expect(w).toMatchObject({ mean: expect.any(Number), p10: expect.any(Number) });
    expect(s.incidents_by_nation).toEqual({ southvale: expect.any(Number) });
  });

  it("--variant applies a scenario's variant before --set; an unknown one exits 2 naming the known ones", async () => {
    const shipped = JSON.parse((await sim("--scenario", "training-range", "--seed", "4", "--json")).stdout);
    const varied = await sim(
      "--scenario",
      "training-range",
      "--seed",
      "4",
      "--json",
      "--variant",
      "trigger-happy-sam",
    );
    expect(varied.code).toBe(0);
    expect(JSON.parse(varied.stdout).layers["medium-sam"].shots).toBeGreaterThan(
      shipped.layers["medium-sam"].shots,
    );
    const unknown = await sim("--scenario", "training-range", "--seed", "4", "--variant", "nope");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown variant 'nope' \(known: 'trigger-happy-sam'\)/);
  });

  it("--events writes every event of the match as a JSON line { t, round, kind, ... }", async () => {
    const path = join(tmp, "events.jsonl");
    const { code, stdout } = await sim(
      "--scenario",
      "training-range",
      "--seed",
      "2",
      "--json",
      "--events",
      path,
    );
    expect(code).toBe(0);
    const lines = readFileSync(path, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) expect(Object.keys(line).slice(0, 3)).toEqual(["t", "round", "kind"]);
    const launches = lines.filter((l) => l.kind === "launch");
    expect(launches).toHaveLength(JSON.parse(stdout).threats_launched + JSON.parse(stdout).decoys_launched);
    expect(lines.at(-1).kind).toBe("match-end");
  });

  it("--rounds K drops a plan file's later rounds instead of refusing it", async () => {
    const plan = file("two-nights.json", {
      side: "defender",
      deployments: [
        { type: "medium-sam", at: { lon: 30.5, lat: 50.5 }, round: 1 },
        { type: "gun", at: { lon: 30.6, lat: 50.4 }, round: 3 },
      ],
    });
    const { code, stderr } = await sim(
      "--scenario",
      "wide-front",
      "--seed",
      "1",
      "--rounds",
      "1",
      "--defender",
      plan,
      "--json",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("plays a scenario's named alternative plans: plan:<name>, of the right side only", async () => {
    const raid = await sim(
      "--scenario",
      "wide-front",
      "--seed",
      "1",
      "--rounds",
      "1",
      "--attacker",
      "plan:drone-raid",
      "--json",
    );
    expect(raid.code).toBe(0);
    const s = JSON.parse(raid.stdout);
    expect(s.by_class.cruise.launched + s.by_class.ballistic.launched).toBe(0);
    const wrong = await sim("--scenario", "wide-front", "--seed", "1", "--defender", "plan:drone-raid");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/plan:drone-raid is a plan of the attacker, not of the defender/);
  });

  const bad: [string, string[], RegExp][] = [
    ["an unknown scenario id", ["--scenario", "atlantis", "--seed", "1"], /unknown scenario id 'atlantis'/],
    ["a missing scenario file", ["--scenario", "nowhere/x.json", "--seed", "1"], /file not found/],
    ["a missing seed", ["--scenario", "training-range"], /--seed: missing/],
    [
      "a seed that is not a whole number",
      ["--scenario", "training-range", "--seed", "1.5"],
      /--seed: expected a whole number/,
    ],
    ["an unknown option", ["--scenario", "training-range", "--seed", "1", "--turbo"], /arguments: .*turbo/],
    [
      "an override of a field that does not exist",
      ["--scenario", "training-range", "--seed", "1", "--set", "rounds.0.budget=5"],
      /rounds\.0\.budget: cannot override/,
    ],
    [
      "an override that fails validation",
      ["--scenario", "training-range", "--seed", "1", "--set", "rounds.0.durationSec=-5"],
      /rounds\[0\]\.durationSec/,
    ],
    [
      "more rounds than the scenario has",
      ["--scenario", "training-range", "--seed", "1", "--rounds", "3"],
      /--rounds: the scenario has 1 round/,
    ],
  ];

  it.each(bad)(
    "refuses %s: exit code 2, the path and the reason, nothing run",
    async (_what, args, message) => {
      const { code, stdout, stderr } = await sim(...args);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(stdout).toBe("");
    },
  );

  it("refuses an invalid plan file, naming the failing path", async () => {
    const plan = file("bad-attacker.json", {
      side: "attacker",
      salvos: [{ round: 1, zone: "z", threatType: "t", count: 0 }],
    });
    const { code, stdout, stderr } = await sim(
      "--scenario",
      "training-range",
      "--seed",
      "1",
      "--attacker",
      plan,
    );
    expect(code).toBe(2);
    expect(stderr).toContain(plan);
    expect(stderr).toMatch(/salvos\[0\]\.count/);
    expect(stdout).toBe("");
  });

  it("refuses a plan of the wrong side and a plan that is not JSON", async () => {
    const defender = file("defender.json", { side: "defender", deployments: [] });
    const wrongSide = await simProcess("--scenario", "training-range", "--seed", "1", "--attacker", defender);
    expect(wrongSide.code).toBe(2);
    expect(wrongSide.stderr).toMatch(/--attacker: .* is a plan of the defender, not of the attacker/);
    const garbage = await sim(
      "--scenario",
      "training-range",
      "--seed",
      "1",
      "--defender",
      file("x.json", "{ nope"),
    );
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toMatch(/not valid JSON/);
  });
});
