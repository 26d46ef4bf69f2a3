import type { CompiledScenario } from "../../shared/compiled.js";
import { assertNever } from "../../shared/never.js";
import type { LeakReason } from "../../sim/api.js";
import type { LeakPoint } from "../../sim/review/aar.js";
import { LabelLayer } from "../map/labels.js";
import { css } from "../map/palette.js";
import { h } from "../ui/dom.js";

/**
 * Where threats leaked and why: the theatre's regions and cities with every impact marked by its
 * reason, each reason with its own colour and shape (never colour alone).
 */

type Shape = "circle" | "square" | "triangle" | "diamond" | "plus" | "cross" | "ring" | "bar";

export const REASON_LOOK: Record<LeakReason, { label: string; color: string; shape: Shape }> = {
  undetected: { label: "never detected", color: "#f0e442", shape: "circle" },
  "out-of-range": { label: "out of every layer's reach", color: "#e69f00", shape: "square" },
  "out-of-stock": { label: "no interceptors left", color: "#ff5a4e", shape: "triangle" },
  reloading: { label: "launchers reloading", color: "#009e73", shape: "bar" },
  "held-by-roe": { label: "held by rules of engagement", color: "#cc79a7", shape: "diamond" },
  "held-by-doctrine": { label: "held by doctrine", color: "#56b4e9", shape: "plus" },
  saturated: { label: "units busy with other threats", color: "#0072b2", shape: "ring" },
  missed: { label: "interceptors missed", color: "#d7e0ea", shape: "cross" },
};

const REGION_FILL: Record<string, string> = {
  defender: css.defender,
  attacker: css.attacker,
  neighbour: css.neighbour,
  neutral: css.neutral,
};

export function leakMap(scenario: CompiledScenario, leaks: LeakPoint[], sizePx = 520): HTMLElement {
  const { x: ex, y: ey } = scenario.theatre.extentKm;
  const scale = sizePx / (2 * Math.max(ex, ey));
  const width = Math.round(2 * ex * scale);
  const height = Math.round(2 * ey * scale);
  const canvas = h("canvas", {
    class: "leak-canvas",
    testid: "leak-map",
    width: width * 2,
    height: height * 2,
  }) as HTMLCanvasElement;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext("2d");
  if (ctx) {
    ctx.scale(2, 2);
    const px = (x: number) => (x + ex) * scale;
    const py = (y: number) => (ey - y) * scale;
    ctx.fillStyle = css.sea;
    ctx.fillRect(0, 0, width, height);
    for (const region of scenario.theatre.regions) {
      if (region.owner === "sea") continue;
      ctx.fillStyle = REGION_FILL[region.owner] ?? css.land;
      ctx.strokeStyle = region.owner === "neighbour" ? css.neighbourBorder : css.border;
      for (const ring of region.polygons) {
        ctx.beginPath();
        for (const [i, [x, y]] of ring.entries()) {
          if (i === 0) ctx.moveTo(px(x), py(y));
          else ctx.lineTo(px(x), py(y));
        }
        ctx.closePath();
        ctx.fill();
        ctx.stroke();
      }
    }
    ctx.fillStyle = css.city;
    for (const asset of scenario.assets) {
      const r = asset.kind === "city" ? 2.5 + Math.sqrt(asset.population ?? 0) / 600 : 1.5;
      ctx.beginPath();
      ctx.arc(px(asset.at.x), py(asset.at.y), r, 0, Math.PI * 2);
      ctx.fill();
    }
    const labels = new LabelLayer();
    for (const leak of leaks) {
      const look = REASON_LOOK[leak.reason];
      drawShape(ctx, look.shape, look.color, px(leak.x), py(leak.y), 4);
      labels.reserve(px(leak.x), py(leak.y), 4);
    }
    // The cities by name (biggest first, where there is room), so the marks read as places.
    for (const city of scenario.assets.filter((a) => a.kind === "city")) {
      labels.add({
        text: city.name,
        x: px(city.at.x),
        y: py(city.at.y),
        gapPx: 4,
        priority: city.population ?? 0,
        font: "11px system-ui, sans-serif",
        color: css.cityLabel,
      });
    }
    labels.draw(ctx);
  }
  const counts = new Map<LeakReason, number>();
  for (const leak of leaks) counts.set(leak.reason, (counts.get(leak.reason) ?? 0) + 1);
  const legend = h(
    "ul",
    { class: "leak-legend", testid: "leak-legend" },
    ...(Object.keys(REASON_LOOK) as LeakReason[]).map((reason) => {
      const look = REASON_LOOK[reason];
      const swatch = h("canvas", { width: 16, height: 16 }) as HTMLCanvasElement;
      const sctx = swatch.getContext("2d");
      if (sctx) drawShape(sctx, look.shape, look.color, 8, 8, 5);
      return h(
        "li",
        { "data-reason": reason },
        swatch,
        `${look.label}: `,
        h("b", { class: "num" }, String(counts.get(reason) ?? 0)),
      );
    }),
  );
  return h(
    "div",
    { class: "leak-map" },
    canvas,
    h(
      "div",
      null,
      h("p", { class: "muted" }, "Each mark is one strike; its shape and colour say why it got through."),
      legend,
    ),
  );
}

function drawShape(
  ctx: CanvasRenderingContext2D,
  shape: Shape,
  color: string,
  x: number,
  y: number,
  r: number,
): void {
  ctx.fillStyle = color;
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.beginPath();
  switch (shape) {
    case "circle":
      ctx.arc(x, y, r, 0, Math.PI * 2);
      return void ctx.fill();
    case "square":
      return void ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
    case "triangle":
      ctx.moveTo(x, y - r);
      ctx.lineTo(x + r, y + r);
      ctx.lineTo(x - r, y + r);
      ctx.closePath();
      return void ctx.fill();
    case "diamond":
      ctx.moveTo(x, y - r);
      ctx.lineTo(x + r, y);
      ctx.lineTo(x, y + r);
      ctx.lineTo(x - r, y);
      ctx.closePath();
      return void ctx.fill();
    case "plus":
      ctx.moveTo(x - r, y);
      ctx.lineTo(x + r, y);
      ctx.moveTo(x, y - r);
      ctx.lineTo(x, y + r);
      return void ctx.stroke();
    case "cross":
      ctx.moveTo(x - r, y - r);
      ctx.lineTo(x + r, y + r);
      ctx.moveTo(x + r, y - r);
      ctx.lineTo(x - r, y + r);
      return void ctx.stroke();
    case "ring":
      ctx.arc(x, y, r - 1, 0, Math.PI * 2);
      return void ctx.stroke();
    case "bar":
      return void ctx.fillRect(x - r, y - r / 2.5, 2 * r, (2 * r) / 2.5);
    default:
      assertNever(shape, "leak marker shape");
  }
}
