import { describe, expect, it } from "vitest";
import { parseSimArgs } from "../../../server/cli/args.js";
import { aggregate, leakRateSoFar, runBatch, stats } from "../../../server/cli/batch.js";
import { progressBar } from "../../../server/cli/pool.js";
import type { MatchSummary } from "../../../sim/api.js";
import { sim } from "./run-sim.js";

/** `npm run sim -- --batch N`: seeds on worker threads, statistics of every field, progress on a terminal. */

describe("batch statistics", () => {
  it("gives mean, sample stdev and the 95 % interval of the mean", () => {
    const s = stats([1, 2, 3, 4]);
    expect(s.mean).toBe(2.5);
    expect(s.stdev).toBeCloseTo(Math.sqrt(5 / 3), 12);
    const half = (1.96 * s.stdev) / 2;
    expect(s.ci95[0]).toBeCloseTo(2.5 - half, 12);
    expect(s.ci95[1]).toBeCloseTo(2.5 + half, 12);
  });

  it("covers every numeric summary field but the seed", () => {
    const runs = [
      { seed: 1, leak_rate: 0.1, scenario: "x" },
      { seed: 2, leak_rate: 0.3, scenario: "x" },
    ] as unknown as MatchSummary[];
    const result = aggregate(runs, 1);
    expect(Object.keys(result.mean)).toEqual(["leak_rate"]);
    expect(result.mean.leak_rate).toBeCloseTo(0.2, 12);
    expect(result.per_run).toBe(runs);
  });

  it("says the leak rate so far with its interval once there are two runs", () => {
    expect(leakRateSoFar([])).toBe("");
    expect(leakRateSoFar([0.2])).toBe("  leak rate so far 20.0%");
    expect(leakRateSoFar([0.1, 0.3])).toMatch(
      /^ {2}leak rate so far 20\.0% \(95%: -?\d+\.\d% to \d+\.\d%\)$/,
    );
  });

  it("draws a progress bar", () => {
    expect(progressBar(0, 4, 8)).toBe("[--------] 0/4 0%");
    expect(progressBar(3, 4, 8)).toBe("[######--] 3/4 75%");
  });
});

describe("npm run sim -- --batch", () => {
  it("plays N seeds with bots and prints every field's statistics and each run, in seed order", async () => {
    const { code, stdout, stderr } = await sim(
      "--scenario",
      "training-range",
      "--batch",
      "3",
      "--seed-start",
      "7",
      "--attacker",
      "bot:normal",
      "--defender",
      "bot:hard",
      "--json",
    );
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const result = JSON.parse(stdout);
    expect(result.runs).toBe(3);
    expect(result.per_run.map((r: MatchSummary) => r.seed)).toEqual([7, 8, 9]);
    for (const field of ["leak_rate", "cost_exchange", "damage", "threats_launched", "escalation"]) {
      const values = result.per_run.map((r: Record<string, number>) => r[field]);
      const s = stats(values);
      expect(result.mean[field]).toBeCloseTo(s.mean, 9);
      expect(result.stdev[field]).toBeCloseTo(s.stdev, 9);
      expect(result.ci95[field]).toEqual(s.ci95);
    }
    // The same seed gives the same match, batch or not.
    const single = await sim(
      "--scenario",
      "training-range",
      "--seed",
      "8",
      "--attacker",
      "bot:normal",
      "--defender",
      "bot:hard",
      "--json",
    );
    expect(JSON.parse(single.stdout)).toEqual(result.per_run[1]);
  });

  it("shows a progress bar on a terminal only", async () => {
    const written: string[] = [];
    const terminal = {
      isTTY: true,
      write: (s: string) => written.push(s) > 0,
    } as unknown as NodeJS.WriteStream;
    const args = parseSimArgs(["--scenario", "training-range", "--batch", "2"]);
    const result = await runBatch(args, 2, 1, { progress: terminal, workers: 2 });
    expect(result.runs).toBe(2);
    expect(written[0]).toBe("\r[------------------------------] 0/2 0%\x1b[K");
    // The line carries the leak rate over the runs so far (a long batch shows where it heads).
    const leak = (values: number[]) => leakRateSoFar(values);
    const first = result.per_run.map((r) => r.leak_rate);
    expect([leak([first[0]]), leak([first[1]])]).toContain(
      written[1].split("1/2 50%")[1].replace("\x1b[K", ""),
    );
    expect(written.at(-2)).toBe(`\r[##############################] 2/2 100%${leak(first)}\x1b[K`);
    expect(written.at(-1)).toBe("\n");
    const piped: string[] = [];
    const pipe = { isTTY: false, write: (s: string) => piped.push(s) > 0 } as unknown as NodeJS.WriteStream;
    await runBatch(args, 1, 1, { progress: pipe, workers: 1 });
    expect(piped).toEqual([]);
  });

  it("refuses a bad batch before running anything (exit code 2)", async () => {
    for (const bad of [
      ["--batch", "0"],
      ["--batch", "2", "--seed-start", "two"],
      ["--batch", "2", "--attacker", "bot:expert"],
    ]) {
      const { code, stdout, stderr } = await sim("--scenario", "training-range", ...bad);
      expect(code, bad.join(" ")).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(/^error: --(batch|seed-start|attacker)/);
    }
  });
});
