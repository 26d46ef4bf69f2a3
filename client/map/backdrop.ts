import type { CompiledScenario } from "../../shared/compiled.js";
import type { Band } from "../../shared/scenario.js";
import { typeCode } from "../util/format.js";
import { ringPx } from "./aim.js";
import type { CoverageMode } from "./controller.js";
import { BANDS, bandAltitudesM, coverageKm, reachKm, sensorOf } from "./coverage.js";
import { drawGrid, drawLaunchZones, drawRegions } from "./geography.js";
import { LabelLayer } from "./labels.js";
import { css, identity, type Relation } from "./palette.js";
import type { AssetLike, MapSource, SightingLike, UnitLike } from "./source.js";
import { drawUnit } from "./symbols.js";
import { toScreenX, toScreenY, type ViewState } from "./view.js";

/**
 * The cached backdrop: everything that changes rarely (geography, grid, cities, launch zones, units with
 * their range rings and radar coverage, planned salvo routes), drawn with Canvas 2D into one texture.
 * It is redrawn when its content or the zoom changes, never per frame.
 */
export interface BackdropOptions {
  coverage: CoverageMode;
  selectedUnit: string | null;
  /** The launch zone chosen in the salvo builder, drawn bold. */
  chosenZone: string | null;
}

type Ctx = CanvasRenderingContext2D;

export function drawBackdrop(ctx: Ctx, v: ViewState, source: MapSource, options: BackdropOptions): void {
  const { scenario } = source;
  const labels = new LabelLayer();
  ctx.fillStyle = css.sea;
  ctx.fillRect(0, 0, v.width, v.height);
  drawRegions(ctx, v, scenario, source, labels);
  const perspective = source.perspective();
  if (perspective === "attacker" || perspective === "truth")
    drawLaunchZones(ctx, v, scenario, options.chosenZone, labels);
  const units = [...source.units()];
  drawCoverage(ctx, v, scenario, units, options.coverage);
  drawReach(ctx, v, scenario, units, perspective, options.selectedUnit);
  const sightings = [...source.sightings()];
  drawSightingReach(ctx, v, scenario, sightings);
  const assets = [...source.assets()];
  drawGrid(ctx, v, scenario, assets.length > 0 ? assets : scenario.assets.map(assetFromScenario), labels);
  if (perspective === "attacker" || perspective === "truth") drawSalvoRoutes(ctx, v, source);
  const symbols = [
    ...units.map((u) => ({ ...u, relation: relationOf(u, perspective), dim: isDim(u) })),
    ...sightings.map((s) => ({ ...s, relation: "hostile" as const, dim: false })),
  ];
  drawUnits(ctx, v, symbols, options.selectedUnit, labels);
  labels.draw(ctx);
}

function isDim(unit: UnitLike): boolean {
  return unit.status === "offline" || unit.status === "empty";
}

/** What the attacker can read off the catalogue for a sighted unit: its weapon reach, faintly. */
function drawSightingReach(
  ctx: Ctx,
  v: ViewState,
  scenario: CompiledScenario,
  sightings: SightingLike[],
): void {
  ctx.lineWidth = 1;
  for (const s of sightings) {
    const km = reachKm(scenario, s.kind);
    if (km > 0)
      circle(ctx, toScreenX(v, s.x), toScreenY(v, s.y), km * v.scale, css.sightedReach, null, [4, 4]);
  }
}

function assetFromScenario(a: CompiledScenario["assets"][number]): AssetLike {
  return { id: a.id, kind: a.kind, name: a.name, x: a.at.x, y: a.at.y, hp: a.hp, hpMax: a.hp, powered: true };
}

function circle(
  ctx: Ctx,
  sx: number,
  sy: number,
  r: number,
  stroke: string,
  fill: string | null,
  dash: number[],
): void {
  ctx.beginPath();
  ctx.arc(sx, sy, r, 0, Math.PI * 2);
  if (fill) {
    ctx.fillStyle = fill;
    ctx.fill();
  }
  ctx.setLineDash(dash);
  ctx.strokeStyle = stroke;
  ctx.stroke();
  ctx.setLineDash([]);
}

/** The bands drawn for a coverage mode: "all" shows the highest and the lowest band side by side. */
export function bandsFor(mode: CoverageMode, scenario: CompiledScenario): Band[] {
  if (mode === "off") return [];
  if (mode !== "all") return [mode];
  const used = BANDS.filter((b) => Object.values(scenario.catalogue.threats).some((t) => t.band === b));
  const list = used.length > 0 ? used : [...BANDS];
  return list.length > 1 ? [list[0], list[list.length - 1]] : list;
}

/** Coverage circles per band: the lower the band, the shorter the dashes and the warmer the colour. */
export const BAND_LOOK: Record<Band, { stroke: string; fill: string | null; dash: number[] }> = {
  high: { stroke: css.coverageHigh, fill: "rgba(200, 220, 240, 0.03)", dash: [] },
  low: { stroke: css.coverageLow, fill: null, dash: [7, 4] },
  "very-low": { stroke: css.coverageVeryLow, fill: null, dash: [2, 3] },
};

function drawCoverage(
  ctx: Ctx,
  v: ViewState,
  scenario: CompiledScenario,
  units: UnitLike[],
  mode: CoverageMode,
): void {
  const bands = bandsFor(mode, scenario);
  const altitudes = bandAltitudesM(scenario);
  ctx.lineWidth = 1;
  for (const unit of units) {
    const sensor = sensorOf(scenario, unit.kind);
    if (!sensor) continue;
    for (const band of bands) {
      const km = coverageKm(sensor, band, altitudes);
      if (km <= 0) continue;
      const look = BAND_LOOK[band];
      circle(
        ctx,
        toScreenX(v, unit.x),
        toScreenY(v, unit.y),
        km * v.scale,
        look.stroke,
        look.fill,
        look.dash,
      );
    }
  }
}

function drawReach(
  ctx: Ctx,
  v: ViewState,
  scenario: CompiledScenario,
  units: UnitLike[],
  perspective: string,
  selected: string | null,
): void {
  for (const unit of units) {
    const km = reachKm(scenario, unit.kind);
    if (km <= 0) continue;
    const color = relationOf(unit, perspective) === "ally" ? identity.ally.css : css.reach;
    const ring = ringPx(v, km);
    ctx.lineWidth = unit.id === selected || ring.enlarged ? 2 : 1;
    ctx.globalAlpha = unit.id === selected ? 1 : 0.7;
    circle(
      ctx,
      toScreenX(v, unit.x),
      toScreenY(v, unit.y),
      ring.r,
      color,
      css.reachFill,
      ring.enlarged ? [2, 2] : [],
    );
    ctx.globalAlpha = 1;
  }
}

function drawSalvoRoutes(ctx: Ctx, v: ViewState, source: MapSource): void {
  const { scenario } = source;
  const zones = new Map(scenario.launchZones.map((z) => [z.id, z.at]));
  const targets = new Map(scenario.assets.map((a) => [a.id, a.at]));
  ctx.strokeStyle = css.salvoRoute;
  ctx.lineWidth = 2;
  ctx.setLineDash([8, 5]);
  for (const salvo of source.salvos()) {
    const from = zones.get(salvo.zone);
    const to = targets.get(salvo.target);
    if (!from || !to) continue;
    ctx.beginPath();
    ctx.moveTo(toScreenX(v, from.x), toScreenY(v, from.y));
    for (let i = 0; i + 1 < salvo.waypoints.length; i += 2) {
      ctx.lineTo(toScreenX(v, salvo.waypoints[i]), toScreenY(v, salvo.waypoints[i + 1]));
    }
    ctx.lineTo(toScreenX(v, to.x), toScreenY(v, to.y));
    ctx.stroke();
  }
  ctx.setLineDash([]);
}

/** How the viewer relates to a unit: own side friendly, allies green, the defence hostile to the attacker. */
export function relationOf(unit: Pick<UnitLike, "side">, perspective: string): Relation {
  if (perspective === "attacker") return "hostile";
  return unit.side === "ally" ? "ally" : "friendly";
}

/** A unit symbol as drawn: how the viewer relates to it, and whether it is out of action. */
interface UnitSymbol {
  id: string;
  kind: string;
  x: number;
  y: number;
  relation: Relation;
  dim: boolean;
}

/** Symbols closer than this on screen merge into one with a count (they would cover each other). */
const CLUSTER_PX = 18;
const SYMBOL_PX = 16;

/**
 * Units as APP-6-style symbols; symbols that would pile up at this zoom are clustered into one with a
 * count (zoom in and they come apart). The selected unit is never clustered; unit names show when
 * zoomed in far enough, where the label layer finds room.
 */
function drawUnits(
  ctx: Ctx,
  v: ViewState,
  units: UnitSymbol[],
  selected: string | null,
  labels: LabelLayer,
): void {
  for (const cluster of clusters(v, units, selected)) {
    const [first] = cluster.members;
    ctx.globalAlpha = cluster.members.every((u) => u.dim) ? 0.5 : 1;
    drawUnit(ctx, first.relation, typeCode(first.kind), cluster.sx, cluster.sy, SYMBOL_PX);
    ctx.globalAlpha = 1;
    labels.reserve(cluster.sx, cluster.sy, SYMBOL_PX * 0.8, SYMBOL_PX * 0.6);
    if (cluster.members.length > 1) {
      drawCount(ctx, cluster.members.length, cluster.sx + SYMBOL_PX * 0.75, cluster.sy - SYMBOL_PX * 0.5);
    } else if (first.id === selected || v.scale >= 3) {
      labels.add({
        text: first.id,
        x: cluster.sx,
        y: cluster.sy,
        gapPx: SYMBOL_PX * 0.8,
        priority: first.id === selected ? 150 : 5,
        font: "10px system-ui, sans-serif",
        color: "rgba(220, 230, 240, 0.85)",
      });
    }
  }
}

/** Greedy screen-space clustering in a fixed order (the same picture every redraw). */
function clusters(
  v: ViewState,
  units: UnitSymbol[],
  selected: string | null,
): { sx: number; sy: number; members: UnitSymbol[] }[] {
  const out: { sx: number; sy: number; members: UnitSymbol[] }[] = [];
  for (const unit of units) {
    const sx = toScreenX(v, unit.x);
    const sy = toScreenY(v, unit.y);
    const near =
      unit.id === selected
        ? undefined
        : out.find(
            (c) =>
              c.members[0].id !== selected &&
              c.members[0].relation === unit.relation &&
              Math.abs(c.sx - sx) < CLUSTER_PX &&
              Math.abs(c.sy - sy) < CLUSTER_PX,
          );
    if (near) near.members.push(unit);
    else out.push({ sx, sy, members: [unit] });
  }
  return out;
}

function drawCount(ctx: Ctx, count: number, x: number, y: number): void {
  ctx.beginPath();
  ctx.arc(x, y, 7.5, 0, Math.PI * 2);
  ctx.fillStyle = "#e8eef5";
  ctx.fill();
  ctx.fillStyle = "#0a111b";
  ctx.font = "700 10px system-ui, sans-serif";
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText(String(count), x, y + 0.5);
}
