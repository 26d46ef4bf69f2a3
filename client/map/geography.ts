import type { CompiledRegion, CompiledScenario } from "../../shared/compiled.js";
import type { LabelLayer } from "./labels.js";
import { css, identity } from "./palette.js";
import type { AssetLike, MapSource } from "./source.js";
import { toScreenX, toScreenY, type ViewState } from "./view.js";

/**
 * The geography layer of the backdrop: regions coloured by owner (inaccessible seas hatched, neighbours
 * with dashed borders), their names, the attacker's launch zones, and the power grid with its cities.
 */
type Ctx = CanvasRenderingContext2D;

const OWNER_FILL: Record<CompiledRegion["owner"], string> = {
  defender: css.defender,
  attacker: css.attacker,
  neighbour: css.neighbour,
  neutral: css.neutral,
  sea: css.sea,
};

function tracePolygons(ctx: Ctx, v: ViewState, region: CompiledRegion): void {
  ctx.beginPath();
  for (const ring of region.polygons) {
    ring.forEach(([x, y], i) => {
      const sx = toScreenX(v, x);
      const sy = toScreenY(v, y);
      if (i === 0) ctx.moveTo(sx, sy);
      else ctx.lineTo(sx, sy);
    });
    ctx.closePath();
  }
}

let hatchCache: CanvasPattern | null = null;
function hatch(ctx: Ctx): CanvasPattern | null {
  if (hatchCache) return hatchCache;
  const tile = document.createElement("canvas");
  tile.width = tile.height = 10;
  const t = tile.getContext("2d")!;
  t.strokeStyle = css.seaClosedHatch;
  t.lineWidth = 1.5;
  t.beginPath();
  t.moveTo(0, 10);
  t.lineTo(10, 0);
  t.stroke();
  hatchCache = ctx.createPattern(tile, "repeat");
  return hatchCache;
}

export function drawRegions(
  ctx: Ctx,
  v: ViewState,
  scenario: CompiledScenario,
  source: MapSource,
  labels: LabelLayer,
): void {
  const regions = scenario.theatre.regions;
  // Seas first so land borders sit on top of coastlines.
  const ordered = [...regions].sort((a, b) => Number(b.owner === "sea") - Number(a.owner === "sea"));
  for (const region of ordered) {
    tracePolygons(ctx, v, region);
    ctx.fillStyle = OWNER_FILL[region.owner];
    ctx.fill();
    if (region.owner === "sea" && !source.seaAccessible(region.id)) {
      const pattern = hatch(ctx);
      if (pattern) {
        ctx.fillStyle = pattern;
        ctx.fill();
      }
    }
  }
  for (const region of ordered) {
    if (region.owner === "sea") continue;
    tracePolygons(ctx, v, region);
    ctx.lineWidth = region.owner === "defender" ? 1.6 : 1.2;
    ctx.strokeStyle =
      region.owner === "neighbour"
        ? css.neighbourBorder
        : region.owner === "attacker"
          ? css.attackerBorder
          : css.border;
    ctx.setLineDash(region.owner === "neighbour" ? [6, 4] : []);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  for (const region of regions) regionLabel(v, region, source, labels);
}

/** A region's name, centred in it; big regions outrank small ones, and every city outranks both. */
function regionLabel(v: ViewState, region: CompiledRegion, source: MapSource, labels: LabelLayer): void {
  const { minX, maxX } = region.bbox;
  const widthPx = (maxX - minX) * v.scale;
  if (widthPx < 60) return;
  const [cx, cy] = labelPoint(region);
  let text = region.name.toUpperCase();
  if (region.owner === "sea" && !source.seaAccessible(region.id)) text += " · CLOSED";
  labels.add({
    text: text.split("").join("\u200a"),
    x: toScreenX(v, cx),
    y: toScreenY(v, cy),
    gapPx: 0,
    priority: 20 + Math.min(20, widthPx / 50),
    font: `600 ${widthPx > 300 ? 13 : 11}px system-ui, sans-serif`,
    color: css.regionLabel,
    centred: true,
  });
}

/** Area-weighted centroid of a region's largest ring (falls back to the bbox centre). */
function labelPoint(region: CompiledRegion): [number, number] {
  let best: [number, number] = [
    (region.bbox.minX + region.bbox.maxX) / 2,
    (region.bbox.minY + region.bbox.maxY) / 2,
  ];
  let bestArea = 0;
  for (const ring of region.polygons) {
    let area = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      area += cross;
      cx += (ring[j][0] + ring[i][0]) * cross;
      cy += (ring[j][1] + ring[i][1]) * cross;
    }
    if (Math.abs(area) > bestArea && area !== 0) {
      bestArea = Math.abs(area);
      best = [cx / (3 * area), cy / (3 * area)];
    }
  }
  return best;
}

/** The attacker's launch zones; the one chosen in the salvo builder drawn bold, named first. */
export function drawLaunchZones(
  ctx: Ctx,
  v: ViewState,
  scenario: CompiledScenario,
  chosen: string | null,
  labels: LabelLayer,
): void {
  for (const zone of scenario.launchZones) {
    const sx = toScreenX(v, zone.at.x);
    const sy = toScreenY(v, zone.at.y);
    const r = Math.max(4, zone.radiusKm * v.scale);
    const on = zone.id === chosen;
    ctx.beginPath();
    ctx.arc(sx, sy, r, 0, Math.PI * 2);
    ctx.fillStyle = on ? "rgba(255, 90, 78, 0.22)" : "rgba(255, 90, 78, 0.07)";
    ctx.fill();
    ctx.setLineDash(on ? [] : [4, 3]);
    ctx.strokeStyle = on ? identity.hostile.css : css.launchZone;
    ctx.lineWidth = on ? 2.5 : 1.2;
    ctx.stroke();
    ctx.setLineDash([]);
    labels.reserve(sx, sy, Math.min(r, 10));
    labels.add({
      text: zone.name,
      x: sx,
      y: sy,
      gapPx: Math.min(r, 40) + 3,
      priority: on ? 200 : 45,
      font: `${on ? 700 : 400} 11px system-ui, sans-serif`,
      color: on ? "#ffb3ad" : css.launchZone,
    });
  }
}

export function drawGrid(
  ctx: Ctx,
  v: ViewState,
  scenario: CompiledScenario,
  assets: AssetLike[],
  labels: LabelLayer,
): void {
  const byId = new Map(assets.map((a) => [a.id, a]));
  ctx.lineWidth = 1.4;
  for (const [a, b] of scenario.gridLinks) {
    const from = byId.get(a);
    const to = byId.get(b);
    if (!from || !to) continue;
    const cut = from.hp <= 0 || to.hp <= 0;
    ctx.setLineDash(cut ? [5, 4] : []);
    ctx.strokeStyle = cut ? css.gridCut : css.grid;
    ctx.globalAlpha = cut ? 0.9 : 0.55;
    ctx.beginPath();
    ctx.moveTo(toScreenX(v, from.x), toScreenY(v, from.y));
    ctx.lineTo(toScreenX(v, to.x), toScreenY(v, to.y));
    ctx.stroke();
  }
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
  const population = new Map(scenario.assets.map((a) => [a.id, a.population ?? 0]));
  for (const asset of assets) {
    if (asset.kind === "city") drawCity(ctx, v, asset, population.get(asset.id) ?? 0, labels);
    else drawSite(ctx, v, asset, labels);
  }
}

/** Cities too small to name at this zoom: at a whole-country view only the big ones are named. */
export function cityLabelMinPopulation(scale: number): number {
  if (scale < 0.35) return 700_000;
  if (scale < 0.8) return 200_000;
  return 0;
}

/** City dot radius in px, by the square root of the population. */
export function cityRadiusPx(population: number): number {
  return Math.min(11, 2 + Math.sqrt(population) / 320);
}

function drawCity(ctx: Ctx, v: ViewState, city: AssetLike, population: number, labels: LabelLayer): void {
  const sx = toScreenX(v, city.x);
  const sy = toScreenY(v, city.y);
  const r = cityRadiusPx(population);
  if (!city.powered) {
    ctx.beginPath();
    ctx.arc(sx, sy, r + 7, 0, Math.PI * 2);
    ctx.fillStyle = css.blackoutHalo;
    ctx.fill();
  }
  ctx.beginPath();
  ctx.arc(sx, sy, r, 0, Math.PI * 2);
  ctx.fillStyle = city.powered ? css.city : "rgba(243, 245, 247, 0.3)";
  ctx.fill();
  if (city.hpMax > 0 && city.hp < city.hpMax) {
    ctx.beginPath();
    ctx.arc(sx, sy, r + 3, -Math.PI / 2, -Math.PI / 2 + 2 * Math.PI * (1 - city.hp / city.hpMax));
    ctx.strokeStyle = identity.hostile.css;
    ctx.lineWidth = 2;
    ctx.stroke();
  }
  labels.reserve(sx, sy, r + 1);
  if (population < cityLabelMinPopulation(v.scale)) return;
  labels.add({
    text: city.powered ? city.name : `${city.name} (dark)`,
    x: sx,
    y: sy,
    gapPx: r + 3,
    priority: 100 + Math.log10(Math.max(10, population)),
    font: `${population >= 1_000_000 ? 600 : 400} 11px system-ui, sans-serif`,
    color: city.powered ? css.cityLabel : "rgba(235, 240, 245, 0.4)",
  });
}

function drawSite(ctx: Ctx, v: ViewState, site: AssetLike, labels: LabelLayer): void {
  const sx = toScreenX(v, site.x);
  const sy = toScreenY(v, site.y);
  const destroyed = site.hp <= 0;
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = destroyed ? css.gridCut : css.grid;
  ctx.fillStyle = destroyed ? "rgba(255, 90, 78, 0.25)" : "rgba(217, 164, 65, 0.35)";
  ctx.beginPath();
  if (site.kind === "plant") ctx.rect(sx - 4.5, sy - 4.5, 9, 9);
  else if (site.kind === "substation") {
    ctx.moveTo(sx, sy - 4.5);
    ctx.lineTo(sx + 4.5, sy);
    ctx.lineTo(sx, sy + 4.5);
    ctx.lineTo(sx - 4.5, sy);
    ctx.closePath();
  } else {
    ctx.strokeStyle = destroyed ? css.gridCut : "#9aa3ad";
    ctx.fillStyle = "rgba(154, 163, 173, 0.25)";
    ctx.rect(sx - 3.5, sy - 3.5, 7, 7);
  }
  ctx.fill();
  ctx.stroke();
  labels.reserve(sx, sy, 5);
  if (v.scale < 1.5) return;
  labels.add({
    text: site.name,
    x: sx,
    y: sy,
    gapPx: 7,
    priority: 10,
    font: "10px system-ui, sans-serif",
    color: "rgba(217, 164, 65, 0.85)",
  });
}
