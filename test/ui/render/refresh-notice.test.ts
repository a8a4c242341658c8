import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatClock } from '../../../src/ui/render/format.js';
import { refreshNotice } from '../../../src/ui/render/refresh-notice.js';

const NOW = Date.parse('2026-03-02T10:00:00Z');
let tz: string | undefined;
beforeAll(() => {
  tz = process.env.TZ;
  process.env.TZ = 'UTC';
});
afterAll(() => {
  if (tz === undefined) delete process.env.TZ;
  else process.env.TZ = tz;
});

describe('formatClock', () => {
  it.each([
    [NOW + 31 * 60_000, '10:31'],
    [NOW + 31 * 60_000 + 1, '10:32'], // rounded up: never a time before the end of the wait
    [NOW + 14 * 3_600_000 - 60_000, '23:59'],
    [NOW + 14 * 3_600_000, '2026-03-03 00:00'],
  ])('%s → %s', (at, text) => {
    expect(formatClock(at, NOW)).toBe(text);
  });
});

describe('refreshNotice', () => {
  const limited = [{ provider: 'mempool', until: NOW + 90_000 }];
  it.each([
    [{ started: 3, waiting: 0, rateLimited: [] }, 'refreshing 3 sources'],
    [{ started: 1, waiting: 2, rateLimited: [] }, 'refreshing 1 source; 2 waiting (polled moments ago or being polled)'],
    [{ started: 12, waiting: 4, rateLimited: limited }, 'refreshing 12 sources; 4 waiting (mempool rate-limited until 10:02; others polled moments ago)'],
    [{ started: 0, waiting: 5, rateLimited: [] }, 'refresh: every source was polled moments ago or is being polled; see 3 Sources for next tries'],
    [
      { started: 0, waiting: 5, rateLimited: [...limited, { provider: 'coingecko', until: NOW + 30_000 }] },
      'refresh: nothing sent; mempool rate-limited until 10:02, coingecko rate-limited until 10:01; the other sources were polled moments ago',
    ],
  ])('%o', (r, text) => {
    expect(refreshNotice(r, NOW)).toBe(text);
  });
});
