import { describe, expect, it } from "vitest";
import {
  checkAirspaceEntry,
  crashIncident,
  createIncidentState,
  debrisIncident,
  forgetThreat,
  type Neighbours,
  neighbourRegions,
  neighbours,
  outsideRoeIncident,
  recordIncident,
} from "../../../../sim/campaign/incidents.js";
import { RegionRaster } from "../../../../sim/campaign/raster.js";
import { fixtureScenario } from "./fixture.js";

const regions = neighbourRegions(fixtureScenario().theatre.regions);
const raster = new RegionRaster(regions);
/** Estland as a neighbour that does not consent, and as a consenting coalition partner. */
const strangers: Neighbours = neighbours(raster, () => false);
const partners: Neighbours = neighbours(raster, (nation) => nation === "est");
const home = { x: 50, y: 0 };
const eastland = { x: 150, y: 0 };

describe("incident detection", () => {
  it("only neighbours with a nation are incident ground", () => {
    expect(regions.map((r) => r.id)).toEqual(["eastland"]);
    expect(strangers.nationAt(eastland)).toBe("est");
    for (const p of [home, { x: -200, y: 0 }, { x: 0, y: 200 }, { x: 1000, y: 0 }])
      expect(strangers.nationAt(p)).toBeNull();
  });

  it("a threat entering a neighbour's airspace is one incident per threat per nation", () => {
    const state = createIncidentState();
    const path = [home, eastland, { x: 160, y: 0 }, home, eastland];
    const incidents = path
      .map((p) => checkAirspaceEntry(state, strangers, "t1", p))
      .filter((i) => i !== null);
    expect(incidents).toEqual([{ nation: "est", cause: "airspace", threatId: "t1", x: 150, y: 0 }]);
    expect(checkAirspaceEntry(state, strangers, "t2", eastland)).toMatchObject({ threatId: "t2" });
  });

  it("three engagements of one threat outside a nation's ROE are one incident", () => {
    const state = createIncidentState();
    const made = ["u1", "u2", "u1"].map((unit) => outsideRoeIncident(state, "est", unit, "t1", eastland));
    expect(made.filter((i) => i !== null)).toEqual([
      { nation: "est", cause: "outside-roe", threatId: "t1", unitId: "u1", ...eastland },
    ]);
    expect(outsideRoeIncident(state, "far", "u1", "t1", eastland)).toMatchObject({ nation: "far" });
    expect(outsideRoeIncident(state, "est", "u1", "t2", eastland)).toMatchObject({ threatId: "t2" });
  });

  it("a threat that crossed and then came down in a neighbour makes one incident of each cause", () => {
    const state = createIncidentState();
    const causes = [
      checkAirspaceEntry(state, strangers, "t1", eastland),
      debrisIncident(state, strangers, "t1", "sam-1", eastland),
      debrisIncident(state, strangers, "t1", "sam-2", eastland),
    ].flatMap((i) => (i ? [i.cause] : []));
    expect(causes).toEqual(["airspace", "debris"]);
  });

  it("over a consenting partner, overflight and intercept debris are no incidents; a crash still is", () => {
    const state = createIncidentState();
    expect(checkAirspaceEntry(state, partners, "t1", eastland)).toBeNull();
    expect(debrisIncident(state, partners, "t1", "sam-1", eastland)).toBeNull();
    expect(crashIncident(state, partners, "t1", eastland)).toMatchObject({ nation: "est", cause: "crash" });
  });

  it("after a threat is forgotten its memory is gone (the state stays small)", () => {
    const state = createIncidentState();
    checkAirspaceEntry(state, strangers, "t1", eastland);
    forgetThreat(state, "t1");
    expect(state.made).toEqual({});
  });

  it("detection does not count: recordIncident does", () => {
    const state = createIncidentState();
    const incident = checkAirspaceEntry(state, strangers, "t1", eastland)!;
    expect(state.byNation).toEqual({});
    recordIncident(state, incident);
    recordIncident(state, outsideRoeIncident(state, "far", "u9", "t3", home)!);
    expect(state.byNation).toEqual({ est: 1, far: 1 });
  });

  it("a crash is an incident only in a neighbour", () => {
    const state = createIncidentState();
    expect(crashIncident(state, strangers, "t1", home)).toBeNull();
    expect(crashIncident(state, strangers, "t1", eastland)).toEqual({
      nation: "est",
      cause: "crash",
      threatId: "t1",
      ...eastland,
    });
  });

  it("intercept debris is an incident when the intercept point is inside a neighbour", () => {
    const state = createIncidentState();
    expect(debrisIncident(state, strangers, "t1", "sam-1", { x: 99.9, y: 0 })).toBeNull();
    expect(debrisIncident(state, strangers, "t1", "sam-1", { x: 100.1, y: 0 })).toEqual({
      nation: "est",
      cause: "debris",
      threatId: "t1",
      unitId: "sam-1",
      x: 100.1,
      y: 0,
    });
  });
});
