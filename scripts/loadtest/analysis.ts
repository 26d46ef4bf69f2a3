import type { AnalysisJob, AnalysisRequest } from "../../shared/analysis.js";

/**
 * `--analysis N`: a what-if analysis of N nights of the load test's scenario, started on the first
 * process before measuring, so the tick lag shows what an analysis costs the live matches beside it
 * (docs/analysis.md). Cancelled at the end if it is still running.
 */

export interface AnalysisFigures {
  runs: number;
  /** Runs done (of `total`) when the measurement ended, and the job's status then. */
  done: number;
  total: number;
  status: string;
}

export async function startAnalysis(endpoint: string, scenario: string, runs: number): Promise<string> {
  const request: AnalysisRequest = {
    scenario,
    runs,
    seedStart: 1,
    a: { variants: [], attacker: "plan", defender: "plan", ally: "plan" },
  };
  const response = await fetch(`${endpoint}/api/analyses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(request),
  });
  const body = (await response.json()) as AnalysisJob & { message?: string };
  if (response.status !== 202) throw new Error(`analysis refused (${response.status}): ${body.message}`);
  return body.id;
}

/** Where the analysis stands; then cancelled if it still runs. */
export async function finishAnalysis(endpoint: string, id: string, runs: number): Promise<AnalysisFigures> {
  const job = (await (await fetch(`${endpoint}/api/analyses/${id}`)).json()) as AnalysisJob;
  if (job.status === "queued" || job.status === "running") {
    await fetch(`${endpoint}/api/analyses/${id}/cancel`, { method: "POST" });
  }
  return { runs, done: job.done, total: job.total, status: job.status };
}
