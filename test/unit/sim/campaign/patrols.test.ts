import { describe, expect, it } from "vitest";
import { patrolSpec, sortieOnStation } from "../../../../sim/campaign/patrols.js";
import { fixtureScenario } from "./fixture.js";

const { layers } = fixtureScenario().catalogue;
const NIGHT_SEC = 36_000;

describe("fighter patrols", () => {
  it("only fighter layers with a time on station patrol", () => {
    expect(patrolSpec(layers.fighter)).toEqual({ timeOnStationSec: 3600, sortiesPerRound: 2 });
    expect(patrolSpec(layers.sam)).toBeNull();
    expect(patrolSpec({ ...layers.fighter, timeOnStationSec: undefined })).toBeNull();
  });

  it("spreads the round's sorties evenly, each on station for its time, grounded in between and after", () => {
    const spec = patrolSpec(layers.fighter)!;
    const at = (t: number) => sortieOnStation(spec, NIGHT_SEC, t);
    expect([0, 3599.5, 3600, 17_999.5, 18_000, 21_599.5, 21_600, 35_999.5, NIGHT_SEC].map(at)).toEqual([
      0, 0, -1, -1, 1, 1, -1, -1, -1,
    ]);
    expect(at(-1)).toBe(-1);
  });

  it("never overlaps sorties: a time on station longer than the slot covers the slot", () => {
    const spec = { timeOnStationSec: 30_000, sortiesPerRound: 3 };
    expect([0, 11_999.5, 12_000, 24_000, 35_999.5].map((t) => sortieOnStation(spec, NIGHT_SEC, t))).toEqual([
      0, 0, 1, 2, 2,
    ]);
  });
});
