import type { CompiledScenario } from "../../../shared/compiled.js";
import { formatClock, formatUsd } from "../../util/format.js";

/**
 * What a draft salvo means before it is bought: the length of its route, how long its threats fly, when
 * the first arrives, whether the route is within the type's range, and what it costs against the budget.
 * Arithmetic on the scenario's published catalogue (speed, range, cost); the server decides the rest.
 */
export interface SalvoDraft {
  zone: string;
  threatType: string;
  count: number;
  launchAtSec: number;
  target: string;
  waypoints: { x: number; y: number }[];
}

export interface SalvoEstimate {
  routeKm: number;
  flightSec: number;
  firstArrivalSec: number;
  withinRange: boolean;
  rangeKm: number;
  costUsd: number;
}

export function estimate(scenario: CompiledScenario, draft: SalvoDraft): SalvoEstimate | null {
  const zone = scenario.launchZones.find((z) => z.id === draft.zone);
  const target = scenario.assets.find((a) => a.id === draft.target);
  const threat = scenario.catalogue.threats[draft.threatType];
  if (!zone || !target || !threat) return null;
  const path = [zone.at, ...draft.waypoints, target.at];
  let routeKm = 0;
  for (let i = 1; i < path.length; i++)
    routeKm += Math.hypot(path[i].x - path[i - 1].x, path[i].y - path[i - 1].y);
  const flightSec = (routeKm * 1000) / threat.speedMps;
  return {
    routeKm,
    flightSec,
    firstArrivalSec: draft.launchAtSec + flightSec,
    withinRange: routeKm <= threat.rangeKm,
    rangeKm: threat.rangeKm,
    costUsd: threat.costUsd * Math.max(0, draft.count),
  };
}

/** "612 km · flies 3 h 24 min · first arrives at 03:24" (or the range it exceeds). */
export function describeEstimate(e: SalvoEstimate): string {
  const hours = Math.floor(e.flightSec / 3600);
  const minutes = Math.round((e.flightSec % 3600) / 60);
  const flight = hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min`;
  const range = e.withinRange
    ? ""
    : ` · beyond its ${Math.round(e.rangeKm)} km range: shorten the route or pick a nearer target`;
  return `${Math.round(e.routeKm)} km · flies ${flight} · first arrives at ${formatClock(e.firstArrivalSec)} into the night${range}`;
}

/** A purchase big enough to ask about first: a quarter of what is left, or more. */
export function bigPurchase(costUsd: number, budgetUsd: number): string | null {
  if (budgetUsd <= 0 || costUsd < budgetUsd / 4) return null;
  return `This salvo costs ${formatUsd(costUsd)} of the ${formatUsd(budgetUsd)} you have left.`;
}
