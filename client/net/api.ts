import type { CompiledScenario } from "../../shared/compiled.js";
import type { CrewSummary, SideRoles } from "../../shared/crews.js";
import type { Seats } from "../../shared/scenario.js";

/** The game server's HTTP API (same origin; the Vite dev server proxies it). */

/** A scenario variant a match or an analysis may pick (docs/scenarios.md#variants). */
export interface VariantChoice {
  id: string;
  title: string;
  description: string;
}

export interface ScenarioListing {
  id: string;
  name: string;
  description: string;
  rounds: number;
  seats: Partial<Seats>;
  variants: VariantChoice[];
}

/** The titles of the variant ids a match plays, from the scenario's declared ones (else the id). */
export function variantTitles(
  declared: readonly { id: string; title: string }[] | undefined,
  ids: readonly string[],
): string[] {
  return ids.map((id) => declared?.find((v) => v.id === id)?.title ?? id);
}

export interface MatchListing {
  roomId: string;
  code: string;
  scenario: string;
  scenarioName?: string;
  /** The scenario's variants the match plays (ids). */
  variants: string[];
  phase: string;
  round: number;
  seats: unknown;
  /** Who holds which crew roles, per side (docs/classroom.md, "Crews"). */
  crews?: CrewSummary;
}

export interface MatchLookup {
  roomId: string;
  scenario: string;
  variants: string[];
  phase: string;
  round: number;
  seats: unknown;
  crews?: CrewSummary;
}

/** A scenario as the server serves it: compiled, with the crew roles of each side. */
export type ServedScenario = CompiledScenario & { roles: SideRoles };

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

let scenarioList: Promise<ScenarioListing[]> | null = null;

/** The built-in scenarios with their variants: fetched once (they change only with the server). */
export function listScenarios(): Promise<ScenarioListing[]> {
  if (!scenarioList) {
    scenarioList = getJson<ScenarioListing[]>("/api/scenarios");
    scenarioList.catch(() => {
      scenarioList = null;
    });
  }
  return scenarioList;
}

const scenarioCache = new Map<string, Promise<ServedScenario>>();

/** The compiled scenario (km geometry, catalogue) with the match's variants: fetched once per set. */
export function fetchScenario(id: string, variants: readonly string[] = []): Promise<ServedScenario> {
  const query = variants.length > 0 ? `?variants=${variants.map(encodeURIComponent).join(",")}` : "";
  const path = `/api/scenarios/${encodeURIComponent(id)}${query}`;
  let pending = scenarioCache.get(path);
  if (!pending) {
    pending = getJson<ServedScenario>(path);
    pending.catch(() => scenarioCache.delete(path));
    scenarioCache.set(path, pending);
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
