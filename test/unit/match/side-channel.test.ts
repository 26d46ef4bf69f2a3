import { describe, expect, it } from "vitest";
import { hears, mayWrite } from "../../../server/match/side-channel.js";

const planner = { role: "attacker", crewRole: "planner-east", key: "a" } as const;
const intel = { role: "attacker", crewRole: "intelligence", key: "a" } as const;
const sector = { role: "defender", crewRole: "sector-north", key: "d" } as const;
const instructor = { role: "instructor", crewRole: "", key: "d" } as const;
const truth = { role: "spectator", crewRole: "", key: "t" } as const;
const delayedTruth = { role: "spectator", crewRole: "", key: "xt" } as const;
const onAttacker = { role: "spectator", crewRole: "", key: "a" } as const;

describe("who hears the side channel", () => {
  it("a side's chat: its people, the instructor (whatever view) and live truth spectators", () => {
    const side = { side: "attacker", crewRole: "planner-east", channel: "side" } as const;
    expect(
      [planner, intel, sector, instructor, truth, delayedTruth, onAttacker].map((l) => hears(l, side)),
    ).toEqual([true, true, false, true, true, false, false]);
  });

  it("a role's chat: only that role's holders of that side, the instructor and live truth spectators", () => {
    const role = { side: "attacker", crewRole: "planner-east", channel: "role" } as const;
    expect([planner, intel, sector, instructor, truth].map((l) => hears(l, role))).toEqual([
      true,
      false,
      false,
      true,
      true,
    ]);
  });

  it("the instructor's chat to all: everyone", () => {
    const all = { side: "", crewRole: "", channel: "all" } as const;
    expect([planner, sector, onAttacker, delayedTruth].every((l) => hears(l, all))).toBe(true);
  });

  it("players write to their side or role, the instructor to all", () => {
    expect(mayWrite("defender", "side").ok).toBe(true);
    expect(mayWrite("defender", "role").ok).toBe(true);
    expect(mayWrite("defender", "all")).toMatchObject({ ok: false, code: "not_allowed" });
    expect(mayWrite("instructor", "all").ok).toBe(true);
    expect(mayWrite("instructor", "side")).toMatchObject({ ok: false, code: "not_allowed" });
  });
});
