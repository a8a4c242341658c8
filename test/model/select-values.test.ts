// selectValues is what /metrics exports: it must say what selectRows says about each network's value.
import { describe, expect, it } from 'vitest';
import { reduce, type Action } from '../../src/model/reducer.js';
import { selectRows, selectValues, type NetworkValue } from '../../src/model/selectors.js';
import { initialState, type State } from '../../src/model/state.js';
import type { Metric, NetworkMeta, Reading, SourceMeta } from '../../src/model/types.js';
import { DAY, HOUR, MIN, T0 } from '../helpers/state.js';

const NETWORKS: NetworkMeta[] = [
  { id: 'lightning', name: 'Lightning', type: 'state channels', lockedMeaning: 'capacity', sources: ['mempool-ln'], references: ['layers'] },
  { id: 'liquid', name: 'Liquid', type: 'federated sidechain', lockedMeaning: 'L-BTC', sources: ['pegs', 'esplora', 'layers'] },
  { id: 'rootstock', name: 'Rootstock', type: 'merge-mined sidechain', lockedMeaning: 'RBTC', sources: ['bridge', 'explorer'] },
  { id: 'bob', name: 'BOB', type: 'rollup', lockedMeaning: 'tokens', sources: ['layers'] },
  { id: 'ark', name: 'Ark', type: 'rollup', lockedMeaning: 'tokens', sources: [] },
];
const src = (id: string, networks: string[], maxAgeMs?: number): SourceMeta => ({
  id, provider: id, role: 'btc-locked', networks, label: id, path: '/', polls: true, ...(maxAgeMs === undefined ? {} : { maxAgeMs }),
});
const SOURCES: SourceMeta[] = [
  src('mempool-ln', ['lightning'], HOUR), src('pegs', ['liquid'], 15 * MIN), src('esplora', ['liquid']),
  src('layers', ['lightning', 'liquid', 'bob'], 8 * HOUR), src('bridge', ['rootstock'], 15 * MIN), src('explorer', ['rootstock']),
];
const btc = (network: string, sats: number, extra: Partial<Extract<Reading, { kind: 'btc-locked' }>> = {}): Reading => ({ kind: 'btc-locked', network, sats, ...extra });
const outcome = (sourceId: string, at: number, readings: Reading[]): Action => ({
  type: 'feed/outcome', sourceId, nextAttemptAt: at + 5 * MIN, outcome: { ok: true, at, latencyMs: 20, readings },
});

/** Stale upstream data (lightning), like-for-like sources that disagree (liquid), a value (rootstock), none (bob), not tracked (ark). */
function state(): State {
  const now = T0 + 12 * HOUR;
  const actions: Action[] = [
    outcome('mempool-ln', now, [btc('lightning', 5e11, { observedAt: T0 - 3 * DAY, periodMs: DAY })]),
    outcome('pegs', now, [btc('liquid', 4e11, { observedAt: now - 30_000 })]),
    outcome('esplora', now, [btc('liquid', 3e11)]),
    outcome('layers', now, [btc('liquid', 4.01e11, { observedAt: Date.UTC(2026, 10, 1), periodMs: DAY })]),
    outcome('bridge', now, [btc('rootstock', 2.9e11)]),
  ];
  return actions.reduce(reduce, initialState({ now: T0, intervalMs: 5 * MIN, windowMs: 90 * DAY, demo: false, networks: NETWORKS, sources: SOURCES }));
}

const fromRows = (s: State, metric: Metric): NetworkValue[] => {
  const byId = new Map(selectRows(s, metric).map((r) => [r.meta.id, r]));
  return s.networks.map((meta) => {
    const r = byId.get(meta.id);
    if (!r) throw new Error(meta.id);
    return { meta, value: r.value, share: r.share, sourceId: r.value === undefined ? undefined : r.source?.id, dataAt: r.dataAt, stale: r.stale, doubtful: r.doubtful, notTracked: r.notTracked };
  });
};

describe('selectValues', () => {
  for (const metric of ['btc-locked', 'defi-tvl'] as const) {
    it(`says what selectRows says (${metric}), computed on its own or from rows already selected`, () => {
      const alone = state();
      const own = selectValues(alone, metric);
      const expected = fromRows(alone, metric);
      expect(own).toEqual(expected);
      const after = state();
      selectRows(after, metric);
      expect(selectValues(after, metric)).toEqual(expected);
    });
  }
  it('covers the cases it claims to', () => {
    const v = new Map(selectValues(state(), 'btc-locked').map((x) => [x.meta.id, x]));
    expect(v.get('lightning')?.stale).toBe(true);
    expect(v.get('liquid')?.value).toBeDefined();
    expect(v.get('bob')?.value).toBeUndefined();
    expect(v.get('ark')?.notTracked).toBe(true);
    expect([...v.values()].reduce((s, x) => s + (x.share ?? 0), 0)).toBeCloseTo(1, 10);
  });
});
