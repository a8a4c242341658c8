// A 100%-stacked "dominance" chart: per column, each network fills rows in proportion to its share.

/** One cell: which series fills it (index), or -1 for empty. */
export type DominanceGrid = number[][];

/** Fill characters per series index; ASCII mode uses letters so series stay apart without colour. */
export const UNICODE_FILLS = ['█', '▓', '▒', '░', '▞', '▚', '▖', '▗'];

/**
 * Builds `height` rows by `shares.length` columns. `shares[col]` holds each series' share (0..1) at
 * that column, or null when the column has no data. Cells are assigned by largest remainder so each
 * column is full; row 0 is the top. The first series sits at the bottom.
 */
export function dominanceGrid(shares: readonly (readonly number[] | null)[], height: number): DominanceGrid {
  const grid: DominanceGrid = Array.from({ length: height }, () => new Array<number>(shares.length).fill(-1));
  shares.forEach((col, x) => {
    if (!col) return;
    const total = col.reduce((a, b) => a + b, 0);
    if (total <= 0) return;
    const exact = col.map((s) => (s / total) * height);
    const cells = exact.map(Math.floor);
    let left = height - cells.reduce((a, b) => a + b, 0);
    const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
    for (const [, i] of order) {
      if (left <= 0) break;
      cells[i] = (cells[i] ?? 0) + 1;
      left -= 1;
    }
    let y = height - 1;
    cells.forEach((n, series) => {
      for (let k = 0; k < n && y >= 0; k += 1, y -= 1) {
        const row = grid[y];
        if (row) row[x] = series;
      }
    });
  });
  return grid;
}

/** The fill character of a series. */
export function fillFor(series: number, ascii: boolean): string {
  if (ascii) return String.fromCharCode(65 + (series % 26));
  return UNICODE_FILLS[series % UNICODE_FILLS.length] ?? '#';
}
