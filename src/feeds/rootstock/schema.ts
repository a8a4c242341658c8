// zod schema for the Rootstock explorer's circulating-supply endpoint (RBTC as a decimal string).
import { z } from 'zod';
import type { Reading } from '../../model/types.js';
import { scaleDecimal } from '../decimal.js';
import { totalProblem } from '../sats.js';

/** A JSON string or number; a missing key reads "missing" like zod's own messages. */
const StringOrNumber = z.union([z.string(), z.number()], {
  error: (issue) => (issue.input === undefined ? 'missing (expected string or number)' : 'expected string or number'),
});

/**
 * `GET /circulating` → `{circulatingSupply: "<RBTC decimal>"}` (a number is accepted too, via its
 * shortest text) → sats by exact decimal arithmetic, digits past the 8th decimal cut off; 0..21M BTC.
 */
export const Circulating = z
  .object({ circulatingSupply: StringOrNumber })
  .transform(({ circulatingSupply }, ctx): Reading => {
    const text = typeof circulatingSupply === 'number' ? String(circulatingSupply) : circulatingSupply;
    const scaled = scaleDecimal(text, 8);
    if (scaled === undefined) {
      ctx.addIssue({ code: 'custom', path: ['circulatingSupply'], message: 'expected a decimal RBTC amount' });
      return z.NEVER;
    }
    const problem = totalProblem(scaled.value);
    if (problem !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['circulatingSupply'], message: problem });
      return z.NEVER;
    }
    return { kind: 'btc-locked', network: 'rootstock', sats: Number(scaled.value) };
  });
export type Circulating = z.output<typeof Circulating>;
