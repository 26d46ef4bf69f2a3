import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { SimEvent, Simulation } from "../../../sim/api.js";
import { createSimulation, restoreSimulation } from "../../../sim/index.js";
import { buildScenario } from "../../support/scenario.js";
import { playBusyMatch } from "./helpers.js";

/** Stable JSON (sorted keys) of the whole event log, hashed. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

const hashOf = (events: SimEvent[]) => createHash("sha256").update(stableJson(events)).digest("hex");

describe("determinism", () => {
  const scenario = buildScenario();

  it("plays the same match from the same seed and inputs: identical event-log hash", () => {
    const first = playBusyMatch(createSimulation(scenario, 7));
    const second = playBusyMatch(createSimulation(scenario, 7));
    expect(first.length).toBeGreaterThan(100);
    expect(hashOf(second)).toBe(hashOf(first));
  });

  it("plays a different match from a different seed", () => {
    expect(hashOf(playBusyMatch(createSimulation(scenario, 8)))).not.toBe(
      hashOf(playBusyMatch(createSimulation(scenario, 7))),
    );
  });

  it("continues identically after snapshot → JSON → restore in the middle of a live phase", () => {
    const reference = createSimulation(scenario, 11);
    const referenceEvents = playBusyMatch(reference);

    const original = createSimulation(scenario, 11);
    let restored: Simulation | null = null;
    const before = playBusyMatch(original, (sim, stepNo) => {
      if (stepNo === 3000) restored = restoreSimulation(scenario, JSON.parse(JSON.stringify(sim.snapshot())));
    });
    expect(hashOf(before)).toBe(hashOf(referenceEvents));
    expect(restored).not.toBeNull();
    const sim = restored as unknown as Simulation;
    expect(sim.phase).toBe("live");
    expect(sim.clock).toBe(1500);
    const after = playBusyMatch(sim);
    // The restored world's events are exactly the tail of the uninterrupted match.
    const tail = referenceEvents.slice(referenceEvents.length - after.length);
    expect(hashOf(after)).toBe(hashOf(tail));
    expect(sim.summary()).toEqual(reference.summary());
  });

  it("gives identical matches with the spatial grid and with brute-force queries", () => {
    const grid = playBusyMatch(createSimulation(scenario, 5));
    const brute = playBusyMatch(createSimulation(scenario, 5, { bruteForceQueries: true }));
    expect(hashOf(brute)).toBe(hashOf(grid));
  });
});
