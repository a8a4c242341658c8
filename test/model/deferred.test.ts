// feed/deferred: a source waiting for its provider's Retry-After shows the wait until its next attempt.
import { describe, expect, it } from 'vitest';
import { reduce } from '../../src/model/reducer.js';
import { selectSources } from '../../src/model/selectors.js';
import { toSnapshot } from '../../src/model/snapshot.js';
import type { State } from '../../src/model/state.js';
import { freshState, MIN, ok, run, T0 } from '../helpers/state.js';

const row = (s: State, id: string) => selectSources(s).find((r) => r.meta.id === id);

describe('feed/deferred', () => {
  it('sets the next attempt and the wait, shows both in the JSON, and the next attempt clears the wait', () => {
    let s = run(freshState(), [ok('src-lightning', T0, 'lightning', 5)]);
    s = reduce(s, { type: 'feed/deferred', sourceId: 'src-lightning', provider: 'mempool', until: T0 + 2 * MIN });
    expect(row(s, 'src-lightning')).toMatchObject({ status: 'ok', nextAttemptAt: T0 + 2 * MIN, rateLimited: { provider: 'mempool', until: T0 + 2 * MIN } });
    expect(toSnapshot(s).sources.find((x) => x.id === 'src-lightning')).toMatchObject({
      nextAttemptAt: new Date(T0 + 2 * MIN).toISOString(),
      waitReason: `rate-limited by mempool until ${new Date(T0 + 2 * MIN).toISOString()}`,
      error: null,
    });
    const attempt = reduce(s, { type: 'feed/attempt', sourceId: 'src-lightning', at: T0 + 2 * MIN });
    expect(attempt.health['src-lightning']?.rateLimited).toBeUndefined();
    const outcome = run(s, [ok('src-lightning', T0 + MIN, 'lightning', 6)]);
    expect(row(outcome, 'src-lightning')?.rateLimited).toBeUndefined();
  });

  it('ignores an unknown source', () => {
    const s = freshState();
    expect(reduce(s, { type: 'feed/deferred', sourceId: 'nope', provider: 'p', until: T0 })).toBe(s);
  });
});
