// Default base URLs of the upstream providers; config may override any of them. Custom feeds have none.

/** ProviderId → default base URL (no trailing slash). */
export const PROVIDER_DEFAULTS = {
  mempool: 'https://mempool.space',
  liquid: 'https://liquid.network',
  rootstock: 'https://public-node.rsk.co',
  hiro: 'https://api.hiro.so',
  bitcoinlayers: 'https://api.btc-locked.com',
  citrea: 'https://rpc.mainnet.citrea.xyz',
  /** Blockstream's Esplora for Liquid: its API lives under /liquid. */
  'esplora-liquid': 'https://blockstream.info/liquid',
  'rootstock-explorer': 'https://be.explorer.rootstock.io',
  coingecko: 'https://api.coingecko.com',
  'defillama-coins': 'https://coins.llama.fi',
  defillama: 'https://api.llama.fi',
} as const satisfies Readonly<Record<string, string>>;

/** A provider this build knows a default for. */
export type KnownProvider = keyof typeof PROVIDER_DEFAULTS;

/**
 * The provider a source's Retry-After binds: its `provider` (one upstream host, e.g. "mempool"), except that
 * each custom feed is its own provider ("custom:<source id>"), as its URLs are the user's own.
 */
export function providerKey(source: { readonly id: string; readonly provider: string }): string {
  return source.provider === 'custom' ? `custom:${source.id}` : source.provider;
}
