import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorCode } from "../../shared/protocol.js";
import { sleep, startServer, TestClient, type TestServer } from "./helpers.js";

/**
 * Orders: every class of invalid message gets exactly one `error` reply (with the message's type and
 * rid), the sender stays connected, and the match is unchanged. (Flood control and the fuzz of generated
 * messages have their own files: test/integration/flood.test.ts, test/integration/fuzz.test.ts.)
 */
let server: TestServer;
let instructor: TestClient;
let attacker: TestClient;
let defender: TestClient;
let spectator: TestClient;

beforeAll(async () => {
  server = await startServer({ rateLimit: { perSec: 1e6, burst: 1e6 } });
  instructor = await TestClient.create(server.client(), {
    scenario: "training-range",
    seat: "instructor",
    name: "White",
  });
  const roomId = instructor.room.roomId;
  await instructor.waitFor(() => instructor.welcome !== undefined, "the welcome");
  const spectatorKey = instructor.welcome?.spectatorKey;
  attacker = await TestClient.join(server.client(), roomId, { seat: "attacker", name: "Red" });
  defender = await TestClient.join(server.client(), roomId, { seat: "defender", name: "Blue" });
  spectator = await TestClient.join(server.client(), roomId, {
    seat: "spectator",
    name: "Class",
    spectatorKey,
  });
  for (const client of [instructor, attacker, defender, spectator]) {
    const seated = () =>
      ["attacker-1", "defender-1"].every((id) => client.state.seats.get(id)?.filledBy === "human");
    // The attacker knows the defence only as sightings (what and where), the others as units.
    const defence = () => client.state.units.size + client.state.sightings.size;
    await client.waitFor(() => defence() > 0 && seated(), "the units and the seated players");
  }
});
afterAll(async () => {
  await server.close();
});

let ridCounter = 0;
const SETTLE_MS = 1200;

/** Send one message and expect exactly one error with this code; nobody's state may change. */
async function rejected(
  from: TestClient,
  type: string | number,
  message: unknown,
  code: ErrorCode,
  path?: string,
) {
  const rid = `r${++ridCounter}`;
  const plainObject = message !== null && Object.getPrototypeOf(message) === Object.prototype;
  const payload = plainObject ? { ...(message as object), rid } : message;
  const withRid = payload !== message;
  const before = [from, instructor].map((c) => c.snapshot());
  const errorsBefore = from.errors.length;
  from.send(type as string, payload);
  await from.waitFor(() => from.errors.length > errorsBefore, `an error reply to ${String(type)}`);
  await sleep(SETTLE_MS); // a second reply, or a change (scores are copied once a second), would show by now
  const replies = from.errors.slice(errorsBefore);
  expect(replies).toHaveLength(1);
  expect(replies[0]).toMatchObject({ code, type: String(type), ...(withRid ? { rid } : {}) });
  if (path !== undefined) expect(replies[0].path).toBe(path);
  expect(replies[0].message.length).toBeGreaterThan(5);
  expect([from, instructor].map((c) => c.snapshot())).toEqual(before);
  expect(from.leftWith).toBeUndefined();
}

describe("invalid orders", () => {
  it("refuses orders in the wrong phase (the lobby)", async () => {
    expect(instructor.state.phase).toBe("lobby");
    await rejected(defender, "deploy", { unitType: "gun", at: { x: 17, y: 22 } }, "wrong_phase");
    await rejected(attacker, "ready", { ready: "yes" }, "invalid", "ready");
  });

  it("accepts a valid order (the control: changes do show)", async () => {
    instructor.send("advance-phase", {});
    await defender.waitFor(() => defender.state.phase === "planning", "planning");
    const unitsBefore = defender.state.units.size;
    const interceptorsBefore = instructor.score.interceptors_left;
    defender.send("deploy", { unitType: "gun", at: { x: 17, y: 22 }, rid: "ok-1" });
    await defender.waitFor(() => defender.state.units.size === unitsBefore + 1, "the new unit");
    // Scores are copied about once a second: wait until the new magazine shows before the next checks.
    await instructor.waitFor(
      () => instructor.score.interceptors_left !== interceptorsBefore,
      "the new unit's magazine in the scores",
    );
    await sleep(SETTLE_MS);
    expect(defender.errors.filter((e) => e.rid === "ok-1")).toEqual([]);
  });

  it("refuses unknown message types", async () => {
    await rejected(defender, "launch-nukes", {}, "unknown_type");
    await rejected(attacker, 42, {}, "unknown_type");
    await rejected(spectator, "__proto__", {}, "unknown_type");
    // Types Colyseus itself gives a meaning are answered like any other, never by a disconnect.
    await rejected(defender, "__no_message_handler", {}, "unknown_type");
    await rejected(attacker, "*", {}, "unknown_type");
  });

  it("refuses values that are not plain data: a date, binary, where an object is expected", async () => {
    const doctrine = { unitId: "all", doctrine: new Date() };
    await rejected(defender, "set-doctrine", doctrine, "invalid", "doctrine");
    await rejected(instructor, "pause", new Date(), "invalid");
    await rejected(defender, "deploy", { unitType: "gun", at: new Uint8Array([1, 2]) }, "invalid", "at");
    expect(instructor.state.paused).toBe(false);
  });

  it("refuses messages of the wrong shape, naming the path", async () => {
    await rejected(defender, "deploy", { unitType: 5, at: { x: 0, y: 0 } }, "invalid", "unitType");
    await rejected(defender, "deploy", { unitType: "gun", at: { x: 0 } }, "invalid", "at.y");
    await rejected(defender, "deploy", { unitType: "gun", at: { x: 0, y: 0 }, extra: 1 }, "invalid");
    await rejected(defender, "deploy", "a string", "invalid");
    await rejected(
      attacker,
      "plan-salvo",
      { zone: "launch-site", threatType: "shahed", count: 0 },
      "invalid",
      "count",
    );
  });

  it("refuses orders from the wrong seat", async () => {
    await rejected(attacker, "deploy", { unitType: "gun", at: { x: 17, y: 22 } }, "wrong_seat");
    const salvo = { zone: "launch-site", threatType: "shahed", count: 1, launchAtSec: 0, target: "riverton" };
    await rejected(spectator, "plan-salvo", salvo, "wrong_seat");
    await rejected(defender, "plan-salvo", salvo, "wrong_seat");
    await rejected(defender, "pause", {}, "wrong_seat");
    await rejected(attacker, "advance-phase", {}, "wrong_seat");
    await rejected(attacker, "set-view", { view: "truth" }, "wrong_seat");
    await rejected(spectator, "ready", { ready: true }, "wrong_seat");
  });

  it("refuses orders for units that are not the sender's", async () => {
    await rejected(
      defender,
      "relocate",
      { unitId: "enemy-launcher", to: { x: 0, y: 0 } },
      "unknown_unit",
      "unitId",
    );
    await rejected(
      defender,
      "set-doctrine",
      { unitId: "no-such-unit", doctrine: { weapons: "free" } },
      "unknown_unit",
    );
    await rejected(
      attacker,
      "set-doctrine",
      { unitId: "sam-1", doctrine: { weapons: "hold" } },
      "wrong_seat",
    );
  });

  it("refuses what the sim refuses: budget, ids, timing", async () => {
    const cruise = { zone: "airbase", threatType: "kh-101", count: 5, launchAtSec: 0, target: "riverton" };
    await rejected(attacker, "plan-salvo", cruise, "over_budget");
    await rejected(attacker, "plan-salvo", { ...cruise, count: 1, zone: "nowhere" }, "unknown_zone");
    await rejected(attacker, "plan-salvo", { ...cruise, count: 1, target: "atlantis" }, "unknown_target");
    await rejected(defender, "deploy", { unitType: "death-star", at: { x: 17, y: 22 } }, "unknown_type_id");
    await rejected(defender, "confirm", {}, "wrong_phase");
    await rejected(instructor, "kick", { seatId: "nobody-1" }, "not_allowed", "seatId");
  });
});
