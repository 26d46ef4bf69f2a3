import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../server/log.js";
import { RedisReplica } from "../../../server/store/replica.js";
import type { Op } from "../../../server/store/writer.js";
import { type RedisServer, redisAvailable, requireRedis, startRedis } from "../../helpers/redis.js";
import { toyScenario } from "./toy-sim.js";

/**
 * The running matches' records in Redis (server/store/replica.ts), against a real redis-server: in
 * order, readable by any process, fenced by their owner, and written anew if Redis loses them.
 */
requireRedis("replica (test/unit/store/replica.test.ts)");

const begin = (matchId: string): Op => ({
  kind: "begin",
  atMs: 1,
  start: { id: matchId, code: "ABCDEF", scenario: toyScenario, seed: 7, options: {}, seats: [] },
});
const command = (matchId: string, seq: number): Op => ({
  kind: "command",
  matchId,
  seq,
  at: { round: 1, phase: "planning", t: 0 },
  issuer: "attacker-1",
  json: JSON.stringify({ type: "start-live", side: "white" }),
});
const silent = createLogger("silent");

describe.runIf(redisAvailable)("the Redis replica", () => {
  let redis: RedisServer;
  let peek: Redis;
  beforeAll(async () => {
    redis = await startRedis();
    peek = new Redis(redis.url);
  });
  afterAll(async () => {
    peek?.disconnect();
    await redis?.stop();
  });

  const replica = (processId: string) => new RedisReplica(redis.url, () => processId, silent);

  it("keeps each match's items in order, settled once Redis holds them, readable by any process", async () => {
    const a = replica("A");
    a.append(begin("m1"));
    for (let seq = 1; seq <= 50; seq++) a.append(command("m1", seq));
    a.append({ kind: "reached", matchId: "m1", at: { round: 1, phase: "live", t: 12.5 } });
    await a.settled("m1");
    expect(a.settled("m1")).toBeUndefined();
    const other = replica("B");
    const ops = await other.load("m1");
    expect(ops.map((op) => op.kind)).toEqual(["begin", ...Array(50).fill("command"), "reached"]);
    expect(ops.filter((op) => op.kind === "command").map((op) => (op as { seq: number }).seq)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect(ops[0]).toEqual(begin("m1")); // the scenario went in deflated and came out whole
    expect(await other.owners()).toMatchObject({ m1: "A" });
    await Promise.all([a.close(), other.close()]);
  });

  it("fences a process that lost its match: once another claims it, the old owner's writes are refused", async () => {
    const a = replica("A");
    const b = replica("B");
    const lost: string[] = [];
    a.onLost((matchId) => lost.push(matchId));
    a.append(begin("m2"));
    await a.settled("m2");
    expect(await b.claim("m2", "someone-else")).toBe(false); // the claim names the owner it replaces
    expect(await b.claim("m2", "A")).toBe(true);
    a.append(command("m2", 1));
    await a.settled("m2")?.catch(() => undefined);
    expect(lost).toEqual(["m2"]);
    b.append(command("m2", 1));
    await b.settled("m2");
    expect((await b.load("m2")).map((op) => op.kind)).toEqual(["begin", "command"]);
    a.append(command("m2", 2)); // after the loss: not even sent
    expect(a.settled("m2")).toBeUndefined();
    await Promise.all([a.close(), b.close()]);
  });

  it("writes a match's record anew from the local file when Redis has lost it, and carries on", async () => {
    const a = replica("A");
    const local: Op[] = [begin("m3"), command("m3", 1), command("m3", 2)];
    a.reseedFrom((matchId) => (matchId === "m3" ? local : []));
    for (const op of local) a.append(op);
    await a.settled("m3");
    await peek.flushall(); // Redis restarted empty
    // The recorder writes each item to the file before it reaches the replica.
    const later = [command("m3", 3), command("m3", 4)];
    for (const op of later) {
      local.push(op);
      a.append(op);
    }
    await a.settled("m3");
    expect((await a.load("m3")).map((op) => (op.kind === "command" ? op.seq : op.kind))).toEqual([
      "begin",
      1,
      2,
      3,
      4,
    ]);
    expect(await a.owners()).toEqual({ m3: "A" });
    await a.close();
  });

  it("lets a match that ended go, and remembers that it ended", async () => {
    const a = replica("A");
    a.append(begin("m4"));
    a.append({ kind: "abandon", matchId: "m4", atMs: 2 });
    await a.settled("m4");
    expect(await a.load("m4")).toEqual([]);
    expect(await a.owners()).not.toHaveProperty("m4");
    expect(await a.hasEnded("m4")).toBe(true);
    await a.close();
  });
});
