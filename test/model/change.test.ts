// The value a change is measured against: interpolated between daily points whenever a later one allows it.
import { describe, expect, it } from 'vitest';
import { changeOver, valueAtTime } from '../../src/model/change.js';
import { fromPoints } from '../../src/model/series.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const D = Date.UTC(2026, 10, 26);

describe('valueAtTime', () => {
  it('interpolates between daily points even when the earlier one is within the tolerance', () => {
    const s = fromPoints([[D - DAY, 1000], [D, 1100]]);
    // 02:30 after the earlier point: a tenth of the way (and a bit) to the next.
    expect(valueAtTime(s, D - DAY + 2.5 * HOUR, 6 * HOUR, 36 * HOUR)).toBeCloseTo(1000 + (100 * 2.5) / 24, 9);
    // A 24 h change at 02:30 UTC is measured over 24 h, not over 26.5 h.
    expect(changeOver(s, 1110, D + 2.5 * HOUR, DAY, 5 * 60_000)).toBeCloseTo(1110 / (1000 + (100 * 2.5) / 24) - 1, 9);
  });

  it('falls back to the point before within the tolerance when no later point is near enough, else undefined', () => {
    const s = fromPoints([[D - DAY, 1000], [D + 2 * DAY, 1300]]);
    expect(valueAtTime(s, D - DAY + 2 * HOUR, 6 * HOUR, 36 * HOUR)).toBe(1000);
    expect(valueAtTime(s, D - DAY + 8 * HOUR, 6 * HOUR, 36 * HOUR)).toBeUndefined();
    expect(valueAtTime(fromPoints([[D, 5]]), D, 0, 0)).toBe(5);
  });
});
