import { describe, expect, it } from "vitest";
import { DelayLine } from "../../../server/match/delay.js";
import type { MatchSummary, Perspective, SideView } from "../../../sim/api.js";

/** The delayed spectator line: frames and feed released one delay later, never the present. */

function views(phase: SideView["phase"], clock: number): ReadonlyMap<Perspective, SideView> {
  return new Map([["truth", { perspective: "truth", phase, clock } as SideView]]);
}

describe("DelayLine", () => {
  it("releases the newest frame at least one delay old, with the status line of its moment", () => {
    const line = new DelayLine<{ clock: number }>(2_000);
    line.record(0, views("planning", 0), { clock: 0 });
    line.record(1_000, views("live", 60), { clock: 60 });
    line.record(2_000, views("live", 120), { clock: 120 });
    line.record(3_000, views("live", 180), { clock: 180 });
    expect(line.frameAt(3_000)?.views.get("truth")?.clock).toBe(60);
    expect(line.frameAt(3_000)?.status).toEqual({ clock: 60 });
    expect(line.frameAt(4_500)?.views.get("truth")?.clock).toBe(120);
  });

  it("keeps frames at most every half second", () => {
    const line = new DelayLine<{ clock: number }>(1_000);
    line.record(0, views("live", 0), { clock: 0 });
    line.record(200, views("live", 12), { clock: 12 });
    line.record(600, views("live", 36), { clock: 36 });
    expect(line.frameAt(1_300)?.views.get("truth")?.clock).toBe(0);
    expect(line.frameAt(1_600)?.views.get("truth")?.clock).toBe(36);
  });

  it("stands in the first frame before any is old enough, unless a night was running then", () => {
    const lobby = new DelayLine<{ clock: number }>(10_000);
    lobby.record(0, views("planning", 0), { clock: 0 });
    lobby.record(1_000, views("live", 60), { clock: 60 });
    expect(lobby.frameAt(1_000)?.views.get("truth")?.clock).toBe(0);
    const restored = new DelayLine<{ clock: number }>(10_000);
    restored.record(0, views("live", 900), { clock: 900 });
    expect(restored.frameAt(1_000)).toBeUndefined();
  });

  it("holds feed entries and round summaries for one delay", () => {
    const line = new DelayLine(2_000);
    const summary = { winner: "draw" } as unknown as MatchSummary;
    line.pushSummary(500, summary, false);
    expect(line.dueSummaries(2_499)).toEqual([]);
    expect(line.dueSummaries(2_500)).toEqual([{ summary, final: false }]);
    line.pushFeed(0, "truth", [{ round: 1, t: 1, kind: "launch", text: "a" }]);
    expect(line.dueFeed(1_999)).toEqual([]);
    expect(line.dueFeed(2_000).map((d) => d.entries[0].text)).toEqual(["a"]);
    expect(line.dueFeed(3_000)).toEqual([]);
  });
});
