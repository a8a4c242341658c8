// A populated store for the persistence tests: polls of four networks over an hour, a gap, a fired alert, a backfill.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Action } from '../../src/model/reducer.js';
import { createStore, type Store } from '../../src/model/store.js';
import { startPersistence, type PersistOptions, type Persistence } from '../../src/state/persist.js';
import { DAY, HOUR, MIN, T0, fail, freshState, ok, price } from '../helpers/state.js';

export { DAY, HOUR, MIN, T0 };

/** A fresh temporary directory (the caller removes it). */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-state-test-'));
}

/** A store like the app's, with a level rule on Liquid, whose clock starts at `now`. */
export function newStore(now: number): Store {
  return createStore(freshState({ now, settings: { alertRules: [{ type: 'level', network: 'liquid', below: 3_500 }] } }));
}

/** Opens the state directory for `store` with the clock at `now`; notices are collected. */
export function open(dir: string, store: Store, now: number, extra: Partial<PersistOptions> = {}): { p: Persistence; notices: string[] } {
  const notices: string[] = [];
  const p = startPersistence({ dir, store, now: () => now, notice: (t) => notices.push(t), ...extra });
  return { p, notices };
}

/** 12 five-minute rounds from T0: Lightning fails in round 6 (a gap), Liquid falls through 3,500 BTC in round 8. */
export function pollRounds(): Action[] {
  const out: Action[] = [];
  for (let k = 0; k < 12; k += 1) {
    const at = T0 + k * 5 * MIN;
    out.push(k === 6 ? fail('src-lightning', at, { kind: 'timeout', message: 'no answer within 15 s' }) : ok('src-lightning', at, 'lightning', 500_000_000_000 + k * 1_000_000));
    out.push(ok('src-liquid', at, 'liquid', (k < 8 ? 3_600 : 3_400) * 1e8 + k));
    out.push(ok('src-rootstock', at, 'rootstock', 320_000_000_000 + k));
    out.push(price(at, 97_000 + k));
  }
  return out;
}

/** A backfill of Rootstock (src-history): daily points for the 10 days before T0. */
export function rootstockHistory(at: number): Action {
  const readings = Array.from({ length: 10 }, (_, i) => ({ kind: 'btc-locked' as const, network: 'rootstock', sats: 310_000_000_000 + i, observedAt: T0 - (10 - i) * DAY }));
  return { type: 'feed/history', sourceId: 'src-history', outcome: { ok: true, at, latencyMs: 900, readings } };
}
