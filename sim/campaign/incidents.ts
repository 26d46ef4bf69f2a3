/**
 * Incidents (docs/design.md §2): what a neighbour experiences on its soil, and engagements outside ROE.
 * - `airspace`: a threat enters a neighbour's airspace (once per threat per nation, however often it
 *   crosses back and forth);
 * - `crash`: a threat comes down in a neighbour (spoofed, out of fuel, or a decoy's end);
 * - `debris`: an interception happens over a neighbour (the intercept point is inside it);
 * - `outside-roe`: an ally engaged where its nation's ROE does not permit; attributed to that nation.
 *
 * The detectors return the incident as data (or null) and record nothing; `recordIncident` counts it per
 * nation in the `IncidentState` (the `incidents-in-nation` trigger condition), and the escalation module
 * turns it into escalation. Every incident, whatever its cause, counts towards its nation. The match's
 * incident count per round is the engine's score counter, not kept here a second time.
 */
import type { CompiledRegion } from "../../shared/compiled.js";
import { regionAt } from "../../shared/geo.js";
import type { PointKm } from "../../shared/scenario.js";

export type IncidentCause = "airspace" | "crash" | "debris" | "outside-roe";

/** The payload of an `incident` SimEvent. */
export interface Incident {
  nation: string;
  cause: IncidentCause;
  threatId?: string;
  unitId?: string;
  x: number;
  y: number;
}

export type IncidentState = {
  byNation: Record<string, number>;
  /** Nations whose airspace each threat in flight has already entered. */
  airspaceSeen: Record<string, string[]>;
};

export function createIncidentState(): IncidentState {
  return { byNation: {}, airspaceSeen: {} };
}

/** The regions incidents are about: neighbours' land with a nation id, in scenario order. */
export function neighbourRegions(regions: readonly CompiledRegion[]): CompiledRegion[] {
  return regions.filter((r) => r.owner === "neighbour" && r.nation !== undefined);
}

/** The nation whose airspace contains `p`, or null (pass `neighbourRegions(...)`). */
export function nationAt(p: PointKm, neighbours: readonly CompiledRegion[]): string | null {
  return regionAt(p, neighbours)?.nation ?? null;
}

/**
 * Called for each threat in flight after it moves: the incident when it has just entered a nation's
 * airspace for the first time. Marks the nation as seen for the threat (hence the state argument).
 */
export function checkAirspaceEntry(
  state: IncidentState,
  neighbours: readonly CompiledRegion[],
  threatId: string,
  p: PointKm,
): Incident | null {
  const nation = nationAt(p, neighbours);
  if (nation === null) return null;
  const seen = state.airspaceSeen[threatId];
  if (seen?.includes(nation)) return null;
  if (seen) seen.push(nation);
  else state.airspaceSeen[threatId] = [nation];
  return { nation, cause: "airspace", threatId, x: p.x, y: p.y };
}

/** A threat came down (crash, not an impact on its target) at `p`. */
export function crashIncident(
  neighbours: readonly CompiledRegion[],
  threatId: string,
  p: PointKm,
): Incident | null {
  const nation = nationAt(p, neighbours);
  return nation === null ? null : { nation, cause: "crash", threatId, x: p.x, y: p.y };
}

/** An interceptor destroyed a threat at `p` (the intercept point). */
export function debrisIncident(
  neighbours: readonly CompiledRegion[],
  threatId: string,
  unitId: string,
  p: PointKm,
): Incident | null {
  const nation = nationAt(p, neighbours);
  return nation === null ? null : { nation, cause: "debris", threatId, unitId, x: p.x, y: p.y };
}

/** An ally of `nation` fired at a target at `p` that its ROE does not permit. */
export function outsideRoeIncident(nation: string, unitId: string, threatId: string, p: PointKm): Incident {
  return { nation, cause: "outside-roe", threatId, unitId, x: p.x, y: p.y };
}

export function recordIncident(state: IncidentState, incident: Incident): void {
  state.byNation[incident.nation] = (state.byNation[incident.nation] ?? 0) + 1;
}

/** Drop the per-threat memory once a threat is gone (impact, crash, intercept) to keep snapshots small. */
export function forgetThreat(state: IncidentState, threatId: string): void {
  delete state.airspaceSeen[threatId];
}
