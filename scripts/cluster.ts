/**
 * Real processes on loopback for the scale-out tests and the load test: a redis-server, and server
 * processes (`node --import tsx server/main.ts`, one process each: docs/toolchain.md, pitfall 7) on free ports,
 * each announcing its own PUBLIC_ADDRESS. Everything started here is stopped by its pid.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUTPUT_KEEP_CHARS = 20_000;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 12_000;

/** A port nobody listens on right now (the OS picks it; a race with another starter is retried by callers). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export function redisServerAvailable(): boolean {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

export interface ManagedProcess {
  name: string;
  pid: number;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  running(): boolean;
  /** The last lines it wrote (stdout and stderr), for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited in time. */
  stop(): Promise<void>;
  /** SIGKILL now: a crash. */
  kill(): Promise<void>;
}

function manage(name: string, child: ChildProcess, echo: boolean): ManagedProcess {
  let output = "";
  let exitCode: number | null | undefined;
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEEP_CHARS);
    if (echo) process.stderr.write(`[${name}] ${chunk}`);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => {
      exitCode = code;
      resolve(code);
    });
  });
  const signalAndWait = async (signal: NodeJS.Signals) => {
    if (exitCode !== undefined) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  return {
    name,
    pid: child.pid ?? -1,
    exited,
    running: () => exitCode === undefined,
    output: () => output,
    stop: () => signalAndWait("SIGTERM"),
    kill: () => signalAndWait("SIGKILL"),
  };
}

async function waitUntil(what: string, proc: ManagedProcess, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await ready())) {
    if (!proc.running()) throw new Error(`${what} exited while starting:\n${proc.output()}`);
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`${what} was not ready within ${START_TIMEOUT_MS / 1000} s:\n${proc.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface RedisServer extends ManagedProcess {
  port: number;
  url: string;
}

/** A throwaway redis-server on a free loopback port: no persistence, stopped by its pid. */
export async function startRedis(echo = false): Promise<RedisServer> {
  const port = await freePort();
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--daemonize",
    "no",
    "--save",
    "",
    "--appendonly",
    "no",
  ];
  const proc = manage(
    `redis:${port}`,
    spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] }),
    echo,
  );
  await waitUntil(`redis-server on port ${port}`, proc, async () =>
    proc.output().includes("Ready to accept connections"),
  );
  return { ...proc, port, url: `redis://127.0.0.1:${port}` };
}

export interface ServerProcess extends ManagedProcess {
  port: number;
  /** http://127.0.0.1:port */
  url: string;
  publicAddress: string;
}

export interface ServerProcessOptions {
  /** SQLite file of this process's match history. */
  dbPath: string;
  redisUrl?: string;
  /** Where clients reach it (default 127.0.0.1:<its port>); e.g. a reverse proxy's host/prefix. */
  publicAddress?: (port: number) => string;
  logLevel?: string;
  echo?: boolean;
  /** More environment for the process (e.g. limits). */
  env?: Record<string, string>;
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

/** `node --import tsx server/main.ts` on a free loopback port, resolved once /health answers. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const publicAddress = options.publicAddress?.(port) ?? `127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_ADDRESS: publicAddress,
    REDIS_URL: options.redisUrl ?? "",
    // Peers reach it directly; by default (empty) that is http://PUBLIC_ADDRESS.
    INTERNAL_URL: options.publicAddress ? `http://127.0.0.1:${port}` : "",
    SKYSHIELD_DB: options.dbPath,
    LOG_LEVEL: options.logLevel ?? "warn",
    ...options.env,
  };
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "server", "main.ts")], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const proc = manage(`server:${port}`, child, options.echo ?? false);
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(`server process on port ${port}`, proc, () => healthy(url));
  return { ...proc, port, url, publicAddress };
}

/** Pids of every process descending from `pid` (Linux /proc); empty elsewhere. */
export function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  for (const entry of entries) {
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the command name (field 2) may contain spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of parents) {
      if (ppid === parent) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

/**
 * Whether `pid` still runs. A zombie (exited, waiting to be reaped: an orphaned child whose new parent,
 * a container's pid 1, never reaps) counts as gone: it holds no memory, sockets or CPU.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true;
  }
}

export interface Cluster {
  redis: RedisServer | undefined;
  servers: ServerProcess[];
  /** Every process of the cluster, its children included, right now. */
  pids(): number[];
  /** Stops the servers (SIGTERM), then Redis. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  servers: number;
  /** Start a redis-server and connect every server process to it. */
  redis: boolean;
  /** Directory for the servers' SQLite files (server-1.db, ...). */
  dir: string;
  logLevel?: string;
  echo?: boolean;
  /** More environment for every server process. */
  env?: Record<string, string>;
}

/** Redis (optional) and N server processes; a failed start stops whatever had started. */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  let redis: RedisServer | undefined;
  const servers: ServerProcess[] = [];
  const stop = async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await redis?.stop();
  };
  try {
    if (options.redis) redis = await startRedis(options.echo);
    const starts = await Promise.allSettled(
      Array.from({ length: options.servers }, (_, i) =>
        startServerProcess({
          dbPath: join(options.dir, `server-${i + 1}.db`),
          redisUrl: redis?.url,
          logLevel: options.logLevel,
          echo: options.echo,
          env: options.env,
        }),
      ),
    );
    for (const start of starts) if (start.status === "fulfilled") servers.push(start.value);
    const failed = starts.find((start) => start.status === "rejected");
    if (failed) throw failed.reason;
  } catch (error) {
    await stop();
    throw error;
  }
  const pids = () =>
    [redis, ...servers].flatMap((proc) => (proc ? [proc.pid, ...descendantsOf(proc.pid)] : []));
  return { redis, servers, pids, stop };
}
