import { describe, expect, it } from 'vitest';
import { shareColumns } from '../../../src/ui/render/share-columns.js';

const _ = null;

describe('shareColumns', () => {
  it('is blank until every network of the set has data, so no line jumps where one starts', () => {
    const out = shareColumns([
      { name: 'A', values: [6, 6, 6, 6, 6, 6, 6, 6] },
      { name: 'B', values: [_, 2, 2, 2, 2, 2, 2, 2] },
    ], 8, 5);
    expect(out.names).toEqual(['A', 'B']);
    expect(out.leftOut).toEqual([]);
    expect(out.shares[0]).toBeNull();
    expect(out.shares.slice(1)).toEqual(new Array(7).fill([0.75, 0.25]));
  });
  it('leaves out (and names) a network whose history starts late in the range, keeping the others over the whole range', () => {
    const out = shareColumns([
      { name: 'A', values: [3, 3, 3, 3, 3, 3, 3, 3] },
      { name: 'New', values: [_, _, _, _, _, _, _, 9] },
      { name: 'B', values: [1, 1, 1, 1, 1, 1, 1, 1] },
    ], 8, 5);
    expect(out.names).toEqual(['A', 'B']);
    expect(out.leftOut).toEqual(['New']);
    expect(out.shares).toEqual(new Array(8).fill([0.75, 0.25]));
  });
  it('measures "late" from where any data starts (a fresh start charts everyone)', () => {
    const out = shareColumns([
      { name: 'A', values: [_, _, _, _, _, _, 1, 1] },
      { name: 'B', values: [_, _, _, _, _, _, _, 1] },
    ], 8, 5);
    expect(out.leftOut).toEqual([]);
    expect(out.shares).toEqual([_, _, _, _, _, _, _, [0.5, 0.5]]);
  });
  it('leaves a gap in one network blank for all, and sums the rest beyond `top` as others', () => {
    const out = shareColumns([
      { name: 'A', values: [4, 4, 4] },
      { name: 'B', values: [2, _, 2] },
      { name: 'C', values: [1, 1, 1] },
      { name: 'D', values: [1, 1, 1] },
    ], 3, 2);
    expect(out.names).toEqual(['A', 'B', '2 others']);
    expect(out.shares).toEqual([[0.5, 0.25, 0.25], _, [0.5, 0.25, 0.25]]);
  });
  it('draws nothing without data', () => {
    expect(shareColumns([{ name: 'A', values: [_, _] }], 2, 5)).toEqual({ names: [], shares: [_, _], leftOut: [] });
  });
});

describe('shareColumns naming', () => {
  it('draws a single network beyond `top` by name rather than as "1 others"', () => {
    const out = shareColumns([{ name: 'A', values: [2] }, { name: 'B', values: [1] }, { name: 'C', values: [1] }], 1, 2);
    expect(out.names).toEqual(['A', 'B', 'C']);
    expect(out.shares).toEqual([[0.5, 0.25, 0.25]]);
  });
});
