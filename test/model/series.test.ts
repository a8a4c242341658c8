import { describe, expect, it } from 'vitest';
import {
  append, EMPTY_SERIES, fromPoints, lastFiniteAtOrBefore, lowerBound, prependHistory, prune, timeAt, toPoints, valueAt,
} from '../../src/model/series.js';

function build(n: number) {
  let s = EMPTY_SERIES;
  for (let i = 0; i < n; i += 1) s = append(s, i * 10, i);
  return s;
}

describe('series', () => {
  it('appends across chunk boundaries and reads back by index', () => {
    const s = build(1500);
    expect(s.length).toBe(1500);
    expect(s.chunks.length).toBe(3);
    for (const i of [0, 511, 512, 1023, 1024, 1499]) {
      expect(timeAt(s, i)).toBe(i * 10);
      expect(valueAt(s, i)).toBe(i);
    }
  });

  it('does not mutate the previous version on append', () => {
    const a = build(3);
    const b = append(a, 100, 99);
    expect(a.length).toBe(3);
    expect(toPoints(a)).toEqual([[0, 0], [10, 1], [20, 2]]);
    expect(b.length).toBe(4);
  });

  it('ignores points that go back in time', () => {
    const s = append(build(3), 5, 7);
    expect(s.length).toBe(3);
  });

  it('prunes by cutoff and by count, keeping indices right', () => {
    const s = build(1500);
    const byTime = prune(s, 6000, 10_000);
    expect(byTime.length).toBe(900);
    expect(timeAt(byTime, 0)).toBe(6000);
    expect(valueAt(byTime, 899)).toBe(1499);
    expect(byTime.chunks.length).toBe(2);
    const byCount = prune(s, 0, 100);
    expect(byCount.length).toBe(100);
    expect(valueAt(byCount, 0)).toBe(1400);
    expect(prune(s, 1e9, 100)).toBe(EMPTY_SERIES);
    expect(prune(s, 0, 1e9)).toBe(s);
  });

  it('keeps memory bounded: appending past the cap and pruning keeps the chunk count flat', () => {
    let s = EMPTY_SERIES;
    let maxChunks = 0;
    for (let i = 0; i < 20_000; i += 1) {
      s = prune(append(s, i, i), i - 2000, 1_000_000);
      maxChunks = Math.max(maxChunks, s.chunks.length);
    }
    expect(s.length).toBe(2001);
    expect(maxChunks).toBeLessThanOrEqual(6);
  });

  it('finds bounds and the last finite point, skipping gap markers', () => {
    const s = fromPoints([[0, 1], [10, 2], [20, Number.NaN], [30, Number.NaN], [40, 5]]);
    expect(lowerBound(s, 25)).toBe(3);
    expect(lastFiniteAtOrBefore(s, 35)).toEqual({ t: 10, v: 2 });
    expect(lastFiniteAtOrBefore(s, 40)).toEqual({ t: 40, v: 5 });
    expect(lastFiniteAtOrBefore(s, -1)).toBeUndefined();
  });

  it('prepends history older than the first live point, sorted; live points win', () => {
    const live = fromPoints([[100, 7], [110, 8]]);
    const merged = prependHistory(live, [[90, 3], [50, 1], [100, 99], [120, 42]]);
    expect(toPoints(merged)).toEqual([[50, 1], [90, 3], [100, 7], [110, 8]]);
    expect(toPoints(prependHistory(EMPTY_SERIES, [[2, 1], [1, 0]]))).toEqual([[1, 0], [2, 1]]);
  });
});
