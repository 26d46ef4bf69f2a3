/**
 * Fighter patrols (docs/design.md §2, fighter patrol layer): a fighter unit stands for a
 * patrol point; it covers its reach only while a sortie is on station. A layer with `timeOnStationSec`
 * T and `sortiesPerRound` n spreads its sorties evenly over the round's live phase of D seconds:
 * sortie k takes off at k·D/n and stays on station for T, or until the next one takes off if T > D/n.
 * Between sorties and after the last one the unit is grounded. Each new sortie re-arms the magazine.
 * A pure function of the live clock, so nothing is stored and snapshots need nothing for it.
 */
import type { LayerType } from "../../shared/scenario.js";

export interface PatrolSpec {
  timeOnStationSec: number;
  sortiesPerRound: number;
}

/** The patrol schedule of a fighter layer, or null for layers that are not fighters. */
export function patrolSpec(layer: LayerType): PatrolSpec | null {
  if (layer.role !== "fighter" || layer.timeOnStationSec === undefined) return null;
  return { timeOnStationSec: layer.timeOnStationSec, sortiesPerRound: layer.sortiesPerRound ?? 1 };
}

/**
 * Where a fighter's patrol stands at live-clock `tSec`: the 0-based sortie on station, or -1 when
 * grounded. The engine re-arms the unit when the sortie number changes to a new non-negative value.
 */
export function sortieOnStation(spec: PatrolSpec, roundDurationSec: number, tSec: number): number {
  if (tSec < 0 || tSec >= roundDurationSec || spec.sortiesPerRound <= 0) return -1;
  const slotSec = roundDurationSec / spec.sortiesPerRound;
  const sortie = Math.min(spec.sortiesPerRound - 1, Math.floor(tSec / slotSec));
  return tSec - sortie * slotSec < spec.timeOnStationSec ? sortie : -1;
}
