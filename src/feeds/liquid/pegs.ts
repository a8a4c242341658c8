// Liquid L-BTC supply from liquid.network: current pegs and a monthly history.
import type { Reading } from '../../model/types.js';
import type { SourceDef } from '../source.js';
import { Pegs, PegsByMonth } from './schema.js';

/** The first instant (ms, UTC) of the month after the one starting at `monthStart`. */
function nextMonthStart(monthStart: number): number {
  const d = new Date(monthStart);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/**
 * Liquid: net pegged-in L-BTC (`amount`, sats string). History cumulative-sums the monthly
 * net flows and stamps each total at the end of its month (the current month at `now`).
 */
export const liquidPegs: SourceDef = {
  id: 'liquid-pegs',
  provider: 'liquid',
  role: 'btc-locked',
  networks: ['liquid'],
  label: 'liquid.network L-BTC pegs',
  path: '/api/v1/liquid/pegs',
  polls: true,
  async fetch({ http, baseUrl, signal }) {
    return [await http.getJson(`${baseUrl}/api/v1/liquid/pegs`, Pegs, { signal })];
  },
  async history({ http, baseUrl, signal, since, now }) {
    const months = await http.getJson(`${baseUrl}/api/v1/liquid/pegs/month`, PegsByMonth, { signal });
    return months
      .filter((m) => m.monthStart <= now)
      .map((m): Reading => ({
        kind: 'btc-locked',
        network: 'liquid',
        sats: m.sats,
        observedAt: Math.min(nextMonthStart(m.monthStart), now),
      }))
      .filter((r) => (r.observedAt ?? 0) >= since);
  },
};
