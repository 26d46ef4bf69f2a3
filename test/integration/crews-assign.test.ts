import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CrewSummary } from "../../shared/crews.js";
import { accepted, type CrewMember, instructedMatch, refused, unitAt } from "./crew-harness.js";
import { startServer, type TestServer } from "./helpers.js";

/**
 * The instructor's crew roster (docs/classroom.md, "Crews"): `assign-role` moves a person to another
 * role of their side; they keep their seat and connection and the side keeps its units; a full or
 * unknown role, a seat without a person and a sender who is not the instructor are refused with the
 * reason. The room listing counts the open roles of each side as people join and move.
 */
let server: TestServer;
let white: CrewMember;
let commander: CrewMember;
let officer: CrewMember;
let planner: CrewMember;

const IN_NORTH = { x: -540, y: 105 };
const IN_SOUTH = { x: -585, y: -135 };

async function listing(): Promise<{ crews: CrewSummary }> {
  const list = (await (await fetch(`${server.httpUrl}/api/matches`)).json()) as {
    roomId: string;
    crews: CrewSummary;
  }[];
  const found = list.find((entry) => entry.roomId === white.client.room.roomId);
  if (!found) throw new Error("the match is not listed");
  return found;
}

beforeAll(async () => {
  server = await startServer({ rateLimit: { perSec: 1e6, burst: 1e6 } });
  const match = await instructedMatch(server);
  white = match.white;
  const join = match.join;
  commander = await join({ seat: "defender", name: "Commander" });
  officer = await join({ seat: "defender", role: "sector-north", name: "Officer" });
  planner = await join({ seat: "attacker", role: "planner-north", name: "Planner" });
  white.client.send("advance-phase", {});
  await white.client.waitFor(() => white.client.state.phase === "planning", "planning");
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const seatOf = (m: CrewMember) => m.client.welcome?.seatId ?? "";
const crewRoleOf = (m: CrewMember) => white.client.state.seats.get(seatOf(m))?.crewRole;

describe("assigning crew roles", () => {
  it("lists the open roles of each side and who holds the others", async () => {
    const { crews } = await listing();
    expect(crews.defender).toEqual({ open: 5, held: { commander: 1, "sector-north": 1 } });
    expect(crews.attacker).toEqual({ open: 4, held: { "planner-north": 1 } });
    expect(crews.ally.open).toBe(2);
  });

  it("moves a person to another role of their side: same seat, same connection, the side's units stay", async () => {
    await accepted([[officer, "deploy", { unitType: "ew-jammer", at: IN_NORTH }]]);
    const jammer = unitAt(white.client, "ew-jammer", IN_NORTH.x, IN_NORTH.y);
    const seatId = seatOf(officer);
    await accepted([[white, "assign-role", { seatId, role: "sector-south" }]]);
    await white.client.waitFor(() => crewRoleOf(officer) === "sector-south", "the officer in sector South");
    expect(officer.client.leftWith).toBeUndefined();
    expect(officer.client.state.seats.get(seatId)).toMatchObject({
      filledBy: "human",
      name: "Officer",
      crewRole: "sector-south",
      connected: true,
    });
    expect(unitAt(white.client, "ew-jammer", IN_NORTH.x, IN_NORTH.y)).toBe(jammer);
    await accepted([[officer, "deploy", { unitType: "ew-jammer", at: IN_SOUTH }]]);
    await refused([
      [
        officer,
        "set-doctrine",
        { unitId: jammer, doctrine: { weapons: "hold" } },
        "not_allowed",
        /^sector-south may only .* inside sector South/,
      ],
    ]);
    const { crews } = await listing();
    expect(crews.defender.held).toEqual({ commander: 1, "sector-south": 1 });
  });

  it("refuses a full role, an unknown role, a seat without a person, and anyone but the instructor", async () => {
    await refused([
      [
        white,
        "assign-role",
        { seatId: seatOf(officer), role: "commander" },
        "not_allowed",
        /role commander is full \(1 of 1\)/,
      ],
      [
        white,
        "assign-role",
        { seatId: seatOf(planner), role: "sector-north" },
        "not_allowed",
        /the attacker has no role 'sector-north'/,
      ],
      [white, "assign-role", { seatId: "defender-9", role: "sensor" }, "not_allowed", /holds no person/],
      [white, "assign-role", { seatId: "nowhere-1", role: "sensor" }, "not_allowed", /no seat 'nowhere-1'/],
      [
        commander,
        "assign-role",
        { seatId: seatOf(officer), role: "sensor" },
        "wrong_seat",
        /only the instructor can assign crew roles/,
      ],
    ]);
    expect(crewRoleOf(officer)).toBe("sector-south");
    expect(crewRoleOf(commander)).toBe("commander");
  });

  it("moves the commander away: the remaining crew acts for the roles nobody holds", async () => {
    await accepted([[white, "assign-role", { seatId: seatOf(commander), role: "logistics" }]]);
    await white.client.waitFor(() => crewRoleOf(commander) === "logistics", "the commander in logistics");
    await accepted([
      [officer, "deploy", { unitType: "ew-jammer", at: { x: IN_NORTH.x + 4, y: IN_NORTH.y } }],
    ]);
    const { crews } = await listing();
    expect(crews.defender.held).toEqual({ logistics: 1, "sector-south": 1 });
  });
});
