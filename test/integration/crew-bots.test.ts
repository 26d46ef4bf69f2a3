import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botFactory } from "../../server/match/scripted.js";
import { sectorAt } from "../../shared/crews.js";
import { accepted, type CrewMember, instructedMatch, refused } from "./crew-harness.js";
import { startServer, type TestServer } from "./helpers.js";

/**
 * Bots in crew roles (docs/classroom.md, "Crews"): on a compact-shield match played by people, the
 * instructor gives open roles to bots on free seats of the side (`assign-seat` with `role`). A bot does
 * only its role's work: the sector officer bot deploys inside its sector, the strike planner bot plans
 * from its launch zones; the commander no longer acts for the bot's role. The commander's role, a role a
 * person holds, and a sender other than the instructor are refused with the reason.
 */
let server: TestServer;
let white: CrewMember;
let defence: CrewMember;
let attack: CrewMember;

/** compact-shield's sectors and planner zones, as GET /api/scenarios/compact-shield serves them. */
let sectors: { id: string; name: string; at: { x: number; y: number } }[] = [];
const SOUTH_ZONES = ["ahvaz"];

const freeSeat = (side: string) =>
  [...white.client.state.seats.values()].find((seat) => seat.role === side && seat.filledBy === "")?.id ?? "";

beforeAll(async () => {
  server = await startServer({ bots: botFactory, rateLimit: { perSec: 1e6, burst: 1e6 } });
  const scenario = (await (await fetch(`${server.httpUrl}/api/scenarios/compact-shield`)).json()) as {
    sectors: typeof sectors;
  };
  sectors = scenario.sectors;
  const match = await instructedMatch(server);
  white = match.white;
  const join = match.join;
  defence = await join({ seat: "defender", role: "commander", name: "Commander" });
  attack = await join({ seat: "attacker", role: "commander", name: "General" });
  await white.client.waitFor(
    () => [...white.client.state.seats.values()].filter((seat) => seat.filledBy === "human").length === 3,
    "both commanders seated",
  );
}, 60_000);
afterAll(async () => {
  await server?.close();
});

describe("bots in crew roles", () => {
  it("gives open roles to bots on free seats; the roster shows them holding the roles", async () => {
    const defenderSeat = freeSeat("defender");
    await accepted([
      [white, "assign-seat", { seatId: defenderSeat, to: "bot:normal", role: "sector-south" }],
    ]);
    const attackerSeat = freeSeat("attacker");
    await accepted([
      [white, "assign-seat", { seatId: attackerSeat, to: "bot:normal", role: "planner-south" }],
    ]);
    const seats = white.client.state.seats;
    expect(seats.get(defenderSeat)).toMatchObject({ filledBy: "bot:normal", crewRole: "sector-south" });
    expect(seats.get(attackerSeat)).toMatchObject({ filledBy: "bot:normal", crewRole: "planner-south" });
    const listing = (await (await fetch(`${server.httpUrl}/api/matches`)).json()) as {
      roomId: string;
      crews: { defender: { held: Record<string, number> } };
    }[];
    const crews = listing.find((entry) => entry.roomId === white.client.room.roomId)?.crews;
    expect(crews?.defender.held).toMatchObject({ commander: 1, "sector-south": 1 });
  });

  it("refuses the commander's role, a role someone holds, people as a role's fill, and anyone but the instructor", async () => {
    const seat = freeSeat("defender");
    await refused([
      [
        white,
        "assign-seat",
        { seatId: seat, to: "bot:easy", role: "commander" },
        "not_allowed",
        /for a person/,
      ],
      [
        white,
        "assign-seat",
        { seatId: seat, to: "bot:easy", role: "sector-south" },
        "not_allowed",
        /held by Bot \(normal\)/,
      ],
      [white, "assign-seat", { seatId: seat, to: "human", role: "sector-north" }, "invalid", /own crew role/],
      [white, "assign-seat", { seatId: seat, to: "bot:easy", role: "no-such" }, "not_allowed", /no role/],
      [defence, "assign-seat", { seatId: seat, to: "bot:easy", role: "sector-north" }, "wrong_seat", /./],
    ]);
  });

  it("lets each bot do its role's work only, and the commander no longer acts for it", async () => {
    const before = new Set([...white.client.state.units.values()].map((unit) => unit.id));
    white.client.send("advance-phase", {});
    await white.client.waitFor(() => white.client.state.phase === "planning", "planning");
    const state = () => white.client.state;
    await white.client.waitFor(
      () => [...state().units.values()].some((unit) => !before.has(unit.id)),
      "the sector bot's deployments",
    );
    await white.client.waitFor(() => state().salvos.size > 0, "the planner bot's salvos");
    const deployed = [...state().units.values()].filter((unit) => !before.has(unit.id));
    for (const unit of deployed) expect(sectorAt(sectors, unit)?.id, unit.id).toBe("south");
    for (const salvo of state().salvos.values()) expect(SOUTH_ZONES).toContain(salvo.zone);
    // The attacker's commander plans for the planners nobody holds, no longer for the bot's.
    await refused([
      [
        attack,
        "plan-salvo",
        { zone: "ahvaz", threatType: "shahed", count: 2, launchAtSec: 60, target: "eilat" },
        "not_allowed",
        /may only plan salvos from its launch zones/,
      ],
    ]);
    await accepted([
      [
        attack,
        "plan-salvo",
        { zone: "tabriz", threatType: "shahed", count: 2, launchAtSec: 60, target: "haifa" },
      ],
    ]);
  });

  it("takes a role back from its bot: the seat is free again and the commander acts for the role", async () => {
    const botSeat = [...white.client.state.seats.values()].find((seat) => seat.crewRole === "planner-south");
    await accepted([[white, "assign-seat", { seatId: botSeat?.id ?? "", to: "human" }]]);
    expect(white.client.state.seats.get(botSeat?.id ?? "")?.filledBy).toBe("");
    await accepted([
      [
        attack,
        "plan-salvo",
        { zone: "ahvaz", threatType: "shahed", count: 2, launchAtSec: 60, target: "eilat" },
      ],
    ]);
  });
});
