// A read-only, index-addressed view of one time series, so renderers never copy the window.

/**
 * A time series sorted by time ascending. `value(i)` is NaN at a recorded gap (a poll that failed
 * at `time(i)`). Out-of-range indexes give NaN for both.
 */
export interface PointsView {
  readonly length: number;
  /** Time of sample `i` in ms; non-decreasing in `i`. */
  time(i: number): number;
  /** Value of sample `i`; NaN marks a gap. */
  value(i: number): number;
}

/**
 * Wraps two parallel arrays (times ascending, values with NaN for gaps) as a PointsView.
 * The arrays are not copied. Throws a RangeError when their lengths differ.
 */
export function pointsFromArrays(t: readonly number[], v: readonly number[]): PointsView {
  if (t.length !== v.length) {
    throw new RangeError(`pointsFromArrays: ${t.length} times but ${v.length} values`);
  }
  return {
    length: t.length,
    time: (i) => t[i] ?? Number.NaN,
    value: (i) => v[i] ?? Number.NaN,
  };
}
