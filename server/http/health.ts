import { matchMaker } from "@colyseus/core";
import { Router } from "express";
import { MATCH_ROOM_NAME } from "../colyseus/metadata.js";

/** `GET /health`: liveness for load balancers and people; `rooms` counts this process's matches. */
export function healthRouter(version: string, startedAtMs: number, now: () => number): Router {
  const router = Router();
  router.get("/health", async (_req, res) => {
    const rooms = await matchMaker.query({ name: MATCH_ROOM_NAME, processId: matchMaker.processId });
    res.json({
      status: "ok",
      version,
      uptimeSec: Math.round((now() - startedAtMs) / 1000),
      rooms: rooms.length,
    });
  });
  return router;
}
