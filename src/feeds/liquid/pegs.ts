// Liquid L-BTC supply from liquid.network: the peg table's sum now, and its own records for the past.
import type { Reading } from '../../model/types.js';
import type { FetchContext, SourceDef } from '../source.js';
import { EsploraBlock, Pegs, PegsByMonth, PegsList, PegsVolume, type PegSupply } from './schema.js';

const DAY = 86_400_000;
/** Peg records are listed 15 a page; at most this many pages are read for the 7-day look-back. */
const MAX_PAGES = 40;
const PAGE = 15;

/** The first instant (ms, UTC) of the month after the one starting at `monthStart`. */
function nextMonthStart(monthStart: number): number {
  const d = new Date(monthStart);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** The current supply and the time of the Liquid block the upstream's peg table was parsed to. */
async function supplyNow(ctx: FetchContext): Promise<{ pegs: PegSupply; timeMs: number }> {
  const pegs = await ctx.http.getJson(`${ctx.baseUrl}/api/v1/liquid/pegs`, Pegs, { signal: ctx.signal });
  const block = await ctx.http.getJson(`${ctx.baseUrl}/api/block/${pegs.hash}`, EsploraBlock, { signal: ctx.signal });
  return { pegs, timeMs: block.timeMs };
}

/** Peg records newer than `sinceMs`, newest first, de-duplicated (pages shift as new pegs arrive); `complete` when it reached `sinceMs`. */
async function recordsSince(ctx: FetchContext, sinceMs: number): Promise<{ records: { sats: number; timeMs: number }[]; complete: boolean }> {
  const seen = new Set<string>();
  const records: { sats: number; timeMs: number }[] = [];
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const rows = await ctx.http.getJson(`${ctx.baseUrl}/api/v1/liquid/pegs/list/${page * PAGE}`, PegsList, { signal: ctx.signal });
    for (const r of rows) {
      if (r.timeMs <= sinceMs) return { records, complete: true };
      if (seen.has(r.key)) continue;
      seen.add(r.key);
      records.push(r);
    }
    if (rows.length < PAGE) return { records, complete: true };
  }
  return { records, complete: false };
}

/**
 * Liquid: net pegged-in L-BTC (`amount`, sats string), stamped with the time of the Liquid block the peg
 * table was parsed to (a stuck parser shows as stale). History from the same table: the supply 1 to 7 days
 * back (now minus the peg records since), 24 h back from the 24 h volume when the records fall short, and
 * month ends from the monthly net flows before that.
 */
export const liquidPegs: SourceDef = {
  id: 'liquid-pegs',
  provider: 'liquid',
  role: 'btc-locked',
  networks: ['liquid'],
  label: 'liquid.network L-BTC pegs',
  path: '/api/v1/liquid/pegs',
  polls: true,
  // A Liquid block a minute; the peg parser follows every block.
  maxAgeMs: 15 * 60_000,
  async fetch(ctx) {
    const { pegs, timeMs } = await supplyNow(ctx);
    return [{ kind: 'btc-locked', network: 'liquid', sats: pegs.sats, observedAt: timeMs }];
  },
  async history(ctx) {
    const { now, since } = ctx;
    const { pegs, timeMs } = await supplyNow(ctx);
    const at = (t: number, sats: number): Reading => ({ kind: 'btc-locked', network: 'liquid', sats, observedAt: t });
    const daily: Reading[] = [];
    const { records, complete } = await recordsSince(ctx, now - 7 * DAY);
    for (let d = 1; d <= 7; d += 1) {
      const t = now - d * DAY;
      const oldest = records[records.length - 1];
      if (!complete && (!oldest || oldest.timeMs > t)) break;
      daily.push(at(t, pegs.sats - records.filter((r) => r.timeMs > t).reduce((sum, r) => sum + r.sats, 0)));
    }
    if (daily.length === 0) {
      const net = await ctx.http.getJson(`${ctx.baseUrl}/api/v1/liquid/pegs/volume`, PegsVolume, { signal: ctx.signal });
      daily.push(at(now - DAY, pegs.sats - net));
    }
    const firstDaily = Math.min(...daily.map((r) => r.observedAt ?? now));
    const months = await ctx.http.getJson(`${ctx.baseUrl}/api/v1/liquid/pegs/month`, PegsByMonth, { signal: ctx.signal });
    const monthly = months
      .map((m) => at(nextMonthStart(m.monthStart), m.sats))
      .filter((r) => (r.observedAt ?? 0) < firstDaily);
    return [...monthly, ...daily, at(Math.min(timeMs, now), pegs.sats)]
      .filter((r) => (r.observedAt ?? 0) >= since)
      .sort((a, b) => (a.observedAt ?? 0) - (b.observedAt ?? 0));
  },
};
