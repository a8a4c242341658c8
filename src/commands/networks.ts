// The networks and sources a config asks for: the registry's plus one network per custom feed.
import type { Config } from '../config/schema.js';
import { createCustomSource } from '../feeds/custom/custom-source.js';
import { NETWORKS } from '../feeds/networks.js';
import { SOURCES, sourcesFor } from '../feeds/registry.js';
import type { SourceDef } from '../feeds/source.js';
import type { NetworkMeta, SourceMeta } from '../model/types.js';

/** Built-in networks plus one per custom feed, with the sources they need. */
export function networksAndSources(config: Pick<Config, 'customFeeds' | 'networks'>): { networks: NetworkMeta[]; sources: SourceDef[] } {
  const custom = config.customFeeds.map((def) => ({ def, source: createCustomSource(def) }));
  const customNetworks: NetworkMeta[] = custom.map(({ def, source }) => ({
    id: def.id,
    name: def.name,
    type: 'other',
    lockedMeaning: `custom feed: ${def.unit === 'usd' ? 'USD' : 'BTC'} at ${def.pointer || '(whole document)'} of ${def.url}`,
    links: [{ label: 'source', url: def.url }],
    custom: true,
    ...(source.role === 'defi-tvl' ? { sources: [], tvlSource: source.id } : { sources: [source.id] }),
  }));
  const all = [...NETWORKS, ...customNetworks];
  const networks = config.networks.map((id) => all.find((n) => n.id === id)).filter((n) => n !== undefined);
  return { networks, sources: sourcesFor(networks, [...SOURCES, ...custom.map((c) => c.source)]) };
}

/** A source as the UI sees it: reporting only the networks that are shown (Bitcoin Layers covers more). */
export function shownOnly(meta: SourceMeta, networks: readonly NetworkMeta[]): SourceMeta {
  if (meta.networks.length <= 1) return meta;
  const shown = new Set(networks.map((n) => n.id));
  return { ...meta, networks: meta.networks.filter((id) => shown.has(id)) };
}
