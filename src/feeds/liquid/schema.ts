// zod schemas for liquid.network's (undocumented) peg and reserve endpoints; amounts are sats as strings.
import { z } from 'zod';
import type { Reading } from '../../model/types.js';
import { MAX_SATS, MAX_SATS_BIG, totalProblem } from '../sats.js';

/** L-BTC issued and the Liquid block the peg table was parsed to. */
export interface PegSupply {
  readonly sats: number;
  readonly lastBlockUpdate: number;
  /** That block's hash (64 hex), to ask Esplora for its time. */
  readonly hash: string;
}

/**
 * `GET /api/v1/liquid/pegs` → L-BTC issued (net pegged in, `SUM(amount)` of the peg table as a decimal
 * string), with the Liquid height parsed to and its hash; 0 and 21M are implausible.
 */
export const Pegs = z
  .object({
    amount: z.string().regex(/^\d+$/, 'expected a whole number of sats as a string'),
    lastBlockUpdate: z.number().int().min(0),
    hash: z.string().regex(/^[0-9a-fA-F]{64}$/, 'expected a block hash'),
  })
  .transform(({ amount, lastBlockUpdate, hash }, ctx): PegSupply => {
    const problem = totalProblem(BigInt(amount));
    if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['amount'], message: problem });
    return { sats: Number(amount), lastBlockUpdate, hash: hash.toLowerCase() };
  });

/** Esplora `GET /api/block/:hash` → the block's time (ms) and height. */
export const EsploraBlock = z
  .object({ height: z.number().int().min(0), timestamp: z.number().int().positive() })
  .transform(({ height, timestamp }) => ({ height, timeMs: timestamp * 1000 }));
export type EsploraBlock = z.output<typeof EsploraBlock>;

const SignedSats = z.string().regex(/^-?\d+$/, 'expected a whole number of sats as a string');

/**
 * `GET /api/v1/liquid/pegs/volume` → the net peg flow of the last 24 h (sats): peg-ins plus peg-outs
 * (upstream sends the peg-out volume negative; `null` when there were none).
 */
export const PegsVolume = z
  .tuple([z.object({ volume: SignedSats.nullable() }), z.object({ volume: SignedSats.nullable() })])
  .transform(([ins, outs]) => Number(BigInt(ins.volume ?? '0') + BigInt(outs.volume ?? '0')));

/** `GET /api/v1/liquid/pegs/list/:offset` → 15 peg records, newest block first: signed sats and Liquid block time (ms). */
export const PegsList = z
  .array(z.object({ txid: z.string(), txindex: z.number().int(), amount: z.number().int(), blocktime: z.number().int().positive() }))
  .transform((rows) => rows.map((r) => ({ key: `${r.txid}:${r.txindex}`, sats: r.amount, timeMs: r.blocktime * 1000 })));
export type PegsList = z.output<typeof PegsList>;
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
