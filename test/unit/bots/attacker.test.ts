import { describe, expect, it } from "vitest";
import { observeAttackerLive } from "../../../bots/attacker/observe.js";
import { planAttack } from "../../../bots/attacker/plan.js";
import { bestRoute, knownHazards, routeDanger } from "../../../bots/attacker/routes.js";
import { createBot } from "../../../bots/index.js";
import { newAttackerMemory, type PlannedRoute } from "../../../bots/memory.js";
import type { Command } from "../../../sim/api.js";
import { createSimulation } from "../../../sim/index.js";
import { Rng } from "../../../sim/rng.js";
import { assetAt, ctxFor, pub, sideView, track, wideFront } from "./fixtures.js";

type Salvo = Extract<Command, { type: "plan-salvo" }>;
const salvosOf = (commands: Command[]) => commands.filter((c): c is Salvo => c.type === "plan-salvo");
const threat = (id: string) => wideFront.catalogue.threats[id];
const LAUNCH_POINT = { x: 0, y: 0 };
/** A remembered Shahed route from the launch point straight to `end`, aimed at `target`. */
const shahedRoute = (target: string, end: { x: number; y: number }): PlannedRoute => ({
  threatType: "shahed",
  threatClass: "drone",
  target,
  path: [LAUNCH_POINT, end],
  speedKmS: 0.05,
});
const zoneAt = (id: string) => wideFront.launchZones.find((z) => z.id === id)?.at ?? { x: 0, y: 0 };

/** When the middle of a salvo reaches its target, along the planned route. */
function arrivalSec(s: Salvo): number {
  const path = [zoneAt(s.zone), ...s.waypoints, assetAt(s.target)];
  let km = 0;
  for (let i = 1; i < path.length; i++)
    km += Math.hypot(path[i].x - path[i - 1].x, path[i].y - path[i - 1].y);
  return s.launchAtSec + ((s.count - 1) * s.intervalSec) / 2 + km / (threat(s.threatType).speedMps / 1000);
}

describe("attacker bot", () => {
  for (const level of ["easy", "normal", "hard"] as const) {
    it(`${level}: spends the production budget on salvos the engine accepts`, () => {
      const sim = createSimulation(wideFront, 7);
      const view = sim.view("attacker");
      const budget = view.budgetUsd.attacker as number;
      const salvos = salvosOf(
        createBot({ side: "attacker", level, scenario: wideFront, seed: 7 }).onPlanning(1, view),
      );
      const spent = salvos.reduce((sum, s) => sum + s.count * threat(s.threatType).costUsd, 0);
      expect(spent).toBeLessThanOrEqual(budget);
      expect(spent).toBeGreaterThan(budget * (level === "easy" ? 0.7 : 0.95));
      for (const s of salvos) expect(sim.apply(s)).toMatchObject({ ok: true });
      expect(new Set(salvos.map((s) => threat(s.threatType).class))).toEqual(
        new Set(["drone", "decoy", "cruise", "ballistic"]),
      );
    });
  }

  it("hard times cruise and ballistic missiles to arrive with the drone wave; easy launches them at once", () => {
    const spreadOf = (level: "easy" | "hard") => {
      const salvos = salvosOf(
        planAttack(
          ctxFor(level),
          sideView("attacker", { budgetUsd: { attacker: 80e6 } }),
          newAttackerMemory(),
          Rng.fromSeed(1),
        ),
      );
      const drones = salvos.filter((s) => threat(s.threatType).class === "drone").map(arrivalSec);
      const missiles = salvos
        .filter((s) => ["cruise", "ballistic"].includes(threat(s.threatType).class))
        .map(arrivalSec);
      const wave = drones.reduce((a, b) => a + b, 0) / drones.length;
      return Math.max(...missiles.map((t) => Math.abs(t - wave)));
    };
    expect(spreadOf("hard")).toBeLessThan(1500);
    expect(spreadOf("easy")).toBeGreaterThan(3000);
  });

  it("routes around a revealed defence with a dog-leg when it weighs alternatives", () => {
    const from = zoneAt("bryansk");
    const to = assetAt("kyiv");
    const mid = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
    const mem = newAttackerMemory();
    mem.defences["sam-1"] = { kind: "medium-sam", x: mid.x, y: mid.y, round: 1 };
    const hazards = knownHazards(pub, mem, 1, false);
    const straight = bestRoute(from, 0, to, threat("shahed"), "shahed", hazards, 1, 1e6);
    const weighed = bestRoute(from, 0, to, threat("shahed"), "shahed", hazards, 17, 1e6);
    expect(straight?.path).toHaveLength(2);
    expect(weighed?.path.length).toBeGreaterThan(2);
    expect(routeDanger(weighed?.path ?? [], hazards, "shahed")).toBeLessThan(
      routeDanger(straight?.path ?? [], hazards, "shahed") / 2,
    );
  });

  it("learns where its threats were shot down and where they leaked", () => {
    const mem = newAttackerMemory();
    const a = LAUNCH_POINT;
    mem.routes = [shahedRoute("kyiv", { x: 100, y: 0 }), shahedRoute("odesa", { x: 0, y: 100 })];
    const seen = (clock: number, tracks: ReturnType<typeof track>[]) =>
      sideView("attacker", { phase: "live", clock, tracks });
    // Tracks travel as legs: position at t0 plus velocity; both legs start at the launch point.
    const east = track("t1", a, { x: 100, y: 0 }, 0.05, { kind: "shahed" });
    const north = track("t2", a, { x: 0, y: 100 }, 0.05, { kind: "shahed" });
    observeAttackerLive(seen(100, [east, north]), mem);
    observeAttackerLive(seen(800, [east, north]), mem);
    observeAttackerLive(seen(810, [north]), mem);
    observeAttackerLive(seen(1990, [north]), mem);
    observeAttackerLive(seen(2000, []), mem);
    expect(mem.targets.kyiv).toEqual({ sent: 1, leaked: 0, killed: 1 });
    expect(mem.targets.odesa).toEqual({ sent: 1, leaked: 1, killed: 0 });
    expect(mem.kills).toHaveLength(1);
    expect(mem.kills[0].x).toBeCloseTo(40, 0);
  });

  it("books a threat turned off its route (spoofed by a jammer it cannot see) as stopped where it turned", () => {
    const mem = newAttackerMemory();
    const a = LAUNCH_POINT;
    mem.routes = [shahedRoute("kyiv", { x: 100, y: 0 })];
    const onRoute = track("t1", a, { x: 100, y: 0 }, 0.05, { kind: "shahed" });
    // At 30 km the drone turns north: a new leg leading away from the route.
    const turned = { ...track("t1", { x: 30, y: 0 }, { x: 30, y: 100 }, 0.05, { kind: "shahed" }), t0: 600 };
    observeAttackerLive(sideView("attacker", { phase: "live", clock: 590, tracks: [onRoute] }), mem);
    observeAttackerLive(sideView("attacker", { phase: "live", clock: 600, tracks: [turned] }), mem);
    // It flies on for a while and comes down: a stop, not a leak.
    observeAttackerLive(sideView("attacker", { phase: "live", clock: 2600, tracks: [turned] }), mem);
    observeAttackerLive(sideView("attacker", { phase: "live", clock: 2610, tracks: [] }), mem);
    expect(mem.targets.kyiv).toEqual({ sent: 1, leaked: 0, killed: 1 });
    expect(mem.kills).toEqual([{ x: 30, y: 0, round: 1 }]);
  });

  it("shifts pressure away from a target that kept shooting its threats down", () => {
    const counts = (memory: ReturnType<typeof newAttackerMemory>) => {
      const salvos = salvosOf(
        planAttack(
          ctxFor("hard"),
          sideView("attacker", { budgetUsd: { attacker: 80e6 } }),
          memory,
          Rng.fromSeed(1),
        ),
      );
      const byTarget = new Map<string, number>();
      for (const s of salvos) byTarget.set(s.target, (byTarget.get(s.target) ?? 0) + s.count);
      const total = salvos.reduce((sum, c) => sum + c.count, 0);
      return { byTarget, total };
    };
    const fresh = counts(newAttackerMemory());
    const [main] = [...fresh.byTarget.entries()].sort((a, b) => b[1] - a[1])[0];
    const burnt = newAttackerMemory();
    burnt.targets[main] = { sent: 60, leaked: 0, killed: 60 };
    const after = counts(burnt);
    expect((after.byTarget.get(main) ?? 0) / after.total).toBeLessThan(
      (fresh.byTarget.get(main) ?? 0) / fresh.total / 2,
    );
  });

  it("hard buys fewer decoys once it learns they never draw fire, more when they do", () => {
    const decoysWith = (killed: number) => {
      const mem = newAttackerMemory();
      mem.classes.decoy = { sent: 100, leaked: 100 - killed, killed };
      const salvos = salvosOf(
        planAttack(
          ctxFor("hard"),
          sideView("attacker", { budgetUsd: { attacker: 80e6 } }),
          mem,
          Rng.fromSeed(1),
        ),
      );
      return salvos.filter((s) => s.threatType === "gerbera").reduce((s, c) => s + c.count, 0);
    };
    expect(decoysWith(80)).toBeGreaterThan(2 * decoysWith(0));
  });

  it("remembers defence units only once they reveal themselves in its view", () => {
    const mem = newAttackerMemory();
    const view = sideView("attacker", {
      phase: "live",
      sightings: [{ id: "s-kyiv", side: "defender", kind: "long-range-sam", ...assetAt("kyiv") }],
    });
    observeAttackerLive(view, mem);
    expect(Object.keys(mem.defences)).toEqual(["s-kyiv"]);
  });
});
