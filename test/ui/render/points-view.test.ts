// Tests for pointsFromArrays: indexing, gaps and mismatched input.
import { describe, expect, it } from 'vitest';
import { pointsFromArrays } from '../../../src/ui/render/points-view.js';

describe('pointsFromArrays', () => {
  it('reads times and values by index, NaN out of range', () => {
    const p = pointsFromArrays([10, 20], [1, Number.NaN]);
    expect([p.length, p.time(0), p.time(1), p.value(0)]).toEqual([2, 10, 20, 1]);
    expect(p.value(1)).toBeNaN();
    expect(p.time(2)).toBeNaN();
    expect(p.value(-1)).toBeNaN();
  });

  it('rejects arrays of different lengths', () => {
    expect(() => pointsFromArrays([1, 2], [1])).toThrow(RangeError);
  });
});
