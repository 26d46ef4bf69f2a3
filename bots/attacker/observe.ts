/**
 * What the attacker learns by watching its own tracks (the only threats it sees) and the defence units
 * that reveal themselves. A track that ends near its target leaked; one that ends short of it was shot
 * down (or crashed), and where it ended marks a kill zone. Nothing here reads hidden state.
 */

import { distanceKm } from "../../shared/geo.js";
import type { SideView } from "../../sim/api.js";
import { nearestOnPath, pathLengthKm } from "../geometry.js";
import { type AttackerMemory, type LiveTrack, tallyOf } from "../memory.js";

/** Most kill marks kept (oldest dropped first); enough for a picture, bounded for the memory size. */
const MAX_KILLS = 600;
/** Margin beyond the distance flown between observations within which an ending counts as a leak. */
const LEAK_MARGIN_KM = 4;
/** A new leg that takes a threat this far off its planned route is a diversion. */
const DIVERSION_KM = 3;

export function rememberDefences(view: SideView, mem: AttackerMemory): void {
  for (const u of view.sightings) {
    const known = mem.defences[u.id];
    if (known && known.x === u.x && known.y === u.y && known.round === view.round) continue;
    mem.defences[u.id] = { kind: u.kind, x: u.x, y: u.y, round: view.round };
  }
}

/** Attribute a newly seen track to the planned route of its type it lies closest to. */
function attribute(mem: AttackerMemory, kind: string, x: number, y: number): number {
  let best = -1;
  let bestKm = Number.POSITIVE_INFINITY;
  mem.routes.forEach((r, i) => {
    if (r.threatType !== kind) return;
    const d = nearestOnPath(r.path, { x, y }).distKm;
    if (d < bestKm) {
      bestKm = d;
      best = i;
    }
  });
  return best;
}

/** Whether a track's current leg leads away from its planned route (up to 20 km or 3 minutes ahead). */
function offRoute(mem: AttackerMemory, live: LiveTrack): boolean {
  const route = mem.routes[live.route];
  if (!route) return false;
  const aheadSec = Math.min(180, 20 / Math.max(route.speedKmS, 1e-3));
  const ahead = { x: live.x + live.vx * aheadSec, y: live.y + live.vy * aheadSec };
  return nearestOnPath(route.path, ahead).distKm > DIVERSION_KM;
}

/** Book a vanished track as leaked or killed; returns false (it leaves the live list). */
function settle(mem: AttackerMemory, live: LiveTrack, dtSec: number, round: number): false {
  const route = mem.routes[live.route];
  if (!route) return false;
  const last = {
    x: live.x + live.vx * (live.seenAt - live.t0),
    y: live.y + live.vy * (live.seenAt - live.t0),
  };
  const remainingKm = pathLengthKm(route.path) - nearestOnPath(route.path, last).alongKm;
  const leaked =
    !live.diverted &&
    (remainingKm <= route.speedKmS * dtSec + LEAK_MARGIN_KM ||
      distanceKm(last, route.path[route.path.length - 1]) <= LEAK_MARGIN_KM);
  const outcome = leaked ? "leaked" : "killed";
  tallyOf(mem.targets, route.target)[outcome]++;
  tallyOf(mem.classes, route.threatClass)[outcome]++;
  if (!leaked && !live.diverted) {
    mem.kills.push({ x: last.x, y: last.y, round });
    if (mem.kills.length > MAX_KILLS) mem.kills.splice(0, mem.kills.length - MAX_KILLS);
  }
  return false;
}

/** Runtime index of `mem.live` by track id: derived from the memory, never stored in it. */
const liveIndex = new WeakMap<AttackerMemory, Map<string, LiveTrack>>();

function indexOf(mem: AttackerMemory): Map<string, LiveTrack> {
  let index = liveIndex.get(mem);
  if (!index || index.size !== mem.live.length) {
    index = new Map(mem.live.map((live) => [live.id, live]));
    liveIndex.set(mem, index);
  }
  return index;
}

/** One live observation: new tracks attributed, vanished ones settled, legs refreshed. */
export function observeAttackerLive(view: SideView, mem: AttackerMemory): void {
  rememberDefences(view, mem);
  const dtSec = mem.lastClock < 0 ? 0 : Math.max(0, view.clock - mem.lastClock);
  mem.lastClock = view.clock;
  const index = indexOf(mem);
  let present = 0;
  for (const t of view.tracks) {
    const known = index.get(t.id);
    if (known) {
      // Tracks travel as legs: copy the leg only when it changed, extrapolate at the end.
      if (known.t0 !== t.t0) {
        Object.assign(known, { x: t.x, y: t.y, vx: t.vx, vy: t.vy, t0: t.t0 });
        if (!known.diverted && offRoute(mem, known)) {
          // Spoofed or turned away: where it left the route is a defence the attacker could not see.
          known.diverted = true;
          mem.kills.push({ x: t.x, y: t.y, round: view.round });
        }
      }
      known.seenAt = view.clock;
      present++;
      continue;
    }
    const route = attribute(mem, t.kind, t.x + t.vx * (view.clock - t.t0), t.y + t.vy * (view.clock - t.t0));
    if (route < 0) continue;
    const live = {
      id: t.id,
      route,
      x: t.x,
      y: t.y,
      vx: t.vx,
      vy: t.vy,
      t0: t.t0,
      seenAt: view.clock,
      diverted: false,
    };
    mem.live.push(live);
    index.set(live.id, live);
    present++;
    const r = mem.routes[route];
    tallyOf(mem.targets, r.target).sent++;
    tallyOf(mem.classes, r.threatClass).sent++;
  }
  if (present === mem.live.length) return;
  mem.live = mem.live.filter(
    (live) => live.seenAt === view.clock || (index.delete(live.id) && settle(mem, live, dtSec, view.round)),
  );
}

/** Between rounds: close the books of the last night (tracks still listed are settled as seen last). */
export function closeAttackerRound(view: SideView, mem: AttackerMemory): void {
  const dtSec = Math.max(10, view.clock - mem.lastClock);
  for (const live of mem.live) settle(mem, live, dtSec, view.round - 1);
  mem.live = [];
  mem.lastClock = -1;
  rememberDefences(view, mem);
}
