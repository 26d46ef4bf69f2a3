import { describe, expect, it } from "vitest";
import {
  listScenarios,
  loadDefaultPlans,
  loadScenario,
  resolvePlan,
} from "../../../server/scenarios/loader.js";
import type { CompiledScenario } from "../../../shared/compiled.js";
import { distanceKm } from "../../../shared/geo.js";

const BUILT_INS = ["compact-shield", "training-range", "wide-front"];
/** The client downloads the compiled scenario: keep it small. */
const COMPILED_BUDGET_BYTES = 300_000;

function gridNodes(c: CompiledScenario): Set<string> {
  return new Set(c.assets.filter((a) => a.kind === "plant" || a.kind === "substation").map((a) => a.id));
}

/** Connected components of the grid graph (assets as nodes, grid links as edges). */
function components(c: CompiledScenario): string[][] {
  const linked = new Set(c.gridLinks.flat());
  const neighbours = new Map<string, string[]>([...linked].map((id) => [id, []]));
  for (const [a, b] of c.gridLinks) {
    neighbours.get(a)!.push(b);
    neighbours.get(b)!.push(a);
  }
  const seen = new Set<string>();
  const result: string[][] = [];
  for (const start of linked) {
    if (seen.has(start)) continue;
    const component: string[] = [];
    const queue = [start];
    seen.add(start);
    while (queue.length > 0) {
      const id = queue.pop()!;
      component.push(id);
      for (const next of neighbours.get(id)!) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    result.push(component);
  }
  return result;
}

describe("built-in scenarios", () => {
  it("are listed by id with a name and a description", () => {
    const listed = listScenarios();
    expect(listed.map((s) => s.id)).toEqual(BUILT_INS);
    for (const s of listed) {
      expect(s.name.length).toBeGreaterThan(0);
      expect(s.description.length).toBeGreaterThan(40);
    }
  });

  describe.each(BUILT_INS)("%s", (id) => {
    const compiled = loadScenario(id);

    it("validates and compiles, with every outline in km and a bounding box", () => {
      expect(compiled.id).toBe(id);
      for (const region of compiled.theatre.regions) {
        expect(region.polygons.length).toBeGreaterThan(0);
        for (const ring of region.polygons) {
          expect(ring.length).toBeGreaterThanOrEqual(3);
          for (const [x, y] of ring) {
            expect(x).toBeGreaterThanOrEqual(region.bbox.minX);
            expect(y).toBeLessThanOrEqual(region.bbox.maxY);
          }
        }
      }
      for (const asset of compiled.assets)
        expect(Number.isFinite(asset.at.x) && Number.isFinite(asset.at.y)).toBe(true);
    });

    it(`compiles to under ${COMPILED_BUDGET_BYTES / 1000} KB of JSON`, () => {
      expect(JSON.stringify(compiled).length).toBeLessThan(COMPILED_BUDGET_BYTES);
    });

    it("has default plans that validate against it (ids, places, ranges, budgets)", () => {
      const plans = loadDefaultPlans(id);
      expect(plans.attacker.salvos.length).toBeGreaterThan(0);
      expect(plans.defender.deployments.length).toBeGreaterThan(0);
    });

    it("has default salvos whose last threat arrives before its round ends", () => {
      const attacker = resolvePlan(loadDefaultPlans(id).attacker, compiled);
      for (const salvo of attacker.salvos) {
        const zone = compiled.launchZones.find((z) => z.id === salvo.zone)!;
        const target = compiled.assets.find((a) => a.id === salvo.target)!;
        const route = [zone.at, ...salvo.waypoints, target.at];
        const routeKm =
          zone.radiusKm + route.slice(1).reduce((sum, p, k) => sum + distanceKm(route[k], p), 0);
        const lastLaunchSec = salvo.launchAtSec + (salvo.count - 1) * salvo.intervalSec;
        const arrivalSec =
          lastLaunchSec + (routeKm * 1000) / compiled.catalogue.threats[salvo.threatType].speedMps;
        expect(arrivalSec, `${salvo.zone} → ${salvo.target}`).toBeLessThan(
          compiled.rounds[salvo.round - 1].durationSec,
        );
      }
    });

    it("has a grid in one connected piece", () => {
      if (compiled.gridLinks.length > 0) expect(components(compiled)).toHaveLength(1);
    });
  });

  it("returns a fresh copy each time, so callers cannot corrupt the cache", () => {
    const first = loadScenario("training-range");
    first.assets[0].hp = 1;
    first.theatre.regions[0].polygons[0][0][0] = 999;
    const second = loadScenario("training-range");
    expect(second.assets[0].hp).not.toBe(1);
    expect(second.theatre.regions[0].polygons[0][0][0]).not.toBe(999);
  });
});

describe("wide-front", () => {
  const c = loadScenario("wide-front");

  it("has at least 12 cities with populations and a grid of at least 15 nodes", () => {
    const cities = c.assets.filter((a) => a.kind === "city");
    expect(cities.length).toBeGreaterThanOrEqual(12);
    for (const city of cities) expect(city.population).toBeGreaterThan(100_000);
    expect(gridNodes(c).size).toBeGreaterThanOrEqual(15);
  });

  it("has cities that hang on a single substation (one strike blacks them out)", () => {
    const singly = c.assets
      .filter((a) => a.kind === "city")
      .filter((city) => c.gridLinks.filter((link) => link.includes(city.id)).length === 1);
    expect(singly.length).toBeGreaterThanOrEqual(5);
  });

  it("has several rounds, neighbours with own-airspace ROE and a closed Black Sea", () => {
    expect(c.rounds.length).toBeGreaterThanOrEqual(3);
    for (const nation of ["poland", "slovakia", "hungary", "romania", "moldova"]) {
      expect(c.nations.find((n) => n.id === nation)?.roe).toBe("own-airspace");
    }
    expect(c.theatre.regions.find((r) => r.id === "black-sea")).toMatchObject({
      owner: "sea",
      accessible: false,
    });
  });
});

describe("compact-shield", () => {
  const c = loadScenario("compact-shield");

  it("has at least 8 cities and launch zones 1,000–1,800 km to the east", () => {
    expect(c.assets.filter((a) => a.kind === "city").length).toBeGreaterThanOrEqual(8);
    const telAviv = c.assets.find((a) => a.id === "tel-aviv")!.at;
    for (const zone of c.launchZones) {
      expect(zone.at.x).toBeGreaterThan(telAviv.x);
      const km = distanceKm(zone.at, telAviv);
      expect(km).toBeGreaterThan(1000);
      expect(km).toBeLessThan(1800);
    }
  });

  it("has allied BMD ships in an accessible sea and allied fighters over Jordan", () => {
    const sea = c.theatre.regions.find((r) => r.owner === "sea")!;
    expect(sea.accessible).toBe(true);
    const navy = c.allies.find((a) => a.airspace.includes(sea.id))!;
    expect(navy.units.every((u) => c.catalogue.layers[u.type]?.seaOnly)).toBe(true);
    const air = c.allies.find((a) => a.nation === "jordan")!;
    expect(air.units.some((u) => c.catalogue.layers[u.type]?.role === "fighter")).toBe(true);
    expect(c.nations.find((n) => n.id === "jordan")?.roe).not.toBe("none");
  });
});

describe("training-range", () => {
  const c = loadScenario("training-range");

  it("is a one-round km map with few threat types and two deployable layers", () => {
    expect(c.theatre.center).toBeUndefined();
    expect(c.rounds).toHaveLength(1);
    expect(Object.keys(c.catalogue.threats).length).toBeLessThanOrEqual(3);
    expect(Object.keys(c.catalogue.layers)).toHaveLength(2);
  });

  it("has default defences within reach of the cities the default salvos target", () => {
    const plans = loadDefaultPlans("training-range");
    const defender = resolvePlan(plans.defender, c);
    for (const salvo of plans.attacker.salvos.filter(
      (s) => c.catalogue.threats[s.threatType].class !== "cruise",
    )) {
      const target = c.assets.find((a) => a.id === salvo.target)!;
      const covered = defender.deployments.some(
        (d) => distanceKm(d.at, target.at) < c.catalogue.layers[d.type].reachKm,
      );
      expect(covered, salvo.target).toBe(true);
    }
  });
});
