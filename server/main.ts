/**
 * The server process: `node --import tsx server/main.ts` (scripts/start.mjs runs it). Reads the
 * environment, serves the API, the matches and the built client on one port, and shuts down cleanly on
 * SIGTERM/SIGINT (matches closed, clients told, sockets released).
 */
import { createGameServer } from "./app.js";
import { ConfigError, loadEnv } from "./config.js";
import { createLogger } from "./log.js";
import { botFactory } from "./match/scripted.js";
import { createReplica, createScaleOut } from "./scaleout.js";
import { History } from "./store/history.js";
import { SNAPSHOT_MIN_GAP_MS } from "./store/recorder.js";

/** A shutdown that hangs must not keep a deploy waiting forever. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const env = loadEnv();
  const log = createLogger(env.LOG_LEVEL);
  const replica = createReplica(env, log.child({ component: "replica" }));
  const history = new History({
    path: env.SKYSHIELD_DB,
    synchronous: env.SKYSHIELD_DB_SYNC,
    snapshotMinGapMs: SNAPSHOT_MIN_GAP_MS,
    replica,
    logger: log.child({ component: "history" }),
  });
  const scaleOut = createScaleOut(env, { log: log.child({ component: "scaleout" }), history, replica });
  await scaleOut?.connect();
  const game = createGameServer({
    log,
    monitorPassword: env.MONITOR_PASSWORD,
    history,
    bots: botFactory,
    maxRooms: env.MAX_ROOMS,
    httpLimits: {
      createsPerMinutePerAddress: env.MAX_CREATES_PER_ADDRESS,
      createsPerMinute: env.MAX_CREATES_PER_MINUTE,
      idleSocketSec: env.IDLE_SOCKET_SEC,
      trustProxy: env.TRUST_PROXY,
    },
    publicUrl: env.PUBLIC_URL,
    ...scaleOut?.config,
  });
  const port = await game.listen(env.PORT, env.HOST);
  await scaleOut?.start();
  log.info(
    {
      port,
      host: env.HOST,
      monitor: env.MONITOR_PASSWORD ? "/colyseus" : "off",
      redis: scaleOut?.redis ?? "off",
    },
    "listening",
  );

  const stop = (signal: NodeJS.Signals) => {
    log.info({ signal }, "shutting down");
    setTimeout(() => {
      log.error("shutdown timed out; exiting");
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    Promise.resolve(scaleOut?.stop())
      .then(() => game.shutdown())
      .then(() => replica?.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, "shutdown failed");
          process.exit(1);
        },
      );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`skyshield: ${error.message}`);
  } else {
    console.error("skyshield: could not start", error);
  }
  process.exit(1);
});
