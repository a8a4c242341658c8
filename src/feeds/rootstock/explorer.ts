// Rootstock RBTC circulating supply from the Rootstock block explorer's API (the bridge-balance fallback).
import type { SourceDef } from '../source.js';
import { Circulating } from './schema.js';

/** Rootstock: `circulatingSupply` of be.explorer.rootstock.io `/circulating` (21M minus the bridge balance). */
export const rootstockExplorer: SourceDef = {
  id: 'rootstock-explorer',
  provider: 'rootstock-explorer',
  role: 'btc-locked',
  networks: ['rootstock'],
  label: 'Rootstock explorer circulating RBTC',
  path: '/circulating',
  polls: true,
  async fetch({ http, baseUrl, signal }) {
    return [await http.getJson(`${baseUrl}/circulating`, Circulating, { signal })];
  },
};
