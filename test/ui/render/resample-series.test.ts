// resampleSeries: a Series' block summary stands in for the points in columns of two whole blocks or more; the
// last column and every sparser column are read from the points, exactly as resample reads them.
import { describe, expect, it } from 'vitest';
import { append, EMPTY_SERIES, fromPoints, pointsOf, prune, type Series } from '../../../src/model/series.js';
import { resample, resampleSeries } from '../../../src/ui/render/resample.js';

const STEP = 300_000;
const BLOCK = 32;

/** n evenly spaced points from t0, value f(i) (NaN where f gives NaN). */
function series(n: number, f: (i: number) => number, t0 = 0): Series {
  let s = EMPTY_SERIES;
  for (let i = 0; i < n; i += 1) s = append(s, t0 + i * STEP, f(i));
  return s;
}

/**
 * What a column of the summary must show: the last finite value of the last whole block ending in [from, end).
 * Blocks are counted from the first chunk's first slot, so after pruning the first one starts before point 0.
 */
function lastWholeBlockValue(s: Series, from: number, end: number): number | null {
  const p = pointsOf(s);
  let value: number | null = null;
  for (let last = BLOCK - 1 - (s.start % BLOCK); last < s.length; last += BLOCK) {
    if (p.time(last) >= end) break;
    if (p.time(last) < from) continue;
    for (let i = last; i > last - BLOCK && i >= 0; i -= 1) {
      if (Number.isFinite(p.value(i))) {
        value = p.value(i);
        break;
      }
    }
  }
  return value;
}

describe('resampleSeries', () => {
  it('is resample itself when the columns hold fewer than two blocks on average', () => {
    const s = series(2_000, (i) => 1_000 + Math.sin(i / 40) * 100);
    const to = 2_000 * STEP;
    for (const cols of [40, 62, 100]) expect(resampleSeries(s, 0, to, cols)).toEqual(resample(pointsOf(s), 0, to, cols));
  });

  it('is resample itself over a short range of a long series (24 h of a 90-day window)', () => {
    const n = 25_920;
    const s = series(n, (i) => 1e6 + (i % 300));
    const to = n * STEP;
    expect(resampleSeries(s, to - 288 * STEP, to, 44)).toEqual(resample(pointsOf(s), to - 288 * STEP, to, 44));
  });

  it('reads each dense column from the last whole block in it, and the last column from the points', () => {
    const n = 25_920;
    const s = series(n, (i) => (i % 997 === 0 ? Number.NaN : 1e6 + i));
    const from = 0;
    const to = n * STEP;
    const cols = 44;
    const got = resampleSeries(s, from, to, cols);
    const exact = resample(pointsOf(s), from, to, cols);
    expect(got).toHaveLength(cols);
    expect(got[cols - 1]).toBe(exact[cols - 1]);
    for (let j = 0; j < cols - 1; j += 1) {
      const start = from + ((to - from) * j) / cols;
      const end = from + ((to - from) * (j + 1)) / cols;
      expect([j, got[j]]).toEqual([j, lastWholeBlockValue(s, start, end)]);
      // Never more than a block behind the exact value (values rise by 1 a point here).
      expect((exact[j] as number) - (got[j] as number)).toBeLessThan(BLOCK);
    }
  });

  it('leaves a column blank when the last block ending in it is all gap markers, as the points would', () => {
    // 10 columns of 320 points; in column 3 the last 64 points are gap markers (a 5-hour outage).
    const s = series(3_200, (i) => (i >= 3 * 320 + 256 && i < 4 * 320 ? Number.NaN : 1_000 + i));
    const to = 3_200 * STEP;
    const got = resampleSeries(s, 0, to, 10);
    expect(got[3]).toBeNull();
    expect(resample(pointsOf(s), 0, to, 10)[3]).toBeNull();
    expect(got.filter((v) => v === null)).toHaveLength(1);
  });

  it('falls back to the points where a stretch holds fewer than two block ends (l2top was off for days)', () => {
    // 10 days of points, 5 days without any, 10 days more.
    const day = 288;
    let s = EMPTY_SERIES;
    for (let i = 0; i < 10 * day; i += 1) s = append(s, i * STEP, 100 + i);
    for (let i = 15 * day; i < 25 * day; i += 1) s = append(s, i * STEP, 100 + i);
    const to = 25 * day * STEP;
    const cols = 50;
    const got = resampleSeries(s, 0, to, cols);
    const exact = resample(pointsOf(s), 0, to, cols);
    // The columns of the empty stretch hold the last value before it, as resample does.
    for (let j = 21; j < 29; j += 1) expect([j, got[j]]).toEqual([j, exact[j]]);
    expect(got[cols - 1]).toBe(exact[cols - 1]);
  });

  it('keeps agreeing with the points after pruning, whatever the cut', () => {
    const full = series(6_000, (i) => 10 + (i % 50));
    for (const cut of [1, 31, 32, 33, 512, 1_000, 4_321]) {
      const s = prune(full, cut * STEP, Number.POSITIVE_INFINITY);
      const from = cut * STEP;
      const to = 6_000 * STEP;
      const got = resampleSeries(s, from, to, 20);
      for (let j = 0; j < 19; j += 1) {
        const end = from + ((to - from) * (j + 1)) / 20;
        expect([cut, j, got[j]]).toEqual([cut, j, lastWholeBlockValue(s, from + ((to - from) * j) / 20, end)]);
      }
    }
  });

  it('draws the same summary from fromPoints as from appends', () => {
    const pts: [number, number][] = Array.from({ length: 3_000 }, (_, i) => [i * STEP, i % 7 === 0 ? Number.NaN : i]);
    let appended = EMPTY_SERIES;
    for (const [t, v] of pts) appended = append(appended, t, v);
    expect(resampleSeries(fromPoints(pts), 0, 3_000 * STEP, 30)).toEqual(resampleSeries(appended, 0, 3_000 * STEP, 30));
  });
});
