import { describe, expect, it } from "vitest";
import { type SimEvent, STEP_SEC } from "../../../sim/api.js";
import { leakReason } from "../../../sim/impacts.js";
import { createSimulation } from "../../../sim/index.js";
import { LEAK } from "../../../sim/world.js";
import { buildScenario } from "../../support/scenario.js";
import { applyAll, deploy, ofType, runLive, salvo, WHITE } from "./helpers.js";

/**
 * Doctrine, one rule per test. A SAM at (-100, 0) with its own fire-control radar (54 km horizon
 * against a drone, identification after 10 s) faces drones flying along y = 0 to the capital.
 */

function play(
  doctrine: object,
  threatType = "drone",
  adjust?: (s: ReturnType<typeof buildScenario>) => void,
) {
  const scenario = buildScenario();
  adjust?.(scenario);
  const sim = createSimulation(scenario, 3);
  applyAll(sim, [deploy("sam", -100, 0, { doctrine }), salvo({ threatType }), WHITE.startLive]);
  return { sim, events: runLive(sim) };
}

const defenderEvents = (events: SimEvent[]) => events.filter((e) => "side" in e && e.side === "defender");

describe("weapons control", () => {
  it("hold: never fires, and the leak is put down to doctrine", () => {
    const { events } = play({ weapons: "hold" });
    expect(ofType(events, "fire")).toHaveLength(0);
    expect(ofType(events, "impact")[0].leakReason).toBe("held-by-doctrine");
  });

  it("tight: fires only once the track is identified", () => {
    const { events } = play({ weapons: "tight" });
    const [identify] = ofType(defenderEvents(events), "identify");
    const [detect] = ofType(defenderEvents(events), "detect");
    const [fire] = ofType(events, "fire");
    expect(identify.t - detect.t).toBeGreaterThanOrEqual(10);
    expect(fire.t).toBeGreaterThanOrEqual(identify.t);
  });

  it("tight: never fires at a track that is never identified", () => {
    const { events } = play({ weapons: "tight" }, "drone", (s) => {
      s.catalogue.sensors["fire-control"].identifySec = 1e9;
    });
    expect(ofType(events, "identify")).toHaveLength(0);
    expect(ofType(events, "fire")).toHaveLength(0);
  });

  it("free: fires at an unknown track as soon as it is detected", () => {
    const { events } = play({ weapons: "free" }, "drone", (s) => {
      s.catalogue.sensors["fire-control"].identifySec = 1e9;
    });
    const [detect] = ofType(events, "detect");
    const [fire] = ofType(events, "fire");
    expect(fire.t).toBe(detect.t);
  });
});

describe("salvo versus shoot-look-shoot", () => {
  const missEverything = (s: ReturnType<typeof buildScenario>) => {
    s.catalogue.layers.sam.pk = { drone: 0, decoy: 0, cruise: 0, ballistic: 0 };
  };

  it("salvo: fires its salvo size at one threat at once, then waits for the results", () => {
    const { events } = play({ weapons: "free", fire: "salvo", salvoSize: 2 }, "drone", missEverything);
    const fires = ofType(events, "fire");
    expect(fires.length).toBeGreaterThanOrEqual(4);
    expect(fires[0].t).toBe(fires[1].t);
    expect(fires[0].threatId).toBe(fires[1].threatId);
    expect(fires[0].interceptorId).not.toBe(fires[1].interceptorId);
    const misses = ofType(events, "miss");
    // The next salvo goes only after both interceptors of the first one have missed.
    expect(fires[2].t).toBe(fires[3].t);
    expect(fires[2].t).toBeGreaterThanOrEqual(Math.max(misses[0].t, misses[1].t));
  });

  it("shoot-look-shoot: one interceptor at a time, the next only after the last one missed", () => {
    const { events } = play(
      { weapons: "free", fire: "shoot-look-shoot", salvoSize: 4 },
      "drone",
      missEverything,
    );
    const fires = ofType(events, "fire");
    const misses = ofType(events, "miss");
    expect(fires.length).toBeGreaterThanOrEqual(3);
    for (let k = 1; k < fires.length; k++) {
      expect(fires[k].t).toBeGreaterThan(fires[k - 1].t);
      expect(fires[k].t).toBeGreaterThanOrEqual(misses[k - 1].t);
    }
  });
});

describe("defended-footprint rule", () => {
  // A point-defence unit (footprintOnly by default) with a radar next to it, weapons free.
  function footprintCase(
    footprintOnly: boolean,
    x: number,
    y: number,
    waypoints: { x: number; y: number }[],
  ) {
    const sim = createSimulation(buildScenario(), 3);
    applyAll(sim, [
      deploy("point", x, y, { doctrine: { weapons: "free", footprintOnly } }),
      deploy("radar", x, y + 5),
      salvo({ waypoints }),
      WHITE.startLive,
    ]);
    return ofType(runLive(sim), "fire");
  }
  // The first leg from (250, 0) towards (-100, -80) passes (0, -57.14) and heads for open ground.
  const dogLeg = [{ x: -100, y: -80 }];

  it("holds fire at a threat whose course leads into no defended footprint", () => {
    expect(footprintCase(true, 0, -57.14, dogLeg)).toHaveLength(0);
  });

  it("engages the same threat when the rule is off", () => {
    expect(footprintCase(false, 0, -57.14, dogLeg).length).toBeGreaterThan(0);
  });

  it("engages a threat predicted to hit the capital's footprint", () => {
    expect(footprintCase(true, -185, 0, []).length).toBeGreaterThan(0);
  });
});

describe("decoys", () => {
  it("are identified as the drone they mimic, draw fire under weapons tight, and are counted apart", () => {
    const scenario = buildScenario();
    const sim = createSimulation(scenario, 3);
    applyAll(sim, [deploy("sam", -100, 0), salvo({ threatType: "decoy" }), WHITE.startLive]);
    const events: SimEvent[] = [];
    while (ofType(events, "detect").length === 0) events.push(...sim.step());
    expect(sim.view("defender").tracks[0]).toMatchObject({ identity: "unknown", kind: "", threatClass: "" });
    expect(sim.view("attacker").tracks[0]).toMatchObject({ kind: "decoy", threatClass: "decoy" });
    while (ofType(events, "identify").length === 0) events.push(...sim.step());
    expect(ofType(events, "identify")[0]).toMatchObject({ threatType: "drone", decoy: false });
    expect(sim.view("defender").tracks[0]).toMatchObject({
      identity: "identified",
      kind: "drone",
      threatClass: "drone",
    });
    events.push(...runLive(sim));
    const fires = ofType(events, "fire");
    expect(fires.length).toBeGreaterThan(0);
    const summary = sim.summary();
    expect(summary).toMatchObject({
      decoys_engaged: 1,
      decoys_launched: 1,
      decoy_spend_usd: fires.length * scenario.catalogue.layers.sam.costPerShotUsd,
      // A decoy is not a threat: it can do no damage, so it is neither launched, leaked nor stopped.
      threats_launched: 0,
      leak_rate: 0,
      damage: 0,
    });
  });

  it("a sensor that tells them apart unmasks them after its dwell, and then no one fires at them", () => {
    const setup = (unmasking: boolean) => {
      const scenario = buildScenario();
      if (unmasking) scenario.catalogue.sensors.acoustic.decoyIdentifySec = 30;
      const sim = createSimulation(scenario, 3);
      // A surveillance radar keeps the track from the acoustic node at x = 30 to the SAM's own radar.
      applyAll(sim, [
        deploy("radar", 0, 0),
        deploy("acoustic", 30, 0),
        deploy("sam", -110, 0),
        salvo({ threatType: "decoy" }),
        WHITE.startLive,
      ]);
      return { sim, events: runLive(sim) };
    };
    const unmasked = setup(true);
    const identifies = ofType(unmasked.events, "identify");
    expect(identifies.map((i) => [i.threatType, i.decoy])).toEqual([
      ["drone", false],
      ["decoy", true],
    ]);
    // Covered by the node from x = 38 km on: 30 s there (to the step) before it is seen for what it is.
    const [launch] = ofType(unmasked.events, "launch");
    expect(identifies[1].t - launch.t).toBeGreaterThanOrEqual((250 - 38) / 0.05 + 30 - STEP_SEC);
    expect(ofType(unmasked.events, "fire")).toHaveLength(0);
    // The same flight past a node that cannot tell them apart draws the SAM's fire.
    expect(ofType(setup(false).events, "fire").length).toBeGreaterThan(0);
  });
});

describe("leak analysis", () => {
  it("names why each leak got through, the worst failure first", () => {
    expect(leakReason(0)).toBe("undetected");
    expect(leakReason(LEAK.detected)).toBe("out-of-range");
    // In reach of ready units that fired at other threats each time: saturated, not out of stock.
    expect(leakReason(LEAK.detected | LEAK.inReach)).toBe("saturated");
    expect(leakReason(LEAK.detected | LEAK.inReach | LEAK.reloading)).toBe("reloading");
    expect(leakReason(LEAK.detected | LEAK.inReach | LEAK.reloading | LEAK.outOfStock)).toBe("out-of-stock");
    expect(leakReason(LEAK.detected | LEAK.inReach | LEAK.heldByDoctrine)).toBe("held-by-doctrine");
    expect(leakReason(LEAK.detected | LEAK.inReach | LEAK.heldByRoe | LEAK.heldByDoctrine)).toBe(
      "held-by-roe",
    );
    expect(leakReason(LEAK.detected | LEAK.inReach | LEAK.outOfStock | LEAK.heldByRoe)).toBe("out-of-stock");
    expect(leakReason(LEAK.detected | LEAK.inReach | LEAK.fired | LEAK.outOfStock)).toBe("missed");
  });

  it("reports drones that flew past a ready gun busy with others as saturated, not out of stock", () => {
    const scenario = buildScenario();
    // One shot a minute, all of them hits, rounds to spare: the gun is never short, only too slow.
    Object.assign(scenario.catalogue.layers.gun, {
      shotIntervalSec: 60,
      magazine: 100,
      pk: { drone: 1, decoy: 1, cruise: 1, ballistic: 0 },
    });
    const sim = createSimulation(scenario, 3);
    applyAll(sim, [
      deploy("gun", -190, 0, { doctrine: { weapons: "free" } }),
      deploy("radar", -150, 0),
      salvo({ count: 6, intervalSec: 0 }),
      WHITE.startLive,
    ]);
    const events = runLive(sim);
    const shots = ofType(events, "fire").length;
    expect(shots).toBeGreaterThan(0);
    expect(ofType(events, "impact").map((e) => e.leakReason)).toEqual(Array(6 - shots).fill("saturated"));
  });

  it("reports a drone no sensor saw as undetected, one seen beyond every launcher's reach as out of range", () => {
    const unseen = createSimulation(buildScenario(), 3);
    applyAll(unseen, [deploy("gun", -100, 100), salvo(), WHITE.startLive]);
    expect(ofType(runLive(unseen), "impact")[0].leakReason).toBe("undetected");
    const seen = createSimulation(buildScenario(), 3);
    applyAll(seen, [deploy("gun", -100, 100), deploy("radar", -150, 0), salvo(), WHITE.startLive]);
    expect(ofType(runLive(seen), "impact")[0].leakReason).toBe("out-of-range");
  });
});
