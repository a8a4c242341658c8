// Table tests for resample: buckets, holds, gaps, leading nulls, density independence and cost.
import { describe, expect, it } from 'vitest';
import { pointsFromArrays } from '../../../src/ui/render/points-view.js';
import type { PointsView } from '../../../src/ui/render/points-view.js';
import { lowerBound, resample } from '../../../src/ui/render/resample.js';

const N = Number.NaN;
/** Points from [time, value] pairs. */
const pts = (pairs: [number, number][]): PointsView =>
  pointsFromArrays(
    pairs.map(([t]) => t),
    pairs.map(([, v]) => v),
  );

describe('lowerBound', () => {
  const p = pts([
    [10, 1],
    [20, 2],
    [20, 3],
    [30, 4],
  ]);
  it.each<[number, number, number]>([
    [5, 0, 0],
    [10, 0, 0],
    [15, 0, 1],
    [20, 0, 1],
    [25, 0, 3],
    [30, 0, 3],
    [35, 0, 4],
    [5, 2, 2],
    [35, 4, 4],
  ])('t=%d from lo=%d -> %d', (t, lo, out) => {
    expect(lowerBound(p, t, lo)).toBe(out);
  });
  it('is 0 on an empty series', () => {
    expect(lowerBound(pts([]), 1)).toBe(0);
  });
  it('agrees with a linear scan on uneven series with repeated times, for every t and start', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 40; round += 1) {
      const times: number[] = [];
      let t = 0;
      for (let i = 0; i < 1 + Math.floor(next() * 60); i += 1) times.push((t += next() < 0.2 ? 0 : Math.floor(next() * (next() < 0.1 ? 500 : 10))));
      const p = pointsFromArrays(times, times.map(() => 1));
      for (let q = -5; q <= t + 5; q += 1) {
        for (const lo of [0, 1, Math.floor(times.length / 2), times.length]) {
          let expected = lo;
          while (expected < times.length && (times[expected] ?? 0) < q) expected += 1;
          expect(lowerBound(p, q, lo)).toBe(expected);
        }
      }
    }
  });
});

describe('resample over [0, 100) in 10 buckets', () => {
  const dense = pts(Array.from({ length: 100 }, (_, t): [number, number] => [t, t]));
  it.each<[string, PointsView, (number | null)[]]>([
    ['dense: last sample per bucket', dense, [9, 19, 29, 39, 49, 59, 69, 79, 89, 99]],
    ['sparse points are held', pts([[5, 1], [45, 2]]), [1, 1, 1, 1, 2, 2, 2, 2, 2, 2]],
    ['leading buckets before the series are null', pts([[35, 7], [55, 8]]), [null, null, null, 7, 7, 8, 8, 8, 8, 8]],
    ['a NaN marker gaps until the next sample', pts([[5, 1], [25, N], [65, 3]]), [1, 1, null, null, null, null, 3, 3, 3, 3]],
    ['last finite sample past a trailing NaN, then the NaN gaps', pts([[1, 1], [2, 2], [3, N]]), [2, null, null, null, null, null, null, null, null, null]],
    ['a sample before the window is held', pts([[-50, 9]]), [9, 9, 9, 9, 9, 9, 9, 9, 9, 9]],
    ['a NaN before the window is a gap', pts([[-50, 9], [-10, N], [15, 4]]), [null, 4, 4, 4, 4, 4, 4, 4, 4, 4]],
    ['samples at or after `to` are ignored', pts([[100, 1], [150, 2]]), new Array(10).fill(null)],
    ['empty series', pts([]), new Array(10).fill(null)],
    ['sample on a bucket boundary belongs to the later bucket', pts([[10, 1], [20, 2]]), [null, 1, 2, 2, 2, 2, 2, 2, 2, 2]],
  ])('%s', (_name, points, out) => {
    expect(resample(points, 0, 100, 10)).toEqual(out);
  });
});

describe('resample look-back past NaN markers', () => {
  const run = (nans: number): (number | null)[] =>
    resample(pts([[0, 5], ...Array.from({ length: nans }, (_, i): [number, number] => [i + 1, N])]), 0, 20, 1);
  it.each<[number, (number | null)[]]>([
    [0, [5]],
    [7, [5]],
    [8, [null]],
    [20, [null]],
  ])('1 finite sample then %d NaN markers -> %j', (nans, out) => {
    expect(run(nans)).toEqual(out);
  });
});

describe('resample edge arguments', () => {
  const p = pts([[5, 1]]);
  it.each<[number, number, number, (number | null)[]]>([
    [0, 100, 0, []],
    [0, 100, -3, []],
    [0, 100, 2.7, [1, 1]],
    [100, 100, 2, [null, null]],
    [100, 0, 2, [null, null]],
    [0, Number.NaN, 2, [null, null]],
  ])('from=%d to=%d columns=%d -> %j', (from, to, columns, out) => {
    expect(resample(p, from, to, columns)).toEqual(out);
  });
});

/** A step shape over [0, 1e6): one level per 50 000 ms, with bucket 7 a run of NaN markers. */
const SHAPE = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4];
function shaped(n: number): { view: PointsView; timeCalls: () => number; valueCalls: () => number } {
  const t = Array.from({ length: n }, (_, i) => (i * 1e6) / n);
  const v = t.map((x) => {
    const b = Math.floor(x / 50_000);
    return b === 7 ? N : (SHAPE[b] ?? N);
  });
  const base = pointsFromArrays(t, v);
  let tc = 0;
  let vc = 0;
  const view: PointsView = {
    length: n,
    time: (i) => (tc++, base.time(i)),
    value: (i) => (vc++, base.value(i)),
  };
  return { view, timeCalls: () => tc, valueCalls: () => vc };
}

describe('resample density independence and cost', () => {
  const expected = SHAPE.map((s, i) => (i === 7 ? null : s));

  it('gives the same columns for 26k points and for 100 points of the same shape', () => {
    expect(resample(shaped(26_000).view, 0, 1e6, 20)).toEqual(expected);
    expect(resample(shaped(100).view, 0, 1e6, 20)).toEqual(expected);
  });

  it('reads a few samples per column on evenly spaced points, however many there are', () => {
    const s = shaped(26_000);
    resample(s.view, 0, 1e6, 200);
    expect(s.timeCalls()).toBeLessThanOrEqual(200 * 8);
  });

  it('reads O(columns x log n) samples, not the whole window', () => {
    const s = shaped(26_000);
    const columns = 200;
    expect(resample(s.view, 0, 1e6, columns)).toHaveLength(columns);
    const log2n = Math.ceil(Math.log2(26_000 + 1));
    expect(s.timeCalls()).toBeLessThanOrEqual((columns + 1) * log2n);
    expect(s.valueCalls()).toBeLessThanOrEqual(columns * 8);
  });
});
