// BTC/USD from mempool.space: the latest price and the full price history.
import type { SourceDef } from '../source.js';
import { HistoricalPrices, Prices } from './schema.js';

/**
 * BTC/USD: `USD` of `/api/v1/prices` (integer median of exchange feeds), stamped with its `time`.
 * History: `/api/v1/historical-price?currency=USD`, the whole series in one body (hence the 16 MiB cap).
 */
export const mempoolPrice: SourceDef = {
  id: 'mempool-price',
  provider: 'mempool',
  role: 'price',
  networks: [],
  label: 'mempool.space BTC/USD',
  path: '/api/v1/prices',
  polls: true,
  // mempool.space refreshes prices every 5 minutes (PRICE_UPDATES_PER_HOUR 12 in production).
  maxAgeMs: 15 * 60_000,
  async fetch({ http, baseUrl, signal }) {
    return [await http.getJson(`${baseUrl}/api/v1/prices`, Prices, { signal })];
  },
  async history({ http, baseUrl, signal, since }) {
    const url = `${baseUrl}/api/v1/historical-price?currency=USD`;
    const readings = await http.getJson(url, HistoricalPrices, { signal, maxBytes: 16 * 1024 * 1024 });
    return readings
      .filter((r) => (r.observedAt ?? 0) >= since)
      .sort((a, b) => (a.observedAt ?? 0) - (b.observedAt ?? 0));
  },
};
