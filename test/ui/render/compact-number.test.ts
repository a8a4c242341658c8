import { describe, expect, it } from 'vitest';
import { compactNumber } from '../../../src/ui/render/compact-number.js';

describe('compactNumber', () => {
  it.each([
    [4608.2, 0, '4.61K'], [0.5, 0, '0.50'], [12, 0, '12.0'], [460_820_222_344, 0, '461B'],
    [5192.3, 3, '5.192K'], [5192.3, 400, '5.2K'], [5192.3, 1000, '5K'], [5192.3, 30, '5.19K'],
    [460_820_222_344, 1e8, '460.8B'], [0.2345, 0.01, '0.23'], [17, 5, '17'],
  ])('compactNumber(%d, step %d) = %s', (v, step, out) => {
    expect(compactNumber(v, step)).toBe(out);
  });
  it('labels 0.003K apart stay distinct (they repeated as 5.19K before)', () => {
    const labels = [5193, 5190, 5187].map((v) => compactNumber(v, 3));
    expect(new Set(labels).size).toBe(3);
  });
});
