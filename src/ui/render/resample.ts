// Resamples a long time series into one value per screen column in O(columns x log n), a few reads per column on evenly spaced points.
import { blocksOf, pointsOf, type Series } from '../../model/series.js';
import type { PointsView } from './points-view.js';

/** How many samples a bucket looks back past NaN gap markers for a finite value before giving up. */
const LOOKBACK = 8;

/**
 * First index whose time is >= `t`, or `points.length` if there is none. `lo` narrows the search when the
 * caller knows the answer is at or after it. The search starts where linear interpolation between `lo`
 * and the last point puts `t` and gallops out from there: on evenly spaced samples (polls) that is a few
 * reads whatever the length, so drawing 90 days of 5-minute points costs about what 100 points cost.
 */
export function lowerBound(points: PointsView, t: number, lo = 0): number {
  const n = points.length;
  if (lo >= n || !(points.time(lo) < t)) return lo;
  const last = points.time(n - 1);
  if (last < t) return n;
  // time(lo) < t <= time(n - 1): the answer lies in (lo, n - 1].
  const first = points.time(lo);
  const span = last - first;
  const guess = Math.min(n - 1, Math.max(lo + 1, lo + Math.floor(((t - first) / span) * (n - 1 - lo))));
  let a: number;
  let b: number;
  if (points.time(guess) < t) {
    // Gallop right until time(b) >= t; time(a) < t.
    a = guess;
    b = guess + 1;
    for (let step = 2; b < n - 1 && points.time(b) < t; step *= 2) {
      a = b;
      b = Math.min(n - 1, b + step);
    }
  } else {
    // Gallop left until time(a) < t; time(b) >= t.
    b = guess;
    a = guess - 1;
    for (let step = 2; a > lo && !(points.time(a) < t); step *= 2) {
      b = a;
      a = Math.max(lo, a - step);
    }
  }
  // Binary search in (a, b]: time(a) < t <= time(b).
  let l = a + 1;
  let h = b;
  while (l < h) {
    const mid = (l + h) >>> 1;
    if (points.time(mid) < t) l = mid + 1;
    else h = mid;
  }
  return l;
}

/**
 * Splits [from, to) into exactly `columns` equal buckets and gives each one value:
 * - samples in the bucket: the last finite one, looking back at most 8 samples past NaN markers, else null;
 * - no samples: the previous sample's value if it is finite (sparse data is held), null if it is
 *   a NaN gap marker or the bucket lies before the series starts.
 * Returns `[]` for columns < 1 and all nulls for an empty or invalid range.
 */
export function resample(points: PointsView, from: number, to: number, columns: number): (number | null)[] {
  const n = Math.max(0, Math.floor(columns));
  const out: (number | null)[] = new Array<number | null>(n).fill(null);
  if (n === 0 || !Number.isFinite(from) || !Number.isFinite(to) || to <= from) return out;
  const span = to - from;
  let lo = lowerBound(points, from);
  for (let j = 0; j < n; j++) {
    const end = j === n - 1 ? to : from + (span * (j + 1)) / n;
    const hi = lowerBound(points, end, lo);
    out[j] = columnValue(points, lo, hi);
    lo = hi;
  }
  return out;
}

/** A column's value from its samples [lo, hi): the last finite one, or the value held into it when it has none. */
function columnValue(points: PointsView, lo: number, hi: number): number | null {
  return hi > lo ? lastFinite(points, lo, hi) : held(points, lo);
}

/** The last finite value in [lo, hi), looking at no more than LOOKBACK samples. */
function lastFinite(points: PointsView, lo: number, hi: number): number | null {
  const stop = Math.max(lo, hi - LOOKBACK);
  for (let i = hi - 1; i >= stop; i--) {
    const v = points.value(i);
    if (Number.isFinite(v)) return v;
  }
  return null;
}

/** The value held into an empty bucket starting at index `lo`: the previous sample's, if finite. */
function held(points: PointsView, lo: number): number | null {
  if (lo === 0) return null;
  const v = points.value(lo - 1);
  return Number.isFinite(v) ? v : null;
}

/**
 * `resample` of a Series, reading its block summary (one point per 32: the block's last time and last finite value)
 * for every column in which two blocks or more end, and the points for the others and always for the last column,
 * so the latest value is exact. Such a column shows the last finite value of the last block ending in it, blank
 * when that whole block is gap markers: a value up to 31 points before the one the points give, and a gap at the
 * column's end shorter than a block is not shown. Over a 90-day window, a column read from the points costs a few
 * cache misses far apart; the summary is read in order.
 */
export function resampleSeries(s: Series, from: number, to: number, columns: number): (number | null)[] {
  const n = Math.max(0, Math.floor(columns));
  const points = pointsOf(s);
  if (s.blocks.length < 2 * n || !Number.isFinite(from) || !Number.isFinite(to) || to <= from) return resample(points, from, to, n);
  const blocks = blocksOf(s);
  let blo = lowerBound(blocks, from);
  // Fewer than two whole blocks a column on average in the range: the points are few enough to read.
  if (lowerBound(blocks, to, blo) - blo < 2 * n) return resample(points, from, to, n);
  const out: (number | null)[] = new Array<number | null>(n).fill(null);
  const span = to - from;
  let start = from;
  // The first point at or after `start`, when the column before was read from the points.
  let fine: number | undefined;
  for (let j = 0; j < n; j++) {
    const end = j === n - 1 ? to : from + (span * (j + 1)) / n;
    const bhi = lowerBound(blocks, end, blo);
    if (j < n - 1 && bhi - blo >= 2) {
      // The last whole block only: a block of gap markers leaves the column blank, as its points would.
      const v = blocks.value(bhi - 1);
      out[j] = Number.isFinite(v) ? v : null;
      fine = undefined;
    } else {
      const lo = fine ?? lowerBound(points, start);
      const hi = lowerBound(points, end, lo);
      out[j] = columnValue(points, lo, hi);
      fine = hi;
    }
    blo = bhi;
    start = end;
  }
  return out;
}
