import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMIT, FloodGuard } from "../../../server/match/ratelimit.js";

describe("flood guard", () => {
  it("lets a burst of 40 through, then about 20 a second", () => {
    const guard = new FloodGuard(DEFAULT_RATE_LIMIT, 0);
    const burst = Array.from({ length: 50 }, () => guard.take(0));
    expect(burst.filter((v) => v === "ok")).toHaveLength(40);
    expect(guard.take(50)).toBe("ok"); // 50 ms refill one token
    expect(guard.take(50)).toBe("limited");
  });

  it("disconnects after three seconds of continuous flooding, not after a single burst", () => {
    const guard = new FloodGuard(DEFAULT_RATE_LIMIT, 0);
    let verdict = "ok";
    let t = 0;
    for (; t <= 10_000 && verdict !== "disconnect"; t += 10) verdict = guard.take(t); // 100 a second
    expect(verdict).toBe("disconnect");
    expect(t).toBeGreaterThan(3000);
    expect(t).toBeLessThan(4000);

    const calm = new FloodGuard(DEFAULT_RATE_LIMIT, 0);
    for (let i = 0; i < 60; i++) calm.take(0);
    expect(calm.take(2000)).toBe("ok"); // a pause refills the bucket
    for (let i = 0; i < 60; i++) calm.take(2000);
    expect(calm.take(2001)).toBe("limited"); // a new streak starts; no disconnect
  });
});
