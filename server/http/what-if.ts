import express, { type ErrorRequestHandler, type Request, type Response, Router } from "express";
import { type AnalysisJob, AnalysisRequest } from "../../shared/analysis.js";
import { CliError } from "../cli/args.js";
import { checkConfig, type WhatIfPlan } from "../cli/what-if.js";
import { whatIfCsv } from "../cli/what-if-stats.js";
import { mayAnalyse } from "../match/access.js";
import { ScenarioError } from "../scenarios/loader.js";
import type { Db } from "../store/db.js";
import { getListing, recordFacts } from "../store/records.js";
import type { WhatIfStore } from "../store/what-if-store.js";
import { invalid, KEY_HEADER, keyOf } from "./history.js";
import { WhatIfBusy, type WhatIfQueue } from "./what-if-queue.js";

/**
 * The what-if analyses API (docs/analysis.md), mounted at /api/analyses:
 *   GET  /                  stored analyses started from the lobby, newest first
 *   POST /                  AnalysisRequest → 202 with the queued job; from a match (`matchId`) only with
 *                           its instructor key in the x-skyshield-key header; 429 when the server is full
 *   GET  /:id               the job: status, progress (done of total), the result once done
 *   POST /:id/cancel        stop a queued or running analysis
 *   GET  /:id/result.json   the result (download)
 *   GET  /:id/result.csv    every run's figures, one row per configuration and seed (download)
 * The job id is the handle: it is random and only its starter learns it.
 */

type IdRequest = Request<{ id: string }>;

const LIST_LIMIT = 100;

function download(res: Response, filename: string, type: string, body: string): void {
  res.setHeader("Content-Type", `${type}; charset=utf-8`);
  res.setHeader("Content-Disposition", `attachment; filename="${filename}"`);
  res.send(body);
}

/** The scenario an analysis plays, or an error reply (undefined when one was sent). */
function scenarioOf(db: Db, request: AnalysisRequest, req: Request, res: Response): string | undefined {
  if (request.scenario) return request.scenario;
  const matchId = request.matchId ?? "";
  const facts = recordFacts(db, matchId);
  const listing = getListing(db, matchId);
  if (!facts || !listing) {
    res.status(404).json({ error: "unknown_match", message: `no recorded match '${matchId}'` });
    return undefined;
  }
  if (!mayAnalyse(facts, keyOf(req))) {
    res.status(403).json({
      error: "not_allowed",
      message: `analyses from a match are its instructor's: send its instructor key in the ${KEY_HEADER} header`,
    });
    return undefined;
  }
  return listing.scenario;
}

/**
 * The checked plan of a request, or an error reply naming what is wrong (unknown scenario, variant…).
 * "As-played" seats read the match's orders from the history database at `dbPath`.
 */
function planOf(
  scenario: string,
  request: AnalysisRequest,
  dbPath: string,
  res: Response,
): WhatIfPlan | undefined {
  const { runs, seedStart, a, b, matchId } = request;
  const plan: WhatIfPlan = {
    scenario,
    runs,
    seedStart,
    a,
    b: b ?? null,
    ...(matchId ? { record: { matchId, db: dbPath } } : {}),
  };
  try {
    checkConfig(plan, a);
    if (b) checkConfig(plan, b);
  } catch (error) {
    if (!(error instanceof ScenarioError || error instanceof CliError)) throw error;
    res.status(400).json({ error: "invalid", message: error.message });
    return undefined;
  }
  return plan;
}

/** `db` is the history database at `dbPath`: the match records analyses start from. */
export function whatIfRouter(db: Db, dbPath: string, store: WhatIfStore, queue: WhatIfQueue): Router {
  const router = Router();

  router.get("/", (_req, res) => {
    res.json(store.list(LIST_LIMIT));
  });

  router.post("/", express.json({ limit: "16kb" }), (req, res) => {
    const parsed = AnalysisRequest.safeParse(req.body ?? {});
    if (!parsed.success) return invalid(res, parsed.error);
    const scenario = scenarioOf(db, parsed.data, req, res);
    if (!scenario) return;
    const plan = planOf(scenario, parsed.data, dbPath, res);
    if (!plan) return;
    try {
      res.status(202).json(queue.start(parsed.data, plan));
    } catch (error) {
      if (!(error instanceof WhatIfBusy)) throw error;
      res.status(429).json({ error: "analysis_limit", message: error.message });
    }
  });

  /** The job `:id`, or a 404 reply (undefined when one was sent). */
  const jobOf = (req: IdRequest, res: Response): AnalysisJob | undefined => {
    const job = queue.get(req.params.id);
    if (!job) res.status(404).json({ error: "unknown_analysis", message: `no analysis '${req.params.id}'` });
    return job ?? undefined;
  };

  /** The finished result of `:id`, or an error reply. */
  const resultOf = (req: IdRequest, res: Response) => {
    const job = jobOf(req, res);
    if (job && !job.result) {
      res.status(409).json({ error: "not_done", message: `the analysis is ${job.status}: no result` });
    }
    return job?.result ?? undefined;
  };

  router.get("/:id", (req: IdRequest, res) => {
    const job = jobOf(req, res);
    if (job) res.json(job);
  });

  router.post("/:id/cancel", (req: IdRequest, res) => {
    if (!jobOf(req, res)) return;
    if (!queue.cancel(req.params.id)) {
      return res.status(409).json({ error: "not_running", message: "the analysis has already ended" });
    }
    res.json(queue.get(req.params.id));
  });

  router.get("/:id/result.json", (req: IdRequest, res) => {
    const result = resultOf(req, res);
    if (result)
      download(res, `skyshield-analysis-${req.params.id}.json`, "application/json", JSON.stringify(result));
  });

  router.get("/:id/result.csv", (req: IdRequest, res) => {
    const result = resultOf(req, res);
    if (result) download(res, `skyshield-analysis-${req.params.id}.csv`, "text/csv", whatIfCsv(result));
  });

  router.use(((error, _req, res, next) => {
    if ((error as { type?: string }).type !== "entity.parse.failed") return next(error);
    res.status(400).json({ error: "invalid", message: "the request body is not valid JSON" });
  }) satisfies ErrorRequestHandler);

  return router;
}
