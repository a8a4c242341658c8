import { describe, expect, it } from 'vitest';
import { SOURCES, sourcesFor } from '../../src/feeds/registry.js';
import { PROVIDER_DEFAULTS } from '../../src/feeds/providers.js';

const ids = (list: readonly { id: string }[]): string[] => list.map((s) => s.id);

describe('SOURCES', () => {
  it('lists every source in priority order', () => {
    expect(ids(SOURCES)).toEqual([
      'mempool-lightning',
      'liquid-pegs',
      'rootstock-bridge',
      'hiro-sbtc',
      'mempool-price',
      'bitcoinlayers-history',
    ]);
  });

  it.each(SOURCES.map((s) => [s.id, s] as const))('%s fills every SourceMeta field consistently', (_id, s) => {
    expect(s.id).toMatch(/^[a-z0-9-]+$/);
    expect(Object.keys(PROVIDER_DEFAULTS)).toContain(s.provider);
    expect(s.network).toMatch(/^[a-z]+$/);
    expect(s.label.length).toBeGreaterThan(5);
    expect(s.path).toMatch(/^\//);
    expect(s.polls).toBe(s.fetch !== undefined);
    expect(s.fetch !== undefined || s.history !== undefined).toBe(true);
  });

  it('has default base URLs without a trailing slash', () => {
    for (const url of Object.values(PROVIDER_DEFAULTS)) expect(url).toMatch(/^https:\/\/[^/]+$/);
  });
});

describe('sourcesFor', () => {
  it.each([
    [[], ['mempool-price']],
    [['lightning'], ['mempool-lightning', 'mempool-price']],
    [['liquid', 'lightning'], ['mempool-lightning', 'liquid-pegs', 'mempool-price']],
    [['stacks'], ['hiro-sbtc', 'mempool-price', 'bitcoinlayers-history']],
    [['rootstock'], ['rootstock-bridge', 'mempool-price', 'bitcoinlayers-history']],
    [['lightning', 'liquid', 'rootstock', 'stacks'], ids(SOURCES)],
    [['citrea'], ['mempool-price']],
  ])('%j → %j', (networks, expected) => {
    expect(ids(sourcesFor(networks))).toEqual(expected);
  });
});
