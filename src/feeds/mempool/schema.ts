// zod schemas for mempool.space responses, transforming into domain readings.
import { z } from 'zod';
import type { Reading } from '../../model/types.js';
import { MAX_SATS } from '../sats.js';
import { plausiblePrice } from '../sats.js';

const Sats = z
  .number()
  .int('expected whole sats')
  .min(0, 'expected sats >= 0')
  .max(MAX_SATS, 'more than 21M BTC');
const Count = z.number().int().min(0);

/**
 * `GET /api/v1/lightning/statistics/latest` → one Lightning reading. `latest.added` is the
 * day of the row (midnight UTC, rewritten all day), so the reading is left for the poll time to stamp.
 */
export const LightningLatest = z
  .object({
    latest: z.object({
      total_capacity: Sats,
      channel_count: Count,
      node_count: Count.optional(),
      avg_fee_rate: z.number().min(0).optional(),
    }),
  })
  .transform(({ latest }): Reading => {
    const extra: Record<string, number> = { channels: latest.channel_count };
    if (latest.node_count !== undefined) extra.nodes = latest.node_count;
    if (latest.avg_fee_rate !== undefined) extra.avgFeeRatePpm = latest.avg_fee_rate;
    return { kind: 'btc-locked', network: 'lightning', sats: latest.total_capacity, extra };
  });
export type LightningLatest = z.output<typeof LightningLatest>;

/** `GET /api/v1/lightning/statistics/{interval}` → readings (newest first upstream; `added` is unix seconds). */
export const LightningHistory = z
  .array(z.object({ added: z.number().int().positive(), total_capacity: Sats }))
  .transform((rows): Reading[] =>
    rows.map((row) => ({
      kind: 'btc-locked',
      network: 'lightning',
      sats: row.total_capacity,
      observedAt: row.added * 1000,
    })),
  );
export type LightningHistory = z.output<typeof LightningHistory>;

/** `GET /api/v1/prices` → the USD price; mempool reports an unavailable currency as -1. */
export const Prices = z
  .object({
    USD: z.number().refine((usd) => usd > 0, 'price unavailable (not > 0)').refine(plausiblePrice, 'implausible price'),
    time: z.number().int().positive().optional(),
  })
  .transform(({ USD, time }): Reading =>
    time === undefined ? { kind: 'price', usd: USD } : { kind: 'price', usd: USD, observedAt: time * 1000 },
  );
export type Prices = z.output<typeof Prices>;

/**
 * `GET /api/v1/historical-price?currency=USD` → price readings stamped at each `time` (unix s);
 * points whose USD is not > 0 (mempool marks a missing price with -1) are skipped.
 */
export const HistoricalPrices = z
  .object({ prices: z.array(z.object({ time: z.number().int().positive(), USD: z.number() })) })
  .transform(({ prices }): Reading[] =>
    prices.filter((p) => plausiblePrice(p.USD)).map((p): Reading => ({ kind: 'price', usd: p.USD, observedAt: p.time * 1000 })),
  );
export type HistoricalPrices = z.output<typeof HistoricalPrices>;

/** Upper bound for a plausible block height (~190 years of blocks). */
const MAX_HEIGHT = 10_000_000;

/** `GET /api/blocks/tip/height` → text/plain integer; 0 < height < 10,000,000. */
export const TipHeight = z.string().transform((body, ctx): Reading => {
  const text = body.trim();
  if (!/^\d{1,15}$/.test(text)) {
    ctx.addIssue({ code: 'custom', message: 'expected a block height as text' });
    return z.NEVER;
  }
  const height = Number(text);
  if (height <= 0 || height >= MAX_HEIGHT) {
    ctx.addIssue({ code: 'custom', message: `implausible block height ${height}` });
    return z.NEVER;
  }
  return { kind: 'block-height', height };
});
export type TipHeight = z.output<typeof TipHeight>;
