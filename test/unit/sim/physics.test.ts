import { describe, expect, it } from "vitest";
import { STEP_SEC } from "../../../sim/api.js";
import { detectionRangeKm, radarHorizonKm } from "../../../sim/catalogue.js";
import { createSimulation } from "../../../sim/index.js";
import { interceptTimeSec } from "../../../sim/interceptors.js";
import { buildScenario } from "../../support/scenario.js";
import { applyAll, deploy, ofType, runLive, salvo, WHITE } from "./helpers.js";

const scenario = buildScenario();
const { threats, sensors } = scenario.catalogue;

describe("radar horizon and detection ranges", () => {
  it("follows d_km = 4.12 (√h_radar + √h_target)", () => {
    expect(radarHorizonKm(100, 100)).toBeCloseTo(82.4, 6);
    expect(radarHorizonKm(0, 10_000)).toBeCloseTo(412, 6);
    expect(radarHorizonKm(30, 0)).toBeCloseTo(4.12 * Math.sqrt(30), 9);
  });

  it("caps the horizon by the instrumented range scaled by the fourth root of the signature", () => {
    // A ground radar (30 m) against a drone at 100 m: the horizon decides.
    expect(detectionRangeKm(sensors.radar, threats.drone)).toBeCloseTo(4.12 * (Math.sqrt(30) + 10), 6);
    // Against a ballistic missile at 20 km the horizon is ~605 km: the 300 km instrumented range decides.
    expect(detectionRangeKm(sensors.radar, threats.ballistic)).toBeCloseTo(300, 6);
    // AEW at 9,000 m sees a sea-skimming cruise missile (signature 0.5) out to 400 × 0.5^¼ km.
    expect(detectionRangeKm(sensors.aew, threats.cruise)).toBeCloseTo(400 * 0.5 ** 0.25, 6);
    // ... which the ground radar sees only at its short horizon.
    expect(detectionRangeKm(sensors.radar, threats.cruise)).toBeCloseTo(4.12 * (Math.sqrt(30) + 5), 6);
  });

  it("lets acoustic sensors hear only slow targets in their bands", () => {
    expect(detectionRangeKm(sensors.acoustic, threats.drone)).toBe(8);
    expect(detectionRangeKm(sensors.acoustic, threats.cruise)).toBe(0);
    expect(detectionRangeKm(sensors.acoustic, threats.ballistic)).toBe(0);
  });

  it("detects an incoming drone when it crosses the radar horizon, within one step's flight", () => {
    const sim = createSimulation(scenario, 1);
    applyAll(sim, [deploy("radar", -100, 0), salvo(), WHITE.startLive]);
    const events = runLive(sim);
    const [detect] = ofType(events, "detect");
    const horizonKm = detectionRangeKm(sensors.radar, threats.drone);
    // The drone flies from x = 250 along y = 0 at 50 m/s; the radar stands at x = -100.
    const distanceAtDetectKm = 350 - 0.05 * detect.t;
    expect(distanceAtDetectKm).toBeLessThanOrEqual(horizonKm);
    expect(distanceAtDetectKm).toBeGreaterThan(horizonKm - 0.05 * STEP_SEC);
  });
});

describe("flight times", () => {
  it.each([
    ["drone", 450 / 0.05],
    ["cruise", 450 / 0.2],
  ] as const)("a %s flies 450 km to the capital at its type's speed", (threatType, expectedSec) => {
    const sim = createSimulation(scenario, 1);
    applyAll(sim, [salvo({ threatType }), WHITE.startLive]);
    const [impact] = ofType(runLive(sim), "impact");
    // Reported at the end of the step in which it arrives (the launch zone scatters by up to 1 m).
    expect(impact.t).toBeGreaterThanOrEqual(expectedSec);
    expect(impact.t).toBeLessThanOrEqual(expectedSec + STEP_SEC);
    expect(impact.hits).toEqual([{ assetId: "capital", damage: threats[threatType].damage }]);
  });

  it("follows waypoints: the dog-leg adds its length to the flight", () => {
    const sim = createSimulation(scenario, 1);
    applyAll(sim, [
      salvo({
        waypoints: [
          { x: 25, y: 300 - 300 },
          { x: 25, y: 150 },
        ],
      }),
      WHITE.startLive,
    ]);
    const [impact] = ofType(runLive(sim), "impact");
    const lengthKm = 225 + 150 + Math.hypot(225, 150);
    expect(impact.t).toBeGreaterThanOrEqual(lengthKm / 0.05);
    expect(impact.t).toBeLessThan(lengthKm / 0.05 + STEP_SEC);
  });
});

describe("intercept geometry against a moving target", () => {
  it("solves |D + V t| = s t for the earliest meeting time", () => {
    // Target 100 km east flying west at 0.2 km/s, interceptor at 1 km/s: closing at 1.2 km/s.
    expect(interceptTimeSec(100, 0, -0.2, 0, 1)).toBeCloseTo(100 / 1.2, 9);
    // Crossing target: 30 km north, flying east at 0.5 km/s, interceptor 1 km/s.
    const t = interceptTimeSec(0, 30, 0.5, 0, 1);
    expect(Math.hypot(0.5 * t, 30)).toBeCloseTo(t, 9);
    // A faster target flying away cannot be caught.
    expect(interceptTimeSec(10, 0, 2, 0, 1)).toBe(-1);
  });

  it("sends the interceptor to where the target will be, and meets it there", () => {
    const sim = createSimulation(scenario, 1);
    applyAll(sim, [
      deploy("sam", -100, 20, { doctrine: { weapons: "free" } }),
      salvo({ threatType: "cruise" }),
      WHITE.startLive,
    ]);
    const events = runLive(sim);
    const [fire] = ofType(events, "fire");
    const [intercept] = ofType(events, "intercept");
    expect(intercept.threatId).toBe(fire.threatId);
    // The cruise missile flies along y = 0 from x = 250 at 0.2 km/s: the meeting point is on its path.
    expect(intercept.y).toBeCloseTo(0, 2);
    // It meets the target within the step that reports it: x between its positions at both ends.
    expect(intercept.x).toBeGreaterThanOrEqual(250 - 0.2 * intercept.t - 0.01);
    expect(intercept.x).toBeLessThanOrEqual(250 - 0.2 * (intercept.t - STEP_SEC) + 0.01);
    // The interceptor flew the distance to that point at 1.5 km/s: its flight time matters.
    const flightKm = Math.hypot(intercept.x + 100, intercept.y - 20);
    expect(intercept.t - fire.t).toBeGreaterThanOrEqual(flightKm / 1.5 - STEP_SEC);
    expect(intercept.t - fire.t).toBeLessThanOrEqual(flightKm / 1.5 + STEP_SEC);
  });
});
