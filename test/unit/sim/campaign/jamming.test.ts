import { describe, expect, it } from "vitest";
import { STEP_SEC } from "../../../../sim/api.js";
import { crashIncident, createIncidentState, neighbours } from "../../../../sim/campaign/incidents.js";
import { createCampaignContext, createCampaignState, noteIncidents } from "../../../../sim/campaign/index.js";
import {
  DEFAULT_SPOOF_PARAMS,
  type Jammer,
  type JamTarget,
  jammerAffects,
  stepProbability,
  trySpoof,
} from "../../../../sim/campaign/jamming.js";
import { fixtureScenario } from "./fixture.js";

/** A `next()` that returns the given values in turn and counts the draws. */
function scripted(values: number[]): { next: () => number; draws: () => number } {
  let i = 0;
  return { next: () => values[i++ % values.length], draws: () => i };
}

/** The same pseudo-random stream every time (a tiny LCG, enough for determinism tests). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const jammer: Jammer = { unitId: "ew-1", x: 95, y: 0, reachKm: 15, jamPerSec: 0.1 };
/** A drone just inside home, 5 km from the eastern border, flying north at 50 m/s. */
const drone: JamTarget = { id: "t1", x: 95, y: 0, vx: 0, vy: 0.05, remainingRangeKm: 500 };

describe("stepProbability", () => {
  it("converts a per-second probability so that steps compound to it over a second", () => {
    const pStep = stepProbability(0.1, STEP_SEC);
    expect(pStep).toBeCloseTo(1 - 0.9 ** 0.5, 12);
    expect(1 - (1 - pStep) ** (1 / STEP_SEC)).toBeCloseTo(0.1, 12);
  });

  it("is 0 for p = 0 or no time, 1 for p = 1", () => {
    expect(stepProbability(0, 0.5)).toBe(0);
    expect(stepProbability(0.3, 0)).toBe(0);
    expect(stepProbability(1, 0.5)).toBe(1);
  });
});

describe("trySpoof", () => {
  it("draws nothing for a threat out of reach", () => {
    const rng = scripted([0]);
    expect(trySpoof(jammer, { ...drone, x: 95 + 15.01 }, STEP_SEC, rng.next)).toBeNull();
    expect(rng.draws()).toBe(0);
  });

  it("keeps the course when the draw is at or above the step probability (one draw)", () => {
    const rng = scripted([stepProbability(0.1, STEP_SEC)]);
    expect(trySpoof(jammer, drone, STEP_SEC, rng.next)).toBeNull();
    expect(rng.draws()).toBe(1);
  });

  it("turns the threat by the drawn angle and crashes it where its luck ends", () => {
    // spoof, 90° (= 30 + 120 × 0.5), to the right (draw < 0.5), luck = -60 ln(0.5) ≈ 41.6 km.
    const rng = scripted([0, 0.5, 0.1, 0.5]);
    const decision = trySpoof(jammer, drone, STEP_SEC, rng.next)!;
    expect(rng.draws()).toBe(4);
    expect(decision.dirX).toBeCloseTo(1, 12);
    expect(decision.dirY).toBeCloseTo(0, 12);
    const luckKm = 60 * Math.log(2);
    expect(decision.crashAt.x).toBeCloseTo(95 + luckKm, 9);
    expect(decision.crashAt.y).toBeCloseTo(0, 9);
    expect(decision.crashAfterSec).toBeCloseTo(luckKm / 0.05, 6);
  });

  it("crashes where the fuel ends when that comes before the luck", () => {
    const decision = trySpoof(
      jammer,
      { ...drone, remainingRangeKm: 3 },
      STEP_SEC,
      scripted([0, 0.5, 0.9, 0.99]).next,
    )!;
    expect(Math.hypot(decision.crashAt.x - 95, decision.crashAt.y)).toBeCloseTo(3, 9);
    expect(decision.crashAfterSec).toBeCloseTo(60, 9);
  });

  it("always turns between the minimum and maximum angle", () => {
    const next = lcg(7);
    for (let i = 0; i < 500; i++) {
      const decision = trySpoof({ ...jammer, jamPerSec: 1 }, drone, STEP_SEC, next)!;
      const turnDeg = (Math.acos(Math.max(-1, Math.min(1, decision.dirY))) * 180) / Math.PI;
      expect(turnDeg).toBeGreaterThanOrEqual(DEFAULT_SPOOF_PARAMS.minTurnDeg - 1e-9);
      expect(turnDeg).toBeLessThanOrEqual(DEFAULT_SPOOF_PARAMS.maxTurnDeg + 1e-9);
    }
  });
});

describe("trySpoof over time", () => {
  it("over many seconds spoofs about the per-second share", () => {
    const next = lcg(1);
    let spoofed = 0;
    const trials = 20_000;
    for (let i = 0; i < trials; i++) if (trySpoof(jammer, drone, 1, next)) spoofed++;
    expect(spoofed / trials).toBeGreaterThan(0.09);
    expect(spoofed / trials).toBeLessThan(0.11);
  });
});

describe("jamming and incidents", () => {
  it("a spoofed drone whose new course crosses into a neighbour crashes there and makes an incident", () => {
    const scenario = fixtureScenario();
    const ctx = createCampaignContext(scenario);
    const state = createCampaignState(scenario, ctx);
    const decision = trySpoof(jammer, drone, STEP_SEC, scripted([0, 0.5, 0.1, 0.5]).next)!;
    const lookup = neighbours(ctx.neighbourRaster, () => false);
    const incident = crashIncident(state.incidents, lookup, decision.threatId, decision.crashAt)!;
    expect(incident).toMatchObject({ nation: "est", cause: "crash", threatId: "t1" });
    const events = noteIncidents(ctx, state, [incident], { t: 10, round: 1 });
    expect(events.map((e) => e.type)).toEqual(["incident", "escalation"]);
    expect(state.incidents.byNation).toEqual({ est: 1 });
    expect(state.escalation.value).toBe(scenario.escalation.crashWeight);
  });

  it("a spoofed drone that comes down at home makes no incident", () => {
    const ctx = createCampaignContext(fixtureScenario());
    const decision = trySpoof(jammer, drone, STEP_SEC, scripted([0, 0.5, 0.9, 0.01]).next)!;
    expect(decision.crashAt.x).toBeLessThan(100);
    const lookup = neighbours(ctx.neighbourRaster, () => false);
    expect(crashIncident(createIncidentState(), lookup, "t1", decision.crashAt)).toBeNull();
  });
});

describe("jammerAffects", () => {
  const { layers } = fixtureScenario().catalogue;
  const drone = fixtureScenario().catalogue.threats.drone;

  it("needs a jammer layer, a GNSS-guided threat, and its band and class", () => {
    expect(jammerAffects(layers.ew, drone)).toBe(true);
    expect(jammerAffects(layers.sam, drone)).toBe(false);
    expect(jammerAffects(layers.ew, { ...drone, gnssGuided: false })).toBe(false);
    expect(jammerAffects(layers.ew, { ...drone, band: "high" })).toBe(false);
    expect(jammerAffects(layers.ew, { ...drone, class: "ballistic" })).toBe(false);
  });
});
