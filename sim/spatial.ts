/**
 * A uniform grid over the theatre, rebuilt each step from the threats' positions. Rebuilding is a
 * two-pass radix sort of the items by (row, column) into flat typed arrays: O(items + rows + cols),
 * no allocation once warm, and no pass over empty cells. A query takes, in each row its circle's box
 * spans, the contiguous run of items between its first and last column (two binary searches). So
 * sensor and engagement queries cost what is near, not threats × units.
 *
 * `bruteForce` makes every query return every item: the benchmark's comparison mode, and a test that
 * both modes give identical matches. Callers always check the exact distance themselves.
 */
export class SpatialGrid {
  bruteForce = false;
  private readonly cols: number;
  private readonly rows: number;
  private readonly minX: number;
  private readonly minY: number;
  /** Start of each row's items in `sorted`; entry `rows` is the item count. */
  private readonly rowStart: Int32Array;
  private readonly colCount: Int32Array;
  /** Item indexes sorted by row, then column, then index. */
  private sorted = new Int32Array(64);
  /** Column of each entry of `sorted`. */
  private sortedCol = new Int32Array(64);
  private byCol = new Int32Array(64);
  private colOf = new Int32Array(64);
  private rowOf = new Int32Array(64);
  private count = 0;
  /** Bounding box of the items indexed, so that a query far from every item costs nothing. */
  private boxMinX = 0;
  private boxMinY = 0;
  private boxMaxX = 0;
  private boxMaxY = 0;

  constructor(
    extentKm: { x: number; y: number },
    private readonly cellKm: number,
  ) {
    // One ring of spare cells catches anything slightly outside the theatre; the rest clamps.
    this.minX = -extentKm.x - cellKm;
    this.minY = -extentKm.y - cellKm;
    this.cols = Math.ceil((2 * extentKm.x) / cellKm) + 2;
    this.rows = Math.ceil((2 * extentKm.y) / cellKm) + 2;
    this.rowStart = new Int32Array(this.rows + 1);
    this.colCount = new Int32Array(this.cols + 1);
  }

  private col(x: number): number {
    const c = Math.floor((x - this.minX) / this.cellKm);
    return c < 0 ? 0 : c >= this.cols ? this.cols - 1 : c;
  }

  private row(y: number): number {
    const r = Math.floor((y - this.minY) / this.cellKm);
    return r < 0 ? 0 : r >= this.rows ? this.rows - 1 : r;
  }

  /** Index the items by position; queries return indexes into this array. */
  rebuild(items: readonly { x: number; y: number }[]): void {
    const n = items.length;
    if (this.sorted.length < n) this.grow(n * 2);
    this.count = n;
    if (n === 0) return;
    const { colOf, rowOf, byCol, sorted, sortedCol, colCount, rowStart } = this;
    colCount.fill(0);
    rowStart.fill(0);
    this.boxMinX = this.boxMaxX = items[0].x;
    this.boxMinY = this.boxMaxY = items[0].y;
    for (let i = 0; i < n; i++) {
      const { x, y } = items[i];
      if (x < this.boxMinX) this.boxMinX = x;
      else if (x > this.boxMaxX) this.boxMaxX = x;
      if (y < this.boxMinY) this.boxMinY = y;
      else if (y > this.boxMaxY) this.boxMaxY = y;
      const c = this.col(x);
      const r = this.row(y);
      colOf[i] = c;
      rowOf[i] = r;
      colCount[c + 1]++;
      rowStart[r + 1]++;
    }
    for (let c = 0; c < this.cols; c++) colCount[c + 1] += colCount[c];
    for (let r = 0; r < this.rows; r++) rowStart[r + 1] += rowStart[r];
    // Pass 1: stable by column. Pass 2: stable by row, so each row's run is ordered by column.
    for (let i = 0; i < n; i++) byCol[colCount[colOf[i]]++] = i;
    for (let k = 0; k < n; k++) {
      const i = byCol[k];
      const slot = rowStart[rowOf[i]]++;
      sorted[slot] = i;
      sortedCol[slot] = colOf[i];
    }
    // Pass 2 advanced each row's start to its end: shift back.
    for (let r = this.rows; r > 0; r--) rowStart[r] = rowStart[r - 1];
    rowStart[0] = 0;
  }

  private grow(size: number): void {
    this.sorted = new Int32Array(size);
    this.sortedCol = new Int32Array(size);
    this.byCol = new Int32Array(size);
    this.colOf = new Int32Array(size);
    this.rowOf = new Int32Array(size);
  }

  /** First position in [lo, hi) whose column is ≥ col. */
  private lowerBound(lo: number, hi: number, col: number): number {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sortedCol[mid] < col) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Candidates within `radiusKm` of (x, y) (a superset: whole cells), written into `out`;
   * returns how many. `out` must hold at least `size` entries.
   */
  query(x: number, y: number, radiusKm: number, out: Int32Array): number {
    if (this.count === 0) return 0;
    if (this.bruteForce) {
      for (let i = 0; i < this.count; i++) out[i] = i;
      return this.count;
    }
    if (!this.near(x, y, radiusKm)) return 0;
    const c0 = this.col(x - radiusKm);
    const c1 = this.col(x + radiusKm);
    const r0 = this.row(y - radiusKm);
    const r1 = this.row(y + radiusKm);
    let n = 0;
    for (let r = r0; r <= r1; r++) {
      const rowEnd = this.rowStart[r + 1];
      const start = this.lowerBound(this.rowStart[r], rowEnd, c0);
      const end = this.lowerBound(start, rowEnd, c1 + 1);
      for (let k = start; k < end; k++) out[n++] = this.sorted[k];
    }
    return n;
  }

  /** Whether a circle reaches the items' bounding box at all. */
  near(x: number, y: number, radiusKm: number): boolean {
    const dx = Math.max(this.boxMinX - x, 0, x - this.boxMaxX);
    const dy = Math.max(this.boxMinY - y, 0, y - this.boxMaxY);
    return this.count > 0 && dx * dx + dy * dy <= radiusKm * radiusKm;
  }

  /** Number of indexed items (the capacity a query's output buffer needs). */
  get size(): number {
    return this.count;
  }
}
