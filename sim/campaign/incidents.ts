/**
 * Incidents (docs/design.md §2): what a neighbour experiences on its soil, and engagements outside ROE.
 * - `airspace`: a threat enters a neighbour's airspace;
 * - `crash`: a threat comes down in a neighbour (spoofed, out of fuel, or a decoy's end);
 * - `debris`: an interception happens over a neighbour (the intercept point is inside it);
 * - `outside-roe`: a unit engaged where the nation's ROE does not permit; attributed to that nation.
 * Each threat makes at most one incident of each cause with each nation (crossing back and forth, or
 * three units firing at it outside ROE, is one incident). A coalition partner that consents (its
 * `consent` flag, while its ROE allows engagements at all) suffers no airspace or debris incident:
 * overflight and interception over it are legitimate; a crash on its soil still is an incident.
 *
 * The detectors return the incident as data (or null) and count nothing; `recordIncident` counts it per
 * nation in the `IncidentState` (the `incidents-in-nation` trigger condition), and the escalation module
 * turns it into escalation. The match's incident count per round is the engine's score counter.
 */
import type { CompiledRegion } from "../../shared/compiled.js";
import type { PointKm } from "../../shared/scenario.js";
import type { RegionRaster } from "./raster.js";

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
  /** Per threat in flight: the incidents it already made, as "<cause>:<nation>". */
  made: Record<string, string[]>;
};

export function createIncidentState(): IncidentState {
  return { byNation: {}, made: {} };
}

/** The regions incidents are about: neighbours' land with a nation id, in scenario order. */
export function neighbourRegions(regions: readonly CompiledRegion[]): CompiledRegion[] {
  return regions.filter((r) => r.owner === "neighbour" && r.nation !== undefined);
}

/** Whose soil a point is and whether that nation consents to coalition action now. */
export interface Neighbours {
  nationAt(p: PointKm): string | null;
  consents(nation: string): boolean;
}

/** Neighbours over a raster of their regions; `consents` reads the nations' current consent. */
export function neighbours(raster: RegionRaster, consents: (nation: string) => boolean): Neighbours {
  return { nationAt: (p) => raster.firstAt(p)?.nation ?? null, consents };
}

/** Keep an incident only if the threat has not made one of the same cause with the same nation. */
function once(state: IncidentState, incident: Incident | null): Incident | null {
  if (!incident?.threatId) return incident;
  const key = `${incident.cause}:${incident.nation}`;
  const made = state.made[incident.threatId];
  if (made?.includes(key)) return null;
  if (made) made.push(key);
  else state.made[incident.threatId] = [key];
  return incident;
}

/** For each threat in flight after it moves: the incident when it is inside a nation's airspace. */
export function checkAirspaceEntry(
  state: IncidentState,
  lookup: Neighbours,
  threatId: string,
  p: PointKm,
): Incident | null {
  const nation = lookup.nationAt(p);
  if (nation === null || lookup.consents(nation)) return null;
  return once(state, { nation, cause: "airspace", threatId, x: p.x, y: p.y });
}

/** A threat came down (crash, not an impact on its target) at `p`. */
export function crashIncident(
  state: IncidentState,
  lookup: Neighbours,
  threatId: string,
  p: PointKm,
): Incident | null {
  const nation = lookup.nationAt(p);
  return nation === null ? null : once(state, { nation, cause: "crash", threatId, x: p.x, y: p.y });
}

/** An interceptor destroyed a threat at `p` (the intercept point). */
export function debrisIncident(
  state: IncidentState,
  lookup: Neighbours,
  threatId: string,
  unitId: string,
  p: PointKm,
): Incident | null {
  const nation = lookup.nationAt(p);
  if (nation === null || lookup.consents(nation)) return null;
  return once(state, { nation, cause: "debris", threatId, unitId, x: p.x, y: p.y });
}

/** A unit fired at a threat at `p` where `nation`'s ROE does not permit it. */
export function outsideRoeIncident(
  state: IncidentState,
  nation: string,
  unitId: string,
  threatId: string,
  p: PointKm,
): Incident | null {
  return once(state, { nation, cause: "outside-roe", threatId, unitId, x: p.x, y: p.y });
}

export function recordIncident(state: IncidentState, incident: Incident): void {
  state.byNation[incident.nation] = (state.byNation[incident.nation] ?? 0) + 1;
}

/** Drop the per-threat memory once a threat is gone (impact, crash, intercept) to keep snapshots small. */
export function forgetThreat(state: IncidentState, threatId: string): void {
  if (Object.hasOwn(state.made, threatId)) delete state.made[threatId];
}
