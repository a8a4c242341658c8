import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from '../../src/model/store.js';
import { throttledStore } from '../../src/terminal/throttled-store.js';
import { freshState, price, T0 } from '../helpers/state.js';

beforeEach(() => vi.useFakeTimers({ now: T0 }));
afterEach(() => vi.useRealTimers());

describe('throttledStore', () => {
  it('notifies the first change at once and merges a burst into one trailing notification', () => {
    const store = createStore(freshState());
    const view = throttledStore(store, 100);
    const heard = vi.fn();
    view.subscribe(heard);
    store.dispatch(price(T0, 1));
    expect(heard).toHaveBeenCalledTimes(1);
    for (let i = 2; i < 10; i += 1) store.dispatch(price(T0, i));
    expect(heard).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(100);
    expect(heard).toHaveBeenCalledTimes(2);
    expect(view.getState().prices['src-price']?.value).toBe(9);
    vi.advanceTimersByTime(1000);
    expect(heard).toHaveBeenCalledTimes(2);
    store.dispatch(price(T0, 10));
    expect(heard).toHaveBeenCalledTimes(3);
    view.dispose();
    store.dispatch(price(T0, 11));
    vi.advanceTimersByTime(1000);
    expect(heard).toHaveBeenCalledTimes(3);
    expect(vi.getTimerCount()).toBe(0);
  });
});
