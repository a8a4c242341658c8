// Builders for model tests: a state with the four built-in networks and one source each.
import { NETWORKS } from '../../src/model/networks.js';
import { initialState, type State } from '../../src/model/state.js';
import type { FeedError, SourceMeta } from '../../src/model/types.js';
import type { Action } from '../../src/model/reducer.js';
import { reduce } from '../../src/model/reducer.js';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
export const T0 = Date.UTC(2026, 10, 1, 0, 0, 0);

export const TEST_SOURCES: SourceMeta[] = [
  { id: 'src-lightning', provider: 'mempool', network: 'lightning', label: 'LN', path: '/ln', polls: true },
  { id: 'src-liquid', provider: 'liquid', network: 'liquid', label: 'Liquid', path: '/pegs', polls: true },
  { id: 'src-rootstock', provider: 'rootstock', network: 'rootstock', label: 'RSK', path: '/', polls: true },
  { id: 'src-stacks', provider: 'hiro', network: 'stacks', label: 'sBTC', path: '/call-read', polls: true },
  { id: 'src-price', provider: 'mempool', network: 'price', label: 'Price', path: '/prices', polls: true },
  { id: 'src-history', provider: 'bitcoinlayers', network: 'rootstock', label: 'History', path: '/hist', polls: false },
];

export function freshState(overrides: Partial<Parameters<typeof initialState>[0]> = {}): State {
  return initialState({
    now: T0, intervalMs: 5 * MIN, windowMs: 90 * DAY, demo: false, networks: NETWORKS, sources: TEST_SOURCES, ...overrides,
  });
}

export function ok(sourceId: string, at: number, network: string, sats: number): Action {
  return {
    type: 'feed/outcome', sourceId, nextAttemptAt: at + 5 * MIN,
    outcome: { ok: true, at, latencyMs: 42, readings: [{ kind: 'btc-locked', network, sats }] },
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
