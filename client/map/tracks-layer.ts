import type Phaser from "phaser";
import { ANCHORS, ATLAS, DIRECTIONS, directionIndex, frame, TRAIL_LENGTHS } from "./atlas.js";
import { identity } from "./palette.js";
import type { InterceptorLike, MapSource, TrackLike } from "./source.js";
import type { ThreatGlyph } from "./symbols.js";
import { toScreenX, toScreenY, type ViewState } from "./view.js";

/** How much simulated flight a trail shows at most, and the shortest trail worth drawing. */
const TRAIL_SEC = 120;
const TRAIL_MIN_PX = 6;
const OFFSCREEN_PX = 40;
const WHITE = 0xffffff;

interface Look {
  name: string;
  tint: number;
}

/** Every look a track can have, built once: the per-frame loop allocates nothing. */
const UNKNOWN: Look = { name: frame.unknown, tint: identity.unknown.hex };
const DECOY: Look = { name: frame.decoy, tint: identity.decoy.hex };
const THREAT_LOOKS = {
  hostile: lookPerGlyph("hostile"),
  friendly: lookPerGlyph("friendly"),
};
function lookPerGlyph(relation: "hostile" | "friendly"): Record<ThreatGlyph, Look> {
  const tint = identity[relation].hex;
  const look = (glyph: ThreatGlyph): Look => ({ name: frame.threat(relation, glyph), tint });
  return { drone: look("drone"), cruise: look("cruise"), ballistic: look("ballistic"), none: look("none") };
}
const TRAIL_NAMES = TRAIL_LENGTHS.map((length) =>
  Array.from({ length: DIRECTIONS }, (_, dir) => frame.trail(length, dir)),
);
const INTERCEPTOR_NAMES = Array.from({ length: DIRECTIONS }, (_, dir) => frame.interceptor(dir));

/** Atlas frame and trail colour for a track as the viewer perceives it. */
export function trackFrame(track: TrackLike, perspective: string): Look {
  if (track.identity !== "identified") return UNKNOWN;
  if (track.threatClass === "decoy") return DECOY;
  const looks = THREAT_LOOKS[perspective === "attacker" ? "friendly" : "hostile"];
  const c = track.threatClass;
  return c === "drone" || c === "cruise" || c === "ballistic" ? looks[c] : looks.none;
}

/** Index of the longest pre-drawn trail that fits the distance flown on screen, or -1 for none. */
function trailIndex(px: number): number {
  if (px < TRAIL_MIN_PX) return -1;
  let best = 0;
  for (let i = 1; i < TRAIL_LENGTHS.length; i++) if (TRAIL_LENGTHS[i] <= px) best = i;
  return best;
}

/** Bobs of one Blitter reused frame after frame; what a frame does not use is hidden. */
class BobPool {
  private readonly bobs: Phaser.GameObjects.Bob[] = [];
  private readonly shown: Phaser.Textures.Frame[] = [];
  private readonly tints: number[] = [];
  private used = 0;
  private visibleCount = 0;

  constructor(
    private readonly blitter: Phaser.GameObjects.Blitter,
    private readonly frames: (name: string) => Phaser.Textures.Frame,
  ) {}

  /** Draw `name` with its anchor on (sx, sy). */
  place(name: string, sx: number, sy: number, tint = WHITE): void {
    const f = this.frames(name);
    const anchor = ANCHORS.get(name)!;
    let i = this.used++;
    if (i === this.bobs.length) {
      this.bobs.push(this.blitter.create(0, 0, f));
      this.shown.push(f);
      this.tints.push(WHITE);
      this.visibleCount++;
      i = this.bobs.length - 1;
    }
    const bob = this.bobs[i];
    if (i >= this.visibleCount) {
      bob.setVisible(true);
      this.visibleCount = i + 1;
    }
    if (this.shown[i] !== f) {
      bob.setFrame(f);
      this.shown[i] = f;
    }
    if (this.tints[i] !== tint) {
      bob.setTint(tint);
      this.tints[i] = tint;
    }
    bob.x = sx - anchor[0];
    bob.y = sy - anchor[1];
  }

  finish(): void {
    for (let i = this.used; i < this.visibleCount; i++) this.bobs[i].setVisible(false);
    this.visibleCount = Math.min(this.visibleCount, this.used);
    this.used = 0;
  }
}

/**
 * Tracks and interceptors, extrapolated from their legs every frame (x + vx·(now − t0)), each a symbol
 * plus a short trail. Screen positions are kept for hover hit-testing.
 */
export class TracksLayer {
  private readonly trails: BobPool;
  private readonly symbols: BobPool;
  /** Screen positions of the tracks this frame (for hover). */
  readonly hit = { count: 0, xs: new Float32Array(1024), ys: new Float32Array(1024), ids: [] as string[] };

  constructor(scene: Phaser.Scene) {
    const texture = scene.textures.get(ATLAS);
    const cache = new Map<string, Phaser.Textures.Frame>();
    const frames = (name: string) => {
      let f = cache.get(name);
      if (!f) {
        f = texture.get(name);
        cache.set(name, f);
      }
      return f;
    };
    this.trails = new BobPool(scene.add.blitter(0, 0, ATLAS).setDepth(5), frames);
    this.symbols = new BobPool(scene.add.blitter(0, 0, ATLAS).setDepth(6), frames);
  }

  update(view: ViewState, source: MapSource | null): void {
    this.hit.count = 0;
    if (source) {
      const now = source.now();
      const perspective = source.perspective();
      for (const track of source.tracks()) this.drawTrack(view, track, now, perspective);
      for (const interceptor of source.interceptors()) this.drawInterceptor(view, interceptor, now);
    }
    this.trails.finish();
    this.symbols.finish();
  }

  private drawTrack(view: ViewState, track: TrackLike, now: number, perspective: string): void {
    const age = Math.max(0, now - track.t0);
    const sx = toScreenX(view, track.x + track.vx * age);
    const sy = toScreenY(view, track.y + track.vy * age);
    this.remember(sx, sy, track.id);
    if (offscreen(view, sx, sy)) return;
    const look = trackFrame(track, perspective);
    this.trail(view, sx, sy, track, age, look.tint);
    this.symbols.place(look.name, sx, sy);
  }

  private drawInterceptor(view: ViewState, m: InterceptorLike, now: number): void {
    if (now > m.tEnd) return;
    const age = Math.max(0, now - m.t0);
    const sx = toScreenX(view, m.x + m.vx * age);
    const sy = toScreenY(view, m.y + m.vy * age);
    if (offscreen(view, sx, sy)) return;
    this.trail(view, sx, sy, m, age, identity.interceptor.hex);
    this.symbols.place(INTERCEPTOR_NAMES[directionIndex(m.vx, m.vy)], sx, sy);
  }

  private trail(
    view: ViewState,
    sx: number,
    sy: number,
    leg: { vx: number; vy: number },
    age: number,
    tint: number,
  ): void {
    const flownPx = Math.hypot(leg.vx, leg.vy) * Math.min(age, TRAIL_SEC) * view.scale;
    const index = trailIndex(flownPx);
    if (index >= 0) this.trails.place(TRAIL_NAMES[index][directionIndex(leg.vx, leg.vy)], sx, sy, tint);
  }

  private remember(sx: number, sy: number, id: string): void {
    const hit = this.hit;
    if (hit.count === hit.xs.length) {
      const xs = new Float32Array(hit.xs.length * 2);
      const ys = new Float32Array(hit.ys.length * 2);
      xs.set(hit.xs);
      ys.set(hit.ys);
      hit.xs = xs;
      hit.ys = ys;
    }
    hit.xs[hit.count] = sx;
    hit.ys[hit.count] = sy;
    hit.ids[hit.count] = id;
    hit.count++;
  }

  /** The id of the track drawn nearest to a screen point, within `radiusPx`. */
  trackAt(sx: number, sy: number, radiusPx: number): string | null {
    let best: string | null = null;
    let bestD2 = radiusPx * radiusPx;
    for (let i = 0; i < this.hit.count; i++) {
      const dx = this.hit.xs[i] - sx;
      const dy = this.hit.ys[i] - sy;
      const d2 = dx * dx + dy * dy;
      if (d2 <= bestD2) {
        bestD2 = d2;
        best = this.hit.ids[i];
      }
    }
    return best;
  }
}

function offscreen(view: ViewState, sx: number, sy: number): boolean {
  return (
    sx < -OFFSCREEN_PX ||
    sy < -OFFSCREEN_PX ||
    sx > view.width + OFFSCREEN_PX ||
    sy > view.height + OFFSCREEN_PX
  );
}
