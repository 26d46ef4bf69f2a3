import { describe, expect, it } from "vitest";
import { Pacer, TICK_MS } from "../../../server/match/pacing.js";
import { STEP_SEC } from "../../../sim/api.js";

describe("realtime pacing", () => {
  it("runs time scale × real time worth of steps, carrying fractions to the next tick", () => {
    const pacer = new Pacer({ mode: "realtime", timeScale: 60 });
    expect(pacer.stepsFor(TICK_MS, 60, 0)).toBe((0.1 * 60) / STEP_SEC);
    const slow = new Pacer({ mode: "realtime", timeScale: 1 });
    const steps = Array.from({ length: 10 }, () => slow.stepsFor(TICK_MS, 1, 0));
    expect(steps.reduce((a, b) => a + b, 0)).toBe(2); // one real second at ×1 is two half-second steps
  });

  it("does not turn a stalled event loop into a burst", () => {
    const pacer = new Pacer({ mode: "realtime", timeScale: 600 });
    expect(pacer.stepsFor(5000, 600, 0)).toBe((0.25 * 600) / STEP_SEC);
  });
});

describe("wego pacing", () => {
  it("stops exactly at each interval and waits for every human seat", () => {
    const pacer = new Pacer({ mode: "wego", intervalMin: 1 });
    let clock = 0;
    for (let tick = 0; tick < 30; tick++) clock += pacer.stepsFor(TICK_MS, 300, clock) * STEP_SEC;
    expect(clock).toBe(60);
    expect(pacer.waiting).toBe(true);
    expect(pacer.stepsFor(TICK_MS, 300, clock)).toBe(0);
    pacer.confirm("defender-1");
    expect(pacer.releaseIfConfirmed(["defender-1", "attacker-1"])).toBe(false);
    pacer.confirm("attacker-1");
    expect(pacer.releaseIfConfirmed(["defender-1", "attacker-1"])).toBe(true);
    for (let tick = 0; tick < 30; tick++) clock += pacer.stepsFor(TICK_MS, 300, clock) * STEP_SEC;
    expect(clock).toBe(120);
  });

  it("continues at once when no human plays", () => {
    const pacer = new Pacer({ mode: "wego", intervalMin: 1 });
    pacer.stepsFor(1000, 240, 0);
    expect(pacer.waiting).toBe(true);
    expect(pacer.releaseIfConfirmed([])).toBe(true);
  });
});
