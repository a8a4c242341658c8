// BTC/USD from CoinGecko's public simple-price endpoint (keyless, IP-rate-limited).
import type { SourceDef } from '../source.js';
import { SimplePrice } from './schema.js';

const QUERY = '?ids=bitcoin&vs_currencies=usd&include_last_updated_at=true';

/** BTC/USD: `bitcoin.usd` of `/api/v3/simple/price`, stamped with `last_updated_at`. */
export const coingeckoPrice: SourceDef = {
  id: 'coingecko-price',
  provider: 'coingecko',
  role: 'price',
  networks: [],
  label: 'CoinGecko BTC/USD',
  path: '/api/v3/simple/price',
  polls: true,
  // CoinGecko's last_updated_at moves every minute or two.
  maxAgeMs: 15 * 60_000,
  async fetch({ http, baseUrl, signal }) {
    return [await http.getJson(`${baseUrl}/api/v3/simple/price${QUERY}`, SimplePrice, { signal })];
  },
};
