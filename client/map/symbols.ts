import { identity, type Relation } from "./palette.js";

/**
 * APP-6-style frames drawn with Canvas 2D: used to build the sprite atlas (tracks) and to draw units
 * on the cached backdrop, so both look the same. Shape carries identity: hostile = diamond, unknown =
 * quatrefoil, friendly = rectangle / circle, ally = square, identified decoy = hollow grey diamond.
 */

export type ThreatGlyph = "drone" | "cruise" | "ballistic" | "none";

function strokeFill(
  ctx: CanvasRenderingContext2D,
  color: string,
  lineWidth: number,
  fillAlpha: number,
): void {
  ctx.globalAlpha = fillAlpha;
  ctx.fillStyle = color;
  ctx.fill();
  ctx.globalAlpha = 1;
  ctx.lineWidth = lineWidth;
  ctx.strokeStyle = color;
  ctx.stroke();
}

export function diamond(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x, y - r);
  ctx.lineTo(x + r, y);
  ctx.lineTo(x, y + r);
  ctx.lineTo(x - r, y);
  ctx.closePath();
}

function quatrefoil(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  const lobe = r * 0.5;
  ctx.beginPath();
  ctx.arc(x, y - lobe, lobe, Math.PI * 0.75, Math.PI * 2.25);
  ctx.arc(x + lobe, y, lobe, Math.PI * 1.25, Math.PI * 2.75);
  ctx.arc(x, y + lobe, lobe, Math.PI * 1.75, Math.PI * 3.25);
  ctx.arc(x - lobe, y, lobe, Math.PI * 0.25, Math.PI * 1.75);
  ctx.closePath();
}

/** The inner mark that tells threat classes apart without colour. */
function glyph(
  ctx: CanvasRenderingContext2D,
  kind: ThreatGlyph,
  x: number,
  y: number,
  r: number,
  color: string,
): void {
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = Math.max(1.5, r * 0.16);
  ctx.beginPath();
  if (kind === "drone") {
    ctx.arc(x, y, r * 0.2, 0, Math.PI * 2);
    ctx.fill();
  } else if (kind === "cruise") {
    ctx.moveTo(x - r * 0.45, y);
    ctx.lineTo(x + r * 0.45, y);
    ctx.stroke();
  } else if (kind === "ballistic") {
    ctx.moveTo(x - r * 0.32, y + r * 0.2);
    ctx.lineTo(x, y - r * 0.3);
    ctx.lineTo(x + r * 0.32, y + r * 0.2);
    ctx.stroke();
  }
}

/** A threat symbol as the viewer relates to it. */
export function drawThreat(
  ctx: CanvasRenderingContext2D,
  relation: "hostile" | "friendly",
  kind: ThreatGlyph,
  x: number,
  y: number,
  r: number,
): void {
  const color = identity[relation].css;
  if (relation === "hostile") diamond(ctx, x, y, r);
  else {
    ctx.beginPath();
    ctx.arc(x, y, r * 0.8, 0, Math.PI * 2);
  }
  strokeFill(ctx, color, Math.max(2, r * 0.14), 0.35);
  glyph(ctx, kind, x, y, r, "#ffffff");
}

export function drawUnknown(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  quatrefoil(ctx, x, y, r);
  strokeFill(ctx, identity.unknown.css, Math.max(2, r * 0.14), 0.3);
}

export function drawDecoy(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  diamond(ctx, x, y, r * 0.9);
  ctx.setLineDash([r * 0.35, r * 0.25]);
  ctx.lineWidth = Math.max(2, r * 0.14);
  ctx.strokeStyle = identity.decoy.css;
  ctx.stroke();
  ctx.setLineDash([]);
}

/** A ground unit: friendly rectangle, ally square, hostile diamond (a defender unit in the attacker's view). */
export function drawUnit(
  ctx: CanvasRenderingContext2D,
  relation: Relation,
  code: string,
  x: number,
  y: number,
  size: number,
): void {
  const color = identity[relation].css;
  ctx.beginPath();
  if (relation === "friendly") ctx.rect(x - size * 0.75, y - size * 0.5, size * 1.5, size);
  else if (relation === "ally") ctx.rect(x - size * 0.55, y - size * 0.55, size * 1.1, size * 1.1);
  else diamond(ctx, x, y, size * 0.8);
  ctx.fillStyle = "rgba(8, 12, 18, 0.85)";
  ctx.fill();
  ctx.lineWidth = 1.6;
  ctx.strokeStyle = color;
  ctx.stroke();
  ctx.fillStyle = color;
  ctx.font = `600 ${Math.round(size * 0.55)}px system-ui, sans-serif`;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText(code, x, y + 0.5);
}
