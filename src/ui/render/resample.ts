// Resamples a long time series into one value per screen column in O(columns x log n).
import type { PointsView } from './points-view.js';

/** How many samples a bucket looks back past NaN gap markers for a finite value before giving up. */
const LOOKBACK = 8;

/**
 * First index whose time is >= `t` (binary search), or `points.length` if there is none.
 * `lo` narrows the search when the caller knows the answer is at or after it.
 */
export function lowerBound(points: PointsView, t: number, lo = 0): number {
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points.time(mid) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
    out[j] = hi > lo ? lastFinite(points, lo, hi) : held(points, lo);
    lo = hi;
  }
  return out;
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
