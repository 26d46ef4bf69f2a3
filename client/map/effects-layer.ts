import type Phaser from "phaser";
import { ATLAS, frame } from "./atlas.js";
import { toScreenX, toScreenY, type ViewState } from "./view.js";

/** Which feed entries leave a brief effect on the map, and how it looks. */
const LOOKS: Record<string, { frame: string; durationMs: number; from: number; to: number; mark: boolean }> =
  {
    intercept: { frame: frame.burst, durationMs: 700, from: 0.3, to: 0.9, mark: false },
    miss: { frame: frame.miss, durationMs: 600, from: 0.25, to: 0.5, mark: false },
    impact: { frame: frame.impact, durationMs: 1100, from: 0.5, to: 1.4, mark: true },
    crash: { frame: frame.miss, durationMs: 800, from: 0.2, to: 0.45, mark: false },
  };
const MAX_MARKS = 400;

interface Effect {
  img: Phaser.GameObjects.Image;
  x: number;
  y: number;
  startMs: number;
  look: (typeof LOOKS)[string];
}

/** Short, quiet effects for intercepts, misses and impacts; impacts leave a small mark. */
export class EffectsLayer {
  private readonly active: Effect[] = [];
  private readonly spare: Phaser.GameObjects.Image[] = [];
  private readonly marks: { img: Phaser.GameObjects.Image; x: number; y: number }[] = [];

  constructor(private readonly scene: Phaser.Scene) {}

  static handles(kind: string): boolean {
    return kind in LOOKS;
  }

  spawn(kind: string, x: number, y: number, nowMs: number): void {
    const look = LOOKS[kind];
    if (!look) return;
    const img = this.spare.pop() ?? this.scene.add.image(0, 0, ATLAS, look.frame).setDepth(9);
    img.setFrame(look.frame).setVisible(true).setAlpha(1);
    this.active.push({ img, x, y, startMs: nowMs, look });
    if (look.mark) this.addMark(x, y);
  }

  private addMark(x: number, y: number): void {
    const recycled = this.marks.length >= MAX_MARKS ? this.marks.shift()!.img : null;
    const img = recycled ?? this.scene.add.image(0, 0, ATLAS, frame.mark).setDepth(4).setAlpha(0.85);
    this.marks.push({ img, x, y });
  }

  /** Remove marks (a new round or another match). */
  clear(): void {
    for (const m of this.marks) m.img.destroy();
    this.marks.length = 0;
  }

  update(view: ViewState, nowMs: number): void {
    for (let i = this.active.length - 1; i >= 0; i--) {
      const e = this.active[i];
      const progress = (nowMs - e.startMs) / e.look.durationMs;
      if (progress >= 1) {
        e.img.setVisible(false);
        this.spare.push(e.img);
        this.active.splice(i, 1);
        continue;
      }
      e.img
        .setPosition(toScreenX(view, e.x), toScreenY(view, e.y))
        .setScale(e.look.from + (e.look.to - e.look.from) * progress)
        .setAlpha(1 - progress);
    }
    for (const m of this.marks) m.img.setPosition(toScreenX(view, m.x), toScreenY(view, m.y));
  }
}
