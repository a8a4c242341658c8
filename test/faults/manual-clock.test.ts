// Self-test of the soak's manual clock: time order, clearing, promise chains settling at their instant, bounded queue.
import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock.js';

describe('ManualClock', () => {
  it('runs timers in time order (same instant: in the order set) and moves now() with them', async () => {
    const clock = new ManualClock(1_000);
    const seen: string[] = [];
    clock.setTimeout(() => seen.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => seen.push(`a@${clock.now()}`), 10);
    clock.setTimeout(() => seen.push(`c@${clock.now()}`), 20);
    clock.setTimeout(() => seen.push('late'), 100);
    await clock.advanceTo(1_050);
    expect(seen).toEqual(['a@1010', 'b@1020', 'c@1020']);
    expect([clock.now(), clock.pending(), clock.fired]).toEqual([1_050, 1, 3]);
  });

  it('never runs a cleared timer', async () => {
    const clock = new ManualClock(0);
    const seen: number[] = [];
    const h = clock.setTimeout(() => seen.push(1), 5);
    clock.setTimeout(() => seen.push(2), 6);
    clock.clearTimeout(h);
    clock.clearTimeout('not a handle');
    expect(clock.pending()).toBe(1);
    await clock.advanceTo(10);
    expect(seen).toEqual([2]);
    expect(clock.pending()).toBe(0);
  });

  it('lets a callback\'s promise chain settle, and its new timers run, at the same instant', async () => {
    const clock = new ManualClock(0);
    const seen: string[] = [];
    clock.setTimeout(() => {
      void (async () => {
        for (let i = 0; i < 50; i += 1) await Promise.resolve();
        seen.push(`chain@${clock.now()}`);
        clock.setTimeout(() => seen.push(`next@${clock.now()}`), 0);
      })();
    }, 100);
    await clock.advanceTo(100);
    expect(seen).toEqual(['chain@100', 'next@100']);
  });

  it('drops cleared timers that would never reach the top of the queue', () => {
    const clock = new ManualClock(0);
    clock.setTimeout(() => undefined, 10);
    for (let i = 0; i < 10_000; i += 1) clock.clearTimeout(clock.setTimeout(() => undefined, Number.MAX_SAFE_INTEGER / 2));
    expect(clock.pending()).toBe(1);
    expect(clock.queued()).toBeLessThan(100);
  });
});
