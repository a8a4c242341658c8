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
/** A network total: whole sats, above 0 and below all 21M (0 or 21M is never a real total). */
const TotalSats = Sats.refine((n) => n > 0, 'implausible: a total of 0').refine((n) => n < MAX_SATS, 'implausible: all 21,000,000 BTC');

const DAY_MS = 86_400_000;

/**
 * `GET /api/v1/lightning/statistics/latest` → one Lightning reading. `latest.added` is the row's UTC day
 * (midnight; mempool rewrites today's row every 10 minutes), so the reading is a daily bucket: it
 * describes the fetch time while its day lasts, and the day's end once the day is over (a stuck updater).
 */
export const LightningLatest = z
  .object({
    latest: z.object({
      total_capacity: TotalSats,
      added: z.iso.datetime({ offset: true, message: 'expected an ISO date-time' }).transform((iso) => Date.parse(iso)).optional(),
      channel_count: Count,
      node_count: Count.optional(),
      avg_fee_rate: z.number().min(0).optional(),
    }),
  })
  .transform(({ latest }): Reading => {
    const extra: Record<string, number> = { channels: latest.channel_count };
    if (latest.node_count !== undefined) extra.nodes = latest.node_count;
    if (latest.avg_fee_rate !== undefined) extra.avgFeeRatePpm = latest.avg_fee_rate;
    const day = latest.added === undefined ? {} : { observedAt: latest.added, periodMs: DAY_MS };
    return { kind: 'btc-locked', network: 'lightning', sats: latest.total_capacity, extra, ...day };
  });
export type LightningLatest = z.output<typeof LightningLatest>;

/**
 * `GET /api/v1/lightning/statistics/{interval}` → readings (newest first upstream; `added` is the row's
 * UTC day in unix seconds). A day's row keeps the figures of its last refresh before midnight, so it
 * describes the end of its day: each reading is stamped at `added` + 1 day (the caller caps it at now).
 */
export const LightningHistory = z
  .array(z.object({ added: z.number().int().positive(), total_capacity: Sats }))
  .transform((rows): Reading[] =>
    rows.map((row) => ({
      kind: 'btc-locked',
      network: 'lightning',
      sats: row.total_capacity,
      observedAt: row.added * 1000 + DAY_MS,
    })),
  );
export type LightningHistory = z.output<typeof LightningHistory>;

/**
 * `GET /api/v1/prices` → the USD price stamped with `time` (unix s: the last time any currency was
 * refreshed). mempool serves `time: 0` and every currency `-1` until its first price fetch, and `-1` for
 * a currency it never priced: neither is a price.
 */
export const Prices = z
  .object({
    USD: z
      .number()
      .refine((usd) => usd !== -1, 'no USD price upstream (-1)')
      .refine((usd) => usd > 0, 'price unavailable (not > 0)')
      .refine(plausiblePrice, 'implausible price'),
    time: z.number().int().min(0).optional(),
  })
  .superRefine(({ time }, ctx) => {
    if (time === 0) ctx.addIssue({ code: 'custom', path: ['time'], message: 'no price computed upstream yet (time 0)' });
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
