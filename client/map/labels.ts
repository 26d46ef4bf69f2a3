/**
 * Label placement for the backdrop: every name asks for a place near its anchor, and labels are placed
 * by priority (regions and big cities first) at the first candidate spot that overlaps neither a placed
 * label nor a symbol; a label with no free spot is left out (decluttering: zoom in and it finds room).
 */
export interface LabelRequest {
  text: string;
  /** Anchor in screen px, and the radius of the dot or symbol it names (labels go beside it). */
  x: number;
  y: number;
  gapPx: number;
  /** Higher first. */
  priority: number;
  font: string;
  color: string;
  /** Centred on the anchor (region names) instead of beside it. */
  centred?: boolean;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const LINE_HEIGHT_PX = 13;
const PAD_PX = 2;

export class LabelLayer {
  private readonly requests: LabelRequest[] = [];
  private readonly taken: Box[] = [];

  /** A symbol or dot that labels must not cover. */
  reserve(x: number, y: number, halfWidth: number, halfHeight = halfWidth): void {
    this.taken.push({ x0: x - halfWidth, y0: y - halfHeight, x1: x + halfWidth, y1: y + halfHeight });
  }

  add(request: LabelRequest): void {
    this.requests.push(request);
  }

  /** Place and draw every label that finds room; returns how many were drawn. */
  draw(ctx: CanvasRenderingContext2D): number {
    const order = [...this.requests].sort((a, b) => b.priority - a.priority);
    let drawn = 0;
    ctx.textBaseline = "middle";
    for (const label of order) {
      ctx.font = label.font;
      const width = ctx.measureText(label.text).width;
      const spot = this.candidates(label, width).find((box) => !this.overlaps(box));
      if (!spot) continue;
      this.taken.push(spot);
      ctx.fillStyle = label.color;
      ctx.textAlign = "left";
      ctx.fillText(label.text, spot.x0 + PAD_PX, (spot.y0 + spot.y1) / 2);
      drawn++;
    }
    return drawn;
  }

  /** Right, left, above, below the anchor (or centred on it, then just above and below). */
  private candidates(label: LabelRequest, width: number): Box[] {
    const w = width + 2 * PAD_PX;
    const h = LINE_HEIGHT_PX;
    const { x, y, gapPx: g } = label;
    const box = (left: number, top: number): Box => ({ x0: left, y0: top, x1: left + w, y1: top + h });
    if (label.centred)
      return [box(x - w / 2, y - h / 2), box(x - w / 2, y - h * 1.6), box(x - w / 2, y + h * 0.6)];
    return [
      box(x + g, y - h / 2),
      box(x - g - w, y - h / 2),
      box(x - w / 2, y - g - h),
      box(x - w / 2, y + g),
      box(x + g * 0.7, y - g * 0.7 - h),
      box(x + g * 0.7, y + g * 0.7),
    ];
  }

  private overlaps(box: Box): boolean {
    return this.taken.some((t) => box.x0 < t.x1 && box.x1 > t.x0 && box.y0 < t.y1 && box.y1 > t.y0);
  }
}
