// zod schemas for Hiro's sBTC total supply: the read-only contract call and the token metadata API.
import { z } from 'zod';
import { stripControls } from '../../model/sanitize.js';
import { totalProblem } from '../sats.js';

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
    const problem = totalProblem(sats);
    if (problem !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['result'], message: problem });
      return z.NEVER;
    }
    return Number(sats);
  });
export type TotalSupply = z.output<typeof TotalSupply>;

/**
 * `GET /metadata/v1/ft/<contract>` → `total_supply` (base units, decimal string) scaled from
 * `decimals` (8 for sBTC) to sats, truncated; 0..21M BTC.
 */
export const FtMetadata = z
  .object({
    total_supply: z.string().regex(/^\d{1,80}$/, 'expected a whole number of base units as a string'),
    decimals: z.number().int().min(0).max(38),
  })
  .transform(({ total_supply, decimals }, ctx): number => {
    const units = BigInt(total_supply);
    const sats = decimals >= 8 ? units / 10n ** BigInt(decimals - 8) : units * 10n ** BigInt(8 - decimals);
    const problem = totalProblem(sats);
    if (problem !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['total_supply'], message: problem });
      return z.NEVER;
    }
    return Number(sats);
  });
export type FtMetadata = z.output<typeof FtMetadata>;

/** A Stacks block as Hiro's /extended/v2 API gives it: the fields l2top uses. */
const NakamotoBlock = z.object({
  height: z.number().int().min(0),
  index_block_hash: z.string().regex(/^(0x)?[0-9a-fA-F]{64}$/, 'expected a 32-byte hex block id'),
  block_time: z.number().int().positive(),
});

/** The block a read is evaluated at: its height, its index block hash without 0x (as stacks-core's `tip` wants), its time (ms). */
export interface StacksBlock {
  readonly height: number;
  readonly tip: string;
  readonly timeMs: number;
}

const toBlock = (b: z.output<typeof NakamotoBlock>): StacksBlock => ({
  height: b.height,
  tip: b.index_block_hash.replace(/^0x/, '').toLowerCase(),
  timeMs: b.block_time * 1000,
});

/** `GET /extended/v2/blocks?limit=1` → the newest Stacks block. */
export const LatestBlocks = z
  .object({ results: z.array(NakamotoBlock).min(1, 'no blocks') })
  .transform(({ results }): StacksBlock => toBlock(results[0] as z.output<typeof NakamotoBlock>));
export type LatestBlocks = z.output<typeof LatestBlocks>;

/** `GET /extended/v2/blocks/by-block-time/{unix s}` → the newest canonical block at or before that time. */
export const BlockAtTime = NakamotoBlock.transform(toBlock);
export type BlockAtTime = z.output<typeof BlockAtTime>;
