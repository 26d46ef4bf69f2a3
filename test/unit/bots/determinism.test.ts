import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type BotLevel, botLevel, createBot } from "../../../bots/index.js";
import type { Side } from "../../../sim/api.js";
import { createSimulation } from "../../../sim/index.js";
import { sideView, track, wideFront } from "./fixtures.js";

const BOTS_DIR = fileURLToPath(new URL("../../../bots", import.meta.url));

function planFor(side: Side, level: BotLevel, seed: number) {
  const sim = createSimulation(wideFront, seed);
  const bot = createBot({ side, level, scenario: wideFront, seed });
  return { commands: bot.onPlanning(1, sim.view(side)), bot };
}

describe("bots are deterministic and restorable", () => {
  it("decide the same from the same seed and view", () => {
    for (const side of ["attacker", "defender"] as const) {
      for (const level of ["easy", "hard"] as const) {
        expect(planFor(side, level, 11).commands).toEqual(planFor(side, level, 11).commands);
      }
    }
  });

  it("draw from a generator of their own seeded by the match seed and side", () => {
    expect(planFor("attacker", "easy", 11).commands).not.toEqual(planFor("attacker", "easy", 12).commands);
    expect(planFor("attacker", "hard", 11).commands).not.toEqual(planFor("attacker", "hard", 12).commands);
  });

  it("keep plain-JSON memory, and a bot restored from it continues identically", () => {
    const { bot } = planFor("attacker", "hard", 4);
    const live = sideView("attacker", {
      phase: "live",
      clock: 50,
      tracks: [track("t-1", { x: 300, y: 350 }, { x: 0, y: 0 }, 0.05, { kind: "shahed" })],
    });
    bot.onTick(live);
    const memory = bot.memory();
    expect(JSON.parse(JSON.stringify(memory))).toEqual(memory);
    const restored = createBot({ side: "attacker", level: "hard", scenario: wideFront, seed: 999, memory });
    const night2 = sideView("attacker", { round: 2, budgetUsd: { attacker: 90e6 } });
    expect(restored.onPlanning(2, night2)).toEqual(bot.onPlanning(2, night2));
    expect(restored.memory()).toEqual(bot.memory());
  });

  it("read seat fills", () => {
    expect(botLevel("bot:hard")).toBe("hard");
    expect(botLevel("bot:expert")).toBeNull();
    expect(botLevel("plan")).toBeNull();
  });

  it("use no clock, no Math.random, no I/O and no server framework", () => {
    const files = readdirSync(BOTS_DIR, { recursive: true, encoding: "utf8" }).filter((f) =>
      f.endsWith(".ts"),
    );
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = readFileSync(join(BOTS_DIR, file), "utf8");
      for (const banned of [
        /Math\.random/,
        /Date\.now/,
        /performance\.now/,
        /new Date\(/,
        /from "node:/,
        /colyseus/,
        /phaser/,
      ]) {
        expect(banned.test(source), `${file} uses ${banned}`).toBe(false);
      }
    }
  });
});
