// A one-line time axis under a chart: hours for a day or less, dates beyond, at round UTC times.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Tick spacings tried, finest first: hours up to two days, then days and weeks. */
const HOUR_TICKS = [1, 2, 3, 4, 6, 12].map((h) => h * HOUR);
const DAY_TICKS = [1, 2, 7, 14, 28].map((d) => d * DAY);

/** "14:00" for an hour tick, "Nov 21" for a day tick (UTC). */
export function tickLabel(t: number, daily: boolean): string {
  const d = new Date(t);
  if (daily) return `${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCDate()}`;
  return `${String(d.getUTCHours()).padStart(2, '0')}:00`;
}

/**
 * The axis for `columns` columns covering [from, to) (column c starts at from + c * (to - from) / columns),
 * drawn `offset` columns in: each label starts at the column of its tick, the spacing is the finest that
 * keeps two spaces between labels, and "UTC" sits in the margin when it fits. A span over two days gets
 * dates (ticks at 00:00 UTC, weekly spacings on Mondays), a shorter one hours.
 */
export function timeAxis(from: number, to: number, columns: number, offset: number): string {
  const n = Math.max(0, Math.floor(columns));
  const margin = offset >= 4 ? 'UTC'.padStart(offset - 1) + ' ' : ' '.repeat(Math.max(0, offset));
  if (n === 0 || !(to > from)) return margin.trimEnd();
  const span = to - from;
  const daily = span > 2 * DAY;
  const labelW = daily ? 6 : 5;
  const perColumn = span / n;
  const spacing = (daily ? DAY_TICKS : HOUR_TICKS).find((s) => s / perColumn >= labelW + 2) ?? (daily ? 28 * DAY : 12 * HOUR);
  // Weekly spacings count from a Monday (1970-01-05), others from midnight UTC.
  const origin = spacing >= 7 * DAY ? 4 * DAY : 0;
  const cells: string[] = new Array<string>(n).fill(' ');
  let free = 0;
  for (let t = origin + Math.ceil((from - origin) / spacing) * spacing; t < to; t += spacing) {
    const col = Math.floor((t - from) / perColumn);
    const label = tickLabel(t, daily);
    if (col < free || col + label.length > n) continue;
    for (let i = 0; i < label.length; i += 1) cells[col + i] = label[i] ?? ' ';
    free = col + label.length + 2;
  }
  return (margin + cells.join('')).trimEnd();
}
