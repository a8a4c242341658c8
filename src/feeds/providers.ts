// Default base URLs of the upstream providers; config may override any of them.

/** ProviderId → default base URL (no trailing slash). */
export const PROVIDER_DEFAULTS = {
  mempool: 'https://mempool.space',
  liquid: 'https://liquid.network',
  rootstock: 'https://public-node.rsk.co',
  hiro: 'https://api.hiro.so',
  bitcoinlayers: 'https://api.btc-locked.com',
} as const satisfies Readonly<Record<string, string>>;

/** A provider this build knows a default for. */
export type KnownProvider = keyof typeof PROVIDER_DEFAULTS;
