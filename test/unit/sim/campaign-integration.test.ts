import { describe, expect, it } from "vitest";
import type { SimEvent, Simulation, WorldSnapshot } from "../../../sim/api.js";
import { createSimulation, restoreSimulation } from "../../../sim/index.js";
import { campaignWorld, droneDownLine, inject, stepUntil, withAllyUnits } from "./campaign-world.js";
import { applyAll, deploy, ofType, runLive, salvo, WHITE } from "./helpers.js";

/**
 * The campaign layer inside the engine (registered by default): real units, real threats, whole nights.
 * Each rule by its own case on the campaign world of campaign-world.ts.
 */

describe("allies engage only within their nation's current ROE, judged at the intercept point", () => {
  // The ally's SAM stands at (120, -50) in eastland, whose western border is x = 100. A drone flies
  // south along x = 150 (inside eastland), x = 95 (5 km beyond the border) or x = 80 (20 km beyond).
  const cases: [string, number, boolean][] = [
    ["none", 150, false],
    ["none", 95, false],
    ["own-airspace", 150, true],
    ["own-airspace", 95, false],
    ["buffer:10", 150, true],
    ["buffer:10", 95, true],
    ["buffer:10", 80, false],
  ];

  it.each(cases)("ROE %s, drone along x = %d km: engages %s", (roe, lineX, engages) => {
    const scenario = withAllyUnits(campaignWorld());
    scenario.nations[0].roe = roe;
    const sim = createSimulation(scenario, 1);
    applyAll(sim, [droneDownLine(lineX), WHITE.startLive]);
    const events = runLive(sim);
    const fires = ofType(events, "fire");
    if (engages) {
      expect(fires.length).toBeGreaterThan(0);
      expect(fires.every((f) => f.unitId === "est-sam" && !f.outsideRoe)).toBe(true);
      // Where the interceptors arrived: on the drone's line, where the ROE allows.
      for (const e of [...ofType(events, "intercept"), ...ofType(events, "miss")])
        expect(e.x).toBeCloseTo(lineX, 0);
    } else {
      expect(fires).toEqual([]);
      expect(ofType(events, "impact")).toMatchObject([{ leakReason: "held-by-roe" }]);
    }
  });

  it("an ally-roe inject changes what the ally engages from then on", () => {
    const sim = createSimulation(withAllyUnits(campaignWorld()), 1);
    applyAll(sim, [
      droneDownLine(95),
      inject({ type: "ally-roe", nation: "est", roe: "buffer:10" }),
      WHITE.startLive,
    ]);
    expect(sim.view("ally").roe.est).toBe("buffer:10");
    expect(ofType(runLive(sim), "fire")[0]).toMatchObject({ unitId: "est-sam", outsideRoe: false });
  });
});

describe("ships fight only from open seas", () => {
  it("a ship in a sea closed mid-night holds fire, and fires again once it reopens", () => {
    const sim = createSimulation(campaignWorld(), 2);
    applyAll(sim, [
      deploy("radar", -90, 0),
      deploy("ship", -150, 0, { id: "ship", doctrine: { weapons: "free" } }),
      salvo({ zone: "north", count: 8, intervalSec: 900, target: "c3" }),
      WHITE.startLive,
    ]);
    const open1 = stepUntil(sim, () => sim.clock >= 4500);
    applyAll(sim, [inject({ type: "sea-access", region: "gulf", accessible: false })]);
    expect(sim.view("defender").units.find((u) => u.id === "ship")?.status).toBe("offline");
    const closed = stepUntil(sim, () => sim.clock >= 6500);
    applyAll(sim, [inject({ type: "sea-access", region: "gulf", accessible: true })]);
    expect(sim.view("defender").units.find((u) => u.id === "ship")?.status).toBe("ready");
    const reopened = runLive(sim);
    expect(ofType(open1, "fire").length).toBeGreaterThan(0);
    expect(ofType(closed, "fire")).toEqual([]);
    // Drones flew past the closed sea's ship unopposed, and the ship took up the fight again after.
    expect(ofType(closed, "impact").length).toBeGreaterThan(0);
    expect(ofType(reopened, "fire").length).toBeGreaterThan(0);
  });
});

describe("jamming", () => {
  it("spoofs drones off course; those that come down in a neighbour make crash incidents", () => {
    const scenario = campaignWorld();
    // Keep the match going to the night's end: every crash is then a modelled one (fuel or luck).
    scenario.escalation.triggers = scenario.escalation.triggers.filter((t) => t.id !== "war");
    const sim = createSimulation(scenario, 3);
    // A jammer 5 km from the border; twenty drones along x = 97, through its reach.
    applyAll(sim, [deploy("ew", 95, 0, { id: "ew-1" }), droneDownLine(97, { count: 20 }), WHITE.startLive]);
    const events = runLive(sim);
    const spoofed = ofType(events, "spoofed");
    expect(spoofed.length).toBeGreaterThanOrEqual(15);
    expect(spoofed.every((e) => e.unitId === "ew-1")).toBe(true);
    const crashes = ofType(events, "crash");
    const crashIncidents = ofType(events, "incident").filter((i) => i.cause === "crash");
    const abroad = crashes.filter((c) => c.region === "eastland");
    expect(abroad.length).toBeGreaterThan(0);
    expect(crashIncidents.map((i) => [i.threatId, i.nation, i.x, i.y])).toEqual(
      abroad.map((c) => [c.threatId, "est", c.x, c.y]),
    );
    expect(crashes.length).toBeGreaterThan(abroad.length);
    // Every spoofed drone came down instead of reaching its target.
    expect(ofType(events, "impact").length).toBe(20 - spoofed.length);
  });
});

describe("incidents, escalation and triggers", () => {
  it("enough incidents on a neighbour's soil widen its ROE, and its ally then engages beyond the border", () => {
    const control = createSimulation(withAllyUnits(campaignWorld()), 4);
    applyAll(control, [droneDownLine(90, { launchAtSec: 2000 }), WHITE.startLive]);
    expect(ofType(runLive(control), "fire")).toEqual([]);

    const sim = createSimulation(withAllyUnits(campaignWorld()), 4);
    applyAll(sim, [
      droneDownLine(150, { count: 3 }),
      droneDownLine(90, { launchAtSec: 2000 }),
      WHITE.startLive,
    ]);
    const events = runLive(sim);
    const airspace = ofType(events, "incident").filter((i) => i.cause === "airspace");
    const launched = ofType(events, "launch").map((l) => l.threatId);
    expect(airspace.map((i) => i.threatId)).toEqual(launched.slice(0, 3));
    const [law] = ofType(events, "trigger");
    expect(law).toMatchObject({ triggerId: "est-law" });
    expect(sim.view("attacker").roe.est).toBe("buffer:20");
    const atLine90 = ofType(events, "fire").filter((f) => f.threatId === launched[3]);
    expect(atLine90.length).toBeGreaterThan(0);
    expect(atLine90[0].t).toBeGreaterThan(law.t);
  });

  it("the defender firing into a neighbour's airspace is outside ROE; escalation past 20 ends the match", () => {
    const scenario = campaignWorld();
    scenario.escalation.decayPerHour = 0;
    const sim = createSimulation(scenario, 5);
    applyAll(sim, [
      deploy("radar", 90, 0),
      deploy("sam", 90, -10, { id: "sam-1", doctrine: { weapons: "free" } }),
      droneDownLine(150, { count: 6, intervalSec: 300 }),
      WHITE.startLive,
    ]);
    const events = runLive(sim);
    const outside = ofType(events, "fire").filter((f) => f.outsideRoe);
    expect(outside.length).toBeGreaterThan(0);
    const causes = ofType(events, "incident").map((i) => `${i.nation} ${i.cause}`);
    expect(causes).toContain("est outside-roe");
    expect(causes).toContain("est airspace");
    // Escalation rose by each incident's weight: airspace 1, crash 2, debris 3, outside ROE 5.
    const weights = { airspace: 1, crash: 2, debris: 3, "outside-roe": 5 };
    const expected = ofType(events, "incident").reduce((sum, i) => sum + weights[i.cause], 0);
    expect(ofType(events, "escalation").at(-1)?.value).toBe(expected);
    expect(ofType(events, "trigger").map((t) => t.triggerId)).toEqual(["est-law", "fine", "war"]);
    expect(events.at(-1)).toMatchObject({
      type: "match-end",
      winner: "attacker",
      reason: "escalation out of control",
    });
    expect(sim.phase).toBe("ended");
    expect(sim.step()).toEqual([]);
    expect(sim.apply(WHITE.nextRound)).toMatchObject({ ok: false, code: "wrong_phase" });
    expect(sim.summary()).toMatchObject({ winner: "attacker", rounds: 1, escalation: expected });
  });
});

describe("fighter patrols", () => {
  // Two sorties in an 8,000 s night, 1,800 s on station each: on station [0, 1800) and [4000, 5800).
  it("are on station only during their sortie windows and re-arm for each sortie", () => {
    const scenario = campaignWorld();
    scenario.catalogue.layers.fighter.magazine = 1;
    scenario.launchZones.push({
      id: "n",
      name: "N",
      at: { x: 0, y: 130 },
      radiusKm: 0.001,
      threatTypes: ["drone"],
    });
    const sim = createSimulation(scenario, 6);
    applyAll(sim, [
      deploy("radar", 0, 0),
      deploy("fighter", 0, 50, { id: "cap", doctrine: { weapons: "free" } }),
      salvo({ zone: "n", target: "c1" }),
      salvo({ zone: "n", target: "c1", launchAtSec: 2000 }),
    ]);
    const status = () => sim.view("defender").units.find((u) => u.id === "cap")?.status;
    expect(status()).toBe("grounded");
    applyAll(sim, [WHITE.startLive]);
    expect(status()).toBe("on-station");
    const statuses = new Map<number, string | undefined>();
    const events = stepUntil(sim, () => {
      if ([1000, 2500, 4500, 6500].includes(sim.clock)) statuses.set(sim.clock, status());
      return false;
    });
    expect([...statuses]).toEqual([
      [1000, expect.stringMatching(/^(on-station|empty)$/)],
      [2500, "grounded"],
      [4500, expect.stringMatching(/^(on-station|empty)$/)],
      [6500, "grounded"],
    ]);
    const fires = ofType(events, "fire").map((f) => [f.threatId, f.t]);
    // One shot per sortie (magazine 1): at the first drone in sortie 1, at the second once sortie 2 begins.
    const [first, second] = ofType(events, "launch").map((l) => l.threatId);
    expect(fires).toEqual([
      [first, expect.any(Number)],
      [second, expect.any(Number)],
    ]);
    expect(fires[0][1]).toBeLessThan(1800);
    expect(fires[1][1]).toBeGreaterThanOrEqual(4000);
    expect(fires[1][1]).toBeLessThan(4010);
  });
});

describe("determinism with the campaign", () => {
  /** A busy night on the campaign world: jamming, allies, a fighter, border crossings, grid hits. */
  function play(sim: Simulation, onStep?: (stepNo: number) => void): SimEvent[] {
    const events = applyAll(sim, [
      deploy("radar", 0, 0),
      deploy("ew", 95, 0),
      deploy("fighter", 0, 50, { doctrine: { weapons: "free" } }),
      deploy("sam", -60, -20, { doctrine: { weapons: "free" } }),
      // Two salvos meeting on the jammer's line: the first, on a detour, arrives interleaved with the
      // second, so near the jammer the order in space differs from the order of launch.
      droneDownLine(97, {
        count: 6,
        waypoints: [
          { x: 280, y: 140 },
          { x: 97, y: 140 },
          { x: 97, y: -60 },
        ],
      }),
      droneDownLine(97, { count: 6, launchAtSec: 5230 }),
      droneDownLine(150, { count: 5, intervalSec: 200, target: "s1" }),
      salvo({ zone: "north", count: 10, intervalSec: 100, target: "s2" }),
      WHITE.startLive,
    ]);
    let stepNo = 0;
    while (sim.phase === "live") {
      events.push(...sim.step());
      onStep?.(++stepNo);
    }
    return events;
  }
  const world = () => {
    // The ally's units deep in eastland: they fight the drones over it, never those on the jammer's line.
    const scenario = withAllyUnits(campaignWorld(), [
      { id: "est-sam", type: "sam", at: { x: 200, y: -20 }, known: false, doctrine: { weapons: "free" } },
      { id: "est-radar", type: "radar", at: { x: 200, y: -20 }, known: false },
    ]);
    // A weak jammer: several drones in its reach at once, each drawing every step.
    scenario.catalogue.layers.ew.jamPerSec = 0.003;
    return scenario;
  };

  it("a snapshot taken mid-night, restored from JSON, continues exactly like the original", () => {
    const reference = createSimulation(world(), 21);
    const events = play(reference);
    expect(ofType(events, "spoofed").length).toBeGreaterThan(0);
    expect(ofType(events, "incident").length).toBeGreaterThan(0);

    let snapshot: unknown = null;
    const original = createSimulation(world(), 21);
    const before = play(original, (stepNo) => {
      if (stepNo === 4000) snapshot = JSON.parse(JSON.stringify(original.snapshot()));
    });
    expect(before).toEqual(events);
    const restored = restoreSimulation(world(), snapshot as WorldSnapshot);
    const tail: SimEvent[] = [];
    while (restored.phase === "live") tail.push(...restored.step());
    expect(tail.length).toBeGreaterThan(0);
    expect(tail).toEqual(events.slice(events.length - tail.length));
    expect(restored.summary()).toEqual(reference.summary());
    expect(restored.snapshot()).toEqual(reference.snapshot());
  });

  it("gives the same match with the spatial grid and with brute-force queries (jamming draws included)", () => {
    const grid = play(createSimulation(world(), 22));
    const brute = play(createSimulation(world(), 22, { bruteForceQueries: true }));
    expect(ofType(grid, "spoofed").length).toBeGreaterThan(0);
    expect(brute).toEqual(grid);
  });

  it("refuses a snapshot whose campaign state is damaged, naming the field", () => {
    const snapshot = createSimulation(world(), 1).snapshot() as WorldSnapshot & { world: { roe: unknown } };
    snapshot.world.roe = { est: "shoot-everything" };
    expect(() => restoreSimulation(world(), snapshot)).toThrow(/snapshot\.world\.roe\.est/);
  });
});
