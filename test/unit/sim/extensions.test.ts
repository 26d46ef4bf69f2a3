import { describe, expect, it } from "vitest";
import { emit, everyone } from "../../../sim/context.js";
import type { SimContext, SimExtension } from "../../../sim/index.js";
import { createSimulation, restoreSimulation } from "../../../sim/index.js";
import { redirectThreat } from "../../../sim/threats.js";
import { buildScenario } from "../../support/scenario.js";
import { applyAll, deploy, ofType, runLive, salvo, WHITE } from "./helpers.js";

/**
 * The campaign layer's way in: extensions add step phases after a named core phase, replace rules,
 * and keep their state in world.ext (snapshotted with the rest). These toy extensions stand in for it.
 */

/** Spoofs every GNSS-guided threat 100 km past the border: off course to a crash 20 km north. */
const toyJammer: SimExtension = {
  name: "toy-jammer",
  phases: [
    {
      after: "movement",
      name: "jamming",
      run(ctx: SimContext) {
        for (const threat of ctx.world.threats) {
          if (!threat.alive || threat.spoofed || threat.x > 0) continue;
          redirectThreat(ctx, threat, [threat.x, threat.y + 20], { crashAtEnd: true, spoofed: true });
          const count = (ctx.world.ext.spoofs as number | undefined) ?? 0;
          ctx.world.ext.spoofs = count + 1;
          emit(ctx, { type: "spoofed", threatId: threat.id, unitId: "jammer" }, everyone());
        }
      },
    },
  ],
};

describe("simulation extensions", () => {
  it("run their phases in the step pipeline and keep their state in the snapshot", () => {
    const scenario = buildScenario();
    const sim = createSimulation(scenario, 1, { extensions: [toyJammer] });
    applyAll(sim, [salvo({ count: 3, intervalSec: 60 }), WHITE.startLive]);
    const events = runLive(sim);
    expect(ofType(events, "spoofed")).toHaveLength(3);
    expect(ofType(events, "impact")).toHaveLength(0);
    const crashes = ofType(events, "crash");
    expect(crashes).toHaveLength(3);
    expect(crashes[0].y).toBeCloseTo(20, 3);
    expect(crashes[0].region).toBe("home");
    expect(sim.summary()).toMatchObject({ threats_launched: 3, threats_crashed: 3, threats_leaked: 0 });
    const restored = restoreSimulation(scenario, sim.snapshot(), { extensions: [toyJammer] });
    expect((restored.snapshot().world as { ext: Record<string, unknown> }).ext).toEqual({ spoofs: 3 });
  });

  it("replace rules: a unit the rules take out of the fight neither senses nor fires", () => {
    const grounded: SimExtension = {
      name: "grounded",
      rules: { unitActive: (_ctx, unit) => unit.id !== "sam-1" },
    };
    const sim = createSimulation(buildScenario(), 1, { extensions: [grounded] });
    applyAll(sim, [
      deploy("sam", -100, 0, { id: "sam-1", doctrine: { weapons: "free" } }),
      salvo(),
      WHITE.startLive,
    ]);
    expect(sim.view("defender").units[0].status).toBe("offline");
    const events = runLive(sim);
    expect(ofType(events, "detect")).toHaveLength(0);
    expect(ofType(events, "fire")).toHaveLength(0);
  });

  it("hear of every phase change and every inject", () => {
    const heard: string[] = [];
    const listener: SimExtension = {
      name: "listener",
      onPhase: (_ctx, phase) => heard.push(phase),
      onInject: (_ctx, inject) => heard.push(inject.type),
    };
    const sim = createSimulation(buildScenario(), 1, { extensions: [listener] });
    applyAll(sim, [
      { type: "inject", side: "white", inject: { type: "weather", sensorRangeFactor: 0.7 } },
      WHITE.startLive,
    ]);
    runLive(sim);
    applyAll(sim, [WHITE.nextRound]);
    expect(heard).toEqual(["planning", "weather", "live", "assessment", "planning"]);
  });
});
