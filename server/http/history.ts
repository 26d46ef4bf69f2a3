import express, { type ErrorRequestHandler, type Request, type Response, Router } from "express";
import { z } from "zod";
import type { MatchRecord } from "../../shared/history.js";
import { mayReadRecord, type RecordFacts, sameSecret } from "../match/access.js";
import { unpackJson } from "../store/db.js";
import { eventsCsv, layersCsv, recordExport } from "../store/export.js";
import type { History } from "../store/history.js";
import { listBookmarks, listMatches, loadRecord, loadSnapshot, recordFacts } from "../store/records.js";

/**
 * Where a reader sends a match's instructor key: this header (downloads may use `?key=` instead, since a
 * link cannot carry a header).
 */
export const KEY_HEADER = "x-skyshield-key";

/**
 * The history API, mounted at /api/history. Who may read a record is decided in server/match/access.ts:
 * while a match runs only its instructor (the key), once it has ended everyone for a public match and
 * the key holders for a private one; private matches are never listed.
 *   GET  /                      past matches, newest first; ?scenario=&from=&to=&result=&limit=&offset=
 *   GET  /:id                   one match: listing, summaries, bookmarks, snapshot positions
 *   GET  /:id/scenario          the compiled scenario as recorded (maps of old matches stay right)
 *   GET  /:id/export.json       the full record (download): scenario, seed, options, commands, ...
 *   GET  /:id/events.csv        every event of the match, from its replay (download)
 *   GET  /:id/layers.csv        the per-layer table (download)
 *   GET  /:id/aar               after-action review data, with the replay's verification
 *   GET  /:id/snapshots/:idx    one world snapshot (the replay viewer seeks from these)
 *   POST /:id/bookmarks         {round, t, note, author, instructorKey}: a note on the timeline
 */

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
/** A date (whole day, UTC) or an ISO date-time; `end` picks the last millisecond of a whole day. */
const DateParam = (end: boolean) =>
  z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), "expected a date like 2025-03-01 or an ISO date-time")
    .transform((s) => Date.parse(s) + (end && isoDay.test(s) ? 86_399_999 : 0));

const HistoryQuery = z
  .object({
    scenario: z.string().min(1).max(64).optional(),
    from: DateParam(false).optional(),
    to: DateParam(true).optional(),
    result: z.enum(["attacker", "defender", "draw", "running", "finished", "abandoned"]).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

const BookmarkBody = z
  .object({
    round: z.number().int().min(1),
    t: z.number().min(0),
    note: z.string().trim().min(1).max(500),
    author: z.string().trim().min(1).max(40),
    instructorKey: z.string().max(200).optional(),
  })
  .strict();

function invalid(res: Response, error: z.ZodError): void {
  const issue = error.issues[0];
  const path = issue.path.join(".");
  res.status(400).json({ error: "invalid", message: `${path || "(root)"}: ${issue.message}`, path });
}

function keyOf(req: Request): string | undefined {
  const header = req.get(KEY_HEADER);
  const query = typeof req.query.key === "string" ? req.query.key : undefined;
  return (header ?? query)?.slice(0, 200);
}

function refused(res: Response, facts: RecordFacts): void {
  const why =
    facts.status === "running"
      ? "this match is still running: until it ends its record is its instructor's"
      : "this match is private: its record is for its instructor";
  res
    .status(403)
    .json({ error: "not_allowed", message: `${why} (send the instructor key in the ${KEY_HEADER} header)` });
}

/** Everyone may keep a public record that has ended; anything else must not sit in shared caches. */
function cacheFor(res: Response): string {
  return res.locals.publicRecord === true ? "public, max-age=86400, immutable" : "private, no-store";
}

function notFound(res: Response, id: string): void {
  res.status(404).json({ error: "unknown_match", message: `no recorded match '${id}'` });
}

function download(res: Response, filename: string, type: string, body: string): void {
  res.setHeader("Content-Type", `${type}; charset=utf-8`);
  res.setHeader("Content-Disposition", `attachment; filename="${filename}"`);
  res.send(body);
}

/** The match page: everything but the bulky parts (scenario file, commands, snapshot bodies). */
function details(record: MatchRecord) {
  const { scenarioFile, commands, ...rest } = record;
  return { ...rest, rounds: scenarioFile.rounds.map((r) => ({ name: r.name, durationSec: r.durationSec })) };
}

export function historyRouter(history: History): Router {
  const router = Router();
  const { db } = history;
  type IdRequest = Request<{ id: string }>;

  /** The analysis (re-simulation) of a match, or an error reply; undefined when one was sent. */
  const analysisOf = async (req: IdRequest, res: Response) => {
    try {
      const analysis = await history.analysis.get(req.params.id);
      if (!analysis) notFound(res, req.params.id);
      return analysis ?? undefined;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      res
        .status(409)
        .json({ error: "replay_failed", message: `the match could not be re-simulated: ${message}` });
      return undefined;
    }
  };

  /** Every route of one record: it must exist, and the reader may read it (bookmarks check their own key). */
  router.use("/:id", (req: IdRequest, res, next) => {
    const facts = recordFacts(db, req.params.id);
    if (!facts) return notFound(res, req.params.id);
    if (req.method === "POST") return next();
    if (!mayReadRecord(facts, keyOf(req))) return refused(res, facts);
    res.locals.publicRecord = mayReadRecord(facts, undefined);
    next();
  });

  router.get("/", (req, res) => {
    const query = HistoryQuery.safeParse(req.query);
    if (!query.success) return invalid(res, query.error);
    const { from, to, ...rest } = query.data;
    res.json(listMatches(db, { ...rest, fromMs: from, toMs: to }));
  });

  router.get("/:id", (req: IdRequest, res) => {
    history.recorder.flush();
    const record = loadRecord(db, req.params.id);
    if (!record) return notFound(res, req.params.id);
    res.json(details(record));
  });

  router.get("/:id/scenario", (req: IdRequest, res) => {
    const row = db
      .prepare<[string], { scenario: Buffer }>("SELECT scenario FROM matches WHERE id = ?")
      .get(req.params.id);
    if (!row) return notFound(res, req.params.id);
    res.setHeader("Cache-Control", cacheFor(res));
    res.json(unpackJson(row.scenario));
  });

  router.get("/:id/export.json", (req: IdRequest, res) => {
    history.recorder.flush();
    const record = loadRecord(db, req.params.id);
    if (!record) return notFound(res, req.params.id);
    const origin =
      record.branchOf && record.snapshots[0] ? loadSnapshot(db, record.id, record.snapshots[0].idx) : null;
    download(
      res,
      `skyshield-${record.id}.json`,
      "application/json",
      JSON.stringify(recordExport(record, origin)),
    );
  });

  router.get("/:id/snapshots/:idx", (req: Request<{ id: string; idx: string }>, res) => {
    const idx = Number(req.params.idx);
    const exists = db
      .prepare("SELECT 1 FROM snapshots WHERE match_id = ? AND idx = ?")
      .get(req.params.id, Number.isInteger(idx) ? idx : -1);
    if (!exists) {
      return res
        .status(404)
        .json({ error: "unknown_snapshot", message: `no snapshot ${req.params.idx} of '${req.params.id}'` });
    }
    res.setHeader("Cache-Control", cacheFor(res));
    res.json(loadSnapshot(db, req.params.id, idx));
  });

  router.get("/:id/aar", async (req: IdRequest, res) => {
    const analysis = await analysisOf(req, res);
    if (!analysis) return;
    res.json({
      ...analysis.aar,
      verification: analysis.verification,
      bookmarks: listBookmarks(db, req.params.id),
    });
  });

  router.get("/:id/events.csv", async (req: IdRequest, res) => {
    const analysis = await analysisOf(req, res);
    if (analysis)
      download(res, `skyshield-${req.params.id}-events.csv`, "text/csv", eventsCsv(analysis.events));
  });

  router.get("/:id/layers.csv", async (req: IdRequest, res) => {
    const analysis = await analysisOf(req, res);
    if (analysis)
      download(res, `skyshield-${req.params.id}-layers.csv`, "text/csv", layersCsv(analysis.aar.layers));
  });

  router.post("/:id/bookmarks", express.json({ limit: "16kb" }), (req: IdRequest, res) => {
    const body = BookmarkBody.safeParse(req.body ?? {});
    if (!body.success) return invalid(res, body.error);
    const key = recordFacts(db, req.params.id)?.instructorKey;
    if (key && !sameSecret(body.data.instructorKey, key)) {
      return res
        .status(403)
        .json({ error: "not_allowed", message: "bookmarks need the match's instructor key" });
    }
    const { round, t, note, author } = body.data;
    history.recorder.bookmark(req.params.id, round, t, note, author);
    history.recorder.flush();
    res.status(201).json({ round, t, note, author });
  });

  router.use(((error, _req, res, next) => {
    if ((error as { type?: string }).type !== "entity.parse.failed") return next(error);
    res.status(400).json({ error: "invalid", message: "the request body is not valid JSON" });
  }) satisfies ErrorRequestHandler);

  router.use((req, res) => {
    res
      .status(404)
      .json({ error: "not_found", message: `no history route ${req.method} ${req.originalUrl}` });
  });
  return router;
}
