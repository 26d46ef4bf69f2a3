import type { Server as HttpServer, IncomingMessage, ServerResponse } from "node:http";
import type { FaultLog } from "../faults.js";

/**
 * Limits on what a stranger can make this process do over HTTP, applied before Colyseus's matchmaking
 * routes (`POST /matchmake/...`) read anything: a body larger than `matchmakeBodyBytes` is refused and
 * its connection closed, and new matches (`create`, `joinOrCreate`) are rationed per address and in
 * total with token buckets. Connections that send nothing are closed after `idleSocketSec` (a WebSocket,
 * once upgraded, is kept alive by its pings instead). Rooms per process and spectators per match are
 * limited where rooms are made (server/colyseus/MatchRoom.ts).
 */
export interface HttpLimits {
  matchmakeBodyBytes: number;
  /** New matches one address may create per minute (also its burst). */
  createsPerMinutePerAddress: number;
  /** New matches this process accepts per minute from everyone (also the burst). */
  createsPerMinute: number;
  idleSocketSec: number;
  /** Behind a reverse proxy: the client's address is the last one the proxy appended to X-Forwarded-For. */
  trustProxy: boolean;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  matchmakeBodyBytes: 16 * 1024,
  createsPerMinutePerAddress: 10,
  createsPerMinute: 120,
  idleSocketSec: 30,
  trustProxy: false,
};

/** Forget addresses that have been quiet this long (their buckets are full again anyway). */
const BUCKET_IDLE_MS = 60_000;
const CREATE_METHODS = new Set(["create", "joinOrCreate"]);

/** A token bucket of `perMinute` tokens, refilled evenly. */
class Bucket {
  private tokens: number;
  lastMs: number;

  constructor(
    private readonly perMinute: number,
    nowMs: number,
  ) {
    this.tokens = perMinute;
    this.lastMs = nowMs;
  }

  take(nowMs: number): boolean {
    this.tokens = Math.min(this.perMinute, this.tokens + ((nowMs - this.lastMs) / 60_000) * this.perMinute);
    this.lastMs = nowMs;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers["x-forwarded-for"];
  const last = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? "")).split(",").at(-1)?.trim();
  return (trustProxy && last) || req.socket.remoteAddress || "unknown";
}

/** The matchmaking method of a URL (`/matchmake/create/match` → "create"), if it is one. */
function matchmakeMethod(url: string | undefined): string | undefined {
  const parts = (url ?? "").split("?")[0].split("/").filter(Boolean);
  return parts[0] === "matchmake" ? (parts[1] ?? "") : undefined;
}

/** Answer the way Colyseus answers a refused matchmaking request, so colyseus.js shows the message. */
function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "Content-Type": "application/json", Connection: "close" });
  res.end(JSON.stringify({ code: status, error: message }));
}

/** Put the limits in front of whatever already listens for requests on `server` (Colyseus and Express). */
export function guardHttp(
  server: HttpServer,
  limits: HttpLimits,
  faults: FaultLog,
  now: () => number = Date.now,
): void {
  server.timeout = limits.idleSocketSec * 1000;
  const perAddress = new Map<string, Bucket>();
  const everyone = new Bucket(limits.createsPerMinute, now());
  const admitCreate = (address: string): string | undefined => {
    const nowMs = now();
    for (const [key, bucket] of perAddress)
      if (nowMs - bucket.lastMs > BUCKET_IDLE_MS) perAddress.delete(key);
    let bucket = perAddress.get(address);
    if (!bucket) {
      bucket = new Bucket(limits.createsPerMinutePerAddress, nowMs);
      perAddress.set(address, bucket);
    }
    if (!bucket.take(nowMs))
      return `too many new matches from your address (${limits.createsPerMinutePerAddress} a minute): wait a little`;
    if (!everyone.take(nowMs))
      return "this server is creating too many matches right now: try again in a minute";
    return undefined;
  };

  const listeners = server.listeners("request") as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const method = matchmakeMethod(req.url);
    if (method !== undefined && req.method === "POST") {
      const address = clientAddress(req, limits.trustProxy);
      const declared = Number(req.headers["content-length"] ?? 0);
      if (declared > limits.matchmakeBodyBytes) {
        faults.fault("oversize request", { address, bytes: declared }, "matchmaking body too large");
        refuse(res, 413, `the request body is larger than ${limits.matchmakeBodyBytes} bytes`);
        req.destroy();
        return;
      }
      let received = 0;
      req.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received <= limits.matchmakeBodyBytes || res.headersSent) return;
        faults.fault("oversize request", { address, bytes: received }, "matchmaking body too large");
        refuse(res, 413, `the request body is larger than ${limits.matchmakeBodyBytes} bytes`);
        req.destroy();
      });
      const refused = CREATE_METHODS.has(method) ? admitCreate(address) : undefined;
      if (refused) {
        faults.fault("create limit", { address }, "match creation refused");
        refuse(res, 429, refused);
        req.resume();
        return;
      }
    }
    for (const listener of listeners) listener.call(server, req, res);
  });
}
