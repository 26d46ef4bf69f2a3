import type { InterceptorView, Perspective, SideView, SightedUnitView, TrackView, UnitView } from "./api.js";
import { pendingInjects } from "./campaign/injects.js";
import type { SimContext } from "./context.js";
import { unitStatus } from "./engagement.js";
import { knownScores } from "./known-scores.js";
import { type ThreatState, trackingIndex, type UnitState } from "./world.js";

/**
 * What one perspective may know (fog of war). The defender and the ally each see their own tracks
 * only, with the type hidden until identified (a decoy shows as the drone it mimics until unmasked); both see the coalition's units and interceptors. The
 * attacker sees its own threats fully and of the defence only sightings: the units it has seen fire or
 * knew of, as what and where they are (never their status, stock or doctrine, which it cannot observe).
 * "truth" (white cell, truth spectators) sees everything.
 */
export function buildView(ctx: SimContext, perspective: Perspective): SideView {
  const { world, scenario } = ctx;
  const coalition = perspective === "defender" || perspective === "ally";
  const economy = world.economy;
  const isDefender = perspective === "defender" || perspective === "truth";
  const isAttacker = perspective === "attacker" || perspective === "truth";
  return {
    perspective,
    phase: world.phase,
    round: world.round,
    clock: world.clock,
    tracks: coalition
      ? sideTracks(ctx, perspective)
      : world.threats.filter((t) => t.alive).map((t) => fullTrack(ctx, t)),
    units: perspective === "attacker" ? [] : world.units.map((u) => unitView(ctx, u)),
    sightings:
      perspective === "attacker"
        ? world.units.filter((u) => u.revealed).map((u) => sighting(world.seed, u))
        : [],
    interceptors:
      perspective === "attacker" ? [] : world.interceptors.filter((i) => i.alive).map(interceptorView),
    assets: scenario.assets.map((a, i) => ({
      id: a.id,
      kind: a.kind,
      name: a.name,
      x: a.at.x,
      y: a.at.y,
      hp: world.assets[i].hp,
      hpMax: world.assets[i].hpMax,
      // Only grid cities can be blacked out; every other asset reads as powered.
      powered: !world.grid.blackedOut.includes(a.id),
    })),
    budgetUsd: {
      ...(isAttacker ? { attacker: economy.budgetUsd.attacker } : {}),
      ...(isDefender ? { defender: economy.budgetUsd.defender } : {}),
    },
    stocks: isDefender ? { ...economy.stocks } : {},
    escalation: world.escalation.value,
    roe: { ...world.roe },
    seaAccess: { ...world.seaAccess },
    scores: knownScores(ctx, perspective),
    salvos: isAttacker
      ? world.salvos
          .filter((s) => s.round === world.round)
          .map((s) => ({
            id: s.id,
            zone: s.zone,
            threatType: s.threatType,
            count: s.count,
            launched: s.launched,
            launchAtSec: s.launchAtSec,
            intervalSec: s.intervalSec,
            target: s.target,
            waypoints: s.waypoints.map((w) => ({ ...w })),
          }))
      : [],
    injects:
      perspective === "truth"
        ? pendingInjects(scenario.msel, world.firedInjects, world.round).map((s) => ({
            id: s.id,
            title: s.title,
            atSec: s.atSec,
            auto: s.auto,
            inject: s.inject,
          }))
        : [],
  };
}

function fullTrack(ctx: SimContext, threat: ThreatState): TrackView {
  const info = ctx.cat.threats[threat.ti];
  return {
    id: threat.id,
    x: threat.legX,
    y: threat.legY,
    vx: threat.vx,
    vy: threat.vy,
    t0: threat.legT0,
    band: info.def.band,
    identity: "identified",
    kind: info.id,
    threatClass: info.def.class,
  };
}

function sideTracks(ctx: SimContext, side: "defender" | "ally"): TrackView[] {
  const s = trackingIndex(side);
  const views: TrackView[] = [];
  for (const threat of ctx.world.threats) {
    const track = threat.tracks[s];
    if (!threat.alive || !track) continue;
    // Until unmasked, an identified decoy is what it looks like: the drone it mimics.
    const actual = ctx.cat.threats[threat.ti];
    const info = track.unmasked ? actual : ctx.cat.threats[actual.looksLike];
    views.push({
      id: threat.id,
      x: track.x,
      y: track.y,
      vx: track.vx,
      vy: track.vy,
      t0: track.t0,
      band: actual.def.band,
      identity: track.identified ? "identified" : "unknown",
      kind: track.identified ? info.id : "",
      threatClass: track.identified ? info.def.class : "",
    });
  }
  return views;
}

function unitView(ctx: SimContext, unit: UnitState): UnitView {
  return {
    id: unit.id,
    side: unit.side,
    kind: unit.type,
    x: unit.x,
    y: unit.y,
    status: unitStatus(ctx, unit),
    magazine: unit.magazine,
    doctrine: { ...unit.doctrine },
    allyId: unit.allyId,
  };
}

function sighting(seed: number, unit: UnitState): SightedUnitView {
  return { id: sightingId(seed, unit.id), side: unit.side, kind: unit.type, x: unit.x, y: unit.y };
}

/**
 * The attacker's name for a sighted unit: opaque, so that a deployed unit's id ("u-12") does not tell
 * how many units the defence placed. Two 32-bit FNV-1a hashes of the id, salted with the seed, so one
 * unit keeps its name for the whole match and two units practically never share one.
 */
export function sightingId(seed: number, unitId: string): string {
  let a = (0x811c9dc5 ^ seed) >>> 0;
  let b = (0x01000193 ^ Math.imul(seed, 0x9e3779b9)) >>> 0;
  for (let i = 0; i < unitId.length; i++) {
    const c = unitId.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x85ebca6b) >>> 0;
  }
  const part = (h: number) => h.toString(36).padStart(7, "0");
  return `s-${part(a)}${part(b)}`;
}

function interceptorView(i: {
  id: string;
  unitId: string;
  threatId: string;
  x: number;
  y: number;
  vx: number;
  vy: number;
  t0: number;
  tEnd: number;
}): InterceptorView {
  return {
    id: i.id,
    unitId: i.unitId,
    threatId: i.threatId,
    x: i.x,
    y: i.y,
    vx: i.vx,
    vy: i.vy,
    t0: i.t0,
    tEnd: i.tEnd,
  };
}
