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
};

/** Every network the table maps to, in table order. */
export const LAYERS_NETWORKS: readonly NetworkId[] = Object.values(LAYERS_SLUGS);

/** Our network for a slug, matched case-insensitively; undefined for slugs we do not track. */
export function networkOfSlug(slug: string): NetworkId | undefined {
  const key = slug.toLowerCase();
  return Object.hasOwn(LAYERS_SLUGS, key) ? LAYERS_SLUGS[key] : undefined;
}
