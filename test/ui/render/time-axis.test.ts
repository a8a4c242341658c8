import { describe, expect, it } from 'vitest';
import { tickLabel, timeAxis } from '../../../src/ui/render/time-axis.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T = Date.UTC(2026, 10, 21, 10, 30); // Sat Nov 21 2026 10:30 UTC

describe('timeAxis', () => {
  it('24h: hours at round UTC times, each label at its column', () => {
    const axis = timeAxis(T - DAY, T, 48, 10);
    expect(axis).toBe('      UTC    12:00   16:00   20:00   00:00   04:00   08:00');
    // Column of 12:00 is (1.5 h of 24 h) x 48 = 3, plus the 10-column margin.
    expect(axis.indexOf('12:00')).toBe(10 + 3);
  });
  it('7d: dates at midnight UTC', () => {
    const axis = timeAxis(T - 7 * DAY, T, 70, 10);
    expect(axis).toBe('      UTC      Nov 15    Nov 16    Nov 17    Nov 18    Nov 19    Nov 20');
    // Nov 15 00:00 is 13.5 h after the start, 2.4 h per column: column 5.
    expect(axis.indexOf('Nov 15')).toBe(10 + 5);
  });
  it('90d at 70 columns: two-week ticks on Mondays', () => {
    const axis = timeAxis(T - 90 * DAY, T, 70, 10);
    expect(axis).toBe('      UTC      Aug 31     Sep 14     Sep 28     Oct 12     Oct 26     Nov 9');
    expect(new Date(Date.UTC(2026, 7, 31)).getUTCDay()).toBe(1);
  });
  it('30d, narrow: fewer ticks, never overlapping, within the width', () => {
    const axis = timeAxis(T - 30 * DAY, T, 30, 2);
    expect(axis).toBe('     Oct 26        Nov 9');
    expect(axis.length).toBeLessThanOrEqual(32);
  });
  it('no columns: only the margin', () => {
    expect(timeAxis(T - DAY, T, 0, 10)).toBe('      UTC');
  });
  it('labels', () => {
    expect(tickLabel(Date.UTC(2026, 0, 5, 7), false)).toBe('07:00');
    expect(tickLabel(Date.UTC(2026, 0, 5, 7), true)).toBe('Jan 5');
  });
});
