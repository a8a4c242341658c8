import { describe, expect, it } from 'vitest';
import { SOURCES, sourcesFor } from '../../src/feeds/registry.js';
import { NETWORKS, PRICE_SOURCES } from '../../src/feeds/networks.js';
import { PROVIDER_DEFAULTS } from '../../src/feeds/providers.js';
import { LAYERS_SLUGS } from '../../src/feeds/bitcoinlayers/slugs.js';
import { LLAMA_CHAINS } from '../../src/feeds/defillama/chain-names.js';

const ids = (list: readonly { id: string }[]): string[] => list.map((s) => s.id);
const byId = new Map(SOURCES.map((s) => [s.id, s]));

describe('SOURCES', () => {
  it('has unique ids', () => {
    expect(new Set(ids(SOURCES)).size).toBe(SOURCES.length);
  });

  it.each(SOURCES.map((s) => [s.id, s] as const))('%s fills every SourceMeta field consistently', (_id, s) => {
    expect(s.id).toMatch(/^[a-z0-9-]+$/);
    expect(Object.keys(PROVIDER_DEFAULTS)).toContain(s.provider);
    for (const n of s.networks) expect(NETWORKS.map((x) => x.id)).toContain(n);
    expect(s.label.length).toBeGreaterThan(5);
    expect(s.path).toMatch(/^\//);
    expect(s.polls).toBe(s.fetch !== undefined);
    expect(s.fetch !== undefined || s.history !== undefined).toBe(true);
  });

  it('has default base URLs without a trailing slash', () => {
    for (const url of Object.values(PROVIDER_DEFAULTS)) expect(url).toMatch(/^https:\/\/\S+[^/]$/);
  });
});

describe('network registry', () => {
  it.each(NETWORKS.map((n) => [n.id, n] as const))('%s names only sources that exist and report it', (id, n) => {
    expect(n.sources.length).toBeGreaterThan(0);
    for (const s of n.sources) {
      expect(byId.get(s)?.role).toBe('btc-locked');
      expect(byId.get(s)?.networks).toContain(id);
    }
    for (const s of n.historySources ?? []) expect(byId.get(s)?.history).toBeDefined();
    if (n.tvlSource) {
      expect(byId.get(n.tvlSource)?.role).toBe('defi-tvl');
      expect(LLAMA_CHAINS[id]).toBeDefined();
    }
    for (const link of n.links ?? []) expect(link.url).toMatch(/^https:\/\//);
  });

  it('maps every Bitcoin Layers slug and DefiLlama chain onto a registered network', () => {
    for (const id of Object.values(LAYERS_SLUGS)) expect(NETWORKS.map((n) => n.id)).toContain(id);
    for (const id of Object.keys(LLAMA_CHAINS)) expect(NETWORKS.find((n) => n.id === id)?.tvlSource).toBe('defillama-chains');
  });

  it('names price sources that exist', () => {
    for (const id of PRICE_SOURCES) expect(byId.get(id)?.role).toBe('price');
  });
});

describe('sourcesFor', () => {
  const pick = (...names: string[]) => NETWORKS.filter((n) => names.includes(n.id));
  it('always runs the price sources and the block height', () => {
    expect(ids(sourcesFor([]))).toEqual(['mempool-price', 'coingecko-price', 'defillama-coins-price', 'mempool-height']);
  });
  it('runs a network\'s value, history, TVL and detail sources', () => {
    expect(ids(sourcesFor(pick('liquid')))).toEqual([
      'liquid-pegs', 'esplora-liquid-supply', 'bitcoinlayers-current', 'mempool-price', 'coingecko-price', 'defillama-coins-price', 'mempool-height', 'liquid-reserves',
    ]);
    expect(ids(sourcesFor(pick('bob')))).toEqual([
      'bitcoinlayers-current', 'mempool-price', 'coingecko-price', 'defillama-coins-price', 'mempool-height', 'defillama-chains', 'bitcoinlayers-history',
    ]);
  });
  it('runs every source for every network', () => {
    expect(ids(sourcesFor(NETWORKS))).toEqual(ids(SOURCES));
  });
});
