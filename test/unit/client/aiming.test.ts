import { describe, expect, it } from "vitest";
import { aimAt, assetsWithin, MIN_RING_PX, ringPx, SNAP_PX } from "../../../client/map/aim.js";
import type { AssetLike } from "../../../client/map/source.js";
import { toScreenX, toScreenY, type ViewState } from "../../../client/map/view.js";
import { bigPurchase, describeEstimate, estimate } from "../../../client/ui/match/salvo-estimate.js";
import { loadScenario } from "../../../server/scenarios/loader.js";

/** Aiming on a large map and planning a salvo: pure arithmetic on the published scenario. */
const wideFront = loadScenario("wide-front");
/** Wide front at about its Fit zoom on a laptop: 0.4 px per km, so one pixel is 2.5 km. */
const fitView = (): ViewState => ({ cx: 0, cy: 0, scale: 0.4, width: 680, height: 640 });
const asset = (id: string): AssetLike => {
  const a = wideFront.assets.find((x) => x.id === id)!;
  return { id: a.id, kind: a.kind, name: a.name, x: a.at.x, y: a.at.y, hp: a.hp, hpMax: a.hp, powered: true };
};

describe("aiming on the map", () => {
  it("lands a click near a city on the city, and a click elsewhere where it was made", () => {
    const v = fitView();
    const kharkiv = asset("kharkiv");
    const sx = toScreenX(v, kharkiv.x) + SNAP_PX - 2;
    const sy = toScreenY(v, kharkiv.y);
    // Twelve pixels off at Fit is 30 km: without the snap a gun "at Kharkiv" would not cover it.
    expect(aimAt(v, [kharkiv], sx, sy)).toMatchObject({ x: kharkiv.x, y: kharkiv.y, snapped: kharkiv });
    const away = aimAt(v, [kharkiv], sx + 20, sy);
    expect(away.snapped).toBeNull();
    expect(away.x).toBeGreaterThan(kharkiv.x + 50);
  });

  it("draws a ring too small to see at this zoom at a minimum size, and says it did", () => {
    expect(ringPx(fitView(), 2)).toEqual({ r: MIN_RING_PX, enlarged: true });
    expect(ringPx(fitView(), 100)).toEqual({ r: 40, enlarged: false });
  });

  it("names what a unit would cover from where it lands", () => {
    const kharkiv = asset("kharkiv");
    expect(assetsWithin(wideFront, kharkiv.x, kharkiv.y, 5)[0]).toBe(kharkiv.name);
    expect(assetsWithin(wideFront, kharkiv.x + 60, kharkiv.y, 5)).not.toContain(kharkiv.name);
  });
});

describe("planning a salvo", () => {
  const zone = wideFront.launchZones.find((z) => z.threatTypes.includes("shahed"))!;
  const target = wideFront.assets.find((a) => a.id === "kyiv")!;
  const draft = {
    zone: zone.id,
    threatType: "shahed",
    count: 20,
    launchAtSec: 600,
    target: "kyiv",
    waypoints: [],
  };

  it("gives the route's length, the flight time and the first arrival from the catalogue", () => {
    const e = estimate(wideFront, draft)!;
    const km = Math.hypot(target.at.x - zone.at.x, target.at.y - zone.at.y);
    const speed = wideFront.catalogue.threats.shahed.speedMps;
    expect(e.routeKm).toBeCloseTo(km, 6);
    expect(e.firstArrivalSec).toBeCloseTo(600 + (km * 1000) / speed, 6);
    expect(e.costUsd).toBe(20 * wideFront.catalogue.threats.shahed.costUsd);
    expect(describeEstimate(e)).toMatch(/^\d+ km · flies (\d+ h )?\d+ min · first arrives at \d\d:\d\d/);
  });

  it("warns when a route is longer than the type can fly", () => {
    const far = { ...draft, waypoints: [{ x: -5000, y: 0 }] };
    const e = estimate(wideFront, far)!;
    expect(e.withinRange).toBe(false);
    expect(describeEstimate(e)).toContain("beyond its");
  });

  it("asks before a purchase of a quarter of the budget or more, not before a small one", () => {
    expect(bigPurchase(90_000_000, 120_000_000)).toBe("This salvo costs $90M of the $120M you have left.");
    expect(bigPurchase(700_000, 120_000_000)).toBeNull();
  });
});
