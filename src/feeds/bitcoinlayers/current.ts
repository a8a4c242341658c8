// Current BTC supply per tracked network from Bitcoin Layers' public API (api.btc-locked.com), token by token.
import type { NetworkId, Reading } from '../../model/types.js';
import type { SourceDef } from '../source.js';
import { FeedFailure } from '../feed-failure.js';
import { CurrentTokenSupplies, type TokenSupply } from './schema.js';
import { LAYERS_NETWORKS, LIKE_FOR_LIKE_TOKEN } from './slugs.js';

const DAY_MS = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * One network's reading from its token rows: the like-for-like token alone where one is defined (RBTC,
 * sBTC, L-BTC), else the sum of its tokens dated by the OLDEST token (so one stale token behind a fresh
 * one shows), with a note naming tokens older than the newest. Each `date` is a day bucket upstream
 * rewrites every few hours. A total of 0 says nothing (an emptied row, a sunset network) and is left out.
 */
export function networkReading(network: NetworkId, rows: readonly TokenSupply[]): Reading | undefined {
  const like = LIKE_FOR_LIKE_TOKEN[network];
  const used = like ? rows.filter((r) => like.test(r.token)) : rows;
  if (used.length === 0) return undefined;
  const sats = used.reduce((sum, r) => sum + r.sats, 0);
  if (sats <= 0) return undefined;
  const oldest = Math.min(...used.map((r) => r.day));
  const newest = Math.max(...used.map((r) => r.day));
  const behind = used.filter((r) => r.day < newest);
  const note = behind.length > 0
    ? `${behind.length} of ${used.length} tokens behind: ${behind.map((r) => `${r.token} ${isoDay(r.day)}`).join(', ')}`
    : undefined;
  return { kind: 'btc-locked', network, sats, observedAt: oldest, periodMs: DAY_MS, ...(note ? { note } : {}) };
}

/**
 * Every tracked network from `/current_supplies_by_tokenimpl` (one row per token implementation at its own
 * latest date; `current_supplies_by_network` would hide a stale token behind a fresh one's `latest_date`).
 */
export const bitcoinlayersCurrent: SourceDef = {
  id: 'bitcoinlayers-current',
  provider: 'bitcoinlayers',
  role: 'btc-locked',
  networks: LAYERS_NETWORKS,
  label: 'Bitcoin Layers supplies by token',
  path: '/current_supplies_by_tokenimpl',
  minIntervalMs: 3_600_000,
  polls: true,
  // Today's rows are rewritten every 4 hours (and closed at 00:15 UTC): two runs missed is stale.
  maxAgeMs: 8 * 3_600_000,
  async fetch({ http, baseUrl, signal }) {
    const rows = await http.getJson(`${baseUrl}/current_supplies_by_tokenimpl`, CurrentTokenSupplies, { signal });
    const byNetwork = new Map<NetworkId, TokenSupply[]>();
    for (const r of rows) byNetwork.set(r.network, [...(byNetwork.get(r.network) ?? []), r]);
    const readings = [...byNetwork].map(([network, list]) => networkReading(network, list)).filter((r) => r !== undefined);
    if (readings.length === 0) throw new FeedFailure('schema', 'bad data: no usable rows');
    return readings;
  },
};
