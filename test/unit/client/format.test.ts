import { describe, expect, it } from "vitest";
import {
  formatClock,
  formatCount,
  formatCountdown,
  formatRatio,
  formatUsd,
  typeCode,
} from "../../../client/util/format.js";

describe("display formats (docs/screen.md: money as $148M / $35k, times as HH:MM)", () => {
  it("writes money with k, M and B suffixes", () => {
    expect(formatUsd(148_000_000)).toBe("$148M");
    expect(formatUsd(1_500_000)).toBe("$1.5M");
    expect(formatUsd(35_000)).toBe("$35k");
    expect(formatUsd(4_000_000)).toBe("$4M");
    expect(formatUsd(900)).toBe("$900");
    expect(formatUsd(2_300_000_000)).toBe("$2.3B");
    expect(formatUsd(-50_000)).toBe("-$50k");
  });

  it("writes simulated time as HH:MM and countdowns as M:SS", () => {
    expect(formatClock(0)).toBe("00:00");
    expect(formatClock(161 * 60 + 59)).toBe("02:41");
    expect(formatCountdown(119.2)).toBe("2:00");
    expect(formatCountdown(-3)).toBe("0:00");
  });

  it("writes counts, ratios and type codes", () => {
    expect(formatCount(1234567)).toBe("1\u2009234\u2009567");
    expect(formatRatio(4.83)).toBe("4.8");
    expect(formatRatio(0)).toBe("—");
    expect(typeCode("medium-sam")).toBe("MS");
    expect(typeCode("gun")).toBe("GUN");
  });
});
