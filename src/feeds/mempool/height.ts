// Bitcoin's block height from mempool.space, for the circulating supply (and so the share of all BTC).
import type { SourceDef } from '../source.js';
import { TipHeight } from './schema.js';

/** Block height: text/plain integer of `/api/blocks/tip/height`. */
export const mempoolHeight: SourceDef = {
  id: 'mempool-height',
  provider: 'mempool',
  role: 'block-height',
  networks: [],
  label: 'mempool.space block height',
  path: '/api/blocks/tip/height',
  polls: true,
  async fetch({ http, baseUrl, signal }) {
    return [await http.getText(`${baseUrl}/api/blocks/tip/height`, TipHeight, { signal })];
  },
};
