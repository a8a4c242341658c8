// A manual clock for the poller: timers are recorded in a queue and run in time order when the test advances.
import type { PollerClock } from '../../src/feeds/poller.js';

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly fn: () => void;
}

/** Drains every pending microtask (the poller's promise chains) before simulated time moves on. */
export const flushMicrotasks = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** PollerClock over simulated time: `now()` only moves when advance() runs the earliest timers. */
export class ManualClock implements PollerClock {
  private t: number;
  private seq = 0;
  /** Binary min-heap on (at, id); cleared timers stay in it until popped or compacted away (lazy deletion). */
  private readonly heap: Timer[] = [];
  private readonly live = new Set<number>();
  /** Timer callbacks run so far. */
  fired = 0;

  constructor(start: number) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const timer: Timer = { id: (this.seq += 1), at: this.t + Math.max(0, ms), fn };
    this.live.add(timer.id);
    this.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle !== 'number' || !this.live.delete(handle)) return;
    // Cleared timers far in the future would never reach the top: drop them once they are most of the heap.
    if (this.heap.length > 64 + 2 * this.live.size) {
      const kept = this.heap.filter((t) => this.live.has(t.id)).sort((a, b) => (this.less(a, b) ? -1 : 1));
      this.heap.splice(0, this.heap.length, ...kept);
    }
  }

  /** Entries in the timer queue, cleared ones not yet dropped included (bounded by the compaction above). */
  queued(): number {
    return this.heap.length;
  }

  /** Timers set and neither run nor cleared. */
  pending(): number {
    return this.live.size;
  }

  /**
   * Runs every timer due up to `end` in time order, draining microtasks after each instant so the callbacks'
   * promise chains (and the timers they arm) settle at that instant; then sets the clock to `end`.
   */
  async advanceTo(end: number): Promise<void> {
    for (;;) {
      const next = this.peekLive();
      if (next === undefined || next.at > end) break;
      this.t = next.at;
      while (this.peekLive()?.at === this.t) {
        const timer = this.pop();
        if (timer === undefined) break;
        this.live.delete(timer.id);
        this.fired += 1;
        timer.fn();
      }
      await flushMicrotasks();
    }
    this.t = Math.max(this.t, end);
  }

  private peekLive(): Timer | undefined {
    while (this.heap.length > 0 && !this.live.has(this.heap[0]?.id ?? -1)) this.pop();
    return this.heap[0];
  }

  private less(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.id < b.id);
  }

  private push(timer: Timer): void {
    const h = this.heap;
    h.push(timer);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent];
      if (p === undefined || !this.less(timer, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = timer;
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = last;
      let at = -1;
      const left = h[l];
      const right = h[r];
      if (left !== undefined && this.less(left, min)) {
        min = left;
        at = l;
      }
      if (right !== undefined && this.less(right, min)) {
        min = right;
        at = r;
      }
      if (at < 0) break;
      h[i] = min;
      i = at;
    }
    h[i] = last;
    return top;
  }
}
