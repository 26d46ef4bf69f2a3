import { describe, expect, it } from "vitest";
import {
  actingRoles,
  type CrewSeat,
  crewRoleFor,
  mayReady,
  WHOLE_SIDE,
} from "../../../shared/crew-rights.js";
import { derivedRoles } from "../../../shared/crews.js";

const ROLES = derivedRoles({
  sectors: [
    { id: "north", name: "North" },
    { id: "south", name: "South" },
  ],
  launchZones: [{ id: "east", name: "East" }],
  allies: [],
});
const person = (role: string, crewRole: string): CrewSeat => ({ role, filledBy: "human", crewRole });
const ids = (acting: ReturnType<typeof actingRoles>) =>
  acting === WHOLE_SIDE ? acting : acting.map((r) => r.id);

describe("who acts for which role", () => {
  it("gives one person alone on a side the whole side, whichever role they hold", () => {
    for (const role of ["commander", "sector-north", "logistics"]) {
      const seat = person("defender", role);
      expect(ids(actingRoles(seat, [seat], ROLES))).toBe(WHOLE_SIDE);
    }
  });

  it("lets the commander act for the roles nobody holds, and the others only for their own", () => {
    const commander = person("defender", "commander");
    const north = person("defender", "sector-north");
    const seats = [commander, north, person("attacker", "sector-south")];
    expect(ids(actingRoles(commander, seats, ROLES))).toEqual([
      "commander",
      "sector-south",
      "sensor",
      "logistics",
    ]);
    expect(ids(actingRoles(north, seats, ROLES))).toEqual(["sector-north"]);
  });

  it("counts a bot in a crew role as holding it; the bot acts for its role alone and never says ready", () => {
    const commander = person("defender", "commander");
    const bot: CrewSeat = { role: "defender", filledBy: "bot:normal", crewRole: "sector-south" };
    const seats = [commander, bot];
    expect(ids(actingRoles(commander, seats, ROLES))).toEqual([
      "commander",
      "sector-north",
      "sensor",
      "logistics",
    ]);
    expect(ids(actingRoles(bot, seats, ROLES))).toEqual(["sector-south"]);
    expect(mayReady(bot, seats, ROLES)).toBe(false);
  });

  it("without a commander, everyone on the side acts for the roles nobody holds", () => {
    const north = person("defender", "sector-north");
    const south = person("defender", "sector-south");
    const seats = [north, south];
    expect(ids(actingRoles(north, seats, ROLES))).toEqual([
      "commander",
      "sector-north",
      "sensor",
      "logistics",
    ]);
  });

  it("waits for ready only from those who act for a role that says it", () => {
    const commander = person("defender", "commander");
    const sensor = person("defender", "sensor");
    expect(mayReady(commander, [commander, sensor], ROLES)).toBe(true);
    expect(mayReady(sensor, [commander, sensor], ROLES)).toBe(false);
    expect(mayReady({ role: "instructor", filledBy: "human", crewRole: "" }, [], ROLES)).toBe(false);
  });

  it("seats scripted players and people on a side without roles for the whole side", () => {
    const bot: CrewSeat = { role: "attacker", filledBy: "bot:easy", crewRole: "" };
    expect(actingRoles(bot, [bot], ROLES)).toBe(WHOLE_SIDE);
    expect(crewRoleFor("ally", undefined, ROLES.ally, [])).toBe("");
  });
});

describe("the role a person joining gets", () => {
  it("is the first role nobody holds, then the first with room", () => {
    expect(crewRoleFor("defender", undefined, ROLES.defender, [])).toBe("commander");
    const seats = ROLES.defender.map((role) => person("defender", role.id));
    expect(crewRoleFor("defender", undefined, ROLES.defender, seats)).toBe("sector-north");
  });

  it("is the role asked for while it has room; otherwise the reason", () => {
    const seats = [person("defender", "commander")];
    expect(crewRoleFor("defender", "sensor", ROLES.defender, seats)).toBe("sensor");
    expect(crewRoleFor("defender", "commander", ROLES.defender, seats)).toEqual({
      refused: "role commander is full (1 of 1)",
    });
    expect(crewRoleFor("defender", "planner-east", ROLES.defender, seats)).toEqual({
      refused: expect.stringContaining("the defender has no role 'planner-east'"),
    });
    expect(crewRoleFor("ally", "navy", ROLES.ally, [])).toEqual({
      refused: "the ally has no crew roles in this scenario",
    });
  });

  it("refuses when every role is full", () => {
    const seats = ROLES.attacker.flatMap((role) =>
      Array.from({ length: role.limit }, () => person("attacker", role.id)),
    );
    expect(crewRoleFor("attacker", undefined, ROLES.attacker, seats)).toEqual({
      refused: "every attacker role is full",
    });
  });
});
