/**
 * Hand-built views for the bots' unit tests, on the real `wide-front` scenario (its catalogue has every
 * layer and threat class, allies and ROE). A view built here is exactly the shape the engine builds.
 */
import type { BotContext } from "../../../bots/context.js";
import { type BotLevel, JUDGEMENT } from "../../../bots/levels.js";
import { publicScenario } from "../../../bots/public.js";
import { loadScenario } from "../../../server/scenarios/loader.js";
import type { Doctrine, PointKm } from "../../../shared/scenario.js";
import type { Perspective, SideView, TrackView, UnitView } from "../../../sim/api.js";
import { emptyScores } from "../../../sim/campaign/scores.js";

export const wideFront = loadScenario("wide-front");
export const pub = publicScenario(wideFront);

export function ctxFor(level: BotLevel): BotContext {
  return { pub, judgement: JUDGEMENT[level] };
}

export function assetAt(id: string): PointKm {
  const asset = wideFront.assets.find((a) => a.id === id);
  if (!asset) throw new Error(`no asset ${id}`);
  return asset.at;
}

export function sideView(perspective: Perspective, overrides: Partial<SideView> = {}): SideView {
  return {
    perspective,
    phase: "planning",
    round: 1,
    clock: 0,
    tracks: [],
    units: [],
    sightings: [],
    interceptors: [],
    assets: wideFront.assets.map((a) => ({
      id: a.id,
      kind: a.kind,
      name: a.name,
      x: a.at.x,
      y: a.at.y,
      hp: a.hp,
      hpMax: a.hp,
      powered: true,
    })),
    budgetUsd: {},
    stocks: {},
    escalation: 0,
    roe: Object.fromEntries(wideFront.nations.map((n) => [n.id, n.roe])),
    seaAccess: {},
    scores: emptyScores(),
    salvos: [],
    injects: [],
    ...overrides,
  };
}

/** A track at `at` (at clock t0) flying toward `toward` at `speedKmS`. */
export function track(
  id: string,
  at: PointKm,
  toward: PointKm,
  speedKmS: number,
  extra: Partial<TrackView> = {},
): TrackView {
  const d = Math.hypot(toward.x - at.x, toward.y - at.y) || 1;
  return {
    id,
    x: at.x,
    y: at.y,
    vx: ((toward.x - at.x) / d) * speedKmS,
    vy: ((toward.y - at.y) / d) * speedKmS,
    t0: 0,
    band: speedKmS >= 1 ? "high" : speedKmS >= 0.12 ? "very-low" : "low",
    identity: "unknown",
    kind: "",
    threatClass: "",
    ...extra,
  };
}

const TIGHT: Doctrine = { weapons: "tight", fire: "salvo", salvoSize: 1, footprintOnly: false };

export function unit(id: string, kind: string, at: PointKm, extra: Partial<UnitView> = {}): UnitView {
  return {
    id,
    side: "defender",
    kind,
    x: at.x,
    y: at.y,
    status: "ready",
    magazine: 16,
    doctrine: { ...TIGHT },
    allyId: "",
    ...extra,
  };
}
