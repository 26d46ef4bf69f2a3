/**
 * Rasters over region outlines, so that the questions asked for every threat at every step (whose soil is
 * this? may this ally engage here?) cost a lookup for most points and a polygon test only near outlines.
 *
 * A raster over a list of land regions that answers "the first region containing p" (what `regionAt`
 * answers for land) without a polygon test for most points. Each cell of the grid is either wholly in one
 * region, wholly in none, or crossed by an outline (then the exact test runs). Incidents ask it for every
 * threat at every step, so the polygon tests it saves are most of a night's work near long borders.
 */
import type { CompiledRegion } from "../../shared/compiled.js";
import { distanceToRegionKm, regionAt } from "../../shared/geo.js";
import type { PointKm } from "../../shared/scenario.js";

const MIXED = -2;
const NONE = -1;
/** Cell edge: small enough that border bands stay thin, few enough cells to classify at once. */
const CELL_KM = 5;

export class RegionRaster {
  private readonly cells: Int16Array;
  private readonly cols: number;
  private readonly rows: number;
  private readonly minX: number;
  private readonly minY: number;

  constructor(private readonly regions: readonly CompiledRegion[]) {
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (const { bbox } of regions) {
      minX = Math.min(minX, bbox.minX);
      minY = Math.min(minY, bbox.minY);
      maxX = Math.max(maxX, bbox.maxX);
      maxY = Math.max(maxY, bbox.maxY);
    }
    this.minX = regions.length > 0 ? minX - CELL_KM : 0;
    this.minY = regions.length > 0 ? minY - CELL_KM : 0;
    this.cols = regions.length > 0 ? Math.ceil((maxX - minX) / CELL_KM) + 2 : 0;
    this.rows = regions.length > 0 ? Math.ceil((maxY - minY) / CELL_KM) + 2 : 0;
    this.cells = new Int16Array(this.cols * this.rows).fill(NONE);
    for (const region of regions) for (const ring of region.polygons) this.markOutline(ring);
    this.classify();
  }

  /** The first region (in list order) containing p, or null: the same answer as `regionAt`. */
  firstAt(p: PointKm): CompiledRegion | null {
    const cell = this.cellAt(p);
    if (cell === MIXED) return regionAt(p, this.regions);
    return cell === NONE ? null : this.regions[cell];
  }

  /** Whether an outline passes through p's cell (only there can p lie on an outline). */
  nearOutline(p: PointKm): boolean {
    return this.cellAt(p) === MIXED;
  }

  private cellAt(p: PointKm): number {
    const col = Math.floor((p.x - this.minX) / CELL_KM);
    const row = Math.floor((p.y - this.minY) / CELL_KM);
    if (col < 0 || row < 0 || col >= this.cols || row >= this.rows) return NONE;
    return this.cells[row * this.cols + col];
  }

  /** Mark every cell an outline edge passes through as mixed (a grid walk along the edge). */
  private markOutline(ring: readonly [number, number][]): void {
    for (let i = 0; i < ring.length; i++) {
      const [ax, ay] = ring[i];
      const [bx, by] = ring[(i + 1) % ring.length];
      this.walk(ax - this.minX, ay - this.minY, bx - this.minX, by - this.minY);
    }
  }

  /** Visit the cells a segment crosses (grid coordinates relative to the raster's corner). */
  private walk(ax: number, ay: number, bx: number, by: number): void {
    let col = Math.floor(ax / CELL_KM);
    let row = Math.floor(ay / CELL_KM);
    const endCol = Math.floor(bx / CELL_KM);
    const endRow = Math.floor(by / CELL_KM);
    const dx = bx - ax;
    const dy = by - ay;
    const stepCol = Math.sign(dx);
    const stepRow = Math.sign(dy);
    const deltaX = dx !== 0 ? CELL_KM / Math.abs(dx) : Number.POSITIVE_INFINITY;
    const deltaY = dy !== 0 ? CELL_KM / Math.abs(dy) : Number.POSITIVE_INFINITY;
    let nextX = dx !== 0 ? ((col + (dx > 0 ? 1 : 0)) * CELL_KM - ax) / dx : Number.POSITIVE_INFINITY;
    let nextY = dy !== 0 ? ((row + (dy > 0 ? 1 : 0)) * CELL_KM - ay) / dy : Number.POSITIVE_INFINITY;
    for (let guard = this.cols + this.rows + 2; guard > 0; guard--) {
      this.mark(col, row);
      if (col === endCol && row === endRow) return;
      if (nextX === nextY) {
        // Through a corner: both side cells are touched.
        this.mark(col + stepCol, row);
        this.mark(col, row + stepRow);
      }
      if (nextX <= nextY) {
        nextX += deltaX;
        col += stepCol;
      } else {
        nextY += deltaY;
        row += stepRow;
      }
    }
  }

  private mark(col: number, row: number): void {
    if (row >= 0 && col >= 0 && row < this.rows && col < this.cols) this.cells[row * this.cols + col] = MIXED;
  }

  /** A cell no outline crosses lies wholly in the region its centre is in. */
  private classify(): void {
    const index = new Map(this.regions.map((region, i) => [region, i]));
    const centre = { x: 0, y: 0 };
    for (let row = 0; row < this.rows; row++) {
      for (let col = 0; col < this.cols; col++) {
        const k = row * this.cols + col;
        if (this.cells[k] === MIXED) continue;
        centre.x = this.minX + (col + 0.5) * CELL_KM;
        centre.y = this.minY + (row + 0.5) * CELL_KM;
        const region = regionAt(centre, this.regions);
        this.cells[k] = region ? (index.get(region) ?? NONE) : NONE;
      }
    }
  }
}

/**
 * A raster answering "within `km` of any of these regions" (an ally's airspace plus its ROE buffer) for
 * the per-candidate ROE check: inside is the regions' own raster; outside, distance to a region changes by
 * at most the distance moved, so a cell whose centre is nearer than `km` less half its diagonal is wholly
 * within, one farther than `km` plus it wholly without; only cells in between take the exact test.
 */
export class BufferRaster {
  private readonly inside: RegionRaster;
  private readonly cells: Int8Array;
  private readonly cols: number;
  private readonly rows: number;
  private readonly minX: number;
  private readonly minY: number;

  constructor(
    private readonly regions: readonly CompiledRegion[],
    private readonly km: number,
  ) {
    this.inside = new RegionRaster(regions);
    const margin = km + CELL_KM;
    const boxes = regions.map((r) => r.bbox);
    const some = km > 0 && boxes.length > 0;
    this.minX = some ? Math.min(...boxes.map((b) => b.minX)) - margin : 0;
    this.minY = some ? Math.min(...boxes.map((b) => b.minY)) - margin : 0;
    this.cols = some ? Math.ceil((Math.max(...boxes.map((b) => b.maxX)) + margin - this.minX) / CELL_KM) : 0;
    this.rows = some ? Math.ceil((Math.max(...boxes.map((b) => b.maxY)) + margin - this.minY) / CELL_KM) : 0;
    this.cells = new Int8Array(this.cols * this.rows);
    const halfDiagonal = (CELL_KM * Math.SQRT2) / 2;
    const centre = { x: 0, y: 0 };
    for (let row = 0; row < this.rows; row++) {
      for (let col = 0; col < this.cols; col++) {
        centre.x = this.minX + (col + 0.5) * CELL_KM;
        centre.y = this.minY + (row + 0.5) * CELL_KM;
        const d = this.distanceKm(centre, km + halfDiagonal + 1);
        this.cells[row * this.cols + col] = d <= km - halfDiagonal ? 1 : d >= km + halfDiagonal ? 0 : MIXED;
      }
    }
  }

  /** Whether p lies inside one of the regions or within `km` of one (on the outline counts). */
  covers(p: PointKm): boolean {
    if (this.inside.firstAt(p) !== null) return true;
    if (this.km === 0) return this.inside.nearOutline(p) && this.distanceKm(p, 1) <= 0;
    const col = Math.floor((p.x - this.minX) / CELL_KM);
    const row = Math.floor((p.y - this.minY) / CELL_KM);
    if (col < 0 || row < 0 || col >= this.cols || row >= this.rows) return false;
    const cell = this.cells[row * this.cols + col];
    return cell === MIXED ? this.distanceKm(p, this.km + 1) <= this.km : cell === 1;
  }

  private distanceKm(p: PointKm, capKm: number): number {
    let best = capKm;
    for (const region of this.regions) best = Math.min(best, distanceToRegionKm(p, region, best));
    return best;
  }
}

/**
 * A key for rasters that stays the same across loads of the same theatre (a lessons worker plays many
 * configurations of one scenario, each loaded anew): the regions' ids, owners, nations and outlines.
 */
export function outlineKey(regions: readonly CompiledRegion[]): string {
  return regions
    .map(
      (r) => `${r.id}/${r.owner}/${r.nation ?? ""}/${r.polygons.map((p) => `${p.length}:${p[0]}`).join(";")}`,
    )
    .join("|");
}
