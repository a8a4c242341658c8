// The one map from our network ids to DefiLlama chain names, shared by the chain TVL source's fetch and history.
import type { NetworkId } from '../../model/types.js';

/** Our network id → DefiLlama's chain display name (the `name` of `/v2/chains`, used in history URLs). */
export const LLAMA_CHAINS: Readonly<Record<NetworkId, string>> = {
  stacks: 'Stacks',
  rootstock: 'Rootstock',
  merlin: 'Merlin',
  bob: 'BOB',
  core: 'CORE',
  bitlayer: 'Bitlayer',
  bsquared: 'BSquared',
  botanix: 'Botanix',
  citrea: 'Citrea',
  hemi: 'Hemi',
  mezo: 'Mezo',
  corn: 'Corn',
  bevm: 'BEVM',
};

/** Older DefiLlama labels (lower-cased) still seen in payloads: "RSK" was Rootstock's. */
const ALIASES: Readonly<Record<string, NetworkId>> = { rsk: 'rootstock' };

const BY_NAME = new Map<string, NetworkId>([
  ...Object.entries(LLAMA_CHAINS).map(([network, name]): [string, NetworkId] => [name.toLowerCase(), network]),
  ...Object.entries(ALIASES),
]);

/** Our network for a DefiLlama chain name, matched case-insensitively; undefined for chains we do not track. */
export function networkOfLlamaChain(name: string): NetworkId | undefined {
  return BY_NAME.get(name.toLowerCase());
}
