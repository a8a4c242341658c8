// zod schema for Hiro's read-only contract call returning the sBTC total supply.
import { z } from 'zod';
import { stripControls } from '../../model/sanitize.js';
import { MAX_SATS_BIG } from '../sats.js';

/** 21 M BTC in sats: no honest amount exceeds it. */
/** Clarity serialization of `(ok uint)`: 0x07 response-ok, 0x01 uint, then a 16-byte big-endian value. */
const OK_UINT = /^0x0701([0-9a-fA-F]{32})$/;

/**
 * `{okay: true, result: "0x0701…"}` → sBTC total supply in sats (8 decimals).
 * `okay: false` (with its `cause`) and any other Clarity value fail the parse.
 */
export const TotalSupply = z
  .object({ okay: z.boolean(), result: z.string().optional(), cause: z.string().optional() })
  .transform((call, ctx): number => {
    if (!call.okay) {
      ctx.addIssue({ code: 'custom', path: ['okay'], message: `call failed: ${stripControls(call.cause ?? 'no cause')}` });
      return z.NEVER;
    }
    const hex = OK_UINT.exec(call.result ?? '')?.[1];
    if (hex === undefined) {
      ctx.addIssue({ code: 'custom', path: ['result'], message: 'expected Clarity (ok uint) 0x0701 + 32 hex digits' });
      return z.NEVER;
    }
    const sats = BigInt(`0x${hex}`);
    if (sats > MAX_SATS_BIG) {
      ctx.addIssue({ code: 'custom', path: ['result'], message: 'more than 21M BTC' });
      return z.NEVER;
    }
    return Number(sats);
  });
export type TotalSupply = z.output<typeof TotalSupply>;
