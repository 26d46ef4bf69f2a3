import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClientMessages, type ErrorCode } from "../../shared/protocol.js";
import { sleep, startServer, TestClient, type TestServer } from "./helpers.js";

/**
 * Orders: every class of invalid message gets exactly one `error` reply (with the message's type and
 * rid), the sender stays connected, and the match is unchanged. Then a fuzz of random messages from
 * every seat crashes nothing. (Flood control has its own file: here the limit is lifted for the fuzz.)
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
  attacker = await TestClient.join(server.client(), roomId, { seat: "attacker", name: "Red" });
  defender = await TestClient.join(server.client(), roomId, { seat: "defender", name: "Blue" });
  spectator = await TestClient.join(server.client(), roomId, { seat: "spectator", name: "Class" });
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
  const payload =
    message && typeof message === "object" && !Array.isArray(message) ? { ...message, rid } : message;
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

/** Random messages: any type (known or not) with any payload, or a known type with plausible fields. */
const ID = fc.oneof(
  fc.constantFrom(
    "sam-1",
    "gun",
    "medium-sam",
    "launch-site",
    "airbase",
    "riverton",
    "shahed",
    "kh-101",
    "all",
  ),
  fc.string({ maxLength: 12 }),
);
const POINT = fc.record({ x: fc.double({ min: -500, max: 500 }), y: fc.double({ min: -500, max: 500 }) });
const PLAUSIBLE = fc.record(
  {
    unitType: ID,
    unitId: ID,
    at: POINT,
    to: fc.oneof(POINT, fc.constantFrom("plan", "human", "bot:hard")),
    layer: ID,
    count: fc.integer({ min: -5, max: 600 }),
    zone: ID,
    threatType: ID,
    target: ID,
    launchAtSec: fc.double({ min: -10, max: 90_000 }),
    salvoId: ID,
    ready: fc.boolean(),
    view: fc.constantFrom("truth", "attacker", "defender", "ally", "nope"),
    timeScale: fc.double({ min: -1, max: 1000 }),
    doctrine: fc.record({ weapons: fc.constantFrom("hold", "tight", "free", "fire!") }, { requiredKeys: [] }),
    inject: fc.constantFrom(
      { type: "weather", sensorRangeFactor: 0.5 },
      { type: "radar-outage", durationSec: 60 },
    ),
    injectId: fc.constantFrom("radar-fails", "nope"),
    seatId: fc.constantFrom("attacker-1", "defender-1", "nobody"),
    note: fc.string({ maxLength: 40 }),
  },
  { requiredKeys: [] },
);
const TYPES = [...Object.keys(ClientMessages), "nope", "", "constructor"];
const MESSAGE = fc.tuple(
  fc.oneof(fc.constantFrom(...TYPES), fc.string({ maxLength: 10 })),
  fc.oneof(PLAUSIBLE, fc.anything({ maxDepth: 2, maxKeys: 4 })),
);

describe("a fuzz of random messages from every seat", () => {
  it("crashes nothing and answers each rejected message once", async () => {
    const fuzzers = [attacker, defender, spectator, instructor];
    for (const client of fuzzers) {
      const samples = fc.sample(MESSAGE, { numRuns: 2000, seed: 20_240_501 + fuzzers.indexOf(client) });
      const errorsBefore = client.errors.length;
      const sentRids = new Set<string>();
      samples.forEach(([type, payload], i) => {
        const rid = `f${i}`;
        const isObject = payload !== null && typeof payload === "object" && !Array.isArray(payload);
        const message = isObject ? { ...payload, rid } : payload;
        if (isObject) sentRids.add(rid);
        client.send(type, message);
      });
      // The room answers in order: a final valid probe tells us every fuzz message has been handled.
      const probeRid = `probe-${fuzzers.indexOf(client)}`;
      client.send("no-such-type", { rid: probeRid });
      await client.waitFor(() => client.errors.some((e) => e.rid === probeRid), "the probe's reply", 30_000);
      const replies = client.errors.slice(errorsBefore).filter((e) => e.rid !== probeRid);
      expect(replies.length).toBeLessThanOrEqual(samples.length);
      const rids = replies.flatMap((e) => (e.rid === undefined ? [] : [e.rid]));
      expect(new Set(rids).size, "no message answered twice").toBe(rids.length);
      for (const rid of rids) expect(sentRids.has(rid)).toBe(true);
      expect(client.leftWith, "still connected").toBeUndefined();
    }
    const health = await (await fetch(`${server.httpUrl}/health`)).json();
    expect(health).toMatchObject({ status: "ok", rooms: 1 });
    // The match still runs and still obeys its instructor.
    instructor.send("pause", { rid: "after-fuzz" });
    await instructor.waitFor(() => instructor.state.paused, "paused after the fuzz");
    expect(instructor.errors.some((e) => e.rid === "after-fuzz")).toBe(false);
  });
});
