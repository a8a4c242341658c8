// Builders for model and UI tests: four networks, one or two sources each, a price source.
import { initialState, type InitOptions, type State } from '../../src/model/state.js';
import type { FeedError, NetworkMeta, SourceMeta } from '../../src/model/types.js';
import type { Action } from '../../src/model/reducer.js';
import { reduce } from '../../src/model/reducer.js';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
export const T0 = Date.UTC(2026, 10, 1, 0, 0, 0);

export const TEST_NETWORKS: NetworkMeta[] = [
  { id: 'lightning', name: 'Lightning', type: 'state channels', lockedMeaning: 'public channel capacity', sources: ['src-lightning', 'src-layers'], historySources: ['src-lightning'] },
  { id: 'liquid', name: 'Liquid', type: 'federated sidechain', lockedMeaning: 'L-BTC issued', sources: ['src-liquid', 'src-esplora'] },
  { id: 'rootstock', name: 'Rootstock', type: 'merge-mined sidechain', lockedMeaning: 'RBTC released', sources: ['src-rootstock'], historySources: ['src-history'], tvlSource: 'src-tvl' },
  { id: 'stacks', name: 'Stacks (sBTC)', type: 'sidechain', lockedMeaning: 'sBTC supply', sources: ['src-stacks'], historySources: ['src-history'], tvlSource: 'src-tvl' },
];

const src = (id: string, provider: string, role: SourceMeta['role'], networks: string[], label: string, path: string, polls = true): SourceMeta =>
  ({ id, provider, role, networks, label, path, polls });

export const TEST_SOURCES: SourceMeta[] = [
  src('src-lightning', 'mempool', 'btc-locked', ['lightning'], 'LN', '/ln'),
  src('src-liquid', 'liquid', 'btc-locked', ['liquid'], 'Liquid', '/pegs'),
  src('src-rootstock', 'rootstock', 'btc-locked', ['rootstock'], 'RSK', '/'),
  src('src-stacks', 'hiro', 'btc-locked', ['stacks'], 'sBTC', '/call-read'),
  src('src-price', 'mempool', 'price', [], 'Price', '/prices'),
  src('src-esplora', 'esplora-liquid', 'btc-locked', ['liquid'], 'Esplora', '/supply'),
  src('src-layers', 'bitcoinlayers', 'btc-locked', ['lightning', 'liquid', 'rootstock', 'stacks'], 'Layers', '/current'),
  src('src-tvl', 'defillama', 'defi-tvl', ['rootstock', 'stacks'], 'TVL', '/v2/chains'),
  src('src-history', 'bitcoinlayers', 'btc-locked', ['rootstock', 'stacks'], 'History', '/hist', false),
];

export function freshState(overrides: Partial<InitOptions> = {}): State {
  return initialState({
    now: T0, intervalMs: 5 * MIN, windowMs: 90 * DAY, demo: false, networks: TEST_NETWORKS, sources: TEST_SOURCES, ...overrides,
  });
}

export function ok(sourceId: string, at: number, network: string, sats: number): Action {
  return {
    type: 'feed/outcome', sourceId, nextAttemptAt: at + 5 * MIN,
    outcome: { ok: true, at, latencyMs: 42, readings: [{ kind: 'btc-locked', network, sats }] },
  };
}

export function tvl(at: number, usd: Record<string, number>): Action {
  return {
    type: 'feed/outcome', sourceId: 'src-tvl', nextAttemptAt: at + HOUR,
    outcome: { ok: true, at, latencyMs: 30, readings: Object.entries(usd).map(([network, v]) => ({ kind: 'defi-tvl' as const, network, usd: v })) },
  };
}

export function price(at: number, usd: number): Action {
  return { type: 'feed/outcome', sourceId: 'src-price', nextAttemptAt: at + 5 * MIN, outcome: { ok: true, at, latencyMs: 10, readings: [{ kind: 'price', usd }] } };
}

export function fail(sourceId: string, at: number, error: FeedError): Action {
  return { type: 'feed/outcome', sourceId, nextAttemptAt: at + MIN, outcome: { ok: false, at, latencyMs: 15_000, error } };
}

export function run(state: State, actions: readonly Action[]): State {
  return actions.reduce(reduce, state);
}

/** All four networks answered once at `at`. */
export function allOk(state: State, at: number, sats: [number, number, number, number]): State {
  return run(state, [
    ok('src-lightning', at, 'lightning', sats[0]),
    ok('src-liquid', at, 'liquid', sats[1]),
    ok('src-rootstock', at, 'rootstock', sats[2]),
    ok('src-stacks', at, 'stacks', sats[3]),
  ]);
}
