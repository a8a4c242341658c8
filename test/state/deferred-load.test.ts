// The live dashboard loads the state directory after its first frame: polls that ran before are journaled, the
// remembered points go in front of the polled ones, and the restore itself is never written back.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { toPoints } from '../../src/model/series.js';
import { ok, price } from '../helpers/state.js';
import { HOUR, MIN, T0, newStore, open, pollRounds, tempDir } from './fixture.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('state directory: loaded after the first polls (since)', () => {
  it('merges remembered points before the polled ones, journals the early polls once, and writes no restored point back', () => {
    const d = tempDir();
    dirs.push(d);
    const first = newStore(T0);
    const a = open(d, first, T0);
    for (const action of pollRounds()) first.dispatch(action);
    a.p.close();
    const earlier = toPoints(first.getState().series['btc-locked'].liquid ?? { chunks: [], start: 0, length: 0 });
    expect(earlier).toHaveLength(12);

    // The next run polls twice before its state directory is opened.
    const later = T0 + 3 * HOUR;
    const second = newStore(later);
    const since = second.getState();
    second.dispatch(ok('src-liquid', later, 'liquid', 3_300e8));
    second.dispatch(price(later, 98_000));
    second.dispatch(ok('src-liquid', later + 5 * MIN, 'liquid', 3_301e8));
    const b = open(d, second, later + 5 * MIN, { since });
    const merged = toPoints(second.getState().series['btc-locked'].liquid ?? { chunks: [], start: 0, length: 0 });
    expect(merged).toEqual([...earlier, [later, 3_300e8], [later + 5 * MIN, 3_301e8]]);
    expect(toPoints(second.getState().priceSeries).at(-1)).toEqual([later, 98_000]);
    expect(toPoints(second.getState().priceSeries)).toHaveLength(13);
    second.dispatch(ok('src-liquid', later + 10 * MIN, 'liquid', 3_302e8));
    b.p.close();

    // A third run sees every point exactly once: the early polls were journaled, the restore was not re-written.
    const third = newStore(later + HOUR);
    const c = open(d, third, later + HOUR);
    const all = toPoints(third.getState().series['btc-locked'].liquid ?? { chunks: [], start: 0, length: 0 });
    expect(all).toEqual([...earlier, [later, 3_300e8], [later + 5 * MIN, 3_301e8], [later + 10 * MIN, 3_302e8]]);
    expect(toPoints(third.getState().priceSeries)).toHaveLength(13);
    c.p.close();
  });
});
