import { describe, expect, it } from "vitest";
import { horizonKm } from "../../../client/map/coverage.js";
import {
  fitBox,
  panBy,
  scaleBarKm,
  toScreenX,
  toScreenY,
  toWorld,
  type ViewState,
  zoomAt,
} from "../../../client/map/view.js";
import { SimClock } from "../../../client/net/clock.js";

const view = (): ViewState => ({ cx: 0, cy: 0, scale: 2, width: 800, height: 600 });

describe("the map view transform", () => {
  it("puts north up and the centre in the middle", () => {
    const v = view();
    expect([toScreenX(v, 0), toScreenY(v, 0)]).toEqual([400, 300]);
    expect(toScreenY(v, 10)).toBeLessThan(300);
    expect(toWorld(v, toScreenX(v, 12), toScreenY(v, -7))).toEqual({ x: 12, y: -7 });
  });

  it("zooms about the pointer and pans by drags", () => {
    const v = view();
    const before = toWorld(v, 100, 100);
    zoomAt(v, 3, 100, 100);
    const after = toWorld(v, 100, 100);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
    panBy(v, 60, 0);
    expect(toWorld(v, 160, 100).x).toBeCloseTo(before.x);
  });

  it("fits a box and picks round scale-bar lengths", () => {
    const fitted = fitBox(view(), { minX: -150, maxX: 150, minY: -100, maxY: 100 }, 0);
    expect(fitted.scale).toBeCloseTo(Math.min(800 / 300, 600 / 200));
    expect(scaleBarKm(2, 140)).toBe(50);
    expect(scaleBarKm(0.3, 140)).toBe(200);
  });
});

describe("radar horizon (a display helper)", () => {
  it("follows d = 4.12 (√h_radar + √h_target): low fliers are seen much closer", () => {
    expect(horizonKm(30, 10_000)).toBeCloseTo(4.12 * (Math.sqrt(30) + 100));
    expect(horizonKm(10, 30)).toBeLessThan(horizonKm(10, 10_000) / 5);
  });
});

describe("the client's simulation clock", () => {
  it("advances by the time scale between patches and freezes when paused", () => {
    const clock = new SimClock();
    clock.sync(100, 60, true, 0);
    expect(clock.now(1000)).toBeCloseTo(160);
    clock.sync(160, 60, false, 1000);
    expect(clock.now(5000)).toBeCloseTo(160);
  });

  it("never extrapolates more than two seconds of wall time without news", () => {
    const clock = new SimClock();
    clock.sync(0, 10, true, 0);
    expect(clock.now(60_000)).toBeCloseTo(20);
  });
});
