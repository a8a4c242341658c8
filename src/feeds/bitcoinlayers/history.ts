// Daily Rootstock and Stacks history from Bitcoin Layers' public API (api.btc-locked.com).
import type { SourceDef } from '../source.js';
import { HistoricalSupplies, SLUG_NETWORKS } from './schema.js';

/** The networks this history source serves. */
export const BITCOINLAYERS_NETWORKS: readonly string[] = Object.values(SLUG_NETWORKS);

/** `since` as the UTC calendar date PostgREST compares `date` with. */
function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * History-only backfill for Rootstock and Stacks (neither has a history endpoint of its own).
 * SourceMeta allows one network, so `network` is "rootstock", the first it serves; the readings
 * carry their own networks (see BITCOINLAYERS_NETWORKS).
 */
export const bitcoinlayersHistory: SourceDef = {
  id: 'bitcoinlayers-history',
  provider: 'bitcoinlayers',
  network: 'rootstock',
  label: 'Bitcoin Layers daily supplies',
  path: '/historical_supplies_by_network',
  polls: false,
  async history({ http, baseUrl, signal, since }) {
    const url = `${baseUrl}/historical_supplies_by_network?date=gte.${isoDay(since)}`;
    const readings = await http.getJson(url, HistoricalSupplies, { signal, maxBytes: 8 * 1024 * 1024 });
    return readings
      .filter((r) => (r.observedAt ?? 0) >= since)
      .sort((a, b) => (a.observedAt ?? 0) - (b.observedAt ?? 0));
  },
};
