import type Phaser from "phaser";
import { type BackdropOptions, drawBackdrop } from "./backdrop.js";
import type { MapSource } from "./source.js";
import { toScreenX, toScreenY, type ViewState, visibleBox } from "./view.js";

const KEY = "backdrop";
/** Extra area drawn around the screen so small pans need no redraw. */
const MARGIN = 0.25;
/** Zoom drift tolerated while zooming (the cached image is scaled meanwhile); redrawn once settled. */
const ZOOM_TOLERANCE = 1.7;
const ZOOM_SETTLE_MS = 160;
/** Content changes (units, assets, salvos) redraw at most this often. */
const CONTENT_MIN_INTERVAL_MS = 250;

/**
 * The backdrop as a Phaser Image over a canvas texture, redrawn only when its content, the zoom
 * level or a pan beyond the drawn margin requires it; in between the image is moved and scaled.
 */
export class BackdropLayer {
  private readonly texture: Phaser.Textures.CanvasTexture;
  private readonly image: Phaser.GameObjects.Image;
  private rendered: ViewState | null = null;
  private renderedKey = "";
  private renderedAtMs = -Infinity;
  private lastViewChangeMs = 0;
  private lastScale = 0;
  /** Redraws so far (for tests and the frame bench). */
  redraws = 0;

  constructor(scene: Phaser.Scene) {
    this.texture = scene.textures.createCanvas(KEY, 16, 16)!;
    this.image = scene.add.image(0, 0, KEY).setOrigin(0.5, 0.5).setDepth(0);
  }

  update(view: ViewState, source: MapSource | null, options: BackdropOptions, nowMs: number): void {
    this.image.setVisible(source !== null);
    if (!source) return;
    if (view.scale !== this.lastScale) {
      this.lastScale = view.scale;
      this.lastViewChangeMs = nowMs;
    }
    const key = `${source.revision()}|${source.perspective()}|${options.coverage}|${options.selectedUnit}|${options.chosenZone}`;
    if (this.needsRedraw(view, key, nowMs)) this.redraw(view, source, options, key, nowMs);
    const r = this.rendered!;
    this.image.setPosition(toScreenX(view, r.cx), toScreenY(view, r.cy));
    this.image.setScale(view.scale / r.scale);
  }

  /** Force a redraw on the next update (new source or scenario). */
  invalidate(): void {
    this.rendered = null;
  }

  private needsRedraw(view: ViewState, key: string, nowMs: number): boolean {
    const r = this.rendered;
    if (!r) return true;
    if (key !== this.renderedKey && nowMs - this.renderedAtMs >= CONTENT_MIN_INTERVAL_MS) return true;
    const ratio = view.scale / r.scale;
    const settled = nowMs - this.lastViewChangeMs > ZOOM_SETTLE_MS;
    if (ratio > ZOOM_TOLERANCE || ratio < 1 / ZOOM_TOLERANCE) return true;
    if (ratio !== 1 && settled) return true;
    if (r.width !== Math.ceil(view.width * (1 + 2 * MARGIN))) return settled;
    const seen = visibleBox(view);
    const drawn = visibleBox(r);
    return (
      seen.minX < drawn.minX || seen.maxX > drawn.maxX || seen.minY < drawn.minY || seen.maxY > drawn.maxY
    );
  }

  private redraw(
    view: ViewState,
    source: MapSource,
    options: BackdropOptions,
    key: string,
    nowMs: number,
  ): void {
    const width = Math.ceil(view.width * (1 + 2 * MARGIN));
    const height = Math.ceil(view.height * (1 + 2 * MARGIN));
    if (this.texture.width !== width || this.texture.height !== height) {
      this.texture.setSize(width, height);
      this.image.setTexture(KEY);
    }
    const rendered: ViewState = { cx: view.cx, cy: view.cy, scale: view.scale, width, height };
    const ctx = this.texture.getContext();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    drawBackdrop(ctx, rendered, source, options);
    this.texture.refresh();
    this.rendered = rendered;
    this.renderedKey = key;
    this.renderedAtMs = nowMs;
    this.redraws++;
  }
}
