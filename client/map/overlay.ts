import type Phaser from "phaser";
import type { Band } from "../../shared/scenario.js";
import { aimAt, assetsWithin, ringPx } from "./aim.js";
import { bandsFor } from "./backdrop.js";
import type { AimReport, MapController } from "./controller.js";
import { bandAltitudesM, coverageKm, reachKm, sensorOf } from "./coverage.js";
import { identity } from "./palette.js";
import type { MapSource } from "./source.js";
import { toScreenX, toScreenY, type ViewState } from "./view.js";

/** The ghost's coverage colours, matching the backdrop's per-band circles. */
const BAND_HEX: Record<Band, number> = { high: 0xc8dcf0, low: 0xf0e442, "very-low": 0xe69f00 };

/**
 * What the current tool shows under the pointer: the reach and radar coverage of a unit about to be
 * placed, the route of a salvo being drawn, the move of a unit being relocated. Redrawn each frame
 * only while such a tool is active (a few shapes).
 */
export class ToolOverlay {
  private readonly g: Phaser.GameObjects.Graphics;
  private drawn = false;
  private aimKey = "";

  constructor(scene: Phaser.Scene) {
    this.g = scene.add.graphics().setDepth(10);
  }

  update(
    view: ViewState,
    source: MapSource | null,
    ctl: MapController,
    pointer: { x: number; y: number } | null,
  ): void {
    const tool = ctl.tool;
    const active = source !== null && (tool.kind !== "pan" || ctl.draftRoute.length > 0);
    if (!active) {
      if (this.drawn) this.g.clear();
      this.drawn = false;
      this.report(ctl, null);
      return;
    }
    const g = this.g;
    g.clear();
    this.drawn = true;
    if (ctl.draftRoute.length > 1) this.route(view, ctl.draftRoute);
    if (!pointer) return;
    if (tool.kind === "place") {
      const aim = aimAt(view, source.assets(), pointer.x, pointer.y);
      const at = { x: toScreenX(view, aim.x), y: toScreenY(view, aim.y) };
      this.ghost(view, source, tool.unitType, at);
      const reach = reachKm(source.scenario, tool.unitType);
      const covers = reach > 0 ? assetsWithin(source.scenario, aim.x, aim.y, reach) : null;
      this.report(ctl, { unitType: tool.unitType, snappedTo: aim.snapped?.name ?? null, covers });
    } else if (tool.kind === "target") {
      const aim = aimAt(view, source.assets(), pointer.x, pointer.y);
      if (aim.snapped) {
        g.lineStyle(2, identity.hostile.hex, 1);
        g.strokeCircle(toScreenX(view, aim.x), toScreenY(view, aim.y), 12);
      }
    } else if (tool.kind === "relocate") {
      const unit = [...source.units()].find((u) => u.id === tool.unitId);
      if (unit) {
        g.lineStyle(1.5, identity.friendly.hex, 0.9);
        g.lineBetween(toScreenX(view, unit.x), toScreenY(view, unit.y), pointer.x, pointer.y);
        g.strokeCircle(pointer.x, pointer.y, 8);
      }
    } else if (tool.kind === "waypoints" || tool.kind === "marker") {
      g.lineStyle(1, 0xffffff, 0.8);
      g.strokeCircle(pointer.x, pointer.y, 5);
    }
  }

  /** Tell the chrome what a unit placed here would cover, when that changes. */
  private report(ctl: MapController, aim: AimReport | null): void {
    const key = JSON.stringify(aim);
    if (key === this.aimKey) return;
    this.aimKey = key;
    ctl.emit("aim", aim);
  }

  private route(view: ViewState, points: { x: number; y: number }[]): void {
    const g = this.g;
    g.lineStyle(2, identity.hostile.hex, 0.9);
    g.beginPath();
    points.forEach((p, i) => {
      const sx = toScreenX(view, p.x);
      const sy = toScreenY(view, p.y);
      if (i === 0) g.moveTo(sx, sy);
      else g.lineTo(sx, sy);
    });
    g.strokePath();
    g.fillStyle(0xffffff, 0.9);
    for (const p of points.slice(1, -1)) g.fillCircle(toScreenX(view, p.x), toScreenY(view, p.y), 3.5);
  }

  private ghost(view: ViewState, source: MapSource, unitType: string, p: { x: number; y: number }): void {
    const g = this.g;
    const { scenario } = source;
    const reach = reachKm(scenario, unitType);
    if (reach > 0) {
      const ring = ringPx(view, reach);
      g.fillStyle(identity.friendly.hex, 0.08);
      g.fillCircle(p.x, p.y, ring.r);
      g.lineStyle(ring.enlarged ? 3 : 1.5, identity.friendly.hex, 0.9);
      g.strokeCircle(p.x, p.y, ring.r);
    }
    const sensor = sensorOf(scenario, unitType);
    if (sensor) {
      const altitudes = bandAltitudesM(scenario);
      for (const band of bandsFor("all", scenario)) {
        const km = coverageKm(sensor, band, altitudes);
        if (km <= 0) continue;
        g.lineStyle(1.5, BAND_HEX[band], 0.85);
        g.strokeCircle(p.x, p.y, km * view.scale);
      }
    }
    g.lineStyle(1.5, 0xffffff, 0.95);
    g.strokeRect(p.x - 12, p.y - 8, 24, 16);
  }
}
