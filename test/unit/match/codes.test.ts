import { describe, expect, it } from "vitest";
import {
  allocateCode,
  CODE_ALPHABET,
  CODE_LENGTH,
  normalizeCode,
  randomCode,
} from "../../../server/match/codes.js";

describe("join codes", () => {
  it("use six characters without look-alikes", () => {
    for (const lookAlike of "01OIL") expect(CODE_ALPHABET).not.toContain(lookAlike);
    const code = randomCode();
    expect(code).toHaveLength(CODE_LENGTH);
    expect([...code].every((c) => CODE_ALPHABET.includes(c))).toBe(true);
  });

  it("accept what people type, case and spaces aside", () => {
    expect(normalizeCode(" k7qf2m ")).toBe("K7QF2M");
    expect(normalizeCode("K7QF2")).toBeUndefined();
    expect(normalizeCode("K7QF2O")).toBeUndefined();
  });

  it("are unique among the codes in use", async () => {
    const picks = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
    const code = await allocateCode(
      async () => new Set(["222222"]),
      () => picks.shift() ?? 0,
    );
    expect(code).toBe("333333");
  });
});
