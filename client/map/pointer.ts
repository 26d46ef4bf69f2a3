import type Phaser from "phaser";
import { aimAt } from "./aim.js";
import type { HoverInfo, MapController } from "./controller.js";
import { cityRadiusPx } from "./geography.js";
import type { TracksLayer } from "./tracks-layer.js";
import { panBy, toScreenX, toScreenY, toWorld, type ViewState, zoomAt } from "./view.js";

const DRAG_THRESHOLD_PX = 5;
const HOVER_RADIUS_PX = 12;

/**
 * Mouse and touch on the map: drag to pan, wheel or pinch to zoom, click to use the current tool or
 * select a unit, hover to show a tooltip card. Manual pan or zoom ends follow mode.
 */
export class PointerInput {
  /** Last pointer position over the map (screen px), or null when outside. */
  pointer: { x: number; y: number } | null = null;
  private dragFrom: { x: number; y: number } | null = null;
  private dragged = false;
  private pinchDistance = 0;
  private hoverKey = "";

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly view: ViewState,
    private readonly ctl: MapController,
    private readonly tracks: TracksLayer,
  ) {
    const input = scene.input;
    input.addPointer(1);
    input.on("pointerdown", (p: Phaser.Input.Pointer) => this.down(p));
    input.on("pointermove", (p: Phaser.Input.Pointer) => this.move(p));
    input.on("pointerup", (p: Phaser.Input.Pointer) => this.up(p));
    input.on("gameout", () => {
      this.pointer = null;
      this.setHover(null);
    });
    input.on("wheel", (p: Phaser.Input.Pointer, _over: unknown, _dx: number, dy: number) => {
      this.manual();
      zoomAt(this.view, Math.exp(-dy * 0.0015), p.x, p.y);
    });
  }

  private manual(): void {
    if (this.ctl.follow) this.ctl.setFollow(false);
  }

  private down(p: Phaser.Input.Pointer): void {
    if (p.rightButtonDown()) {
      this.ctl.setTool({ kind: "pan" });
      return;
    }
    this.dragFrom = { x: p.x, y: p.y };
    this.dragged = false;
  }

  private move(p: Phaser.Input.Pointer): void {
    this.pointer = { x: p.x, y: p.y };
    const input = this.scene.input;
    const a = input.pointer1;
    const b = input.pointer2;
    if (a?.isDown && b?.isDown) {
      this.pinch(a, b);
      return;
    }
    this.pinchDistance = 0;
    if (this.dragFrom && p.isDown) {
      const dx = p.x - this.dragFrom.x;
      const dy = p.y - this.dragFrom.y;
      if (this.dragged || Math.hypot(dx, dy) > DRAG_THRESHOLD_PX) {
        this.dragged = true;
        this.manual();
        panBy(this.view, dx, dy);
        this.dragFrom = { x: p.x, y: p.y };
      }
      return;
    }
    this.setHover(this.hitTest(p.x, p.y));
  }

  private pinch(a: Phaser.Input.Pointer, b: Phaser.Input.Pointer): void {
    const distance = Math.hypot(a.x - b.x, a.y - b.y);
    if (this.pinchDistance > 0 && distance > 0) {
      this.manual();
      zoomAt(this.view, distance / this.pinchDistance, (a.x + b.x) / 2, (a.y + b.y) / 2);
    }
    this.pinchDistance = distance;
    this.dragFrom = null;
  }

  private up(p: Phaser.Input.Pointer): void {
    const wasClick = this.dragFrom !== null && !this.dragged;
    this.dragFrom = null;
    this.dragged = false;
    if (!wasClick) return;
    const tool = this.ctl.tool;
    const source = this.ctl.source;
    const aims =
      tool.kind !== "pan" && tool.kind !== "waypoints" && tool.kind !== "marker" && source !== null;
    const aim = aims ? aimAt(this.view, source.assets(), p.x, p.y) : null;
    const world = aim ?? toWorld(this.view, p.x, p.y);
    if (tool.kind === "pan") {
      // A tap selects a unit and shows the card of whatever is under it (touch has no hover).
      const hit = this.hitTest(p.x, p.y);
      this.ctl.select(hit?.kind === "unit" ? hit.id : null);
      this.setHover(hit);
    }
    const assetId = aim?.snapped?.id;
    this.ctl.emit("click", {
      x: world.x,
      y: world.y,
      screenX: p.x,
      screenY: p.y,
      tool,
      ...(assetId ? { assetId } : {}),
    });
  }

  private setHover(hover: HoverInfo | null): void {
    const key = hover
      ? `${hover.kind}:${hover.id}:${Math.round(hover.screenX)}:${Math.round(hover.screenY)}`
      : "";
    if (key === this.hoverKey) return;
    this.hoverKey = key;
    this.ctl.emit("hover", hover);
  }

  /** The unit, track or asset under a screen point: units first (they take orders), then tracks, then assets. */
  hitTest(sx: number, sy: number): HoverInfo | null {
    const source = this.ctl.source;
    if (!source) return null;
    const near = (x: number, y: number, r: number) =>
      Math.hypot(toScreenX(this.view, x) - sx, toScreenY(this.view, y) - sy) <= r;
    for (const unit of source.units()) {
      if (near(unit.x, unit.y, HOVER_RADIUS_PX))
        return { kind: "unit", id: unit.id, screenX: sx, screenY: sy };
    }
    for (const unit of source.sightings()) {
      if (near(unit.x, unit.y, HOVER_RADIUS_PX))
        return { kind: "sighting", id: unit.id, screenX: sx, screenY: sy };
    }
    const track = this.tracks.trackAt(sx, sy, HOVER_RADIUS_PX);
    if (track) return { kind: "track", id: track, screenX: sx, screenY: sy };
    const population = new Map(source.scenario.assets.map((a) => [a.id, a.population ?? 0]));
    for (const asset of source.assets()) {
      const r = Math.max(HOVER_RADIUS_PX - 4, cityRadiusPx(population.get(asset.id) ?? 0) + 3);
      if (near(asset.x, asset.y, r)) return { kind: "asset", id: asset.id, screenX: sx, screenY: sy };
    }
    return null;
  }
}
