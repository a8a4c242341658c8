// Daily history of every tracked L2 from Bitcoin Layers' public API (api.btc-locked.com).
import type { SourceDef } from '../source.js';
import { HistoricalSupplies } from './schema.js';
import { LAYERS_NETWORKS } from './slugs.js';

/** `since` as the UTC calendar date PostgREST compares `date` with. */
function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** History-only backfill for every network in LAYERS_SLUGS; each reading carries its own network. */
export const bitcoinlayersHistory: SourceDef = {
  id: 'bitcoinlayers-history',
  provider: 'bitcoinlayers',
  role: 'btc-locked',
  networks: LAYERS_NETWORKS,
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
