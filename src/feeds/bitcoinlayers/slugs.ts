// The one map from Bitcoin Layers' `network_slug` to our network ids, shared by its current and history sources.
import type { NetworkId } from '../../model/types.js';

/** Lower-cased bitcoinlayers `network_slug` → our network id; every other slug is ignored. */
export const LAYERS_SLUGS: Readonly<Record<string, NetworkId>> = {
  lightning: 'lightning',
  liquid: 'liquid',
  rootstock: 'rootstock',
  stacks: 'stacks',
  citrea: 'citrea',
  merlin: 'merlin',
  bob: 'bob',
  core: 'core',
  bitlayer: 'bitlayer',
  bsquared: 'bsquared',
  botanix: 'botanix',
  hemi: 'hemi',
  mezo: 'mezo',
  corn: 'corn',
  bevm: 'bevm',
  starknet: 'starknet',
  internetcomputer: 'internet-computer',
  rollux: 'rollux',
  libre: 'libre',
};

/**
 * The token row that measures the same thing as a network's own primary (like for like), by
 * token_implementation: RBTC against the PowPeg balance, sBTC against its total supply, L-BTC against the
 * peg table. Other networks are compared by their total, Lightning not at all (1ML, another methodology).
 */
export const LIKE_FOR_LIKE_TOKEN: Readonly<Record<NetworkId, RegExp>> = {
  rootstock: /^Rootstock-RBTC_Rootstock$/i,
  stacks: /^Stacks-sBTC_Stacks$/i,
  liquid: /^Liquid-L-?BTC_Liquid$/i,
};

/** Every network the table maps to, in table order. */
export const LAYERS_NETWORKS: readonly NetworkId[] = Object.values(LAYERS_SLUGS);

/** Our network for a slug, matched case-insensitively; undefined for slugs we do not track. */
export function networkOfSlug(slug: string): NetworkId | undefined {
  const key = slug.toLowerCase();
  return Object.hasOwn(LAYERS_SLUGS, key) ? LAYERS_SLUGS[key] : undefined;
}
