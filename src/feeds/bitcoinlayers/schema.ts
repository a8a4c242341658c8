// zod schema for btc-locked.com's daily per-network supplies (BTC), kept for Rootstock and Stacks.
import { z } from 'zod';
import type { Reading } from '../../model/types.js';
import { MAX_SATS } from '../sats.js';

/** 21 M BTC in sats: no honest amount exceeds it. */

/** bitcoinlayers `network_slug` (lower-cased) → our network id; every other slug is ignored. */
export const SLUG_NETWORKS: Readonly<Record<string, string>> = { rootstock: 'rootstock', stacks: 'stacks' };

const Row = z.object({
  network_slug: z.string(),
  total_balance: z.number().positive().max(MAX_SATS / 1e8),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/**
 * `GET /historical_supplies_by_network` → one reading per usable row, stamped at the row's
 * date 00:00 UTC. Rows of other networks or with a bad balance/date are skipped; when no row
 * is usable the parse fails ("no usable rows"), since the source then says nothing.
 */
export const HistoricalSupplies = z.array(z.unknown()).transform((rows, ctx): Reading[] => {
  const readings: Reading[] = [];
  for (const raw of rows) {
    const row = Row.safeParse(raw);
    if (!row.success) continue;
    const network = SLUG_NETWORKS[row.data.network_slug.toLowerCase()];
    const observedAt = Date.parse(`${row.data.date}T00:00:00Z`);
    if (network === undefined || Number.isNaN(observedAt)) continue;
    readings.push({ kind: 'btc-locked', network, sats: Math.round(row.data.total_balance * 1e8), observedAt });
  }
  if (readings.length === 0) ctx.addIssue({ code: 'custom', message: 'no usable rows' });
  return readings;
});
export type HistoricalSupplies = z.output<typeof HistoricalSupplies>;
