// Table tests for shareBar: exact strings and exact widths.
import { describe, expect, it } from 'vitest';
import { shareBar } from '../../../src/ui/render/bar.js';

describe('shareBar', () => {
  it.each<[number, number, boolean, string]>([
    [0.5, 10, false, '█████     '],
    [0, 10, false, '          '],
    [1, 10, false, '██████████'],
    [1.5, 4, false, '████'],
    [-0.2, 4, false, '    '],
    [Number.NaN, 4, false, '    '],
    [0.55, 10, false, '█████▌    '],
    [0.01, 10, false, '▏         '],
    [0.123, 5, false, '▋    '],
    [0.3333, 3, false, '█  '],
    [0.7, 1, false, '▊'],
    [0.65, 1, false, '▋'],
    [0.9, 1, false, '▉'],
    [0.5, 0, false, ''],
    [0.5, -3, false, ''],
    [0.5, 10, true, '#####     '],
    [0.55, 10, true, '######    '],
    [0.04, 10, true, '          '],
    [1, 3, true, '###'],
    [Number.NaN, 3, true, '   '],
  ])('%d at width %d ascii=%s -> "%s"', (f, w, ascii, out) => {
    expect(shareBar(f, w, { ascii })).toBe(out);
  });

  it('is always exactly width code points', () => {
    for (let w = 0; w <= 40; w++) {
      for (let k = -2; k <= 102; k++) {
        for (const ascii of [false, true]) {
          expect(Array.from(shareBar(k / 100, w, { ascii }))).toHaveLength(w);
        }
      }
    }
  });
});
