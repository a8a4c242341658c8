// A source for an EVM L2 whose bridge contract held all 21M of its BTC at genesis (Rootstock, Citrea).
import type { NetworkId, ProviderId, Reading, SourceId } from '../../model/types.js';
import type { FetchContext, SourceDef } from '../source.js';
import { FeedFailure } from '../feed-failure.js';
import { BlockHeader, HexQuantity, rpcCall } from './rpc.js';
import { bridgeProblem, GENESIS_BRIDGE_WEI, WEI_PER_SAT } from './schema.js';

const DAY = 86_400_000;
/** Past points the backfill asks for (ago), so 24 h and 7 d changes and the chart use the same methodology. */
export const HISTORY_AGES: readonly number[] = [1, 2, 3, 5, 7, 14, 30, 60, 89].map((d) => d * DAY);
/** Blocks back to the reference block that measures the average block time. */
const REFERENCE_SPAN = 10_000;

/** What differs between bridge-balance sources. */
export interface BridgeBalanceOptions {
  readonly id: SourceId;
  /** The provider whose base URL is the JSON-RPC endpoint (requests POST to `{base}/`). */
  readonly provider: ProviderId;
  readonly network: NetworkId;
  /** The bridge contract, 0x-prefixed. */
  readonly address: string;
  readonly label: string;
  /** The native coin's symbol, used in the over-supply message. Default "BTC". */
  readonly coin?: string;
  /** How old the chain's newest block may be before the node counts as behind (stale). */
  readonly maxAgeMs: number;
}

/** The BTC locked at `block` (hex number or "latest"): 21M minus the bridge balance, after the plausibility check. */
async function lockedAt(ctx: FetchContext, o: BridgeBalanceOptions, block: string): Promise<number> {
  const balance = await rpcCall(ctx.http, `${ctx.baseUrl}/`, 'eth_getBalance', [o.address, block], HexQuantity, ctx.signal);
  const problem = bridgeProblem(balance, o.coin ?? 'BTC');
  if (problem !== undefined) throw new FeedFailure('schema', `bad data at result: ${problem}`);
  return Number((GENESIS_BRIDGE_WEI - balance) / WEI_PER_SAT);
}

async function header(ctx: FetchContext, block: string): Promise<BlockHeader> {
  const h = await rpcCall(ctx.http, `${ctx.baseUrl}/`, 'eth_getBlockByNumber', [block, false], BlockHeader, ctx.signal);
  if (!Number.isSafeInteger(h.number) || !Number.isFinite(h.timestampMs)) throw new FeedFailure('schema', 'bad data at result: implausible block header');
  return h;
}

const hex = (n: number): string => `0x${n.toString(16)}`;

/**
 * BTC locked = 21M minus the bridge's balance at the newest block, stamped with that block's time (so a
 * node that stopped syncing shows as stale). History: the balance at blocks about 1 to 90 days back, each
 * stamped with its own block's time; a node without old state gives what it can (at least one point).
 */
export function bridgeBalanceSource(o: BridgeBalanceOptions): SourceDef {
  const { id, provider, network, label } = o;
  const reading = (sats: number, observedAt: number): Reading => ({ kind: 'btc-locked', network, sats, observedAt });
  return {
    id,
    provider,
    role: 'btc-locked',
    networks: [network],
    label,
    path: '/ (eth_getBlockByNumber, eth_getBalance)',
    polls: true,
    maxAgeMs: o.maxAgeMs,
    async fetch(ctx) {
      const tip = await header(ctx, 'latest');
      return [reading(await lockedAt(ctx, o, hex(tip.number)), tip.timestampMs)];
    },
    async history(ctx) {
      const tip = await header(ctx, 'latest');
      const ref = await header(ctx, hex(Math.max(0, tip.number - REFERENCE_SPAN)));
      const blockMs = tip.number > ref.number ? (tip.timestampMs - ref.timestampMs) / (tip.number - ref.number) : 0;
      if (!(blockMs > 0)) throw new FeedFailure('schema', 'bad data: cannot measure the block time');
      const out: Reading[] = [];
      let firstError: unknown;
      for (const ago of HISTORY_AGES) {
        const target = tip.timestampMs - ago;
        if (target < ctx.since) break;
        const n = Math.round(tip.number - ago / blockMs);
        if (n < 0) break;
        try {
          const h = await header(ctx, hex(n));
          out.push(reading(await lockedAt(ctx, o, hex(h.number)), h.timestampMs));
        } catch (error) {
          if (ctx.signal.aborted) throw error;
          firstError ??= error;
          break; // older state is not there either (a pruned node): keep what we have
        }
      }
      if (out.length === 0 && firstError !== undefined) throw firstError;
      return out.sort((a, b) => (a.observedAt ?? 0) - (b.observedAt ?? 0));
    },
  };
}
