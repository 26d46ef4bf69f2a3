import { Redis } from "ioredis";
import type { Position } from "../../shared/history.js";
import type { Logger } from "../log.js";
import { packJson, unpackJson } from "./db.js";
import type { Replica } from "./recorder.js";
import { matchIdOf, type Op } from "./writer.js";

/**
 * A running match's record in Redis, where every process can read it (docs/scale-out.md explains the
 * choice): each item the recorder writes to its file is appended to the match's stream
 * `skyshield:log:<id>`, except where the match got to (`skyshield:reached`, overwritten every tick). The
 * hash `skyshield:owners` names the process that runs each match; every write checks it in the same
 * Lua script, so a process that lost a match (it was thought dead and another took over) can never write
 * into it again. When a match ends its keys go, and a tombstone `skyshield:ended:<id>` says so for a week.
 */
const OWNERS = "skyshield:owners";
const REACHED = "skyshield:reached";
const logKey = (matchId: string) => `skyshield:log:${matchId}`;
const endedKey = (matchId: string) => `skyshield:ended:${matchId}`;
const ENDED_TTL_SEC = 7 * 24 * 3600;
/** Ops that carry a world or a scenario: deflated on the way in (they compress about ten times). */
const PACKED: ReadonlySet<Op["kind"]> = new Set(["begin", "snapshot"]);

const SCRIPTS = {
  /** KEYS owners, log; ARGV matchId, me, payload, claim ("1": a new match, take it). */
  skyAppend: `
    local owner = redis.call('HGET', KEYS[1], ARGV[1])
    if ARGV[4] == '1' then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
    elseif not owner then return redis.error_reply('NOOWNER')
    elseif owner ~= ARGV[2] then return redis.error_reply('NOTOWNER ' .. owner) end
    return redis.call('XADD', KEYS[2], '*', 'op', ARGV[3])`,
  /** KEYS owners, reached; ARGV matchId, me, position. */
  skyReach: `
    local owner = redis.call('HGET', KEYS[1], ARGV[1])
    if not owner then return redis.error_reply('NOOWNER') end
    if owner ~= ARGV[2] then return redis.error_reply('NOTOWNER ' .. owner) end
    return redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])`,
  /** KEYS owners, reached, log, ended; ARGV matchId, me, status, ttl. */
  skyEnd: `
    local owner = redis.call('HGET', KEYS[1], ARGV[1])
    if owner and owner ~= ARGV[2] then return redis.error_reply('NOTOWNER ' .. owner) end
    redis.call('HDEL', KEYS[1], ARGV[1])
    redis.call('HDEL', KEYS[2], ARGV[1])
    redis.call('DEL', KEYS[3])
    return redis.call('SET', KEYS[4], ARGV[3], 'EX', ARGV[4])`,
  /** KEYS owners; ARGV matchId, expected owner ("" for none), me: 1 when this process has it now. */
  skyClaim: `
    local owner = redis.call('HGET', KEYS[1], ARGV[1]) or ''
    if owner ~= ARGV[2] then return 0 end
    redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
    return 1`,
} as const;

type ScriptedRedis = Redis & {
  skyAppend(
    owners: string,
    log: string,
    matchId: string,
    me: string,
    payload: string,
    claim: string,
  ): Promise<string>;
  skyReach(owners: string, reached: string, matchId: string, me: string, at: string): Promise<number>;
  skyEnd(...args: string[]): Promise<string>;
  skyClaim(owners: string, matchId: string, expected: string, me: string): Promise<number>;
};

function encode(op: Op): string {
  return PACKED.has(op.kind) ? `z${packJson(op).toString("base64")}` : JSON.stringify(op);
}

function decode(payload: string): Op {
  return payload.startsWith("z")
    ? unpackJson<Op>(Buffer.from(payload.slice(1), "base64"))
    : (JSON.parse(payload) as Op);
}

export class RedisReplica implements Replica {
  private readonly redis: ScriptedRedis;
  private readonly inFlight = new Map<string, { latest: Promise<void>; count: number }>();
  private readonly lostMatches = new Set<string>();
  /** Matches being written anew: their new items wait here, in order, until the record is back. */
  private readonly reseeding = new Map<string, { ops: Op[]; done: Promise<void> }>();
  private lostListener: (matchId: string) => void = () => {};
  private reseed: (matchId: string) => Op[] = () => [];

  constructor(
    url: string,
    /** This process's id (Colyseus's, known once the server is set up). */
    private readonly me: () => string,
    private readonly log: Logger,
  ) {
    // A write waits for Redis however long it is away: what it shows must not reach clients before it.
    this.redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false }) as ScriptedRedis;
    for (const [name, lua] of Object.entries(SCRIPTS)) {
      const keys = { skyAppend: 2, skyReach: 2, skyEnd: 4, skyClaim: 1 }[name as keyof typeof SCRIPTS];
      this.redis.defineCommand(name, { numberOfKeys: keys, lua });
    }
    this.redis.on("error", (error) => this.log.warn({ err: error }, "replica: Redis error"));
  }

  /** Called when another process has taken one of this process's matches over. */
  onLost(listener: (matchId: string) => void): void {
    this.lostListener = listener;
  }

  /** Where a match's whole record comes from when Redis has lost it (the local file). */
  reseedFrom(provider: (matchId: string) => Op[]): void {
    this.reseed = provider;
  }

  append(op: Op): void {
    const matchId = matchIdOf(op);
    if (this.lostMatches.has(matchId)) return;
    const reseeding = this.reseeding.get(matchId);
    if (reseeding) reseeding.ops.push(op);
    else this.track(matchId, this.write(op));
  }

  settled(matchId: string): Promise<void> | undefined {
    return this.inFlight.get(matchId)?.latest;
  }

  /** Every running match in Redis and the process that runs it. */
  async owners(): Promise<Record<string, string>> {
    return this.redis.hgetall(OWNERS);
  }

  /** Take a match over from `from` (its owner, now dead; "" for none): true when this process has it. */
  async claim(matchId: string, from: string): Promise<boolean> {
    return (await this.redis.skyClaim(OWNERS, matchId, from, this.me())) === 1;
  }

  async hasEnded(matchId: string): Promise<boolean> {
    return (await this.redis.exists(endedKey(matchId))) === 1;
  }

  /** A running match's record as ops (its log, then where it got to); empty when Redis has none. */
  async load(matchId: string): Promise<Op[]> {
    const [entries, reached] = await Promise.all([
      this.redis.xrange(logKey(matchId), "-", "+"),
      this.redis.hget(REACHED, matchId),
    ]);
    const ops = entries.map(([, fields]) => decode(fields[1]));
    if (reached && ops.length > 0)
      ops.push({ kind: "reached", matchId, at: JSON.parse(reached) as Position });
    return ops;
  }

  /** Write a match's whole record anew (Redis lost it) and take it: this process runs the match. */
  async seed(matchId: string, ops: readonly Op[]): Promise<void> {
    await this.redis.del(logKey(matchId));
    await this.redis.hset(OWNERS, matchId, this.me());
    await Promise.all(ops.map((op) => this.write(op)));
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.inFlight.values()].map((entry) => entry.latest));
    this.redis.disconnect();
  }

  private write(op: Op): Promise<unknown> {
    const matchId = matchIdOf(op);
    const me = this.me();
    switch (op.kind) {
      case "reached":
        return this.redis.skyReach(OWNERS, REACHED, matchId, me, JSON.stringify(op.at));
      case "final":
      case "abandon": {
        const status = op.kind === "final" ? "finished" : "abandoned";
        const keys = [OWNERS, REACHED, logKey(matchId), endedKey(matchId)];
        return this.redis.skyEnd(...keys, matchId, me, status, String(ENDED_TTL_SEC));
      }
      default:
        return this.redis.skyAppend(
          OWNERS,
          logKey(matchId),
          matchId,
          me,
          encode(op),
          op.kind === "begin" ? "1" : "0",
        );
    }
  }

  private track(matchId: string, write: Promise<unknown>): void {
    const entry = this.inFlight.get(matchId) ?? { latest: Promise.resolve(), count: 0 };
    const done = write.then(
      () => undefined,
      (error: unknown) => this.failed(matchId, error),
    );
    entry.latest = done;
    entry.count++;
    this.inFlight.set(matchId, entry);
    const forget = () => {
      entry.count--;
      if (entry.count === 0 && this.inFlight.get(matchId) === entry) this.inFlight.delete(matchId);
    };
    // The refusal itself reaches whoever awaits `settled`; this bookkeeping must not raise it again.
    void done.then(forget, forget);
  }

  /** A write was refused: the match is someone else's now, or Redis forgot it (then it is seeded again). */
  private failed(matchId: string, error: unknown): Promise<void> {
    // Redis may prefix a script's error with "ERR ".
    const message = (error instanceof Error ? error.message : String(error)).replace(/^ERR /, "");
    if (message.startsWith("NOOWNER")) return this.reseedOnce(matchId);
    if (message.startsWith("NOTOWNER") && !this.lostMatches.has(matchId)) {
      this.lostMatches.add(matchId);
      this.log.warn({ matchId, owner: message.slice("NOTOWNER ".length) }, "replica: match taken over");
      this.lostListener(matchId);
    }
    return Promise.reject(error);
  }

  /** Write the match's record anew from the local file; what the room writes meanwhile follows it. */
  private reseedOnce(matchId: string): Promise<void> {
    const running = this.reseeding.get(matchId);
    if (running) return running.done;
    const ops: Op[] = [];
    const done = (async () => {
      this.log.warn({ matchId }, "replica: Redis lost the match's record; writing it again");
      await this.seed(matchId, this.reseed(matchId));
      while (ops.length > 0) await Promise.all(ops.splice(0).map((op) => this.write(op)));
    })().finally(() => this.reseeding.delete(matchId));
    this.reseeding.set(matchId, { ops, done });
    return done;
  }
}
