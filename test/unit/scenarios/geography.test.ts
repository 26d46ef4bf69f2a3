import { describe, expect, it } from "vitest";
import { loadScenario } from "../../../server/scenarios/loader.js";
import type { CompiledScenario } from "../../../shared/compiled.js";
import { distanceToRegionKm, makeProjection, regionAt } from "../../../shared/geo.js";

/** The region id at a real place, through the scenario's own projection. */
function regionIdAt(c: CompiledScenario, lon: number, lat: number): string | null {
  const p = makeProjection(c.theatre.center!).toKm({ lon, lat });
  return regionAt(p, c.theatre.regions)?.id ?? null;
}

function asset(c: CompiledScenario, id: string) {
  const found = c.assets.find((a) => a.id === id);
  if (!found) throw new Error(`no asset ${id}`);
  return found;
}

function region(c: CompiledScenario, id: string) {
  const found = c.theatre.regions.find((r) => r.id === id);
  if (!found) throw new Error(`no region ${id}`);
  return found;
}

describe("wide-front geography", () => {
  const c = loadScenario("wide-front");

  it("puts Kyiv and Lviv in the defender's region", () => {
    for (const id of ["kyiv", "lviv"]) {
      expect(regionAt(asset(c, id).at, c.theatre.regions)?.owner).toBe("defender");
    }
  });

  it("puts Lviv within 100 km of the Polish border, and Kyiv far from it", () => {
    const poland = region(c, "poland");
    const lvivKm = distanceToRegionKm(asset(c, "lviv").at, poland);
    expect(lvivKm).toBeGreaterThan(40);
    expect(lvivKm).toBeLessThan(100);
    expect(distanceToRegionKm(asset(c, "kyiv").at, poland)).toBeGreaterThan(400);
  });

  it("answers whose airspace real places are in", () => {
    expect(regionIdAt(c, 22.0, 50.04)).toBe("poland"); // Rzeszów
    expect(regionIdAt(c, 28.79, 45.18)).toBe("romania"); // Tulcea
    expect(regionIdAt(c, 28.86, 47.01)).toBe("moldova"); // Chișinău
    expect(regionIdAt(c, 27.56, 53.9)).toBe("belarus"); // Minsk
    expect(regionIdAt(c, 36.19, 51.73)).toBe("russia"); // Kursk
    expect(regionIdAt(c, 33.0, 43.5)).toBe("black-sea");
    expect(regionIdAt(c, 26.0, 43.0)).toBeNull(); // Bulgaria is not part of the theatre
  });

  it("marks the occupied territories and Crimea as attacker ground, ahead of Ukraine", () => {
    for (const [lon, lat] of [
      [37.8, 48.0], // Donetsk
      [37.55, 47.1], // Mariupol
      [33.52, 44.6], // Sevastopol
    ]) {
      expect(regionIdAt(c, lon, lat)).toBe("occupied");
    }
    expect(regionIdAt(c, 37.56, 48.72)).toBe("ukraine"); // Kramatorsk
    expect(regionIdAt(c, 32.62, 46.64)).toBe("ukraine"); // Kherson, right bank
  });

  it("puts Odesa on the coast of the Black Sea", () => {
    expect(distanceToRegionKm(asset(c, "odesa").at, region(c, "black-sea"))).toBeLessThan(5);
  });
});

describe("compact-shield geography", () => {
  const c = loadScenario("compact-shield");

  it("puts the cities in the defender's region", () => {
    for (const city of c.assets.filter((a) => a.kind === "city")) {
      expect(regionAt(city.at, c.theatre.regions)?.owner, city.id).toBe("defender");
    }
  });

  it("puts Tel Aviv within 20 km of the sea, and Jerusalem farther", () => {
    const sea = region(c, "mediterranean");
    expect(distanceToRegionKm(asset(c, "tel-aviv").at, sea)).toBeLessThan(20);
    expect(distanceToRegionKm(asset(c, "jerusalem").at, sea)).toBeGreaterThan(40);
  });

  it("answers whose airspace real places are in", () => {
    expect(regionIdAt(c, 35.93, 31.95)).toBe("jordan"); // Amman
    expect(regionIdAt(c, 51.39, 35.69)).toBe("iran"); // Tehran
    expect(regionIdAt(c, 44.37, 33.31)).toBe("iraq"); // Baghdad
    expect(regionIdAt(c, 36.2, 34.0)).toBe("lebanon"); // Baalbek
    expect(regionIdAt(c, 33.0, 33.0)).toBe("mediterranean");
  });
});

describe("training-range geography", () => {
  const c = loadScenario("training-range");

  it("uses the km plane as given", () => {
    expect(regionAt({ x: -70, y: 20 }, c.theatre.regions)?.id).toBe("westmark");
    expect(regionAt({ x: 100, y: 0 }, c.theatre.regions)?.id).toBe("eastreach");
    expect(regionAt({ x: 0, y: -80 }, c.theatre.regions)?.id).toBe("southvale");
  });
});
