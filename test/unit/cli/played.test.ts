import { describe, expect, it } from "vitest";
import { playedSeat } from "../../../server/cli/played.js";
import type { RecordedCommand } from "../../../shared/history.js";
import type { Command, SideView } from "../../../sim/api.js";

/** "As played": a side's recorded orders given again at the moments they were given. */

let seq = 0;
function order(round: number, phase: RecordedCommand["phase"], t: number, command: Command): RecordedCommand {
  return { seq: ++seq, round, phase, t, issuer: "defender-1", command };
}
const deploy = (x: number): Command => ({
  type: "deploy",
  side: "defender",
  unitType: "gun",
  at: { x, y: 0 },
});
const hold = (unit: string): Command => ({
  type: "set-doctrine",
  side: "defender",
  unitId: unit,
  doctrine: { weapons: "hold" },
});
const view = (round: number, clock: number) => ({ round, clock }) as SideView;

describe("a seat replaying a side's recorded orders", () => {
  const orders = [
    order(1, "planning", 0, deploy(1)),
    order(1, "live", 30, hold("a")),
    order(1, "live", 95, hold("b")),
    order(1, "assessment", 400, deploy(2)),
    order(2, "planning", 0, deploy(3)),
    order(2, "live", 10, hold("c")),
    order(1, "planning", 0, {
      type: "plan-salvo",
      side: "attacker",
      zone: "z",
      threatType: "drone",
      count: 1,
      launchAtSec: 0,
      intervalSec: 10,
      target: "city",
      waypoints: [],
    }),
    order(1, "live", 0, { type: "start-live", side: "white" } as Command),
  ];

  it("gives the planning orders of a round, and those given after a night in the next round's planning", () => {
    const seat = playedSeat(orders, "defender");
    expect(seat.onPlanning(1, view(1, 0))).toEqual([deploy(1)]);
    expect(seat.onPlanning(2, view(2, 0))).toEqual([deploy(2), deploy(3)]);
    expect(seat.onPlanning(3, view(3, 0))).toEqual([]);
  });

  it("gives each night's orders once, at the first call at or after their time", () => {
    const seat = playedSeat(orders, "defender");
    expect(seat.onTick?.(view(1, 20))).toEqual([]);
    expect(seat.onTick?.(view(1, 30))).toEqual([hold("a")]);
    expect(seat.onTick?.(view(1, 40))).toEqual([]);
    expect(seat.onTick?.(view(1, 200))).toEqual([hold("b")]);
    expect(seat.onTick?.(view(2, 10))).toEqual([hold("c")]);
  });

  it("skips a night's orders the night ended before (a shorter night on another seed)", () => {
    const seat = playedSeat(orders, "defender");
    expect(seat.onTick?.(view(1, 40))).toEqual([hold("a")]);
    expect(seat.onTick?.(view(2, 0))).toEqual([]);
    expect(seat.onTick?.(view(2, 10))).toEqual([hold("c")]);
  });

  it("gives only its own side's orders", () => {
    expect(playedSeat(orders, "attacker").onPlanning(1, view(1, 0))).toEqual([orders[6].command]);
    expect(playedSeat(orders, "ally").onPlanning(1, view(1, 0))).toEqual([]);
  });
});
