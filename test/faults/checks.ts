// The fault matrix's common assertions: the failing source is reported, its last good values are kept, the rest is untouched.
import { expect } from 'vitest';
import { NETWORKS, PRICE_SOURCES } from '../../src/feeds/networks.js';
import { pickPrice } from '../../src/model/pick.js';
import { selectRows, selectSources, type NetworkRow, type SourceRow } from '../../src/model/selectors.js';
import type { State } from '../../src/model/state.js';
import type { Metric } from '../../src/model/types.js';

/** Terminal escapes, C0/C1 controls (BEL included) and bidi controls: none may reach a frame. */
export const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

export function sourceRow(state: State, id: string): SourceRow {
  const row = selectSources(state).find((s) => s.meta.id === id);
  if (!row) throw new Error(`no source ${id}`);
  return row;
}

function row(state: State, metric: Metric, network: string): NetworkRow {
  const r = selectRows(state, metric).find((x) => x.meta.id === network);
  if (!r) throw new Error(`no row ${network}`);
  return r;
}

/** Every polled source is ok (the history-only ones stay as they were: nothing backfilled them). */
export function expectOthersOk(before: State, after: State, except: string | undefined): void {
  const off = selectSources(after)
    .filter((s) => s.meta.id !== except)
    .filter((s) => (s.meta.polls ? s.status !== 'ok' : s.status !== sourceRow(before, s.meta.id).status))
    .map((s) => `${s.meta.id}: ${s.status} ${s.error?.message ?? ''}`);
  expect(off).toEqual([]);
}

/** Where `sourceId` put values: btc-locked / defi-tvl networks, prices, the block height or details. */
export function expectKept(before: State, after: State, sourceId: string): void {
  const meta = after.sources.find((s) => s.id === sourceId);
  if (!meta) throw new Error(`no source ${sourceId}`);
  switch (meta.role) {
    case 'btc-locked':
    case 'defi-tvl': {
      const metric: Metric = meta.role;
      for (const id of meta.networks) {
        if (before.values[metric][id]?.[sourceId] === undefined) continue; // a network it has no row for
        const kept = after.values[metric][id]?.[sourceId];
        expect(kept, `${id} keeps ${sourceId}'s last good value`).toEqual(before.values[metric][id]?.[sourceId]);
        expect(kept?.value).toBeGreaterThan(0);
        const network = NETWORKS.find((n) => n.id === id);
        const priority = metric === 'btc-locked' ? network?.sources ?? [] : network?.tvlSource ? [network.tvlSource] : [];
        const r = row(after, metric, id);
        expect(r.value, `${id} is never blank or zero`).toBeGreaterThan(0);
        if (priority[0] === sourceId) {
          expect(r.stale || r.fallback, `${id}: stale or fallback`).toBe(true);
          if (r.stale) expect(r.value).toBe(kept?.value);
          else expect(r.source?.id).not.toBe(sourceId);
        } else {
          expect([r.source?.id, r.stale, r.fallback, r.value]).toEqual([priority[0], false, false, row(before, metric, id).value]);
        }
      }
      break;
    }
    case 'price': {
      expect(after.prices[sourceId]).toEqual(before.prices[sourceId]);
      const p = pickPrice(after);
      expect(p?.value).toBeGreaterThan(0);
      expect(p?.stale).toBe(false);
      if (PRICE_SOURCES[0] === sourceId) expect([p?.sourceId, p?.fallback]).toEqual([PRICE_SOURCES[1], true]);
      else expect(p?.sourceId).toBe(PRICE_SOURCES[0]);
      break;
    }
    case 'block-height':
      expect(after.height).toEqual(before.height);
      break;
    case 'detail':
      for (const id of meta.networks) {
        expect(after.details[id]).toEqual(before.details[id]);
        expect(Object.keys(after.details[id] ?? {}).length).toBeGreaterThan(0);
      }
      break;
  }
}

/** After the fault is cleared: the source is ok, and where it is the primary the value is its own again. */
export function expectRecovered(before: State, after: State, sourceId: string): void {
  const s = sourceRow(after, sourceId);
  expect([s.status, s.error, s.consecutiveFailures]).toEqual(['ok', undefined, 0]);
  const meta = after.sources.find((x) => x.id === sourceId);
  if (meta?.role === 'btc-locked' || meta?.role === 'defi-tvl') {
    const metric: Metric = meta.role;
    for (const id of meta.networks) {
      const network = NETWORKS.find((n) => n.id === id);
      const primary = metric === 'btc-locked' ? network?.sources[0] : network?.tvlSource;
      const r = row(after, metric, id);
      expect([r.source?.id, r.stale, r.fallback, r.value]).toEqual([primary, false, false, row(before, metric, id).value]);
    }
  }
  if (meta?.role === 'price') expect([pickPrice(after)?.sourceId, pickPrice(after)?.fallback]).toEqual([PRICE_SOURCES[0], false]);
  if (meta?.role === 'block-height') expect(after.height?.sourceId).toBe(sourceId);
}
