// Current BTC supply of every tracked L2 from Bitcoin Layers' public API (api.btc-locked.com).
import type { Reading } from '../../model/types.js';
import type { SourceDef } from '../source.js';
import { FeedFailure } from '../feed-failure.js';
import { CurrentSupplies } from './schema.js';
import { LAYERS_NETWORKS } from './slugs.js';

const DAY_MS = 86_400_000;
/** A row whose `latest_date` starts more than this before now is stale (upstream runs every 4 h). */
export const MAX_AGE_MS = 3 * DAY_MS;

/**
 * Every tracked network's `total_balance` (BTC → sats). Rows older than MAX_AGE_MS are skipped;
 * when none is left the source fails ("no usable rows"). `latest_date` is a day that upstream
 * rewrites all day, so readings are left for the poll time to stamp.
 */
export const bitcoinlayersCurrent: SourceDef = {
  id: 'bitcoinlayers-current',
  provider: 'bitcoinlayers',
  role: 'btc-locked',
  networks: LAYERS_NETWORKS,
  label: 'Bitcoin Layers current supplies',
  path: '/current_supplies_by_network',
  minIntervalMs: 3_600_000,
  polls: true,
  async fetch({ http, baseUrl, signal, now }) {
    const supplies = await http.getJson(`${baseUrl}/current_supplies_by_network`, CurrentSupplies, { signal });
    const readings = supplies
      .filter((s) => now - s.day <= MAX_AGE_MS)
      .map((s): Reading => ({ kind: 'btc-locked', network: s.network, sats: s.sats }));
    if (readings.length === 0) throw new FeedFailure('schema', 'bad data: no usable rows');
    return readings;
  },
};
