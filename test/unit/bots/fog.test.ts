import { describe, expect, it } from "vitest";
import { playMatch, type Seat } from "../../../bots/driver.js";
import { createBot } from "../../../bots/index.js";
import { loadScenario } from "../../../server/scenarios/loader.js";
import type { Command, Perspective, SideView, Simulation } from "../../../sim/api.js";
import { createSimulation } from "../../../sim/index.js";
import { assetAt, wideFront } from "./fixtures.js";

/** Wrap a simulation so that every view it builds is remembered with the perspective it was built for. */
function recordViews(sim: Simulation): WeakMap<SideView, Perspective> {
  const built = new WeakMap<SideView, Perspective>();
  const view = sim.view.bind(sim);
  sim.view = (perspective) => {
    const v = view(perspective);
    built.set(v, perspective);
    return v;
  };
  return built;
}

describe("bots decide inside the fog of war", () => {
  it("each bot is handed exactly the view object the engine built for its side", () => {
    const scenario = loadScenario("training-range");
    const sim = createSimulation(scenario, 2);
    const built = recordViews(sim);
    const received: { side: string; view: SideView }[] = [];
    const spy = (side: "attacker" | "defender"): Seat => {
      const bot = createBot({ side, level: "hard", scenario, seed: 2 });
      return {
        onPlanning: (round, view) => {
          received.push({ side, view });
          return bot.onPlanning(round, view);
        },
        onTick: (view) => {
          received.push({ side, view });
          return bot.onTick(view);
        },
      };
    };
    playMatch(sim, { attacker: spy("attacker"), defender: spy("defender") });
    expect(received.length).toBeGreaterThan(50);
    for (const { side, view } of received) {
      expect(built.get(view)).toBe(side);
      expect(view.perspective).toBe(side);
    }
  });

  it("a defender bot acts the same whether a threat is undetected or does not exist at all", () => {
    const seen: Command = {
      type: "plan-salvo",
      side: "attacker",
      zone: "kursk",
      threatType: "shahed",
      count: 4,
      launchAtSec: 0,
      intervalSec: 1,
      target: "kharkiv",
      waypoints: [],
    };
    // Launched after the first salvo has left (no shared random draws), far beyond the radar horizon.
    const unseen: Command = {
      ...seen,
      zone: "bomber-box",
      threatType: "kh-101",
      count: 1,
      launchAtSec: 30,
      target: "dnipro",
    };
    // Salvos leave when planned: a launch-time draw at planning would make the two worlds' generators differ.
    const scenario = structuredClone(wideFront);
    for (const threat of Object.values(scenario.catalogue.threats)) threat.launchJitterSec = 0;
    const world = (extra: Command[]) => {
      const sim = createSimulation(scenario, 8);
      for (const c of [seen, ...extra]) expect(sim.apply(c)).toMatchObject({ ok: true });
      const bot = createBot({ side: "defender", level: "hard", scenario, seed: 8 });
      const planned = bot.onPlanning(1, sim.view("defender"));
      for (const c of planned) sim.apply(c);
      expect(sim.apply({ type: "start-live", side: "white" })).toMatchObject({ ok: true });
      return { sim, bot, planned };
    };
    const withThreat = world([unseen]);
    const without = world([]);
    expect(withThreat.planned).toEqual(without.planned);
    let compared = 0;
    let ordered = 0;
    let tracked = 0;
    for (let step = 0; step < 4000; step++) {
      withThreat.sim.step();
      without.sim.step();
      if (step % 20 !== 0) continue;
      const truth = withThreat.sim.view("truth").tracks;
      const cruise = truth.find((t) => t.kind === "kh-101");
      const a = withThreat.sim.view("defender");
      const b = without.sim.view("defender");
      if (!cruise) continue;
      // Stop once the cruise missile is detected, or at the first shot: the missile's launch drew from
      // the world's one generator, so kill rolls from then on differ between the two worlds.
      if (a.tracks.some((t) => t.id === cruise.id) || a.interceptors.length + b.interceptors.length > 0)
        break;
      // Everything the defender perceives is the same; only the running totals count the launch.
      expect({ ...a, scores: null }).toEqual({ ...b, scores: null });
      const commandsA = withThreat.bot.onTick(a);
      expect(commandsA).toEqual(without.bot.onTick(b));
      for (const c of commandsA) {
        expect(withThreat.sim.apply(c)).toEqual(without.sim.apply(c));
      }
      compared++;
      ordered += commandsA.length;
      if (a.tracks.length > 0) tracked++;
    }
    expect(compared).toBeGreaterThan(20);
    expect(tracked).toBeGreaterThan(0);
    expect(ordered).toBeGreaterThan(0);
    expect(assetAt("dnipro")).toBeDefined();
  });
});
