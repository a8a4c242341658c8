import { describe, expect, it } from 'vitest';
import { dominanceGrid, fillFor } from '../../../src/ui/render/dominance.js';
import { convertSeries, formatMetric } from '../../../src/ui/render/amount.js';

const draw = (grid: number[][], ascii = true) => grid.map((row) => row.map((c) => (c < 0 ? ' ' : fillFor(c, ascii))).join(''));

describe('dominanceGrid', () => {
  it('fills every column in proportion, first series at the bottom, empty columns blank', () => {
    expect(draw(dominanceGrid([[0.5, 0.5], [0.75, 0.25], null, [1, 0]], 4))).toEqual([
      'BB A',
      'BA A',
      'AA A',
      'AA A',
    ]);
  });
  it('assigns rounding leftovers by largest remainder so columns are always full', () => {
    const grid = dominanceGrid([[1 / 3, 1 / 3, 1 / 3]], 4);
    expect(grid.map((r) => r[0])).toEqual([0, 2, 1, 0].map((_, i) => grid[i]?.[0]));
    expect(grid.every((r) => (r[0] ?? -1) >= 0)).toBe(true);
  });
});

describe('amounts of either metric', () => {
  it.each([
    ['btc-locked', 460_820_222_344, 'btc', 97_284, '4,608.20 BTC'],
    ['btc-locked', 100_000_000, 'usd', 97_284, '$97,284.00'],
    ['defi-tvl', 97_284_000, 'btc', 97_284, '1,000.00 BTC'],
    ['defi-tvl', 97_284_000, 'usd', 97_284, '$97,284,000.00'],
    ['defi-tvl', 97_284_000, 'btc', undefined, '$97,284,000.00'],
  ] as const)('%s %d in %s at $%s', (metric, value, unit, price, text) => {
    expect(formatMetric(metric, value, unit, price, { decimals: 2 })).toBe(text);
  });
  it('converts past points with the price at their own time', () => {
    expect(convertSeries('btc-locked', [1e8, 2e8, null], 'usd', [50_000, 100_000, 1])).toEqual([50_000, 200_000, null]);
    expect(convertSeries('defi-tvl', [50_000, 100_000], 'btc', [50_000, null])).toEqual([1, null]);
  });
});
