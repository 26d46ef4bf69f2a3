import { describe, expect, it } from "vitest";
import { playMatch } from "../../../bots/driver.js";
import { type BotLevel, createBot } from "../../../bots/index.js";
import { stats } from "../../../server/cli/batch.js";
import { loadScenario } from "../../../server/scenarios/loader.js";
import type { MatchSummary } from "../../../sim/api.js";
import { createSimulation } from "../../../sim/index.js";

/**
 * Levels differ in judgement, and judgement shows in the results. This fast check plays the one-night
 * training-range; the full demonstration (30 seeds of wide-front, both sides) is the batch command
 * `npm run sim -- --scenario wide-front --batch 30 --attacker bot:normal --defender bot:hard`, its
 * `--defender bot:easy` counterpart, and the same with the attacker's level varied against a normal
 * defender (minutes per run: too slow for a unit test).
 */
const scenario = loadScenario("training-range");
const SEEDS = [1, 2, 3, 4];

function play(attacker: BotLevel, defender: BotLevel, seed: number): MatchSummary {
  return playMatch(createSimulation(scenario, seed), {
    attacker: createBot({ side: "attacker", level: attacker, scenario, seed }),
    defender: createBot({ side: "defender", level: defender, scenario, seed }),
  });
}

/** The 95 % intervals of a field do not overlap, `better` below `worse`. */
function clearlyBelow(better: MatchSummary[], worse: MatchSummary[], field: "leak_rate" | "cost_exchange") {
  const b = stats(better.map((s) => s[field]));
  const w = stats(worse.map((s) => s[field]));
  expect(b.ci95[1], `${field}: hard ${b.mean.toFixed(3)} vs easy ${w.mean.toFixed(3)}`).toBeLessThan(
    w.ci95[0],
  );
}

describe("bot levels", () => {
  it("a hard defender leaks less and spends less per threat than an easy one, against the same attacker", () => {
    const hard = SEEDS.map((seed) => play("normal", "hard", seed));
    const easy = SEEDS.map((seed) => play("normal", "easy", seed));
    clearlyBelow(hard, easy, "leak_rate");
    clearlyBelow(hard, easy, "cost_exchange");
  });
});
