import { describe, expect, it } from "vitest";
import { box, buildScenario, layerType, region } from "../../support/scenario.js";

describe("the test scenario builder", () => {
  it("builds the base theatre, valid against the scenario schema", () => {
    const scenario = buildScenario();
    expect(scenario.theatre.regions.map((r) => r.id)).toEqual(["home", "east", "south"]);
    expect(scenario.theatre.regions[0].bbox).toEqual({ minX: -300, minY: -150, maxX: 100, maxY: 200 });
  });

  it("replaces top-level fields and catalogue sections, keeping the rest of the base", () => {
    const gun = layerType({ name: "Gun", reachKm: 5, interceptorSpeedMps: 1000 });
    const scenario = buildScenario({ id: "small", catalogue: { layers: { gun } } });
    expect(scenario.id).toBe("small");
    expect(Object.keys(scenario.catalogue.layers)).toEqual(["gun"]);
    expect(Object.keys(scenario.catalogue.threats)).toEqual(["drone", "decoy", "cruise", "ballistic"]);
  });

  it("refuses a fixture that breaks the contract, naming the field", () => {
    expect(() => buildScenario({ id: "Not An Id" })).toThrow(/id/);
    const negativeReach = layerType({ name: "Broken", reachKm: -1, interceptorSpeedMps: 1000 });
    expect(() => buildScenario({ catalogue: { layers: { broken: negativeReach } } })).toThrow(
      /catalogue\.layers\.broken\.reachKm/,
    );
    expect(() =>
      buildScenario({
        theatre: {
          extentKm: { x: 10, y: 10 },
          regions: [region("line", "defender", box(0, 0, 0, 0).slice(0, 2))],
        },
      }),
    ).toThrow(/theatre\.regions/);
  });
});
