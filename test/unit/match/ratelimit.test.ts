import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMIT, FloodGuard, type RateVerdict } from "../../../server/match/ratelimit.js";

describe("flood guard", () => {
  it("lets a burst of 40 through, then about 20 a second; says so once per second, not per message", () => {
    const guard = new FloodGuard(DEFAULT_RATE_LIMIT, 0);
    const burst = Array.from({ length: 50 }, () => guard.take(0));
    expect(burst.filter((v) => v === "ok")).toHaveLength(40);
    expect(burst.slice(40)).toEqual(["limited", ...Array(9).fill("quiet")]);
    expect(guard.take(50)).toBe("ok"); // 50 ms refill one token
    expect(guard.take(50)).toBe("quiet"); // still the same second
    const nextSecond: RateVerdict[] = [];
    while (nextSecond.at(-1) !== "limited" && nextSecond.length < 100) nextSecond.push(guard.take(1000));
    expect(nextSecond.filter((v) => v !== "ok")).toEqual(["limited"]); // a new second: one more reply
  });

  it("disconnects after three seconds of continuous flooding, not after a single burst", () => {
    const guard = new FloodGuard(DEFAULT_RATE_LIMIT, 0);
    let verdict: RateVerdict = "ok";
    let t = 0;
    for (; t <= 10_000 && verdict !== "disconnect"; t += 10) verdict = guard.take(t); // 100 a second
    expect(verdict).toBe("disconnect");
    expect(t).toBeGreaterThan(3000);
    expect(t).toBeLessThan(4000);

    const calm = new FloodGuard(DEFAULT_RATE_LIMIT, 0);
    for (let i = 0; i < 60; i++) calm.take(0);
    expect(calm.take(2000)).toBe("ok"); // a pause refills the bucket
    for (let i = 0; i < 60; i++) calm.take(2000);
    expect(calm.take(2001)).toBe("quiet"); // a new streak started at 2000 and was told then; no disconnect
  });

  it("disconnects at once a client that sends far more than it may within one second", () => {
    const guard = new FloodGuard(DEFAULT_RATE_LIMIT, 0);
    const verdicts = Array.from({ length: 5000 }, (_, i) => guard.take(i / 5)); // 5,000 in one second
    const first = verdicts.indexOf("disconnect");
    expect(first).toBe(40 + DEFAULT_RATE_LIMIT.disconnectBurst); // the burst passes, then 100 refusals
    expect(verdicts.slice(0, first).filter((v) => v === "limited")).toHaveLength(1);
  });
});
