import { describe, expect, it } from "vitest";
import { SeatBook } from "../../../server/match/seats.js";
import { derivedRoles } from "../../../shared/crews.js";

/** The seat book's crews (docs/classroom.md, "Crews"): the listing's counts and moving a person between roles. */
const ROLES = derivedRoles({
  sectors: [
    { id: "north", name: "North" },
    { id: "south", name: "South" },
  ],
  launchZones: [{ id: "east", name: "East" }],
  allies: [],
});
const COUNTS = { attacker: 2, defender: 4, ally: 0, instructor: 1, spectator: 10 };

function book(): SeatBook {
  const seats = new SeatBook(COUNTS, {}, ROLES);
  seats.claim("defender", "Ada", "commander");
  seats.claim("defender", "Bo", "sector-north");
  seats.claim("attacker", "Cy", "planner-east");
  return seats;
}

describe("crews in the seat book", () => {
  it("counts per side the roles nobody holds and the people in each held role", () => {
    expect(book().crewSummary()).toEqual({
      defender: { open: 3, held: { commander: 1, "sector-north": 1 } },
      attacker: { open: 2, held: { "planner-east": 1 } },
      ally: { open: 0, held: {} },
    });
  });

  it("moves a person to another role of their side, keeping the seat and clearing ready", () => {
    const seats = book();
    const seat = seats.get("defender-2")!;
    seat.ready = true;
    expect(seats.reassign("defender-2", "sector-south")).toEqual({ ok: true });
    expect(seats.get("defender-2")).toMatchObject({
      name: "Bo",
      filledBy: "human",
      crewRole: "sector-south",
    });
    expect(seat.ready).toBe(false);
    expect(seats.reassign("defender-2", "sector-south")).toEqual({ ok: true });
  });

  it("refuses a full role, an unknown role and a seat without a person, changing nothing", () => {
    const seats = book();
    expect(seats.reassign("defender-2", "commander")).toMatchObject({
      ok: false,
      code: "not_allowed",
      message: "role commander is full (1 of 1)",
    });
    expect(seats.reassign("attacker-1", "sector-north")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^the attacker has no role 'sector-north'/),
    });
    expect(seats.reassign("defender-4", "sensor")).toMatchObject({ ok: false, path: "seatId" });
    expect(seats.reassign("instructor-1", "sensor")).toMatchObject({ ok: false, path: "seatId" });
    expect(seats.crewSummary().defender.held).toEqual({ commander: 1, "sector-north": 1 });
  });
});
