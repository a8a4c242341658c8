// Lightning public-graph capacity from mempool.space: live value and daily history.
import type { SourceDef } from '../source.js';
import { LightningHistory, LightningLatest } from './schema.js';

const DAY = 86_400_000;

/**
 * mempool's history intervals with the shortest span each is sure to cover
 * (SQL `NOW() - INTERVAL n MONTH|YEAR`, so months count as their shortest run).
 */
const INTERVALS: readonly (readonly [string, number])[] = [
  ['24h', DAY],
  ['3d', 3 * DAY],
  ['1w', 7 * DAY],
  ['1m', 28 * DAY],
  ['3m', 89 * DAY],
  ['6m', 181 * DAY],
  ['1y', 365 * DAY],
  ['2y', 730 * DAY],
  ['3y', 1095 * DAY],
  ['4y', 1460 * DAY],
];

/** The smallest mempool interval covering `spanMs`, or "all" (no WHERE clause upstream). */
export function lightningInterval(spanMs: number): string {
  return INTERVALS.find(([, length]) => spanMs <= length)?.[0] ?? 'all';
}

/** Lightning: `latest.total_capacity` (sats) plus channel/node counts; history from the interval endpoint. */
export const mempoolLightning: SourceDef = {
  id: 'mempool-lightning',
  provider: 'mempool',
  role: 'btc-locked',
  networks: ['lightning'],
  label: 'mempool.space Lightning stats',
  path: '/api/v1/lightning/statistics/latest',
  polls: true,
  // Today's row is rewritten every 10 minutes; yesterday's may still be the newest for a few minutes after midnight.
  maxAgeMs: 60 * 60_000,
  async fetch({ http, baseUrl, signal }) {
    return [await http.getJson(`${baseUrl}/api/v1/lightning/statistics/latest`, LightningLatest, { signal })];
  },
  async history({ http, baseUrl, signal, since, now }) {
    const url = `${baseUrl}/api/v1/lightning/statistics/${lightningInterval(now - since)}`;
    const readings = await http.getJson(url, LightningHistory, { signal, maxBytes: 8 * 1024 * 1024 });
    return readings
      .map((r) => ({ ...r, observedAt: Math.min(r.observedAt ?? now, now) }))
      .filter((r) => r.observedAt >= since)
      .sort((a, b) => a.observedAt - b.observedAt);
  },
};
