// BTC/USD from mempool.space's price endpoint.
import type { SourceDef } from '../source.js';
import { Prices } from './schema.js';

/** BTC/USD: `USD` of `/api/v1/prices` (integer median of exchange feeds), stamped with its `time`. */
export const mempoolPrice: SourceDef = {
  id: 'mempool-price',
  provider: 'mempool',
  network: 'price',
  label: 'mempool.space BTC/USD',
  path: '/api/v1/prices',
  polls: true,
  async fetch({ http, baseUrl, signal }) {
    return [await http.getJson(`${baseUrl}/api/v1/prices`, Prices, { signal })];
  },
};
