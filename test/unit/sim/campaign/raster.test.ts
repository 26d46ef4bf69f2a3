import { describe, expect, it } from "vitest";
import { loadScenario } from "../../../../server/scenarios/loader.js";
import { regionAt } from "../../../../shared/geo.js";
import { neighbourRegions } from "../../../../sim/campaign/incidents.js";
import { BufferRaster, RegionRaster } from "../../../../sim/campaign/raster.js";
import { parseRoe, roePermits } from "../../../../sim/campaign/roe.js";
import { Rng } from "../../../../sim/rng.js";

/**
 * The rasters answer exactly what the polygon tests answer (they only skip the tests they can): checked
 * on real borders, at random points and at points on and next to every outline vertex.
 */

function pointsAround(regions: ReturnType<typeof neighbourRegions>, count: number, marginKm: number) {
  const rng = Rng.fromSeed(3);
  const minX = Math.min(...regions.map((r) => r.bbox.minX)) - marginKm;
  const maxX = Math.max(...regions.map((r) => r.bbox.maxX)) + marginKm;
  const minY = Math.min(...regions.map((r) => r.bbox.minY)) - marginKm;
  const maxY = Math.max(...regions.map((r) => r.bbox.maxY)) + marginKm;
  const points = Array.from({ length: count }, () => ({
    x: minX + rng.next01() * (maxX - minX),
    y: minY + rng.next01() * (maxY - minY),
  }));
  for (const region of regions)
    for (const ring of region.polygons)
      for (const [x, y] of ring)
        points.push({ x, y }, { x: x + 0.3, y: y - 0.2 }, { x: x - 0.25, y: y + 0.35 });
  return points;
}

describe("region rasters", () => {
  for (const id of ["wide-front", "compact-shield"]) {
    it(`${id}: the neighbour raster names the same region as the polygon test`, () => {
      const neighbours = neighbourRegions(loadScenario(id).theatre.regions);
      const raster = new RegionRaster(neighbours);
      for (const p of pointsAround(neighbours, 20_000, 50))
        expect(raster.firstAt(p)?.id ?? null, `${p.x}, ${p.y}`).toBe(regionAt(p, neighbours)?.id ?? null);
    });
  }

  it("an allied ROE raster allows exactly where the ROE rule allows, buffer or own airspace", () => {
    const scenario = loadScenario("wide-front");
    const poland = scenario.theatre.regions.filter((r) => r.id === "poland");
    for (const roe of ["own-airspace", "buffer:20"]) {
      const raster = new BufferRaster(poland, roe === "own-airspace" ? 0 : 20);
      for (const p of pointsAround(poland, 10_000, 60))
        expect(raster.covers(p), `${roe} at ${p.x}, ${p.y}`).toBe(roePermits(parseRoe(roe)!, poland, p));
    }
  });
});
