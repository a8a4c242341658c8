// Stacks sBTC supply via Hiro's read-only call of the sbtc-token contract, evaluated at a named block.
import type { Reading } from '../../model/types.js';
import { FeedFailure } from '../feed-failure.js';
import type { FetchContext, SourceDef } from '../source.js';
import { BlockAtTime, LatestBlocks, TotalSupply, type StacksBlock } from './schema.js';

/** The sBTC deployer; also used as the call's sender (any principal works). */
export const SBTC_DEPLOYER = 'SM3VDXK3WZZSA84XXFKAFAF15NNZX32CTSG82JFQ4';
const PATH = `/v2/contracts/call-read/${SBTC_DEPLOYER}/sbtc-token/get-total-supply`;
const DAY = 86_400_000;
/** Past points the backfill asks for (ago): 24 h and 7 d changes and the chart from the same call. */
export const SBTC_HISTORY_AGES: readonly number[] = [1, 2, 3, 5, 7, 14, 30, 60, 89].map((d) => d * DAY);

/** `get-total-supply` evaluated in the state of `block` (stacks-core's `tip` query: the index block hash, no 0x). */
async function supplyAt(ctx: FetchContext, block: StacksBlock): Promise<Reading> {
  const body = { sender: SBTC_DEPLOYER, arguments: [] };
  const sats = await ctx.http.postJson(`${ctx.baseUrl}${PATH}?tip=${block.tip}`, body, TotalSupply, { signal: ctx.signal });
  return { kind: 'btc-locked', network: 'stacks', sats, observedAt: block.timeMs };
}

/**
 * Stacks: `get-total-supply` of sbtc-token (includes tokens locked for pending withdrawals) at the newest
 * block, stamped with that block's time. History: the same call at the block at or before 1 to 90 days back
 * (Hiro's by-block-time lookup); what the API cannot find is left out.
 */
export const hiroSbtc: SourceDef = {
  id: 'hiro-sbtc',
  provider: 'hiro',
  role: 'btc-locked',
  networks: ['stacks'],
  label: 'Hiro sBTC total supply',
  path: PATH,
  polls: true,
  // Stacks blocks come every few seconds, but tenures wait for Bitcoin blocks (which can be an hour apart).
  maxAgeMs: 60 * 60_000,
  async fetch(ctx) {
    const tip = await ctx.http.getJson(`${ctx.baseUrl}/extended/v2/blocks?limit=1`, LatestBlocks, { signal: ctx.signal });
    return [await supplyAt(ctx, tip)];
  },
  async history(ctx) {
    const out: Reading[] = [];
    let firstError: unknown;
    const seen = new Set<string>();
    for (const ago of SBTC_HISTORY_AGES) {
      const target = ctx.now - ago;
      if (target < ctx.since) break;
      try {
        const block = await ctx.http.getJson(`${ctx.baseUrl}/extended/v2/blocks/by-block-time/${Math.floor(target / 1000)}`, BlockAtTime, { signal: ctx.signal });
        if (seen.has(block.tip)) continue;
        seen.add(block.tip);
        out.push(await supplyAt(ctx, block));
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        firstError ??= error;
        break;
      }
    }
    if (out.length === 0) throw firstError ?? new FeedFailure('schema', 'bad data: no past blocks');
    return out.sort((a, b) => (a.observedAt ?? 0) - (b.observedAt ?? 0));
  },
};
