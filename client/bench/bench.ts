import type { MapController } from "../map/controller.js";
import type { AssetLike, InterceptorLike, MapSource, TrackLike, UnitLike } from "../map/source.js";
import { SimClock } from "../net/clock.js";
import { syntheticScenario } from "./synthetic-scenario.js";

/**
 * `?bench=<n>`: the real map renderer fed with n synthetic tracks (legs re-aimed every so often, as
 * server patches would), units with rings, interceptors and effects. The frame benchmark reads
 * `window.__frameStats`; `window.__bench` says when the scene is populated.
 */
const TIME_SCALE = 60;
const RELEG_PER_SEC = 40;
const CLASSES = ["drone", "drone", "drone", "decoy", "cruise", "ballistic"] as const;

declare global {
  interface Window {
    __bench?: { tracks: number; ready: boolean };
  }
}

/** A tiny deterministic generator so every bench run draws the same picture. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function startBench(ctl: MapController, count: number): void {
  document.body.classList.add("bench");
  const rand = lcg(7);
  const scenario = syntheticScenario();
  const clock = new SimClock();
  clock.sync(0, TIME_SCALE, true, performance.now());
  const tracks: TrackLike[] = [];
  for (let i = 0; i < count; i++) {
    const cls = CLASSES[i % CLASSES.length];
    const speed = (cls === "ballistic" ? 2 : cls === "cruise" ? 0.22 : 0.05) * (0.9 + 0.2 * rand());
    const x = 200 + rand() * 200;
    const y = -150 + rand() * 330;
    const heading = Math.PI + (rand() - 0.5) * 1.2;
    tracks.push({
      id: `t${i}`,
      x,
      y,
      vx: Math.cos(heading) * speed,
      vy: Math.sin(heading) * speed,
      t0: 0,
      band: scenario.catalogue.threats[cls].band,
      identity: i % 3 === 0 ? "unknown" : "identified",
      kind: i % 3 === 0 ? "" : cls,
      threatClass: i % 3 === 0 ? "" : cls,
    });
  }
  const units: UnitLike[] = Array.from({ length: 40 }, (_, i) => ({
    id: `u${i}`,
    side: i % 8 === 0 ? "ally" : "defender",
    kind: i % 4 === 0 ? "lr-sam" : "gun",
    x: -250 + rand() * 480,
    y: -160 + rand() * 320,
    status: "ready",
    magazine: 16,
    weapons: "tight",
    allyId: "",
  }));
  const assets: AssetLike[] = scenario.assets.map((a, i) => ({
    id: a.id,
    kind: a.kind,
    name: a.name,
    x: a.at.x,
    y: a.at.y,
    hp: a.hp,
    hpMax: a.hp,
    powered: i % 5 !== 1,
  }));
  const interceptors: InterceptorLike[] = [];
  const source: MapSource = {
    scenario,
    perspective: () => "truth",
    now: () => clock.now(performance.now()),
    tracks: () => tracks,
    units: () => units,
    sightings: () => [],
    interceptors: () => interceptors,
    assets: () => assets,
    salvos: () => [],
    seaAccessible: () => false,
    revision: () => 1,
  };
  ctl.setSource(source);
  let last = performance.now();
  let cursor = 0;
  const tick = () => {
    const nowMs = performance.now();
    const dt = (nowMs - last) / 1000;
    last = nowMs;
    const t = source.now();
    // Re-aim a few legs per frame, as patches would.
    const releg = Math.max(1, Math.round(RELEG_PER_SEC * dt * (count / 1000)));
    for (let k = 0; k < releg; k++) {
      const tr = tracks[cursor++ % tracks.length];
      const x = tr.x + tr.vx * (t - tr.t0);
      const y = tr.y + tr.vy * (t - tr.t0);
      const turn = (rand() - 0.5) * 0.6;
      const c = Math.cos(turn);
      const s = Math.sin(turn);
      const back = x < -300;
      Object.assign(tr, {
        x: back ? 380 : x,
        y,
        t0: t,
        vx: tr.vx * c - tr.vy * s,
        vy: tr.vx * s + tr.vy * c,
      });
    }
    if (interceptors.length < 30 || rand() < 0.1) {
      const u = units[Math.floor(rand() * units.length)];
      const a = rand() * Math.PI * 2;
      interceptors.push({
        id: `i${cursor}`,
        threatId: "",
        x: u.x,
        y: u.y,
        vx: Math.cos(a),
        vy: Math.sin(a),
        t0: t,
        tEnd: t + 40,
      });
      if (interceptors.length > 40) interceptors.shift();
    }
    if (rand() < dt * 3)
      ctl.effect(rand() < 0.7 ? "intercept" : "impact", -200 + rand() * 400, -150 + rand() * 300);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.__bench = { tracks: count, ready: true };
}
