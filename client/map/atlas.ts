import type Phaser from "phaser";
import { identity } from "./palette.js";
import { drawDecoy, drawThreat, drawUnknown, type ThreatGlyph } from "./symbols.js";

/**
 * One texture atlas generated at boot. Tracks, trails and interceptors are Blitter bobs from it (no
 * per-object transform: a thousand tracks cost little per frame), so every direction-dependent picture
 * is pre-drawn in DIRECTIONS orientations. Brief effects use larger frames drawn at twice their size.
 */
export const ATLAS = "symbols";
export const DIRECTIONS = 16;
/** Display size of a track symbol cell (1×). */
export const SYMBOL_CELL = 22;
/** Trail lengths in px (the one nearest the flown distance is used). */
export const TRAIL_LENGTHS = [8, 16, 28] as const;
const EFFECT_CELL = 48;
const ATLAS_WIDTH = 1024;
const INTERCEPTOR_CELL = 16;

export const THREAT_GLYPHS: readonly ThreatGlyph[] = ["drone", "cruise", "ballistic", "none"];

export const frame = {
  threat: (relation: "hostile" | "friendly", glyph: ThreatGlyph) => `threat-${relation}-${glyph}`,
  unknown: "unknown",
  decoy: "decoy",
  trail: (length: number, dir: number) => `trail-${length}-${dir}`,
  interceptor: (dir: number) => `interceptor-${dir}`,
  burst: "burst",
  miss: "miss",
  impact: "impact",
  mark: "mark",
  select: "select",
} as const;

/** The direction index (0 = east, counter-clockwise) of a velocity in world axes (y north). */
export function directionIndex(vx: number, vy: number): number {
  const angle = Math.atan2(vy, vx);
  return (Math.round((angle / (2 * Math.PI)) * DIRECTIONS) + DIRECTIONS) % DIRECTIONS;
}

type Painter = (ctx: CanvasRenderingContext2D, cx: number, cy: number) => void;
/** A frame: its size, and the anchor (the point placed on the map position), where `paint` draws. */
interface Entry {
  name: string;
  size: number;
  height?: number;
  anchor?: [number, number];
  paint: Painter;
}

/** Anchor of every frame in the atlas (centre unless a frame says otherwise). */
export const ANCHORS = new Map<string, [number, number]>();

function symbolEntries(): Entry[] {
  const r = SYMBOL_CELL / 2 - 2;
  const list: Entry[] = [];
  for (const relation of ["hostile", "friendly"] as const) {
    for (const glyph of THREAT_GLYPHS) {
      list.push({
        name: frame.threat(relation, glyph),
        size: SYMBOL_CELL,
        paint: (c, x, y) => drawThreat(c, relation, glyph, x, y, r),
      });
    }
  }
  list.push({ name: frame.unknown, size: SYMBOL_CELL, paint: (c, x, y) => drawUnknown(c, x, y, r) });
  list.push({ name: frame.decoy, size: SYMBOL_CELL, paint: (c, x, y) => drawDecoy(c, x, y, r) });
  return list;
}

/**
 * A trail: a white line from the head (the track's position) back along the reverse heading, fading to
 * its tail. Frames are cropped to the line so a thousand trails blend few transparent pixels.
 */
function trailEntries(): Entry[] {
  const pad = 2;
  const list: Entry[] = [];
  for (const length of TRAIL_LENGTHS) {
    for (let dir = 0; dir < DIRECTIONS; dir++) {
      const angle = (dir / DIRECTIONS) * 2 * Math.PI;
      const tailX = -Math.cos(angle) * length;
      const tailY = Math.sin(angle) * length;
      const anchor: [number, number] = [pad - Math.min(0, tailX), pad - Math.min(0, tailY)];
      list.push({
        name: frame.trail(length, dir),
        size: Math.ceil(Math.abs(tailX) + 2 * pad),
        height: Math.ceil(Math.abs(tailY) + 2 * pad),
        anchor,
        paint: (c, x, y) => {
          const tx = x - Math.cos(angle) * length;
          const ty = y + Math.sin(angle) * length;
          const g = c.createLinearGradient(x, y, tx, ty);
          g.addColorStop(0, "rgba(255, 255, 255, 0.85)");
          g.addColorStop(1, "rgba(255, 255, 255, 0)");
          c.strokeStyle = g;
          c.lineWidth = 1.6;
          c.beginPath();
          c.moveTo(x, y);
          c.lineTo(tx, ty);
          c.stroke();
        },
      });
    }
  }
  return list;
}

function interceptorEntries(): Entry[] {
  const list: Entry[] = [];
  for (let dir = 0; dir < DIRECTIONS; dir++) {
    const a = (dir / DIRECTIONS) * 2 * Math.PI;
    const point = (forward: number, side: number): [number, number] => [
      Math.cos(a) * forward - Math.sin(a) * side,
      -(Math.sin(a) * forward + Math.cos(a) * side),
    ];
    list.push({
      name: frame.interceptor(dir),
      size: INTERCEPTOR_CELL,
      paint: (c, x, y) => {
        const tip = point(6, 0);
        const left = point(-4, 3.5);
        const right = point(-4, -3.5);
        c.beginPath();
        c.moveTo(x + tip[0], y + tip[1]);
        c.lineTo(x + left[0], y + left[1]);
        c.lineTo(x + right[0], y + right[1]);
        c.closePath();
        c.fillStyle = identity.interceptor.css;
        c.fill();
      },
    });
  }
  return list;
}

function effectEntries(): Entry[] {
  const r = EFFECT_CELL / 2 - 4;
  const stroke =
    (
      color: string,
      width: number,
      draw: (c: CanvasRenderingContext2D, x: number, y: number) => void,
    ): Painter =>
    (c, x, y) => {
      c.strokeStyle = color;
      c.lineWidth = width;
      c.beginPath();
      draw(c, x, y);
      c.stroke();
    };
  return [
    {
      name: frame.burst,
      size: EFFECT_CELL,
      paint: stroke("#ffffff", 3, (c, x, y) => {
        for (let i = 0; i < 8; i++) {
          const a = (i * Math.PI) / 4;
          c.moveTo(x + Math.cos(a) * r * 0.35, y + Math.sin(a) * r * 0.35);
          c.lineTo(x + Math.cos(a) * r * 0.9, y + Math.sin(a) * r * 0.9);
        }
      }),
    },
    {
      name: frame.miss,
      size: EFFECT_CELL,
      paint: stroke("#b8c0ca", 3, (c, x, y) => c.arc(x, y, r * 0.6, 0, Math.PI * 2)),
    },
    {
      name: frame.impact,
      size: EFFECT_CELL,
      paint: (c, x, y) => {
        const g = c.createRadialGradient(x, y, 0, x, y, r * 0.95);
        g.addColorStop(0, "rgba(255, 220, 200, 1)");
        g.addColorStop(0.4, "rgba(255, 90, 78, 0.9)");
        g.addColorStop(1, "rgba(255, 90, 78, 0)");
        c.fillStyle = g;
        c.fillRect(x - r, y - r, 2 * r, 2 * r);
      },
    },
    {
      name: frame.mark,
      size: 12,
      paint: stroke(identity.hostile.css, 2, (c, x, y) => {
        c.moveTo(x - 3.5, y - 3.5);
        c.lineTo(x + 3.5, y + 3.5);
        c.moveTo(x + 3.5, y - 3.5);
        c.lineTo(x - 3.5, y + 3.5);
      }),
    },
    {
      name: frame.select,
      size: 32,
      paint: stroke("#ffffff", 2, (c, x, y) => c.arc(x, y, 13, 0, Math.PI * 2)),
    },
  ];
}

/** Build the atlas texture once per game: entries packed in rows. */
export function createAtlas(textures: Phaser.Textures.TextureManager): void {
  if (textures.exists(ATLAS)) return;
  const entries = [...symbolEntries(), ...trailEntries(), ...interceptorEntries(), ...effectEntries()];
  const placed: { entry: Entry; x: number; y: number; h: number }[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const entry of entries) {
    const h = entry.height ?? entry.size;
    if (x + entry.size > ATLAS_WIDTH) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    placed.push({ entry, x, y, h });
    x += entry.size;
    rowHeight = Math.max(rowHeight, h);
  }
  const canvas = document.createElement("canvas");
  canvas.width = ATLAS_WIDTH;
  canvas.height = y + rowHeight;
  const ctx = canvas.getContext("2d")!;
  for (const { entry, x: px, y: py, h } of placed) {
    const anchor = entry.anchor ?? [entry.size / 2, h / 2];
    ANCHORS.set(entry.name, anchor);
    ctx.save();
    entry.paint(ctx, px + anchor[0], py + anchor[1]);
    ctx.restore();
  }
  const texture = textures.addCanvas(ATLAS, canvas)!;
  for (const { entry, x: px, y: py, h } of placed) texture.add(entry.name, 0, px, py, entry.size, h);
}
