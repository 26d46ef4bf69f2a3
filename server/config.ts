import { z } from "zod";

/**
 * Every environment variable the server reads, parsed in one place. Empty strings count as unset so
 * `PORT= npm start` behaves like no PORT at all. Add new variables here (with a default or `.optional()`)
 * rather than reading `process.env` elsewhere.
 */

const optionalText = z.string().min(1).optional();

export const Env = z.object({
  /** TCP port of the HTTP + WebSocket server. */
  PORT: z.coerce.number().int().min(0).max(65535).default(2567),
  /** Interface to bind; 0.0.0.0 serves every interface. */
  HOST: z.string().min(1).default("0.0.0.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** When set, @colyseus/monitor is served at /colyseus behind basic auth (user "admin"). */
  MONITOR_PASSWORD: optionalText,
  /** Scale-out: Redis shared by every process (presence + matchmaking driver); unset runs one process alone. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, "expected redis://[user:password@]host:port[/db] (or rediss:// for TLS)")
    .optional(),
  /**
   * Scale-out: where clients reach THIS process's WebSocket, host:port with an optional path prefix and
   * no scheme (`10.0.0.5:2567`, `play.example.org/s1`). Required with REDIS_URL (docs/toolchain.md, pitfall 6).
   */
  PUBLIC_ADDRESS: z
    .string()
    .regex(
      /^[A-Za-z0-9.\-[\]:]+(\/[A-Za-z0-9._~\-/]*)?$/,
      "expected host:port or host/path, without http:// or ws://",
    )
    .optional(),
  /** Scale-out: where the other processes reach this one's HTTP API (history); default http://PUBLIC_ADDRESS. */
  INTERNAL_URL: z.url({ protocol: /^https?$/, error: "expected http://host:port (or https://)" }).optional(),
  /**
   * The base of join links and QR codes (`https://skyshield.school.example`). Unset: the address the
   * game was opened at, with a loopback address replaced by this machine's network address.
   */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "expected http://host[:port][/path] (or https://)" })
    .optional(),
  /** SQLite file of the match history (directories are created). */
  SKYSHIELD_DB: z.string().min(1).default("data/skyshield.db"),
  /** NORMAL: an order is on disk (in the WAL) before anyone sees it, safe from a killed process; FULL: also fsynced. */
  SKYSHIELD_DB_SYNC: z.enum(["NORMAL", "FULL"]).default("NORMAL"),
  /** New matches this process runs at most (recovered and taken-over ones always come back). */
  MAX_ROOMS: z.coerce.number().int().min(1).max(100_000).default(200),
  /** New matches one client address may create per minute. */
  MAX_CREATES_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(10),
  /** New matches this process accepts per minute from everyone. */
  MAX_CREATES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  /** A connection that sends nothing for this long is closed (WebSockets are kept alive by pings). */
  IDLE_SOCKET_SEC: z.coerce.number().int().min(1).max(3600).default(30),
  /** Behind a reverse proxy: take the client's address from the last X-Forwarded-For entry. */
  TRUST_PROXY: z
    .enum(["0", "1", "true", "false"])
    .transform((value) => value === "1" || value === "true")
    .default(false),
});
export type Env = z.infer<typeof Env>;

export class ConfigError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`invalid environment: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
    this.name = "ConfigError";
  }
}

/** Parse the environment (process.env by default); throws ConfigError naming each bad variable. */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  }
  return parsed.data;
}
