// Table tests for sparkline: levels, gaps and constant series in both glyph sets.
import { describe, expect, it } from 'vitest';
import { sparkline } from '../../../src/ui/render/sparkline.js';

describe('sparkline', () => {
  it.each<[(number | null)[], boolean, string]>([
    [[1, 2, 3, 4, 5, 6, 7, 8], false, '▁▂▃▄▅▆▇█'],
    [[0, 10], false, '▁█'],
    [[0, 5, 10], false, '▁▅█'],
    [[null, 1, null, 3], false, ' ▁ █'],
    [[5, 5, 5], false, '▄▄▄'],
    [[null, 5], false, ' ▄'],
    [[], false, ''],
    [[null, null], false, '  '],
    [[Number.NaN, 1, 2, Number.POSITIVE_INFINITY], false, ' ▁█ '],
    [[460820222344, 460830222344, 460825222344], false, '▁█▅'],
    [[0, 1, 2, 3, 4, 5], true, '_.-~*^'],
    [[7, 7], true, '--'],
    [[null, 0, 10, null], true, ' _^ '],
  ])('%j ascii=%s -> "%s"', (values, ascii, out) => {
    expect(sparkline(values, { ascii })).toBe(out);
  });

  it('emits one character per value', () => {
    const values = Array.from({ length: 50 }, (_, i) => (i % 7 === 0 ? null : Math.sin(i)));
    expect(Array.from(sparkline(values))).toHaveLength(50);
    expect(sparkline(values, { ascii: true })).toMatch(/^[ _.\-~*^]{50}$/);
  });
});
