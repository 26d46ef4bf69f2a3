import { matchMaker } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import type { GameServerConfig } from "./app.js";
import { MATCH_ROOM_NAME } from "./colyseus/metadata.js";
import { ConfigError, type Env } from "./config.js";
import { findRecordHolder, historyPeersRouter, type Peer, type PeerDirectory } from "./http/history-peers.js";
import type { Logger } from "./log.js";
import type { History } from "./store/history.js";
import { getListing } from "./store/records.js";
import { RedisReplica } from "./store/replica.js";
import { Takeover } from "./takeover.js";

/**
 * Scale-out on Redis (docs/scale-out.md). With REDIS_URL every process shares Colyseus's Redis presence
 * (pub/sub between processes) and Redis matchmaking driver (room listings: join codes, the public list and
 * /api/matches/<code> answer for every process). Each process announces its own PUBLIC_ADDRESS, which
 * seat reservations carry to clients. On top of Colyseus this adds four things:
 *  - rooms restored from a match record are created on the process whose SQLite file holds the record;
 *  - a periodic sweep so a crashed process's matches leave the listings within seconds, and another
 *    process takes them over (server/takeover.ts) from the records Redis keeps (server/store/replica.ts);
 *  - a peer directory (process id → internal URL) so /api/history answers for every process.
 */

const PEERS_KEY = "skyshield:peers";
/**
 * How often crashed processes are looked for (a cheap PUBSUB CHANNELS when all are alive). A dead one is
 * found within this plus Colyseus's 2 s health-check timeout, and its matches are taken over then.
 */
const SWEEP_INTERVAL_MS = 2000;
const CONNECT_TIMEOUT_MS = 5000;

type ScaleOutConfig = Required<
  Pick<
    GameServerConfig,
    "presence" | "driver" | "publicAddress" | "selectProcessIdToCreateRoom" | "historyPeers" | "claimRecovery"
  >
>;

export interface ScaleOut {
  /** Spread into createGameServer's config. */
  config: Partial<ScaleOutConfig>;
  /** Resolves once Redis answers; rejects with a clear message when it does not. */
  connect(): Promise<void>;
  /** After listen: announce this process to its peers and start sweeping crashed ones. */
  start(): Promise<void>;
  /** Before the game server shuts down (Redis is closed by it). */
  stop(): Promise<void>;
  /** For logs: the Redis URL without its password. */
  redis: string;
}

/** The Redis URL with any password masked. */
function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/** Which recorded match a room's create options restore, if any (see server/store/recovery.ts). */
function restoreOf(options: unknown): { kind: string; matchId: string } | undefined {
  const restore = (options as { restore?: { kind?: unknown; matchId?: unknown } } | undefined)?.restore;
  if (typeof restore?.kind !== "string" || typeof restore.matchId !== "string") return undefined;
  return { kind: restore.kind, matchId: restore.matchId };
}

/** Colyseus's default: the live process with the fewest rooms. */
async function leastLoadedProcess(): Promise<string> {
  const all = await matchMaker.stats.fetchAll();
  return all.sort((a, b) => a.roomCount - b.roomCount)[0]?.processId ?? matchMaker.processId;
}

export interface Placement {
  ownProcessId: string;
  /** Whether this process's history file holds the record. */
  holdsLocally(matchId: string): boolean;
  /** The process id of the peer holding the record, if one does. */
  holderOf(matchId: string): Promise<string | undefined>;
  leastLoaded(): Promise<string>;
}

/**
 * The process that creates a room. A new match goes to the least loaded process (Colyseus's default); a
 * match restored from its record must be created where the record is: recovery runs on the process that
 * recorded it (the one restarting), a branch on whichever holds the record (here when nobody does, so
 * the refusal names the missing record).
 */
export async function placeRoom(options: unknown, placement: Placement): Promise<string> {
  const restore = restoreOf(options);
  if (!restore) return placement.leastLoaded();
  if (restore.kind === "recover" || placement.holdsLocally(restore.matchId)) return placement.ownProcessId;
  return (await placement.holderOf(restore.matchId)) ?? placement.ownProcessId;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Where the history recorder copies every running match's record, with REDIS_URL. */
export function createReplica(env: Env, log: Logger): RedisReplica | undefined {
  return env.REDIS_URL ? new RedisReplica(env.REDIS_URL, () => matchMaker.processId, log) : undefined;
}

/**
 * The scale-out wiring for this environment, or undefined without REDIS_URL (one process, in-memory
 * presence and driver, as before). Throws ConfigError when REDIS_URL comes without PUBLIC_ADDRESS.
 */
export function createScaleOut(
  env: Env,
  deps: { log: Logger; history?: History; replica?: RedisReplica },
): ScaleOut | undefined {
  if (!env.REDIS_URL) return undefined;
  const publicAddress = env.PUBLIC_ADDRESS;
  if (!publicAddress) {
    throw new ConfigError([
      {
        path: "PUBLIC_ADDRESS",
        message: "required with REDIS_URL: the host:port where clients reach this process",
      },
    ]);
  }
  const { log, history, replica } = deps;
  const redis = redact(env.REDIS_URL);
  const presence = new RedisPresence(env.REDIS_URL);
  const driver = new RedisDriver(env.REDIS_URL);
  const internalUrl = env.INTERNAL_URL ?? `http://${publicAddress}`;

  const liveProcessIds = async () => new Set((await matchMaker.stats.fetchAll()).map((s) => s.processId));
  const directory: PeerDirectory = {
    async others(): Promise<Peer[]> {
      const [urls, live] = await Promise.all([presence.hgetall(PEERS_KEY), liveProcessIds()]);
      return Object.entries(urls ?? {})
        .filter(([processId]) => processId !== matchMaker.processId && live.has(processId))
        .map(([processId, url]) => ({ processId, url }));
    },
  };

  const selectProcessIdToCreateRoom = (_roomName: string, options: unknown): Promise<string> =>
    placeRoom(options, {
      ownProcessId: matchMaker.processId,
      holdsLocally: (matchId) => (history ? getListing(history.db, matchId) !== null : false),
      holderOf: async (matchId) => (await findRecordHolder(await directory.others(), matchId))?.processId,
      leastLoaded: leastLoadedProcess,
    });

  const createRoom = (options: unknown) => matchMaker.handleCreateRoom(MATCH_ROOM_NAME, options);
  const takeover = replica && history && new Takeover(replica, history, createRoom, log);
  let sweeper: NodeJS.Timeout | undefined;
  let sweeping = false;
  const sweep = async () => {
    if (sweeping) return; // a slow takeover must not overlap the next sweep
    sweeping = true;
    try {
      await matchMaker.healthCheckAllProcesses();
      const [urls, live] = await Promise.all([presence.hgetall(PEERS_KEY), liveProcessIds()]);
      for (const processId of Object.keys(urls ?? {})) {
        if (!live.has(processId)) await presence.hdel(PEERS_KEY, processId);
      }
      await takeover?.sweep(live);
    } catch (error) {
      log.warn({ err: error }, "scale-out sweep failed");
    } finally {
      sweeping = false;
    }
  };

  return {
    redis,
    config: {
      presence,
      driver,
      publicAddress,
      selectProcessIdToCreateRoom,
      ...(history ? { historyPeers: historyPeersRouter(history, directory, log) } : {}),
      ...(takeover ? { claimRecovery: takeover.claimLocal(liveProcessIds) } : {}),
    },
    connect: () =>
      withTimeout(
        presence.exists(PEERS_KEY).then(() => undefined),
        CONNECT_TIMEOUT_MS,
        `no answer from Redis at ${redis} within ${CONNECT_TIMEOUT_MS / 1000} s`,
      ),
    async start() {
      await presence.hset(PEERS_KEY, matchMaker.processId, internalUrl);
      sweeper = setInterval(() => void sweep(), SWEEP_INTERVAL_MS);
      sweeper.unref();
      log.info(
        { processId: matchMaker.processId, publicAddress, internalUrl },
        "scale-out: process announced",
      );
    },
    async stop() {
      clearInterval(sweeper);
      await presence.hdel(PEERS_KEY, matchMaker.processId).catch(() => undefined);
    },
  };
}
