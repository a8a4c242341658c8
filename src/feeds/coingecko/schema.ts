// zod schema for CoinGecko's simple-price endpoint (BTC/USD).
import { z } from 'zod';
import type { Reading } from '../../model/types.js';
import { plausiblePrice } from '../sats.js';

/**
 * `GET /api/v3/simple/price?ids=bitcoin&vs_currencies=usd&include_last_updated_at=true` →
 * `bitcoin.usd` (> 0), stamped with `last_updated_at` (unix s) when present.
 */
export const SimplePrice = z
  .object({
    bitcoin: z.object({
      usd: z.number().refine((usd) => usd > 0, 'expected a price > 0').refine(plausiblePrice, 'implausible price'),
      last_updated_at: z.number().int().positive().optional(),
    }),
  })
  .transform(({ bitcoin }): Reading =>
    bitcoin.last_updated_at === undefined
      ? { kind: 'price', usd: bitcoin.usd }
      : { kind: 'price', usd: bitcoin.usd, observedAt: bitcoin.last_updated_at * 1000 },
  );
export type SimplePrice = z.output<typeof SimplePrice>;
