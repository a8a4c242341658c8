// zod schema for a JSON-RPC eth_getBalance answer on an EVM L2's BTC bridge contract.
import { z } from 'zod';
import { stripControls } from '../../model/sanitize.js';

/** All 21M of the L2's native BTC, in wei, given to the bridge at genesis (Rootstock, Citrea). */
export const GENESIS_BRIDGE_WEI = 21_000_000n * 10n ** 18n;
/** 1 sat in wei (the native coin has 18 decimals, BTC 8). */
export const WEI_PER_SAT = 10n ** 10n;

/** The answer: locked sats, or the JSON-RPC error message (already sanitized). */
export type BridgeBalance = { readonly ok: true; readonly sats: number } | { readonly ok: false; readonly message: string };

/** Less than this much released (1 BTC in wei) means the bridge still holds (nearly) everything: not a live figure. */
const MIN_RELEASED_WEI = 10n ** 18n;
/** More than this released (10% of all bitcoin) from one bridge is not a figure any L2 has come near. */
const MAX_RELEASED_WEI = 2_100_000n * 10n ** 18n;

/**
 * Why a bridge balance cannot be real, in words, or undefined. The figure is 21M minus the balance, so a
 * balance of 0 (an unsynced or wrong node, a wrong address) would read as every bitcoin released.
 */
export function bridgeProblem(balance: bigint, coin: string): string | undefined {
  if (balance > GENESIS_BRIDGE_WEI) return `implausible: bridge balance above 21,000,000 ${coin}`;
  if (balance === 0n) return 'implausible: bridge balance 0 would mean 21,000,000 BTC released';
  const released = GENESIS_BRIDGE_WEI - balance;
  if (released < MIN_RELEASED_WEI) return `implausible: bridge balance is (nearly) the full 21,000,000 ${coin}, less than 1 BTC released`;
  if (released > MAX_RELEASED_WEI) {
    return `implausible: bridge balance ${released > GENESIS_BRIDGE_WEI - 10n ** 24n ? 'near 0' : 'this low'} would mean ${(released / 10n ** 18n).toLocaleString('en-US')} BTC released (over 10% of all bitcoin)`;
  }
  return undefined;
}

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
      const problem = bridgeProblem(balance, coin);
      if (problem !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['result'], message: problem });
        return z.NEVER;
      }
      return { ok: true, sats: Number((GENESIS_BRIDGE_WEI - balance) / WEI_PER_SAT) };
    });
}
