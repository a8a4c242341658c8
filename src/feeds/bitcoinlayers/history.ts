// Daily history of every tracked L2 from Bitcoin Layers' per-token history (api.btc-locked.com).
import type { NetworkId, Reading } from '../../model/types.js';
import type { SourceDef } from '../source.js';
import { TokenHistory, type TokenSupply } from './schema.js';
import { LAYERS_NETWORKS } from './slugs.js';
import { networkReading } from './current.js';

const DAY_MS = 86_400_000;

/** `since` as the UTC calendar date PostgREST compares `date` with. */
function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Per network and day, the same figure as the live source (the like-for-like token or the sum of tokens),
 * stamped at the day's end (a closed day's row is its 00:15 UTC close), the current day at `now`. The newest
 * day is dropped when it has fewer tokens than the day before (a token not yet written today).
 */
export function dailyReadings(rows: readonly TokenSupply[], now: number): Reading[] {
  const byKey = new Map<string, TokenSupply[]>();
  for (const r of rows) {
    const key = `${r.network}|${r.day}`;
    byKey.set(key, [...(byKey.get(key) ?? []), { ...r, token: r.token.replace(/^([^_]+)_(.+)$/, '$2_$1') }]);
  }
  const perNetwork = new Map<NetworkId, { day: number; rows: TokenSupply[] }[]>();
  for (const list of byKey.values()) {
    const first = list[0];
    if (!first) continue;
    perNetwork.set(first.network, [...(perNetwork.get(first.network) ?? []), { day: first.day, rows: list }]);
  }
  const out: Reading[] = [];
  for (const [network, days] of perNetwork) {
    days.sort((a, b) => a.day - b.day);
    const last = days[days.length - 1];
    const before = days[days.length - 2];
    if (last && before && last.rows.length < before.rows.length) days.pop();
    for (const d of days) {
      const r = networkReading(network, d.rows);
      if (r) out.push({ ...r, observedAt: Math.min(d.day + DAY_MS, now), periodMs: undefined });
    }
  }
  return out;
}

/** History-only backfill for every network in LAYERS_SLUGS; each reading carries its own network. */
export const bitcoinlayersHistory: SourceDef = {
  id: 'bitcoinlayers-history',
  provider: 'bitcoinlayers',
  role: 'btc-locked',
  networks: LAYERS_NETWORKS,
  label: 'Bitcoin Layers daily supplies by token',
  path: '/historical_supplies_by_tokenimpl',
  polls: false,
  async history({ http, baseUrl, signal, since, now }) {
    const url = `${baseUrl}/historical_supplies_by_tokenimpl?date=gte.${isoDay(since)}`;
    const rows = await http.getJson(url, TokenHistory, { signal, maxBytes: 8 * 1024 * 1024 });
    return dailyReadings(rows, now)
      .filter((r) => (r.observedAt ?? 0) >= since)
      .sort((a, b) => (a.observedAt ?? 0) - (b.observedAt ?? 0));
  },
};
