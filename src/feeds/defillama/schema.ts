// zod schemas for DefiLlama: the coins price API and the chain TVL API (current and daily).
import { z } from 'zod';
import type { NetworkId, Reading } from '../../model/types.js';
import { networkOfLlamaChain } from './chain-names.js';
import { MAX_TVL_USD, plausiblePrice } from '../sats.js';

/** The coin key of bitcoin in coins.llama.fi. */
export const LLAMA_BITCOIN = 'coingecko:bitcoin';

/** `GET /prices/current/coingecko:bitcoin` → `coins["coingecko:bitcoin"].price` (> 0), stamped with `timestamp` (unix s). */
export const CoinsPrice = z
  .object({
    coins: z.object({
      [LLAMA_BITCOIN]: z.object({
        price: z.number().refine((usd) => usd > 0, 'expected a price > 0').refine(plausiblePrice, 'implausible price'),
        timestamp: z.number().int().positive().optional(),
      }),
    }),
  })
  .transform(({ coins }): Reading => {
    const { price, timestamp } = coins[LLAMA_BITCOIN];
    return timestamp === undefined ? { kind: 'price', usd: price } : { kind: 'price', usd: price, observedAt: timestamp * 1000 };
  });
export type CoinsPrice = z.output<typeof CoinsPrice>;

/** The only fields of a `/v2/chains` row that matter; `chainId`, `gecko_id` etc. vary in type and are ignored. */
const ChainRow = z.object({ name: z.string(), tvl: z.number().min(0).max(MAX_TVL_USD) });

/**
 * `GET /v2/chains` → a defi-tvl reading per chain in LLAMA_CHAINS (first row per network wins).
 * Other chains and rows without a finite tvl >= 0 are skipped; none left fails ("no usable rows").
 */
export const Chains = z.array(z.unknown()).transform((rows, ctx): Reading[] => {
  const seen = new Set<NetworkId>();
  const readings: Reading[] = [];
  for (const raw of rows) {
    const row = ChainRow.safeParse(raw);
    if (!row.success) continue;
    const network = networkOfLlamaChain(row.data.name);
    if (network === undefined || seen.has(network)) continue;
    seen.add(network);
    readings.push({ kind: 'defi-tvl', network, usd: row.data.tvl });
  }
  if (readings.length === 0) ctx.addIssue({ code: 'custom', message: 'no usable rows' });
  return readings;
});
export type Chains = z.output<typeof Chains>;

/** `GET /v2/historicalChainTvl/{chain}` → daily `{date: unix s, tvl: USD}` points. */
export const ChainHistory = z.array(z.object({ date: z.number().int().positive(), tvl: z.number().min(0).max(MAX_TVL_USD) }));
export type ChainHistory = z.output<typeof ChainHistory>;
