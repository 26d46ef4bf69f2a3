import { describe, expect, it } from "vitest";
import {
  checkAirspaceEntry,
  crashIncident,
  createIncidentState,
  debrisIncident,
  forgetThreat,
  nationAt,
  neighbourRegions,
  outsideRoeIncident,
  recordIncident,
} from "../../../../sim/campaign/incidents.js";
import { fixtureScenario } from "./fixture.js";

const neighbours = neighbourRegions(fixtureScenario().theatre.regions);
const home = { x: 50, y: 0 };
const eastland = { x: 150, y: 0 };

describe("incident detection", () => {
  it("only neighbours with a nation are incident ground", () => {
    expect(neighbours.map((r) => r.id)).toEqual(["eastland"]);
    expect(nationAt(eastland, neighbours)).toBe("est");
    for (const p of [home, { x: -200, y: 0 }, { x: 0, y: 200 }, { x: 1000, y: 0 }])
      expect(nationAt(p, neighbours)).toBeNull();
  });

  it("a threat entering a neighbour's airspace is one incident per threat per nation", () => {
    const state = createIncidentState();
    const path = [home, eastland, { x: 160, y: 0 }, home, eastland];
    const incidents = path
      .map((p) => checkAirspaceEntry(state, neighbours, "t1", p))
      .filter((i) => i !== null);
    expect(incidents).toEqual([{ nation: "est", cause: "airspace", threatId: "t1", x: 150, y: 0 }]);
    expect(checkAirspaceEntry(state, neighbours, "t2", eastland)).toMatchObject({ threatId: "t2" });
  });

  it("after a threat is forgotten its memory is gone (the state stays small)", () => {
    const state = createIncidentState();
    checkAirspaceEntry(state, neighbours, "t1", eastland);
    forgetThreat(state, "t1");
    expect(state.airspaceSeen).toEqual({});
  });

  it("detection does not count: recordIncident does", () => {
    const state = createIncidentState();
    const incident = checkAirspaceEntry(state, neighbours, "t1", eastland)!;
    expect(state.byNation).toEqual({});
    recordIncident(state, incident);
    recordIncident(state, outsideRoeIncident("far", "u9", "t3", home));
    expect(state.byNation).toEqual({ est: 1, far: 1 });
  });

  it("a crash is an incident only in a neighbour", () => {
    expect(crashIncident(neighbours, "t1", home)).toBeNull();
    expect(crashIncident(neighbours, "t1", eastland)).toEqual({
      nation: "est",
      cause: "crash",
      threatId: "t1",
      ...eastland,
    });
  });

  it("intercept debris is an incident when the intercept point is inside a neighbour", () => {
    expect(debrisIncident(neighbours, "t1", "sam-1", { x: 99.9, y: 0 })).toBeNull();
    expect(debrisIncident(neighbours, "t1", "sam-1", { x: 100.1, y: 0 })).toEqual({
      nation: "est",
      cause: "debris",
      threatId: "t1",
      unitId: "sam-1",
      x: 100.1,
      y: 0,
    });
  });

  it("an engagement outside ROE is attributed to the ally's nation wherever it happens", () => {
    expect(outsideRoeIncident("est", "est-1", "t1", home)).toEqual({
      nation: "est",
      cause: "outside-roe",
      threatId: "t1",
      unitId: "est-1",
      ...home,
    });
  });
});
