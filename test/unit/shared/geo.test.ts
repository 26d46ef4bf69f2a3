import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CompiledRegion, Ring } from "../../../shared/compiled.js";
import {
  distanceKm,
  distanceToRegionKm,
  makeProjection,
  pointInRegion,
  regionAt,
} from "../../../shared/geo.js";
import type { LonLat, PointKm } from "../../../shared/scenario.js";

/** Independent reference: the haversine great-circle distance on the same sphere. */
function haversineKm(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

function region(id: string, owner: CompiledRegion["owner"], rings: Ring[]): CompiledRegion {
  const xs = rings.flat().map(([x]) => x);
  const ys = rings.flat().map(([, y]) => y);
  return {
    id,
    name: id,
    owner,
    polygons: rings,
    bbox: { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) },
  };
}

const square = (x0: number, y0: number, size: number): Ring => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
];

describe("makeProjection", () => {
  const ukraine = makeProjection({ lon: 31.2, lat: 48.4 });

  it("puts the centre at the origin, east at +x and north at +y", () => {
    const origin = ukraine.toKm({ lon: 31.2, lat: 48.4 });
    expect(origin.x).toBeCloseTo(0, 6);
    expect(origin.y).toBeCloseTo(0, 6);
    const north = ukraine.toKm({ lon: 31.2, lat: 49.4 });
    expect(north.y).toBeCloseTo(111.2, 0);
    expect(Math.abs(north.x)).toBeLessThan(1e-6);
    expect(ukraine.toKm({ lon: 32.2, lat: 48.4 }).x).toBeGreaterThan(70);
  });

  it("round-trips lon/lat through km", () => {
    const lviv = { lon: 24.0297, lat: 49.8397 };
    const back = ukraine.toLonLat(ukraine.toKm(lviv));
    expect(back.lon).toBeCloseTo(lviv.lon, 9);
    expect(back.lat).toBeCloseTo(lviv.lat, 9);
  });

  const pairs: [string, LonLat, LonLat, LonLat][] = [
    ["Kyiv–Lviv", { lon: 30.5234, lat: 50.4501 }, { lon: 24.0297, lat: 49.8397 }, { lon: 31.2, lat: 48.4 }],
    [
      "Lviv–Kharkiv",
      { lon: 24.0297, lat: 49.8397 },
      { lon: 36.2304, lat: 49.9935 },
      { lon: 31.2, lat: 48.4 },
    ],
    [
      "Odesa–Chernihiv",
      { lon: 30.7233, lat: 46.4825 },
      { lon: 31.2893, lat: 51.4982 },
      { lon: 31.2, lat: 48.4 },
    ],
    ["Lviv–Volgodonsk", { lon: 24.0297, lat: 49.8397 }, { lon: 42.2, lat: 47.6 }, { lon: 31.2, lat: 48.4 }],
    [
      "Tel Aviv–Eilat",
      { lon: 34.7818, lat: 32.0853 },
      { lon: 34.9519, lat: 29.5577 },
      { lon: 41.0, lat: 32.0 },
    ],
    ["Tel Aviv–Isfahan", { lon: 34.7818, lat: 32.0853 }, { lon: 51.7, lat: 32.65 }, { lon: 41.0, lat: 32.0 }],
    ["Haifa–Tabriz", { lon: 35.0, lat: 32.79 }, { lon: 46.3, lat: 38.05 }, { lon: 41.0, lat: 32.0 }],
  ];
  it.each(pairs.map(([name, a, b, center]) => ({ name, a, b, center })))(
    "keeps $name within 2 percent of the great-circle distance",
    ({ a, b, center }) => {
      const projection = makeProjection(center);
      const planeKm = distanceKm(projection.toKm(a), projection.toKm(b));
      const trueKm = haversineKm(a, b);
      expect(Math.abs(planeKm - trueKm) / trueKm).toBeLessThan(0.02);
    },
  );
});

describe("pointInRegion and distanceToRegionKm", () => {
  // A concave "C": the notch (4..6, 2..8) is outside.
  const c: Ring = [
    [0, 0],
    [10, 0],
    [10, 2],
    [4, 2],
    [4, 8],
    [10, 8],
    [10, 10],
    [0, 10],
  ];
  const cRegion = region("c", "defender", [c, square(20, 20, 5)]);

  it("answers inside and outside for a concave outline with several rings", () => {
    expect(pointInRegion({ x: 2, y: 5 }, cRegion)).toBe(true);
    expect(pointInRegion({ x: 7, y: 5 }, cRegion)).toBe(false);
    expect(pointInRegion({ x: 22, y: 22 }, cRegion)).toBe(true);
    expect(pointInRegion({ x: 15, y: 15 }, cRegion)).toBe(false);
    expect(pointInRegion({ x: -1, y: 5 }, cRegion)).toBe(false);
  });

  it("is 0 inside and the distance to the nearest edge outside", () => {
    expect(distanceToRegionKm({ x: 2, y: 5 }, cRegion)).toBe(0);
    expect(distanceToRegionKm({ x: 7, y: 5 }, cRegion)).toBeCloseTo(3, 9);
    expect(distanceToRegionKm({ x: 13, y: 14 }, cRegion)).toBeCloseTo(5, 9);
    expect(distanceToRegionKm({ x: 28, y: 29 }, cRegion)).toBeCloseTo(5, 9);
  });

  it("caps the distance when asked, answering exactly below the cap", () => {
    expect(distanceToRegionKm({ x: 13, y: 14 }, cRegion, 2)).toBe(2);
    expect(distanceToRegionKm({ x: 7, y: 5 }, cRegion, 4)).toBeCloseTo(3, 9);
    expect(distanceToRegionKm({ x: 2, y: 5 }, cRegion, 4)).toBe(0);
  });

  // The slab index must agree with a plain scan over every edge.
  function bruteInside(p: PointKm, ring: Ring): boolean {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > p.y !== yj > p.y && p.x < ((xj - xi) * (p.y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }
  function bruteDistance(p: PointKm, ring: Ring): number {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < ring.length; i++) {
      const [ax, ay] = ring[i];
      const [bx, by] = ring[(i + 1) % ring.length];
      const len = (bx - ax) ** 2 + (by - ay) ** 2;
      const t =
        len === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - ax) * (bx - ax) + (p.y - ay) * (by - ay)) / len));
      best = Math.min(best, Math.hypot(p.x - (ax + t * (bx - ax)), p.y - (ay + t * (by - ay))));
    }
    return best;
  }
  /** A star-shaped ring: radii at evenly spaced angles, so it never self-intersects. Unbiased, so that
   * spiky outlines with many short edges (many slabs) are common. */
  const starRing = fc
    .noBias(fc.array(fc.double({ min: 5, max: 100, noNaN: true }), { minLength: 3, maxLength: 300 }))
    .map(
      (radii): Ring =>
        radii.map((r, i) => [
          r * Math.cos((2 * Math.PI * i) / radii.length),
          r * Math.sin((2 * Math.PI * i) / radii.length),
        ]),
    );
  const coordinate = fc.noBias(fc.double({ min: -150, max: 150, noNaN: true }));
  const point = fc.record({ x: coordinate, y: coordinate });

  it("agrees with a brute-force scan on random star-shaped outlines", () => {
    fc.assert(
      fc.property(starRing, fc.array(point, { minLength: 1, maxLength: 20 }), (ring, points) => {
        const star = region("star", "defender", [ring]);
        for (const p of points) {
          const inside = bruteInside(p, ring);
          expect(pointInRegion(p, star)).toBe(inside);
          const expected = inside ? 0 : bruteDistance(p, ring);
          expect(distanceToRegionKm(p, star)).toBeCloseTo(expected, 9);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("regionAt", () => {
  const sea = region("sea", "sea", [square(0, 0, 100)]);
  const land = region("land", "defender", [square(50, 0, 50)]);
  const overlay = region("overlay", "attacker", [square(80, 0, 20)]);

  it("prefers land over a sea outline drawn across the coast", () => {
    expect(regionAt({ x: 60, y: 10 }, [sea, land])?.id).toBe("land");
    expect(regionAt({ x: 10, y: 10 }, [sea, land])?.id).toBe("sea");
  });

  it("takes the first listed land region where land regions overlap", () => {
    expect(regionAt({ x: 90, y: 10 }, [sea, overlay, land])?.id).toBe("overlay");
    expect(regionAt({ x: 90, y: 10 }, [sea, land, overlay])?.id).toBe("land");
  });

  it("is null outside every region", () => {
    expect(regionAt({ x: 500, y: 500 }, [sea, land])).toBeNull();
  });
});
