import type { AnalysisJob, AnalysisRequest } from "../../shared/analysis.js";
import { ApiError } from "../net/api.js";
import { stored } from "../net/storage.js";

/** The what-if analyses API (docs/analysis.md). */

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { Accept: "application/json", ...init?.headers } });
  } catch {
    throw new ApiError("The game server cannot be reached. Is it running?", 0);
  }
  const body = (await response.json().catch(() => null)) as ({ message?: string } & T) | null;
  if (!response.ok) throw new ApiError(body?.message ?? `${response.status}`, response.status);
  return body as T;
}

/** Start an analysis; from a match, with the instructor key this tab holds for it. */
export function startAnalysis(request: AnalysisRequest): Promise<AnalysisJob> {
  const key = request.matchId ? stored.matchKey(request.matchId) : null;
  return call<AnalysisJob>("/api/analyses", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(key ? { "X-Skyshield-Key": key } : {}) },
    body: JSON.stringify(request),
  });
}

export const getAnalysis = (id: string) => call<AnalysisJob>(`/api/analyses/${encodeURIComponent(id)}`);

export const cancelAnalysis = (id: string) =>
  call<AnalysisJob>(`/api/analyses/${encodeURIComponent(id)}/cancel`, { method: "POST" });

export const resultLinks = (id: string) => ({
  csv: `/api/analyses/${encodeURIComponent(id)}/result.csv`,
  json: `/api/analyses/${encodeURIComponent(id)}/result.json`,
});
