import type { IncomingMessage } from "node:http";
import { type Request, type Response, Router } from "express";
import type { MatchListing } from "../../shared/history.js";
import type { Logger } from "../log.js";
import type { History } from "../store/history.js";
import { getListing } from "../store/records.js";
import { KEY_HEADER } from "./history.js";

/**
 * One history across processes. Each process records its own matches in its own SQLite file (see
 * docs/scale-out.md); this router, mounted at /api/history in front of the history API, makes any process
 * answer for all of them:
 *   GET /            asks every process (itself included, over loopback) and merges the lists;
 *   /:id/...         served here when this process holds the record, else forwarded to the one that does.
 * Requests between processes carry PEER_HEADER: "local" (answer from your own file) or "probe" (204 if
 * you hold this record, 404 if not).
 */

export const PEER_HEADER = "x-skyshield-peer";
/** Set on a merged list when some process did not answer (the list is then incomplete). */
export const MISSING_PEERS_HEADER = "x-skyshield-missing-peers";
const PEER_TIMEOUT_MS = 3000;
const DEFAULT_LIMIT = 100;
/** The history API's largest page: a merged page fetches offset+limit rows from each process. */
const MAX_LIMIT = 500;
/** Response headers worth passing on from the process that answered. */
const FORWARDED_HEADERS = ["content-type", "content-disposition", "cache-control"];

export interface Peer {
  processId: string;
  /** Base URL of the peer's HTTP API, e.g. http://10.0.0.6:2567. */
  url: string;
}

export interface PeerDirectory {
  /** The other live processes. */
  others(): Promise<Peer[]>;
}

function peerRequest(
  base: string,
  path: string,
  mode: "local" | "probe",
  init: RequestInit = {},
): Promise<globalThis.Response> {
  const headers = new Headers(init.headers);
  headers.set(PEER_HEADER, mode);
  return fetch(base.replace(/\/+$/, "") + path, {
    ...init,
    headers,
    signal: AbortSignal.timeout(PEER_TIMEOUT_MS),
  });
}

/** The peer that holds record `matchId`, if any answers yes. */
export async function findRecordHolder(peers: Peer[], matchId: string): Promise<Peer | undefined> {
  const path = `/api/history/${encodeURIComponent(matchId)}`;
  const answers = await Promise.all(
    peers.map((peer) =>
      peerRequest(peer.url, path, "probe").then(
        (res) => (res.status === 204 ? peer : undefined),
        () => undefined,
      ),
    ),
  );
  return answers.find((peer) => peer !== undefined);
}

function holdsRecord(history: History, matchId: string): boolean {
  history.recorder.flush();
  return getListing(history.db, matchId) !== null;
}

/** This process as seen from itself: the address and port the request came in on. */
function selfUrl(req: Request): string {
  const { localAddress, localPort } = req.socket;
  const host = !localAddress || localAddress === "::" ? "127.0.0.1" : localAddress.replace(/^::ffff:/, "");
  return `http://${host.includes(":") ? `[${host}]` : host}:${localPort}`;
}

/** Bodies forwarded to a peer (bookmarks) are small; the history API itself allows 16 KB. */
const MAX_FORWARD_BODY_BYTES = 64 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_FORWARD_BODY_BYTES) {
        req.destroy();
        reject(new BodyTooLarge());
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

async function relay(from: globalThis.Response, res: Response): Promise<void> {
  for (const name of FORWARDED_HEADERS) {
    const value = from.headers.get(name);
    if (value) res.setHeader(name, value);
  }
  res.status(from.status).send(Buffer.from(await from.arrayBuffer()));
}

function newestFirst(a: MatchListing, b: MatchListing): number {
  return a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : b.createdAt.localeCompare(a.createdAt);
}

/** GET /: one page of every process's list, in the history API's order (newest first). */
async function mergedList(req: Request, res: Response, peers: Peer[], log: Logger): Promise<void> {
  const query = new URLSearchParams(req.originalUrl.split("?")[1] ?? "");
  const limit = Number(query.get("limit") ?? DEFAULT_LIMIT);
  const offset = Number(query.get("offset") ?? 0);
  const perProcess = new URLSearchParams(query);
  if (Number.isInteger(limit) && Number.isInteger(offset)) {
    perProcess.set("limit", String(Math.min(MAX_LIMIT, limit + offset)));
    perProcess.set("offset", "0");
  }
  const path = `/api/history/?${perProcess}`;
  const own = await peerRequest(selfUrl(req), path, "local");
  // Our own answer decides validity: a bad query gets the history API's own 400 reply.
  if (own.status !== 200) return relay(own, res);
  const lists: MatchListing[][] = [(await own.json()) as MatchListing[]];
  let missing = 0;
  await Promise.all(
    peers.map(async (peer) => {
      try {
        const answer = await peerRequest(peer.url, path, "local");
        if (answer.status !== 200) throw new Error(`status ${answer.status}`);
        lists.push((await answer.json()) as MatchListing[]);
      } catch (error) {
        missing++;
        log.warn(
          { err: error, peer: peer.url },
          "history peer did not answer; the merged list is incomplete",
        );
      }
    }),
  );
  if (missing > 0) res.setHeader(MISSING_PEERS_HEADER, String(missing));
  res.json(
    lists
      .flat()
      .sort(newestFirst)
      .slice(offset, offset + limit),
  );
}

/** The record id a path under /api/history names ("" for the list or a malformed id). */
function recordIdOf(path: string): string {
  try {
    return decodeURIComponent(path.split("/")[1] ?? "");
  } catch {
    return "";
  }
}

export function historyPeersRouter(history: History, directory: PeerDirectory, log: Logger): Router {
  const router = Router();
  router.use(async (req, res, next) => {
    const mode = req.get(PEER_HEADER);
    const matchId = recordIdOf(req.path);
    if (mode === "probe") {
      res.status(matchId && holdsRecord(history, matchId) ? 204 : 404).end();
      return;
    }
    // A peer asking for this process's own records, or a record this process holds: the history API.
    if (mode === "local") {
      // Lists answer from the file: write out what the recorder still buffers so they are current.
      history.recorder.flush();
      return next();
    }
    if (matchId && holdsRecord(history, matchId)) return next();
    try {
      const peers = await directory.others();
      if (!matchId) {
        if (req.method !== "GET" || req.path !== "/") return next();
        return await mergedList(req, res, peers, log);
      }
      const holder = await findRecordHolder(peers, matchId);
      if (!holder) return next();
      const body =
        req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(await readBody(req));
      // The reader's credential travels with the request: the holder decides (server/match/access.ts).
      const headers = Object.fromEntries(
        ["content-type", KEY_HEADER].flatMap((name) => {
          const value = req.get(name);
          return value ? [[name, value]] : [];
        }),
      );
      const answer = await peerRequest(holder.url, req.originalUrl, "local", {
        method: req.method,
        body,
        headers,
      });
      await relay(answer, res);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        res.status(413).json({ error: "too_large", message: "the request body is too large" });
        return;
      }
      log.warn({ err: error, url: req.originalUrl }, "history request to a peer failed");
      res
        .status(502)
        .json({ error: "peer_unavailable", message: "the process holding this match did not answer" });
    }
  });
  return router;
}
