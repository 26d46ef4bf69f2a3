import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accepted, type Classroom, CREW, forces, openClassroom, refused, unitAt } from "./crew-harness.js";
import { sleep, TestClient } from "./helpers.js";

/**
 * Crews (docs/classroom.md, "Crews"): a whole class in one compact-shield match. Attacker commander,
 * three strike planners and an intelligence officer; defender commander, four sector officers, a sensor
 * officer and logistics; one ally; an instructor and spectators. Every role gives the orders it may and is
 * refused the others with `not_allowed` naming the role and the rule; side chat and markers never reach
 * the other side or its spectators; the night is played to its end.
 */
let room: Classroom;
const m = (key: string) => room.member(key);
const white = () => room.instructor.client;

/** Places inside each sector of compact-shield (km), on the defender's land. */
const IN = {
  north: { x: -540, y: 105 },
  centre: { x: -578, y: 28 },
  jerusalem: { x: -571, y: -12 },
  south: { x: -585, y: -135 },
};
const allocationOf = (client: TestClient) =>
  [...client.state.economy.values()].find((e) => e.side === "attacker")?.allocations.get("planner-centre");
const salvo = (zone: string, count: number, target = "haifa") => ({
  zone,
  threatType: "shahed",
  count,
  launchAtSec: 60,
  target,
});

beforeAll(async () => {
  room = await openClassroom();
}, 60_000);
afterAll(async () => {
  await room?.close();
});

describe("a class in one match", () => {
  it("seats everyone in a role: the state lists who holds which, the first open role by default", () => {
    const held = [...white().state.seats.values()]
      .filter((seat) => seat.filledBy === "human" && seat.role !== "instructor")
      .map((seat) => `${seat.role}/${seat.crewRole}`)
      .sort();
    expect(held).toEqual(CREW.map((c) => c.key).sort());
  });

  it("refuses a full role, an unknown role, and roles for spectators", async () => {
    const join = (options: Record<string, unknown>) =>
      TestClient.join(room.server.client(), room.roomId, options);
    await expect(join({ seat: "defender", role: "commander", name: "Second" })).rejects.toThrow(
      /role commander is full \(1 of 1\)/,
    );
    await expect(join({ seat: "attacker", role: "sector-north", name: "Lost" })).rejects.toThrow(
      /the attacker has no role 'sector-north'/,
    );
    await expect(join({ seat: "spectator", role: "sensor", name: "Eve" })).rejects.toThrow(
      /'role' is for players/,
    );
  });

  it("lists each scenario's roles per side in GET /api/scenarios/<id>", async () => {
    const body = (await (await fetch(`${room.server.httpUrl}/api/scenarios/compact-shield`)).json()) as {
      roles: Record<string, { id: string; title: string; orders: string[] }[]>;
    };
    expect(body.roles.defender.map((r) => r.id)).toEqual([
      "commander",
      "sector-north",
      "sector-centre",
      "sector-jerusalem",
      "sector-south",
      "sensor",
      "logistics",
    ]);
    expect(body.roles.attacker.map((r) => r.id)).toEqual([
      "commander",
      "planner-north",
      "planner-centre",
      "planner-south",
      "intelligence",
    ]);
    expect(body.roles.ally.map((r) => r.id)).toEqual(["coalition-air", "allied-navy"]);
    expect(body.roles.defender[1]).toMatchObject({
      title: "Sector North",
      orders: expect.arrayContaining(["deploy"]),
    });
  });

  it("accepts every role's own orders", async () => {
    white().send("advance-phase", {});
    await white().waitFor(() => white().state.phase === "planning", "planning");
    await accepted([
      [m("defender/commander"), "deploy", { unitType: "medium-sam", at: IN.centre }],
      [m("defender/commander"), "buy-resupply", { layer: "medium-sam", count: 2 }],
      [m("defender/commander"), "set-doctrine", { unitId: "all", doctrine: { weapons: "tight" } }],
      [m("defender/sector-north"), "deploy", { unitType: "ew-jammer", at: IN.north }],
      [m("defender/sector-north"), "relocate", { unitId: "radar-north", to: { x: -535, y: 110 } }],
      [m("defender/sector-centre"), "deploy", { unitType: "ew-jammer", at: IN.centre }],
      [m("defender/sector-centre"), "set-doctrine", { unitId: "arrow-north", doctrine: { weapons: "free" } }],
      [m("defender/sector-jerusalem"), "deploy", { unitType: "ew-jammer", at: IN.jerusalem }],
      [m("defender/sector-jerusalem"), "relocate", { unitId: "arrow-south", to: { x: -573, y: -14 } }],
      [m("defender/sector-south"), "deploy", { unitType: "ew-jammer", at: IN.south }],
      [m("defender/sensor"), "deploy", { unitType: "fc-radar-medium", at: { x: -576, y: 30 } }],
      [m("defender/sensor"), "relocate", { unitId: "radar-negev", to: { x: -570, y: -105 } }],
      [m("defender/logistics"), "buy-resupply", { layer: "point-defence", count: 1 }],
      [m("defender/logistics"), "relocate", { unitId: "arrow-north", to: { x: -560, y: 62 } }],
      [m("attacker/commander"), "allocate", { role: "planner-centre", usd: 1_000_000 }],
      [m("attacker/planner-north"), "plan-salvo", salvo("tabriz", 5)],
      [m("attacker/planner-south"), "plan-salvo", salvo("ahvaz", 3, "eilat")],
      [m("ally/coalition-air"), "relocate", { unitId: "cap-north-jordan", to: { x: -410, y: 40 } }],
      [m("ally/coalition-air"), "set-doctrine", { unitId: "ship-north", doctrine: { weapons: "tight" } }],
    ]);
    // Within the commander's allocation of $1M: ten drones at $20k.
    await accepted([[m("attacker/planner-centre"), "plan-salvo", salvo("khorramabad", 10)]]);
    // The allocation reaches the attacker's crew (its economy) and the white cell, never the defence's.
    const planner = m("attacker/planner-centre").client;
    await planner.waitFor(() => allocationOf(planner) === 1_000_000, "the allocation in the planner's state");
    expect(allocationOf(white())).toBe(1_000_000);
    for (const key of ["defender/commander", "ally/coalition-air", "spectator/defender"]) {
      const economies = [...m(key).client.state.economy.values()];
      expect(economies.every((economy) => economy.allocations.size === 0)).toBe(true);
    }
    const watcher = white();
    expect(watcher.state.salvos.size).toBe(3);
    const northJammer = unitAt(watcher, "ew-jammer", IN.north.x, IN.north.y);
    await accepted([
      [m("defender/sector-north"), "set-doctrine", { unitId: northJammer, doctrine: { weapons: "hold" } }],
      [
        m("defender/commander"),
        "remove-unit",
        { unitId: unitAt(watcher, "ew-jammer", IN.south.x, IN.south.y) },
      ],
      [m("attacker/commander"), "cancel-salvo", { salvoId: salvoFrom("tabriz") }],
    ]);
    expect(watcher.state.salvos.size).toBe(2);
  });

  it("refuses every order outside a role's rights with not_allowed naming the role and the rule, changing nothing", async () => {
    const before = forces(white());
    const northJammer = unitAt(white(), "ew-jammer", IN.north.x, IN.north.y);
    const no = "not_allowed" as const;
    await refused([
      [
        m("defender/commander"),
        "relocate",
        { unitId: "radar-north", to: IN.north },
        no,
        /^commander may not relocate units/,
      ],
      [
        m("defender/sector-north"),
        "deploy",
        { unitType: "ew-jammer", at: IN.centre },
        no,
        /sector-north may only deploy units inside sector North/,
      ],
      [
        m("defender/sector-north"),
        "relocate",
        { unitId: "radar-negev", to: IN.north },
        no,
        /sector-north may only relocate units inside sector North/,
      ],
      [
        m("defender/sector-north"),
        "relocate",
        { unitId: "radar-north", to: IN.south },
        no,
        /sector-north may only relocate units to places inside sector North/,
      ],
      [
        m("defender/sector-north"),
        "set-doctrine",
        { unitId: "all", doctrine: { weapons: "free" } },
        no,
        /sector-north may not set side-wide doctrine/,
      ],
      [
        m("defender/sector-north"),
        "buy-resupply",
        { layer: "medium-sam", count: 1 },
        no,
        /sector-north may not buy resupply/,
      ],
      [m("defender/sector-north"), "ready", { ready: true }, no, /sector-north may not say ready/],
      [
        m("defender/sector-centre"),
        "deploy",
        { unitType: "ew-jammer", at: IN.north },
        no,
        /sector-centre may only deploy units inside sector Centre/,
      ],
      [
        m("defender/sector-centre"),
        "set-doctrine",
        { unitId: "arrow-south", doctrine: { weapons: "hold" } },
        no,
        /sector-centre may only set doctrine for units inside sector Centre/,
      ],
      [
        m("defender/sector-jerusalem"),
        "relocate",
        { unitId: "arrow-north", to: IN.jerusalem },
        no,
        /sector-jerusalem may only relocate units inside sector Jerusalem/,
      ],
      [
        m("defender/sector-south"),
        "deploy",
        { unitType: "ew-jammer", at: IN.jerusalem },
        no,
        /sector-south may only deploy units inside sector South/,
      ],
      [
        m("defender/sector-south"),
        "remove-unit",
        { unitId: northJammer },
        no,
        /sector-south may only remove units inside sector South/,
      ],
      [
        m("defender/sensor"),
        "deploy",
        { unitType: "ew-jammer", at: IN.centre },
        no,
        /sensor may only deploy sensors/,
      ],
      [
        m("defender/sensor"),
        "relocate",
        { unitId: "arrow-north", to: IN.centre },
        no,
        /sensor may only relocate sensors/,
      ],
      [
        m("defender/sensor"),
        "buy-resupply",
        { layer: "medium-sam", count: 1 },
        no,
        /sensor may not buy resupply/,
      ],
      [
        m("defender/logistics"),
        "deploy",
        { unitType: "ew-jammer", at: IN.centre },
        no,
        /logistics may not deploy units/,
      ],
      [
        m("defender/logistics"),
        "set-doctrine",
        { unitId: "arrow-north", doctrine: { weapons: "hold" } },
        no,
        /logistics may not set doctrine/,
      ],
      [m("attacker/commander"), "plan-salvo", salvo("tabriz", 1), no, /^commander may not plan salvos/],
      [
        m("attacker/commander"),
        "allocate",
        { role: "intelligence", usd: 5 },
        no,
        /no strike planner 'intelligence'/,
      ],
      [
        m("attacker/planner-north"),
        "plan-salvo",
        salvo("isfahan", 1),
        no,
        /planner-north may only plan salvos from its launch zones \(tabriz, kermanshah\)/,
      ],
      [
        m("attacker/planner-north"),
        "allocate",
        { role: "planner-north", usd: 1e9 },
        no,
        /planner-north may not allocate spend/,
      ],
      [m("attacker/planner-north"), "ready", { ready: true }, no, /planner-north may not say ready/],
      [
        m("attacker/planner-centre"),
        "plan-salvo",
        salvo("khorramabad", 41),
        no,
        /planner-centre may not spend beyond its allocation/,
      ],
      [
        m("attacker/planner-centre"),
        "cancel-salvo",
        { salvoId: salvoFrom("ahvaz") },
        no,
        /planner-centre may only cancel salvos from its launch zones/,
      ],
      [m("attacker/intelligence"), "plan-salvo", salvo("tabriz", 1), no, /intelligence may not plan salvos/],
      [
        m("attacker/intelligence"),
        "cancel-salvo",
        { salvoId: salvoFrom("ahvaz") },
        no,
        /intelligence may not cancel salvos/,
      ],
      [
        m("attacker/intelligence"),
        "allocate",
        { role: "planner-south", usd: 1 },
        no,
        /intelligence may not allocate spend/,
      ],
      [m("attacker/intelligence"), "ready", { ready: true }, no, /intelligence may not say ready/],
    ]);
    // Orders of the other side stay the side's rule (the seat), crews or not.
    await refused([
      [m("ally/coalition-air"), "deploy", { unitType: "ew-jammer", at: IN.north }, "wrong_seat", /defender/],
    ]);
    await sleep(1200);
    expect(forces(white())).toBe(before);
    expect(white().state.phase).toBe("planning");
  });
});

describe("the night", () => {
  it("starts when the commanders and the ally are ready, and plays to its end", async () => {
    await refused([
      [m("defender/sensor"), "ready", { ready: true }, "not_allowed", /sensor may not say ready/],
    ]);
    await accepted([
      [m("defender/commander"), "ready", { ready: true }],
      [m("attacker/commander"), "ready", { ready: true }],
      [m("ally/coalition-air"), "ready", { ready: true }],
    ]);
    await white().waitFor(() => white().state.phase === "live", "the night");
    await accepted([
      [
        m("defender/sector-north"),
        "set-doctrine",
        { unitId: unitAt(white(), "ew-jammer", IN.north.x, IN.north.y), doctrine: { weapons: "free" } },
      ],
    ]);
    white().send("advance-phase", {});
    await white().waitFor(() => white().state.phase === "assessment", "the end of the night");
    for (const [, member] of room.members) expect(member.client.leftWith).toBeUndefined();
  });
});

/** The id of the planned salvo from a launch zone. */
function salvoFrom(zone: string): string {
  const found = [...white().state.salvos.values()].find((s) => s.zone === zone);
  if (!found) throw new Error(`no salvo from ${zone}`);
  return found.id;
}
