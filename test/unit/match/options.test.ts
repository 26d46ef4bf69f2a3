import { describe, expect, it } from "vitest";
import { fingerprint, parseJoinOptions, parseMatchSettings } from "../../../server/match/options.js";

describe("room options", () => {
  const createAndJoin = { scenario: "training-range", autostart: true, seat: "instructor", name: "Ann" };

  it("split one create call's options into match settings and the creator's seat", () => {
    expect(parseMatchSettings(createAndJoin)).toMatchObject({
      ok: true,
      value: { scenario: "training-range", autostart: true, planningSec: 120, pacing: { mode: "realtime" } },
    });
    expect(parseJoinOptions(createAndJoin)).toEqual({ ok: true, value: { seat: "instructor", name: "Ann" } });
  });

  it("name unknown options and bad values with their path", () => {
    expect(parseMatchSettings({ ...createAndJoin, colour: "red" })).toEqual({
      ok: false,
      message: "match options: unknown option 'colour'",
    });
    const bad = parseMatchSettings({
      scenario: "training-range",
      pacing: { mode: "realtime", timeScale: 0 },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/pacing\.timeScale/);
    expect(parseJoinOptions("instructor")).toEqual({
      ok: false,
      message: "join options: expected an object",
    });
  });

  it("fingerprint options independently of key order", () => {
    expect(fingerprint({ a: 1, b: { c: 2, d: 3 } })).toBe(fingerprint({ b: { d: 3, c: 2 }, a: 1 }));
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
  });
});
