import { describe, expect, it } from "vitest";
import { postInView, type SidePost } from "../../../shared/side-channel.js";

/** Which recorded posts a replay shows from each view (docs/classroom.md, "The side channel"). */

const head = { from: "someone", round: 1, t: 10 };
const chat = (side: string, role: string, channel: "side" | "role" | "all"): SidePost => ({
  kind: "chat",
  post: { ...head, side, role, channel, text: `${side} ${channel}` },
});
const marker = (side: string): SidePost => ({
  kind: "marker",
  post: { ...head, side, role: side, at: { x: 1, y: 2 }, label: `${side} marker` },
});

const POSTS: SidePost[] = [
  chat("attacker", "commander", "side"),
  chat("attacker", "planner-north", "role"),
  marker("attacker"),
  chat("defender", "sector-north", "side"),
  chat("defender", "sensor", "role"),
  marker("defender"),
  chat("ally", "coalition-air", "side"),
  chat("", "instructor", "all"),
  marker(""),
];

const seen = (view: Parameters<typeof postInView>[1]) => POSTS.filter((p) => postInView(p, view));

describe("postInView", () => {
  it("shows every post in the truth", () => {
    expect(seen("truth")).toEqual(POSTS);
  });

  it("shows a side's view its own posts and the instructor's to all, never another side's", () => {
    for (const side of ["attacker", "defender", "ally"] as const) {
      const shown = seen(side);
      expect(shown.filter((p) => p.post.side !== side)).toEqual([chat("", "instructor", "all")]);
      expect(shown.filter((p) => p.post.side === side)).toEqual(POSTS.filter((p) => p.post.side === side));
    }
  });

  it("keeps the instructor's markers (heard by the instructor and the truth only) out of side views", () => {
    expect(seen("defender")).not.toContainEqual(marker(""));
  });
});
