import { readFileSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { matchMaker, type Presence, Server } from "@colyseus/core";
import { Encoder } from "@colyseus/schema";
import { WebSocketTransport } from "@colyseus/ws-transport";
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from "express";
import { SEAT_HOLD_SEC } from "../shared/protocol.js";
import { matchRoomClass } from "./colyseus/MatchRoom.js";
import { MATCH_ROOM_NAME } from "./colyseus/metadata.js";
import type { SyncOptions } from "./colyseus/sync.js";
import { colyseusLogger, FaultLog } from "./faults.js";
import { clientRouter } from "./http/client.js";
import { healthRouter } from "./http/health.js";
import { historyRouter } from "./http/history.js";
import { DEFAULT_HTTP_LIMITS, guardHttp, type HttpLimits } from "./http/limits.js";
import { lobbyRouter } from "./http/lobby.js";
import { monitorRouter } from "./http/monitor.js";
import { opsRouter } from "./http/ops.js";
import { publicUrlRouter } from "./http/public-url.js";
import { whatIfRouter } from "./http/what-if.js";
import { DEFAULT_WHAT_IF_LIMITS, type WhatIfLimits, WhatIfQueue } from "./http/what-if-queue.js";
import { createLogger, type Logger, type LogLevel } from "./log.js";
import { DEFAULT_RATE_LIMIT, type RateLimitSettings } from "./match/ratelimit.js";
import type { RecorderFactory } from "./match/recorder.js";
import type { BotFactory } from "./match/scripted.js";
import { builtInScenarios, type ScenarioSource } from "./scenarios/source.js";
import type { Claim, History } from "./store/history.js";
import { WhatIfStore } from "./store/what-if-store.js";

/**
 * Builds the whole server: an Express app (API, health, monitor, built client) on our own HTTP server,
 * and Colyseus on the same port with the `match` room. main.ts, tests, benches and the scale-out and
 * history work all start servers through this one factory.
 */
export interface GameServerConfig {
  log?: Logger;
  /** Used when no `log` is given. */
  logLevel?: LogLevel;
  /** Serve @colyseus/monitor at /colyseus behind basic auth when set. */
  monitorPassword?: string;
  /** The built client; defaults to <repo>/dist. */
  distDir?: string;
  scenarios?: ScenarioSource;
  /** Factory for "bot:<level>" seats (bots/). Without it such seats are refused. */
  bots?: BotFactory;
  /** Observers of every match (history, replays, tests). */
  recorders?: RecorderFactory;
  /** Match history: records every match, serves /api/history, recovers unfinished matches on listen. */
  history?: History;
  sync?: Partial<SyncOptions>;
  rateLimit?: Partial<RateLimitSettings>;
  reconnectHoldSec?: number;
  debriefKeepSec?: number;
  /** New matches this process runs at most (recovered ones always come back). */
  maxRooms?: number;
  /** HTTP body size, match creation rates, idle sockets (server/http/limits.ts). */
  httpLimits?: Partial<HttpLimits>;
  /** How long a match stays open once its last person has left (default 10 minutes). */
  emptyGraceSec?: number;
  /** PUBLIC_URL: the base of join links and QR codes; unset, the address the server is reached at. */
  publicUrl?: string;
  /** What-if analyses (needs `history`): how many run and wait at once, worker threads each. */
  whatIf?: Partial<WhatIfLimits>;
  /** Scale-out: Redis presence and driver, and this process's public host:port. */
  presence?: Presence;
  driver?: matchMaker.MatchMakerDriver;
  publicAddress?: string;
  /** Scale-out: which process creates a room (server/scaleout.ts keeps restored matches with their record). */
  selectProcessIdToCreateRoom?: matchMaker.SelectProcessIdCallback;
  /** Scale-out: mounted at /api/history before the history API, to merge every process's history. */
  historyPeers?: RequestHandler;
  /** Scale-out: whether this process may recover each unfinished match of its file (server/takeover.ts). */
  claimRecovery?: Claim;
}

export interface GameServer {
  server: Server;
  app: Express;
  httpServer: HttpServer;
  log: Logger;
  /** Listen (port 0 picks a free one); resolves with the bound port. */
  listen(port: number, host?: string): Promise<number>;
  /** Close every match and connection, then the server. */
  shutdown(): Promise<void>;
}

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/**
 * Encode buffer per room. @colyseus/schema writes a patch for every view into one buffer and its
 * overflow fallback corrupts view patches, so it must never overflow: 1 MB holds some 10,000 changed
 * items in one patch (a night of 1,000 threats seen by four perspectives needs about 0.5 MB at worst).
 */
const STATE_BUFFER_BYTES = 1024 * 1024;
const DEBRIEF_KEEP_SEC = 600;
export const DEFAULT_MAX_ROOMS = 200;
const EMPTY_GRACE_SEC = 600;

export const VERSION: string = JSON.parse(
  readFileSync(new URL("../package.json", import.meta.url), "utf8"),
).version;

export function createGameServer(config: GameServerConfig = {}): GameServer {
  Encoder.BUFFER_SIZE = Math.max(Encoder.BUFFER_SIZE, STATE_BUFFER_BYTES);
  const log = config.log ?? createLogger(config.logLevel ?? "info");
  const faults = new FaultLog(log);
  const scenarios = config.scenarios ?? builtInScenarios();
  const now = () => Date.now();
  const startedAtMs = now();

  const app = express();
  app.disable("x-powered-by");
  app.use(healthRouter(VERSION, startedAtMs, now));
  app.use(opsRouter(startedAtMs, now));
  if (config.history && config.historyPeers) app.use("/api/history", config.historyPeers);
  if (config.history) app.use("/api/history", historyRouter(config.history));
  const whatIfStore = config.history && new WhatIfStore(config.history.db);
  const whatIf = whatIfStore && new WhatIfQueue(whatIfStore, { ...DEFAULT_WHAT_IF_LIMITS, ...config.whatIf });
  if (config.history && whatIfStore && whatIf)
    app.use("/api/analyses", whatIfRouter(config.history.db, config.history.path, whatIfStore, whatIf));
  app.use("/api", publicUrlRouter(config.publicUrl));
  app.use("/api", lobbyRouter(scenarios));
  if (config.monitorPassword) app.use("/colyseus", monitorRouter(config.monitorPassword));
  app.use(clientRouter(config.distDir ?? `${ROOT}dist`));
  app.use(((error, req, res, _next) => {
    log.error({ err: error, url: req.originalUrl }, "http request failed");
    res.status(500).json({ error: "internal", message: "the server could not answer this request" });
  }) satisfies ErrorRequestHandler);

  const httpServer = createServer(app);
  const server = new Server({
    transport: new WebSocketTransport({ server: httpServer }),
    presence: config.presence,
    driver: config.driver,
    publicAddress: config.publicAddress,
    selectProcessIdToCreateRoom: config.selectProcessIdToCreateRoom,
    gracefullyShutdown: false,
    greet: false,
    logger: colyseusLogger(log.child({ component: "colyseus" }), faults),
  });
  guardHttp(httpServer, { ...DEFAULT_HTTP_LIMITS, ...config.httpLimits }, faults, now);
  server.define(
    MATCH_ROOM_NAME,
    matchRoomClass({
      scenarios,
      log,
      faults,
      bots: config.bots,
      recorders: config.recorders ?? config.history?.recorders,
      restore: config.history?.restore,
      sync: { positionsEveryPatch: false, ...config.sync },
      rateLimit: { ...DEFAULT_RATE_LIMIT, ...config.rateLimit },
      reconnectHoldSec: config.reconnectHoldSec ?? SEAT_HOLD_SEC,
      debriefKeepSec: config.debriefKeepSec ?? DEBRIEF_KEEP_SEC,
      maxRooms: config.maxRooms ?? DEFAULT_MAX_ROOMS,
      emptyGraceSec: config.emptyGraceSec ?? EMPTY_GRACE_SEC,
      now,
    }),
  );

  let closing: Promise<void> | undefined;
  return {
    server,
    app,
    httpServer,
    log,
    async listen(port, host) {
      await server.listen(port, host);
      // On this process (not wherever the matchmaker would pick): its own file holds the records.
      await config.history?.recoverAll(
        (options) => matchMaker.handleCreateRoom(MATCH_ROOM_NAME, options),
        config.claimRecovery,
      );
      return (httpServer.address() as AddressInfo).port;
    },
    shutdown() {
      closing ??= (async () => {
        config.history?.suspend();
        whatIf?.close();
        await server.gracefullyShutdown(false);
        config.history?.close();
        httpServer.closeAllConnections();
        log.info("server stopped");
      })();
      return closing;
    },
  };
}
