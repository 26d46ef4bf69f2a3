import { describe, expect, it } from "vitest";
import { formatRoe, parseRoe, roePermits, seaUnitActive } from "../../../../sim/campaign/roe.js";
import { box, region } from "../../../support/scenario.js";
import { fixtureScenario } from "./fixture.js";

// Eastland is the square x ∈ [100, 300], y ∈ [-100, 100]: its western border is x = 100.
const eastland = [region("eastland", "neighbour", box(100, -100, 300, 100), { nation: "est" })];
const at = (x: number) => ({ x, y: 0 });

describe("parseRoe", () => {
  it("reads every variant and rejects anything else", () => {
    expect(parseRoe("none")).toEqual({ kind: "none" });
    expect(parseRoe("own-airspace")).toEqual({ kind: "own-airspace" });
    expect(parseRoe("buffer:12.5")).toEqual({ kind: "buffer", km: 12.5 });
    for (const bad of ["", "buffer:", "buffer:-3", "buffer:x", "own", "NONE", "none "])
      expect(parseRoe(bad)).toBeNull();
  });

  it("formats back to the same string", () => {
    for (const roe of ["none", "own-airspace", "buffer:20", "buffer:0.5"])
      expect(formatRoe(parseRoe(roe)!)).toBe(roe);
  });
});

describe("roePermits at the border", () => {
  it("none: never, not even deep inside the ally's own airspace", () => {
    expect(roePermits(parseRoe("none")!, eastland, at(200))).toBe(false);
  });

  it("own-airspace: inside yes, just beyond the border no", () => {
    const roe = parseRoe("own-airspace")!;
    expect(roePermits(roe, eastland, at(200))).toBe(true);
    expect(roePermits(roe, eastland, at(100.5))).toBe(true);
    expect(roePermits(roe, eastland, at(99.5))).toBe(false);
    expect(roePermits(roe, eastland, at(0))).toBe(false);
  });

  it("buffer:20: inside, just beyond and at the buffer's edge yes; beyond the buffer no", () => {
    const roe = parseRoe("buffer:20")!;
    expect(roePermits(roe, eastland, at(200))).toBe(true);
    expect(roePermits(roe, eastland, at(99.5))).toBe(true);
    expect(roePermits(roe, eastland, at(80))).toBe(true);
    expect(roePermits(roe, eastland, at(79.5))).toBe(false);
    // Diagonally off the corner (100, 100): 15 km and 25 km away.
    expect(roePermits(roe, eastland, { x: 100 - 15 / Math.SQRT2, y: 100 + 15 / Math.SQRT2 })).toBe(true);
    expect(roePermits(roe, eastland, { x: 100 - 25 / Math.SQRT2, y: 100 + 25 / Math.SQRT2 })).toBe(false);
  });

  it("counts any of the ally's airspace regions", () => {
    const two = [...eastland, region("islet", "neighbour", box(-250, -250, -200, -200), { nation: "est" })];
    expect(roePermits(parseRoe("own-airspace")!, two, { x: -225, y: -225 })).toBe(true);
    expect(roePermits(parseRoe("own-airspace")!, two, { x: -150, y: -225 })).toBe(false);
  });
});

describe("seaUnitActive", () => {
  const regions = fixtureScenario().theatre.regions;
  const gulf = { x: -200, y: 0 };
  const strait = { x: -200, y: 150 };
  const open = { gulf: true, strait: false };

  it("does not restrict land units", () => {
    expect(seaUnitActive(false, { x: 0, y: 0 }, regions, open)).toBe(true);
    expect(seaUnitActive(false, strait, regions, open)).toBe(true);
  });

  it("a ship fires in an accessible sea, not in a closed one, nor on land", () => {
    expect(seaUnitActive(true, gulf, regions, open)).toBe(true);
    expect(seaUnitActive(true, strait, regions, open)).toBe(false);
    expect(seaUnitActive(true, { x: 0, y: 0 }, regions, open)).toBe(false);
  });

  it("closing a sea takes its ships out; reopening brings them back", () => {
    expect(seaUnitActive(true, gulf, regions, { ...open, gulf: false })).toBe(false);
    expect(seaUnitActive(true, strait, regions, { ...open, strait: true })).toBe(true);
  });

  it("falls back to the scenario flag for a sea missing from the live map", () => {
    expect(seaUnitActive(true, gulf, regions, {})).toBe(true);
    expect(seaUnitActive(true, strait, regions, {})).toBe(false);
  });
});
