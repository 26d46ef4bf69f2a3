/**
 * What the defender remembers from its own perception: where tracks entered its coverage and how
 * they flew (the threat axis), how many of each class it saw (decoys once identified), which assets
 * lost hit points, and how many interceptors each layer used in a night.
 */
import type { ThreatClass } from "../../shared/scenario.js";
import type { SideView, TrackView } from "../../sim/api.js";
import type { DefenderMemory } from "../memory.js";

const MAX_ENTRIES = 400;

/** Class of a track: its identified class, or what its band and speed say (never decoy unidentified). */
export function perceivedClass(t: TrackView): ThreatClass {
  if (t.threatClass) return t.threatClass;
  const kms = Math.hypot(t.vx, t.vy);
  if (t.band === "high" || kms >= 1) return "ballistic";
  return kms >= 0.12 ? "cruise" : "drone";
}

/** Interceptors in launchers and depot per layer. */
export function roundsByLayer(view: SideView): Record<string, number> {
  const rounds: Record<string, number> = { ...view.stocks };
  for (const u of view.units)
    if (u.side === "defender" && u.magazine > 0) rounds[u.kind] = (rounds[u.kind] ?? 0) + u.magazine;
  return rounds;
}

function noteTracks(view: SideView, mem: DefenderMemory): void {
  for (const t of view.tracks) {
    const cls = perceivedClass(t);
    const before = mem.seen[t.id];
    if (before === cls) continue;
    if (before) mem.classSeen[before] = Math.max(0, (mem.classSeen[before] ?? 0) - 1);
    else {
      mem.entries.push({ x: t.x, y: t.y, vx: t.vx, vy: t.vy, round: view.round });
      if (mem.entries.length > MAX_ENTRIES) mem.entries.splice(0, mem.entries.length - MAX_ENTRIES);
    }
    mem.seen[t.id] = cls;
    mem.classSeen[cls] = (mem.classSeen[cls] ?? 0) + 1;
  }
}

function noteDamage(view: SideView, mem: DefenderMemory): void {
  for (const a of view.assets) {
    const before = mem.assetHp[a.id] ?? a.hpMax;
    if (a.hp < before) mem.damage[a.id] = (mem.damage[a.id] ?? 0) + before - a.hp;
    mem.assetHp[a.id] = a.hp;
  }
}

/** One observation, in planning or live. */
export function observeDefender(view: SideView, mem: DefenderMemory): void {
  if (view.phase === "planning" && mem.round !== view.round) {
    // A new night: settle what the last one used, and forget its track ids.
    const now = roundsByLayer(view);
    mem.usedByLayer = {};
    for (const [layer, start] of Object.entries(mem.roundsAtLiveStart))
      mem.usedByLayer[layer] = Math.max(0, start - (now[layer] ?? 0));
    mem.roundsAtLiveStart = {};
    mem.seen = {};
    mem.round = view.round;
    mem.lastDecisionAt = -1;
  }
  if (view.phase === "live" && Object.keys(mem.roundsAtLiveStart).length === 0)
    mem.roundsAtLiveStart = roundsByLayer(view);
  noteTracks(view, mem);
  noteDamage(view, mem);
}
