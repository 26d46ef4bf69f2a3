import { Writable } from "node:stream";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAULTS_PER_WINDOW } from "../../server/faults.js";
import { createLogger } from "../../server/log.js";
import { CLIENT_ORDER_TYPES, mayIssue } from "../../shared/commands.js";
import { ClientMessages } from "../../shared/protocol.js";
import { startServer, TestClient, type TestServer } from "./helpers.js";

/**
 * A fuzz of generated messages (fast-check) from every seat in every phase of a match: more than 10,000
 * messages that must all be refused. Each gets exactly one `error` reply, nobody's decoded state changes,
 * nobody is disconnected, and the server's log does not fill up. Only a frame larger than the
 * WebSocket limit closes its connection; undecodable frames never bring the server down.
 */
const PER_CLIENT_AND_PHASE = 700;
const SEED = 20_250_601;
const logLines: { level: number; msg: string; stack: boolean }[] = [];
let server: TestServer;
let instructor: TestClient;
let attacker: TestClient;
let defender: TestClient;
let spectator: TestClient;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        const entry = JSON.parse(line) as { level: number; msg: string };
        logLines.push({ level: entry.level, msg: entry.msg, stack: line.includes("\\n    at ") });
      }
      done();
    },
  });
  // Flood control lifted: this fuzz is about parsing; test/integration/flood.test.ts is about floods.
  server = await startServer({ log: createLogger("info", sink), rateLimit: { perSec: 1e6, burst: 1e6 } });
  instructor = await TestClient.create(server.client(), {
    scenario: "training-range",
    seat: "instructor",
    name: "White",
  });
  await instructor.waitFor(() => instructor.welcome !== undefined, "the welcome");
  const roomId = instructor.room.roomId;
  const spectatorKey = instructor.welcome?.spectatorKey;
  attacker = await TestClient.join(server.client(), roomId, { seat: "attacker", name: "Red" });
  defender = await TestClient.join(server.client(), roomId, { seat: "defender", name: "Blue" });
  spectator = await TestClient.join(server.client(), roomId, {
    seat: "spectator",
    name: "Class",
    spectatorKey,
  });
  // The attacker knows of no defence unit before the first night; the others see the coalition's.
  for (const client of [instructor, defender, spectator])
    await client.waitFor(() => client.state.units.size > 0, "the units");
  await attacker.waitFor(() => attacker.welcome !== undefined && attacker.state.phase !== "", "the welcome");
});
afterAll(async () => {
  await server.close();
});

const KNOWN = Object.keys(ClientMessages);
/** Types whose every field is optional: an empty payload would be a valid message. */
const VALUE = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 3 }),
);
const FIELDS = fc.dictionary(
  fc.constantFrom("unitId", "unitType", "at", "view", "ready", "timeScale", "note", "seatId", "count"),
  VALUE,
  { maxKeys: 4 },
);

/** Messages that are wrong whatever the phase: the generator never makes a valid one. */
function invalidMessages(role: string): fc.Arbitrary<[string, unknown]> {
  const unknownType = fc.tuple(
    fc.string({ maxLength: 16 }).filter((t) => !KNOWN.includes(t)),
    fc.oneof(FIELDS, VALUE),
  );
  // Every message schema is strict: a key it does not know makes any payload invalid.
  const extraKey = fc.tuple(
    fc.constantFrom(...KNOWN),
    fc.tuple(FIELDS, VALUE).map(([fields, v]) => ({ ...fields, "not-a-field": v })),
  );
  const notAnObject = fc.tuple(
    fc.constantFrom(...KNOWN),
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(VALUE, { maxLength: 3 })),
  );
  const notPlain = fc.tuple(
    fc.constantFrom(...KNOWN),
    fc.constantFrom<unknown>(
      new Date(0),
      { at: new Date(1) },
      { doctrine: new Uint8Array([1, 2, 3]) },
      { note: new Date(2), rid: new Uint8Array(1) },
    ),
  );
  // Orders whose fields are right, from a seat that may never give them.
  const issuer = role === "instructor" ? "white" : role;
  const foreign = CLIENT_ORDER_TYPES.filter((type) => !mayIssue(type, issuer));
  const wrongSeat = fc
    .constantFrom(...foreign)
    .map((type): [string, unknown] => [type, validFieldsFor(type)]);
  return fc.oneof(unknownType, extraKey, notAnObject, notPlain, wrongSeat);
}

/** Valid fields of each order (a spectator's or a wrong side's copy of a real order). */
function validFieldsFor(type: string): Record<string, unknown> {
  const fields: Record<string, Record<string, unknown>> = {
    deploy: { unitType: "gun", at: { x: 17, y: 22 } },
    "remove-unit": { unitId: "sam-1" },
    "set-doctrine": { unitId: "all", doctrine: { weapons: "free" } },
    relocate: { unitId: "sam-1", to: { x: 1, y: 1 } },
    "buy-resupply": { layer: "gun", count: 1 },
    "plan-salvo": { zone: "launch-site", threatType: "shahed", count: 1, launchAtSec: 0, target: "riverton" },
    "cancel-salvo": { salvoId: "s-1" },
    inject: { inject: { type: "radar-outage", durationSec: 60 } },
    "fire-inject": { injectId: "radar-fails" },
  };
  return fields[type] ?? {};
}

/** Send the batch from `client`; resolve with its replies once a final probe shows all were handled. */
async function fuzzFrom(client: TestClient, batch: [string, unknown][], tag: string) {
  const errorsBefore = client.errors.length;
  const rids = new Set<string>();
  batch.forEach(([type, payload], i) => {
    const plain = payload !== null && Object.getPrototypeOf(payload) === Object.prototype;
    const rid = `${tag}-${i}`;
    if (plain) rids.add(rid);
    client.send(type, plain ? { ...(payload as object), rid } : payload);
  });
  const probe = `${tag}-probe`;
  client.send("no-such-type", { rid: probe });
  await client.waitFor(() => client.errors.some((e) => e.rid === probe), "the probe's reply", 60_000);
  const replies = client.errors.slice(errorsBefore).filter((e) => e.rid !== probe);
  return { replies, rids };
}

const clients = () => ({ instructor, attacker, defender, spectator });

/**
 * Patches come only when something changed, so a change the fuzz caused shows by the time every client
 * has seen a change made after it: the instructor sets a new time scale, left out of the comparison.
 */
let checkpoints = 0;
async function checkpoint(): Promise<unknown[]> {
  const timeScale = 20 + (++checkpoints % 100);
  instructor.send("time-scale", { timeScale });
  for (const c of Object.values(clients()))
    await c.waitFor(() => c.state.timeScale === timeScale, "the checkpoint");
  return Object.values(clients()).map((c) => {
    const { timeScale: _ignored, ...rest } = c.snapshot() as Record<string, unknown>;
    return rest;
  });
}

describe("a fuzz of invalid messages from every seat in every phase", () => {
  let sent = 0;

  for (const phase of ["lobby", "planning", "live", "assessment"] as const) {
    it(`refuses each one once in the ${phase}, changes nothing, disconnects nobody`, async () => {
      if (phase !== "lobby") {
        instructor.send("advance-phase", {});
        await instructor.waitFor(() => instructor.state.phase === phase, phase);
      }
      // Paused, nothing moves by itself: any change would come from the fuzz.
      if (!instructor.state.paused) instructor.send("pause", {});
      await instructor.waitFor(() => instructor.state.paused, "the pause");
      for (const [role, client] of Object.entries(clients())) {
        const before = await checkpoint();
        const batch = fc.sample(invalidMessages(role), { numRuns: PER_CLIENT_AND_PHASE, seed: SEED + sent });
        const { replies, rids } = await fuzzFrom(client, batch, `${phase}-${role}`);
        sent += batch.length;
        expect(replies, `${role} in the ${phase}: one reply per message`).toHaveLength(batch.length);
        const answered = replies.flatMap((e) => (e.rid === undefined ? [] : [e.rid]));
        expect(new Set(answered).size, "no message answered twice").toBe(answered.length);
        expect(
          [...rids].filter((rid) => !answered.includes(rid)),
          "messages not answered",
        ).toEqual([]);
        expect(await checkpoint(), `${role} changed the state`).toEqual(before);
        for (const c of Object.values(clients())) expect(c.leftWith, "still connected").toBeUndefined();
      }
      instructor.send("resume", {});
    });
  }

  it(`sent more than 10,000 messages, and the log did not fill up`, () => {
    expect(sent).toBeGreaterThanOrEqual(10_000);
    const errors = logLines.filter((line) => line.level >= 50);
    expect(errors.map((e) => e.msg)).toEqual([]);
    expect(logLines.filter((line) => line.stack)).toEqual([]);
    expect(logLines.filter((line) => line.level === 40).length).toBeLessThanOrEqual(4 * FAULTS_PER_WINDOW);
  });

  it("closes only the connection of a frame larger than the limit; undecodable frames crash nothing", async () => {
    const big = await TestClient.join(server.client(), instructor.room.roomId, {
      seat: "spectator",
      name: "Big",
      spectatorKey: instructor.welcome?.spectatorKey,
    });
    big.send("bookmark", { note: "x".repeat(10_000) });
    await big.waitFor(() => big.leftWith !== undefined, "the close");
    const raw = await TestClient.join(server.client(), instructor.room.roomId, {
      seat: "spectator",
      name: "Raw",
      spectatorKey: instructor.welcome?.spectatorKey,
    });
    const socket = raw.room.connection as unknown as { send(data: Uint8Array): void };
    for (const frame of [
      [13],
      [13, 0xd9],
      [13, 0xa3, 0x61],
      [13, 0xa1, 0x61, 0xc1],
      [99, 1, 2],
      [13, 0xff, 0xff],
    ])
      socket.send(new Uint8Array(frame));
    // Frames on one socket are handled in order: once this is answered (or the socket closed), they were.
    raw.send("no-such-type", { rid: "after-garbage" });
    await raw.waitFor(
      () => raw.leftWith !== undefined || raw.errors.some((e) => e.rid === "after-garbage"),
      "the frames to be handled",
    );
    const health = await (await fetch(`${server.httpUrl}/health`)).json();
    expect(health).toMatchObject({ status: "ok", rooms: 1 });
    for (const c of Object.values(clients())) expect(c.leftWith).toBeUndefined();
  });
});
