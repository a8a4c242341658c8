// zod schemas for liquid.network's (undocumented) peg and reserve endpoints; amounts are sats as strings.
import { z } from 'zod';
import type { Reading } from '../../model/types.js';
import { MAX_SATS, MAX_SATS_BIG } from '../sats.js';

/** `GET /api/v1/liquid/pegs` → L-BTC issued (net pegged in), sats as a decimal-digit string. */
export const Pegs = z
  .object({ amount: z.string().regex(/^\d+$/, 'expected a whole number of sats as a string') })
  .transform(({ amount }, ctx): Reading => {
    const sats = Number(amount);
    if (sats > MAX_SATS) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'more than 21M BTC' });
    return { kind: 'btc-locked', network: 'liquid', sats };
  });
export type Pegs = z.output<typeof Pegs>;

/**
 * `GET /api/v1/liquid/reserves` → BTC in the federation's custody on Bitcoin (unspent, non-expired
 * peg UTXOs), sats as a decimal-digit string, as a detail figure for Liquid.
 */
export const Reserves = z
  .object({ amount: z.string().regex(/^\d+$/, 'expected a whole number of sats as a string') })
  .transform(({ amount }, ctx): Reading => {
    const sats = Number(amount);
    if (sats > MAX_SATS) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'more than 21M BTC' });
    return { kind: 'detail', network: 'liquid', values: { federationReservesSats: sats } };
  });
export type Reserves = z.output<typeof Reserves>;

/** Cumulative L-BTC supply at the end of one month. `monthStart` is that month's first day, 00:00 UTC (ms). */
export interface MonthlySupply {
  readonly monthStart: number;
  readonly sats: number;
}

const MonthRow = z.object({
  amount: z.string().regex(/^-?\d+$/, 'expected a whole number of sats as a string'),
  date: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-01$/, 'expected YYYY-MM-01'),
});

/**
 * `GET /api/v1/liquid/pegs/month` → net flow per month (unsorted upstream), cumulatively summed
 * in date order into supply totals; a total outside 0..21M BTC fails the parse.
 */
export const PegsByMonth = z.array(MonthRow).transform((rows, ctx): MonthlySupply[] => {
  const flows = new Map<string, bigint>();
  for (const row of rows) flows.set(row.date, (flows.get(row.date) ?? 0n) + BigInt(row.amount));
  let total = 0n;
  const out: MonthlySupply[] = [];
  for (const date of [...flows.keys()].sort()) {
    total += flows.get(date) ?? 0n;
    if (total < 0n || total > MAX_SATS_BIG) {
      ctx.addIssue({ code: 'custom', message: `cumulative supply out of range at ${date}` });
      return [];
    }
    out.push({ monthStart: Date.parse(`${date}T00:00:00Z`), sats: Number(total) });
  }
  return out;
});
export type PegsByMonth = z.output<typeof PegsByMonth>;
