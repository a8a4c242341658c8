// Liquid L-BTC supply from Esplora (blockstream.info/liquid), the documented alternative to liquid.network.
import type { SourceDef } from '../source.js';
import { AssetSupply } from './schema.js';

/** The L-BTC asset id (Liquid mainnet's native asset). */
export const LBTC_ASSET_ID = '6f0279e9ed041c3d710a9f57d0c02928416460c4b722ae3457a11eec381c526d';
const PATH = `/api/asset/${LBTC_ASSET_ID}/supply`;

/** Liquid: L-BTC in circulation, text/plain sats from `/api/asset/<L-BTC>/supply`. */
export const esploraLiquidSupply: SourceDef = {
  id: 'esplora-liquid-supply',
  provider: 'esplora-liquid',
  role: 'btc-locked',
  networks: ['liquid'],
  label: 'Esplora L-BTC supply',
  path: PATH,
  polls: true,
  async fetch({ http, baseUrl, signal }) {
    return [await http.getText(`${baseUrl}${PATH}`, AssetSupply, { signal })];
  },
};
