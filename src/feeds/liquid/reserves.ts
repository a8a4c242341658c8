// Liquid federation reserves (BTC actually held on Bitcoin) from liquid.network, for the detail view.
import type { SourceDef } from '../source.js';
import { Reserves } from './schema.js';

/** Liquid detail: `federationReservesSats` from `/api/v1/liquid/reserves` (sats string). */
export const liquidReserves: SourceDef = {
  id: 'liquid-reserves',
  provider: 'liquid',
  role: 'detail',
  networks: ['liquid'],
  label: 'liquid.network federation reserves',
  path: '/api/v1/liquid/reserves',
  polls: true,
  async fetch({ http, baseUrl, signal }) {
    return [await http.getJson(`${baseUrl}/api/v1/liquid/reserves`, Reserves, { signal })];
  },
};
