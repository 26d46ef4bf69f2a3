import type { CompiledScenario } from "../../shared/compiled.js";
import type { Seats } from "../../shared/scenario.js";

/** The game server's HTTP API (same origin; the Vite dev server proxies it). */

export interface ScenarioListing {
  id: string;
  name: string;
  description: string;
  rounds: number;
  seats: Partial<Seats>;
}

export interface MatchListing {
  roomId: string;
  code: string;
  scenario: string;
  scenarioName?: string;
  phase: string;
  round: number;
  seats: unknown;
}

export interface MatchLookup {
  roomId: string;
  scenario: string;
  phase: string;
  round: number;
  seats: unknown;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Accept: "application/json" } });
  } catch {
    throw new ApiError("The game server cannot be reached. Is it running?", 0);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: string; error?: string } | null;
    throw new ApiError(
      body?.message ?? body?.error ?? `${response.status} ${response.statusText}`,
      response.status,
    );
  }
  return (await response.json()) as T;
}

export function listScenarios(): Promise<ScenarioListing[]> {
  return getJson<ScenarioListing[]>("/api/scenarios");
}

const scenarioCache = new Map<string, Promise<CompiledScenario>>();

/** The compiled scenario (km geometry, catalogue): fetched once per id. */
export function fetchScenario(id: string): Promise<CompiledScenario> {
  let pending = scenarioCache.get(id);
  if (!pending) {
    pending = getJson<CompiledScenario>(`/api/scenarios/${encodeURIComponent(id)}`);
    pending.catch(() => scenarioCache.delete(id));
    scenarioCache.set(id, pending);
  }
  return pending;
}

/** The server's answer to where players reach it (server/http/public-url.ts). */
export interface PublicUrl {
  url: string;
  source: "setting" | "network" | "request";
  loopback: boolean;
}

let publicUrl: Promise<PublicUrl> | undefined;

/** The base of join links and QR codes: asked once, falling back to this page's own address. */
export function fetchPublicUrl(): Promise<PublicUrl> {
  publicUrl ??= getJson<PublicUrl>("/api/public-url").catch(() => ({
    url: location.origin,
    source: "request" as const,
    loopback: /^(localhost|127\.|\[::1\])/.test(location.hostname),
  }));
  return publicUrl;
}

export function listMatches(): Promise<MatchListing[]> {
  return getJson<MatchListing[]>("/api/matches");
}

export async function lookupMatch(code: string): Promise<MatchLookup> {
  try {
    return await getJson<MatchLookup>(`/api/matches/${encodeURIComponent(code.trim().toUpperCase())}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      throw new ApiError(`No match with code ${code.trim().toUpperCase()} is running.`, 404);
    }
    throw error;
  }
}
