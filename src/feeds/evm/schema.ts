// zod schema for a JSON-RPC eth_getBalance answer on an EVM L2's BTC bridge contract.
import { z } from 'zod';
import { stripControls } from '../../model/sanitize.js';

/** All 21M of the L2's native BTC, in wei, given to the bridge at genesis (Rootstock, Citrea). */
export const GENESIS_BRIDGE_WEI = 21_000_000n * 10n ** 18n;
/** 1 sat in wei (the native coin has 18 decimals, BTC 8). */
export const WEI_PER_SAT = 10n ** 10n;

/** The answer: locked sats, or the JSON-RPC error message (already sanitized). */
export type BridgeBalance = { readonly ok: true; readonly sats: number } | { readonly ok: false; readonly message: string };

/**
 * JSON-RPC response → BTC locked = (21M − bridge balance) in sats, rounded down. A balance above
 * 21M `coin` (e.g. "RBTC") is impossible and fails the parse; an `error` object is returned, not thrown.
 */
export function bridgeBalanceSchema(coin: string): z.ZodType<BridgeBalance> {
  return z
    .object({
      result: z.string().regex(/^0x[0-9a-fA-F]{1,64}$/, 'expected a hex quantity').optional(),
      error: z.object({ code: z.number().optional(), message: z.string().optional() }).optional(),
    })
    .transform((rpc, ctx): BridgeBalance => {
      if (rpc.error !== undefined) {
        const code = rpc.error.code === undefined ? '' : ` ${rpc.error.code}`;
        return { ok: false, message: `JSON-RPC error${code}: ${stripControls(rpc.error.message ?? 'no message')}` };
      }
      if (rpc.result === undefined) {
        ctx.addIssue({ code: 'custom', path: ['result'], message: 'missing (no result and no error)' });
        return z.NEVER;
      }
      const balance = BigInt(rpc.result);
      if (balance > GENESIS_BRIDGE_WEI) {
        ctx.addIssue({ code: 'custom', path: ['result'], message: `bridge balance above 21M ${coin}` });
        return z.NEVER;
      }
      return { ok: true, sats: Number((GENESIS_BRIDGE_WEI - balance) / WEI_PER_SAT) };
    });
}
