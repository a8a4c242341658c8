// BTC/USD from DefiLlama's coins API (coins.llama.fi), keyless.
import type { SourceDef } from '../source.js';
import { CoinsPrice, LLAMA_BITCOIN } from './schema.js';

/** BTC/USD: `coins["coingecko:bitcoin"].price` of `/prices/current/coingecko:bitcoin`, stamped with `timestamp`. */
export const defillamaCoinsPrice: SourceDef = {
  id: 'defillama-coins-price',
  provider: 'defillama-coins',
  role: 'price',
  networks: [],
  label: 'DefiLlama coins BTC/USD',
  path: `/prices/current/${LLAMA_BITCOIN}`,
  polls: true,
  // DefiLlama's coin price timestamp moves every few minutes.
  maxAgeMs: 30 * 60_000,
  async fetch({ http, baseUrl, signal }) {
    return [await http.getJson(`${baseUrl}/prices/current/${LLAMA_BITCOIN}`, CoinsPrice, { signal })];
  },
};
