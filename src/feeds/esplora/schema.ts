// zod schema for Esplora's plain-text asset supply (Blockstream's Liquid explorer API).
import { z } from 'zod';
import type { Reading } from '../../model/types.js';
import { totalProblem } from '../sats.js';

/**
 * `GET /api/asset/:id/supply` for L-BTC → text/plain integer sats (peg-ins − peg-outs − burns,
 * chain + mempool). Surrounding whitespace is ignored; anything else but digits fails.
 */
export const AssetSupply = z.string().transform((body, ctx): Reading => {
  const text = body.trim();
  if (!/^\d+$/.test(text)) {
    ctx.addIssue({ code: 'custom', message: 'expected a whole number of sats as text' });
    return z.NEVER;
  }
  const problem = totalProblem(BigInt(text));
  if (problem !== undefined) {
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }
  return { kind: 'btc-locked', network: 'liquid', sats: Number(text) };
});
export type AssetSupply = z.output<typeof AssetSupply>;
