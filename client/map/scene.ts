import Phaser from "phaser";
import { createAtlas } from "./atlas.js";
import { BackdropLayer } from "./backdrop-layer.js";
import type { MapController } from "./controller.js";
import { EffectsLayer } from "./effects-layer.js";
import { followStep } from "./follow.js";
import { MarkersLayer } from "./markers-layer.js";
import { ToolOverlay } from "./overlay.js";
import { PointerInput } from "./pointer.js";
import type { MapSource } from "./source.js";
import { TracksLayer } from "./tracks-layer.js";
import { fitBox, panBy, playedBox, toScreenX, toScreenY, type ViewState, zoomAt } from "./view.js";

/** A read-only window onto the map for tests and the console: where a km point is on the page. */
export interface MapProbe {
  toPage(x: number, y: number): { x: number; y: number };
  readonly tracksDrawn: number;
  readonly backdropRedraws: number;
  /** The side's markers drawn in the last frame, with their labels. */
  readonly markers: readonly string[];
}

declare global {
  interface Window {
    __skyshieldMap?: MapProbe;
  }
}

export const CONTROLLER_KEY = "map-controller";
const VIEW_EVENT_MS = 100;

/** Generates the symbol atlas, then hands over to the map. */
export class BootScene extends Phaser.Scene {
  constructor() {
    super("boot");
  }

  create(): void {
    createAtlas(this.textures);
    this.scene.start("map");
  }
}

/**
 * The map: a cached backdrop, tracks and interceptors extrapolated every frame, brief effects and the
 * current tool's overlay. All content comes from the controller's source; nothing here is a game rule.
 */
export class MapScene extends Phaser.Scene {
  readonly view: ViewState = { cx: 0, cy: 0, scale: 1, width: 800, height: 600 };
  private ctl!: MapController;
  private backdrop!: BackdropLayer;
  private tracks!: TracksLayer;
  private effects!: EffectsLayer;
  private overlay!: ToolOverlay;
  private markers!: MarkersLayer;
  private input2!: PointerInput;
  private lastViewEventMs = 0;
  private lastViewKey = "";

  constructor() {
    super("map");
  }

  create(): void {
    this.ctl = this.registry.get(CONTROLLER_KEY) as MapController;
    this.backdrop = new BackdropLayer(this);
    this.tracks = new TracksLayer(this);
    this.effects = new EffectsLayer(this);
    this.overlay = new ToolOverlay(this);
    this.markers = new MarkersLayer(this);
    this.input2 = new PointerInput(this, this.view, this.ctl, this.tracks);
    this.resize();
    this.scale.on("resize", () => this.resize());
    const off = [
      this.ctl.on("source", (source) => this.onSource(source)),
      this.ctl.on("nudge", ({ dx, dy, zoom }) => {
        panBy(this.view, -dx, -dy);
        if (zoom !== 1) zoomAt(this.view, zoom, this.view.width / 2, this.view.height / 2);
      }),
      this.ctl.on("fit", () => this.fitTheatre()),
      this.ctl.on("zoomTo", ({ x, y, km }) => {
        const box = { minX: x - km, maxX: x + km, minY: y - km, maxY: y + km };
        Object.assign(this.view, fitBox(this.view, box, 16));
      }),
      this.ctl.on("focus", ({ x, y }) => {
        this.view.cx = x;
        this.view.cy = y;
      }),
      this.ctl.on("effect", ({ kind, x, y }) => this.effects.spawn(kind, x, y, performance.now())),
    ];
    this.events.once("destroy", () => {
      for (const f of off) f();
    });
    if (this.ctl.source) this.onSource(this.ctl.source);
    window.__skyshieldMap = this.probe();
  }

  private probe(): MapProbe {
    const { view, tracks, backdrop, markers, ctl } = this;
    const canvas = this.game.canvas;
    return {
      toPage(x, y) {
        const rect = canvas.getBoundingClientRect();
        return { x: rect.left + toScreenX(view, x), y: rect.top + toScreenY(view, y) };
      },
      get tracksDrawn() {
        return tracks.hit.count;
      },
      get backdropRedraws() {
        return backdrop.redraws;
      },
      get markers() {
        return ctl.markers.slice(0, markers.drawn).map((m) => m.label);
      },
    };
  }

  private resize(): void {
    this.view.width = this.scale.width;
    this.view.height = this.scale.height;
  }

  private onSource(source: MapSource | null): void {
    this.backdrop.invalidate();
    this.effects.clear();
    if (source) this.fitTheatre();
  }

  /** Fit the part of the theatre where the game is played (defended land, assets, launch zones). */
  private fitTheatre(): void {
    const source = this.ctl.source;
    if (!source) return;
    Object.assign(this.view, fitBox(this.view, playedBox(source.scenario), 16));
  }

  override update(_time: number, deltaMs: number): void {
    const nowMs = performance.now();
    const source = this.ctl.source;
    if (this.ctl.follow && source) followStep(this.view, source, deltaMs);
    this.backdrop.update(
      this.view,
      source,
      { coverage: this.ctl.coverage, selectedUnit: this.ctl.selectedUnit, chosenZone: this.ctl.chosenZone },
      nowMs,
    );
    this.tracks.update(this.view, source);
    this.effects.update(this.view, nowMs);
    this.overlay.update(this.view, source, this.ctl, this.input2.pointer);
    this.markers.update(this.view, source ? this.ctl.markers : []);
    this.reportView(nowMs);
  }

  private reportView(nowMs: number): void {
    const v = this.view;
    const key = `${v.cx.toFixed(2)}|${v.cy.toFixed(2)}|${v.scale.toFixed(4)}|${v.width}|${v.height}`;
    if (key === this.lastViewKey || nowMs - this.lastViewEventMs < VIEW_EVENT_MS) return;
    this.lastViewKey = key;
    this.lastViewEventMs = nowMs;
    this.ctl.emit("view", { ...v });
  }
}
