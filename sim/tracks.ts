import { emit, type SimContext, sideAndTruth } from "./context.js";
import { LEAK, type ThreatState, TRACKING_SIDES, type TrackState } from "./world.js";

/**
 * Tracks, per side, from that side's coverage this step: a threat in coverage gets a track
 * (unknown), identified after `identifySec` of continuous coverage, and lost as soon as coverage ends.
 * A decoy is identified as the drone it mimics; only `decoyIdentifySec` of continuous coverage by a
 * sensor that can tell them apart unmasks it (and a second `identify` event says so). A track carries its own leg (position at t0 plus velocity) that
 * changes only at detection and when the threat changes leg, and the prediction of the defended
 * footprint the leg heads into (for the footprint rule and target choice).
 */
export function trackPhase(ctx: SimContext): void {
  const { world, scratch } = ctx;
  const dt = ctx.t1 - ctx.t0;
  const threats = world.threats;
  for (let s = 0; s < TRACKING_SIDES.length; s++) {
    const side = TRACKING_SIDES[s];
    const covered = scratch.covered[s];
    const identifySec = scratch.identifySec[s];
    const unmaskSec = scratch.unmaskSec[s];
    // A side that sees nothing and held no track has nothing to update (e.g. no allies at all).
    if (scratch.coveredCount[s] === 0 && scratch.trackCount[s] === 0) continue;
    let tracks = 0;
    for (let i = 0; i < threats.length; i++) {
      const threat = threats[i];
      if (!threat.alive) continue;
      let track = threat.tracks[s];
      if (covered[i] === 0) {
        if (track) {
          threat.tracks[s] = null;
          const lost = { type: "track-lost", side, threatId: threat.id, x: threat.x, y: threat.y } as const;
          emit(ctx, lost, sideAndTruth(side));
        }
        continue;
      }
      tracks++;
      if (!track) {
        track = newTrack();
        threat.tracks[s] = track;
        threat.flags |= LEAK.detected;
        if (threat.firstSeenAt < 0) threat.firstSeenAt = ctx.t1;
        syncTrack(ctx, threat, track);
        emit(
          ctx,
          { type: "detect", side, threatId: threat.id, x: threat.x, y: threat.y },
          sideAndTruth(side),
        );
      } else {
        track.coverSec += dt;
        track.unmaskSec = unmaskSec[i] < Number.MAX_VALUE ? track.unmaskSec + dt : 0;
        if (track.legNo !== threat.legNo) syncTrack(ctx, threat, track);
      }
      const info = ctx.cat.threats[threat.ti];
      if (!track.identified && track.coverSec >= identifySec[i]) {
        track.identified = true;
        const seenAs = ctx.cat.threats[info.looksLike].id;
        emit(
          ctx,
          { type: "identify", side, threatId: threat.id, threatType: seenAs, decoy: false },
          sideAndTruth(side),
        );
      }
      if (info.decoy && !track.unmasked && track.unmaskSec >= unmaskSec[i]) {
        track.identified = true;
        track.unmasked = true;
        emit(
          ctx,
          { type: "identify", side, threatId: threat.id, threatType: info.id, decoy: true },
          sideAndTruth(side),
        );
      }
    }
    scratch.trackCount[s] = tracks;
  }
}

function newTrack(): TrackState {
  return {
    coverSec: 0,
    identified: false,
    unmaskSec: 0,
    unmasked: false,
    x: 0,
    y: 0,
    t0: 0,
    vx: 0,
    vy: 0,
    legNo: -1,
    predAsset: -1,
    predT: -1,
    reviewAt: -1,
    cheapestAheadUsd: -1,
  };
}

function syncTrack(ctx: SimContext, threat: ThreatState, track: TrackState): void {
  track.x = threat.x;
  track.y = threat.y;
  track.t0 = ctx.t1;
  track.vx = threat.vx;
  track.vy = threat.vy;
  track.legNo = threat.legNo;
  track.reviewAt = -1;
  predictFootprint(ctx, track);
}

/**
 * The first defended footprint (an intact asset's circle) the track's straight course enters, and
 * when: the "predicted impact point lies in a defended footprint" of the footprint rule.
 */
export function predictFootprint(ctx: SimContext, track: TrackState): void {
  const assets = ctx.scenario.assets;
  const speed2 = track.vx * track.vx + track.vy * track.vy;
  let bestSec = Number.MAX_VALUE;
  let best = -1;
  for (let a = 0; a < assets.length; a++) {
    if (ctx.world.assets[a].hp <= 0) continue;
    const ax = assets[a].at.x - track.x;
    const ay = assets[a].at.y - track.y;
    const r = assets[a].footprintKm;
    const dist2 = ax * ax + ay * ay;
    let enterSec: number;
    if (dist2 <= r * r) enterSec = 0;
    else {
      if (speed2 === 0) continue;
      const along = (ax * track.vx + ay * track.vy) / speed2;
      if (along <= 0) continue;
      const miss2 = dist2 - along * along * speed2;
      if (miss2 > r * r) continue;
      enterSec = along - Math.sqrt((r * r - miss2) / speed2);
    }
    if (enterSec < bestSec) {
      bestSec = enterSec;
      best = a;
    }
  }
  track.predAsset = best;
  track.predT = best >= 0 ? track.t0 + bestSec : -1;
}
