import type { CompiledScenario } from "../../shared/compiled.js";
import type { Bookmark, MatchListing, MatchRecord, RecordExport } from "../../shared/history.js";
import type { MatchSummary, WorldSnapshot } from "../../sim/api.js";
import type { AfterActionReview } from "../../sim/review/aar.js";
import { stored } from "../net/storage.js";

/** The history API (server/http/history.ts), same origin. */

export type { Bookmark, MatchListing, RecordExport };

export type MatchDetails = Omit<MatchRecord, "scenarioFile" | "commands" | "rounds"> & {
  rounds: { name: string; durationSec: number }[];
  summary: MatchSummary | null;
};

export type AarReply = AfterActionReview & {
  verification: { equal: boolean; differences: string[] } | null;
  bookmarks: Bookmark[];
};

export interface HistoryFilter {
  scenario?: string;
  from?: string;
  to?: string;
  result?: string;
}

export class HistoryError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The instructor key of a match this tab ran, for records the history keeps for their instructor. */
function keyHeader(path: string): Record<string, string> {
  const id = /^\/api\/history\/([^/?]+)/.exec(path)?.[1];
  const key = id ? stored.matchKey(decodeURIComponent(id)) : null;
  return key ? { "X-Skyshield-Key": key } : {};
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    const headers = { Accept: "application/json", ...keyHeader(path), ...init?.headers };
    response = await fetch(path, { ...init, headers });
  } catch {
    throw new HistoryError("The game server cannot be reached. Is it running?", 0);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    throw new HistoryError(body?.message ?? `${response.status} ${response.statusText}`, response.status);
  }
  return (await response.json()) as T;
}

const base = (id: string) => `/api/history/${encodeURIComponent(id)}`;

export function listHistory(filter: HistoryFilter): Promise<MatchListing[]> {
  const params = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]);
  return request<MatchListing[]>(`/api/history${params.size ? `?${params}` : ""}`);
}

export const getDetails = (id: string) => request<MatchDetails>(base(id));
export const getRecord = (id: string) => request<RecordExport>(`${base(id)}/export.json`);
export const getAar = (id: string) => request<AarReply>(`${base(id)}/aar`);
export const getScenario = (id: string) => request<CompiledScenario>(`${base(id)}/scenario`);
export const getSnapshot = (id: string, idx: number) =>
  request<WorldSnapshot>(`${base(id)}/snapshots/${idx}`);

/** Download links carry the key in the query (a link cannot send a header). */
export const downloads = (id: string) => {
  const key = stored.matchKey(id);
  const query = key ? `?key=${encodeURIComponent(key)}` : "";
  return {
    json: `${base(id)}/export.json${query}`,
    events: `${base(id)}/events.csv${query}`,
    layers: `${base(id)}/layers.csv${query}`,
  };
};

export function addBookmark(
  id: string,
  body: { round: number; t: number; note: string; author: string; instructorKey?: string },
): Promise<Bookmark> {
  return request<Bookmark>(`${base(id)}/bookmarks`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}
