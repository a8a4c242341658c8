// DefiLlama bodies: /v2/chains with the Bitcoin L2 chains among others, /v2/historicalChainTvl/{chain} and its 404.
import type { JsonReply } from './payloads.js';

/** One daily TVL point; `atMs` is served as `date` in unix seconds. */
export interface TvlPoint {
  readonly atMs: number;
  readonly usd: number;
}

interface ChainMeta {
  readonly gecko_id: string | null;
  readonly tokenSymbol: string | null;
  readonly cmcId: string | null;
  /** A number, or a string as some real rows have it (Evmos), or null. */
  readonly chainId: number | string | null;
  /** Other names the server resolves to this chain (old labels, internal ids), lower case. */
  readonly aliases?: readonly string[];
}

const meta = (gecko_id: string | null, tokenSymbol: string | null, cmcId: string | null, chainId: number | string | null, aliases?: string[]): ChainMeta =>
  ({ gecko_id, tokenSymbol, cmcId, chainId, ...(aliases ? { aliases } : {}) });

/** Static fields per DefiLlama chain name (normalizeChain.ts; sample values where unknown). */
const CHAINS: Readonly<Record<string, ChainMeta>> = {
  Stacks: meta('blockstack', 'STX', '4847', null),
  Rootstock: meta('rootstock', 'RBTC', '3626', 30, ['rsk']),
  Merlin: meta('merlin-chain', 'MERL', null, 4200),
  BOB: meta('bob-build-on-bitcoin', 'BOB', null, 60808),
  CORE: meta('coredaoorg', 'CORE', '23254', 1116),
  Bitlayer: meta('bitlayer-bitvm', 'BTR', null, 200901, ['btr']),
  BSquared: meta('bsquared-network', 'B2', null, 223),
  Botanix: meta(null, null, null, 3637, ['btnx']),
  Citrea: meta(null, null, null, 4114),
  Hemi: meta('hemi', 'HEMI', null, 43111),
  Mezo: meta(null, null, null, 31612),
  Corn: meta('corn-3', 'CORN', null, 21000000),
  BEVM: meta(null, 'BEVM', null, 11501, ['chainx']),
  Ethereum: meta('ethereum', 'ETH', '1027', 1),
  Arbitrum: meta('arbitrum', 'ARB', '11841', 42161),
  Solana: meta('solana', 'SOL', '5426', null),
  Bitcoin: meta('bitcoin', 'BTC', '1', null),
  Evmos: meta('evmos', 'EVMOS', '19899', '9001'),
};

/** Unrelated chains /v2/chains also lists, with a fixed USD TVL (the app must skip them). */
export const LLAMA_OTHER_CHAINS_TVL: Readonly<Record<string, number>> = {
  Ethereum: 61_234_567_890.12,
  Arbitrum: 2_712_345_678.9,
  Solana: 9_876_543_210.5,
  Bitcoin: 6_543_210_987.65,
  Evmos: 1_234_567.89,
};

/** GET /v2/chains: one row per chain in the given order; unknown names get null ids. */
export function llamaChains(tvlByName: Readonly<Record<string, number>>): Record<string, unknown>[] {
  return Object.entries(tvlByName).map(([name, tvl]) => {
    const m = CHAINS[name];
    return { gecko_id: m?.gecko_id ?? null, tvl, tokenSymbol: m?.tokenSymbol ?? null, cmcId: m?.cmcId ?? null, name, chainId: m?.chainId ?? null };
  });
}

/** The chain among `names` that `requested` (URL-decoded already) means: case-insensitive, old labels and ids too. */
export function resolveLlamaChain(names: readonly string[], requested: string): string | undefined {
  const wanted = requested.toLowerCase();
  return names.find((name) => name.toLowerCase() === wanted || (CHAINS[name]?.aliases ?? []).includes(wanted));
}

/** GET /v2/historicalChainTvl/{chain}: oldest first, `date` unix s; undefined points mean no such chain, a 404. */
export function llamaHistoryReply(points: readonly TvlPoint[] | undefined): JsonReply {
  if (!points) return { status: 404, json: { message: 'There is no chain with that name' } };
  return { status: 200, json: [...points].sort((a, b) => a.atMs - b.atMs).map((p) => ({ date: Math.floor(p.atMs / 1000), tvl: p.usd })) };
}
