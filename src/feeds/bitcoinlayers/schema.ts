// zod schemas for btc-locked.com's per-network supplies (BTC numbers), current and daily.
import { z } from 'zod';
import type { NetworkId, Reading } from '../../model/types.js';
import { MAX_SATS } from '../sats.js';
import { networkOfSlug } from './slugs.js';

/** A balance in BTC that is a plausible amount: finite, above 0, at most 21M. */
const Balance = z.number().positive().max(MAX_SATS / 1e8);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A row's date as 00:00 UTC of that day (ms), or NaN for an impossible date. */
function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** One network's current supply and the day it is from (00:00 UTC, ms). */
export interface CurrentSupply {
  readonly network: NetworkId;
  readonly sats: number;
  readonly day: number;
}

const CurrentRow = z.object({ network_slug: z.string(), total_balance: Balance, latest_date: Day });

/**
 * `GET /current_supplies_by_network` → one supply per tracked network (the first row wins). Rows of
 * other networks or with a bad balance/date are skipped; the caller drops stale days.
 */
export const CurrentSupplies = z.array(z.unknown()).transform((rows): CurrentSupply[] => {
  const byNetwork = new Map<NetworkId, CurrentSupply>();
  for (const raw of rows) {
    const row = CurrentRow.safeParse(raw);
    if (!row.success) continue;
    const network = networkOfSlug(row.data.network_slug);
    const day = dayStart(row.data.latest_date);
    if (network === undefined || Number.isNaN(day) || byNetwork.has(network)) continue;
    byNetwork.set(network, { network, sats: Math.round(row.data.total_balance * 1e8), day });
  }
  return [...byNetwork.values()];
});
export type CurrentSupplies = z.output<typeof CurrentSupplies>;

const HistoryRow = z.object({ network_slug: z.string(), total_balance: Balance, date: Day });

/**
 * `GET /historical_supplies_by_network` → one reading per usable row, stamped at the row's
 * date 00:00 UTC. Rows of other networks or with a bad balance/date are skipped; when no row
 * is usable the parse fails ("no usable rows"), since the source then says nothing.
 */
export const HistoricalSupplies = z.array(z.unknown()).transform((rows, ctx): Reading[] => {
  const readings: Reading[] = [];
  for (const raw of rows) {
    const row = HistoryRow.safeParse(raw);
    if (!row.success) continue;
    const network = networkOfSlug(row.data.network_slug);
    const observedAt = dayStart(row.data.date);
    if (network === undefined || Number.isNaN(observedAt)) continue;
    readings.push({ kind: 'btc-locked', network, sats: Math.round(row.data.total_balance * 1e8), observedAt });
  }
  if (readings.length === 0) ctx.addIssue({ code: 'custom', message: 'no usable rows' });
  return readings;
});
export type HistoricalSupplies = z.output<typeof HistoricalSupplies>;

/** One token implementation's balance: its network, its id (e.g. "Rootstock-RBTC_Rootstock"), sats and its own day. */
export interface TokenSupply {
  readonly network: NetworkId;
  readonly token: string;
  readonly sats: number;
  /** The row's date, 00:00 UTC (ms). */
  readonly day: number;
}

const TokenRow = z.object({
  token_implementation: z.string().max(200),
  network_slug: z.string().max(100),
  balance: z.number().min(0).max(MAX_SATS / 1e8),
  date: Day,
});

/**
 * `GET /current_supplies_by_tokenimpl` → one supply per token implementation of a tracked network, each at
 * its own latest date. Rows of other networks or with a bad balance/date are skipped.
 */
export const CurrentTokenSupplies = z.array(z.unknown()).max(10_000).transform((rows): TokenSupply[] => {
  const out: TokenSupply[] = [];
  for (const raw of rows) {
    const row = TokenRow.safeParse(raw);
    if (!row.success) continue;
    const network = networkOfSlug(row.data.network_slug);
    const day = dayStart(row.data.date);
    if (network === undefined || Number.isNaN(day)) continue;
    out.push({ network, token: row.data.token_implementation, sats: Math.round(row.data.balance * 1e8), day });
  }
  return out;
});
export type CurrentTokenSupplies = z.output<typeof CurrentTokenSupplies>;

const TokenHistoryRow = z.object({
  network_slug: z.string().max(100),
  identifier: z.string().max(200),
  amount: z.number().min(0).max(MAX_SATS / 1e8),
  date: Day,
});

/** `GET /historical_supplies_by_tokenimpl` → per token and day (the same token set as the current view, staking included). */
export const TokenHistory = z.array(z.unknown()).transform((rows, ctx): TokenSupply[] => {
  const out: TokenSupply[] = [];
  for (const raw of rows) {
    const row = TokenHistoryRow.safeParse(raw);
    if (!row.success) continue;
    const network = networkOfSlug(row.data.network_slug);
    const day = dayStart(row.data.date);
    if (network === undefined || Number.isNaN(day)) continue;
    out.push({ network, token: row.data.identifier, sats: Math.round(row.data.amount * 1e8), day });
  }
  if (out.length === 0) ctx.addIssue({ code: 'custom', message: 'no usable rows' });
  return out;
});
export type TokenHistory = z.output<typeof TokenHistory>;
