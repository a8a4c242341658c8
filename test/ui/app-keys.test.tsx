import React from 'react';
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/ui/App.js';
import { remapKeys } from '../../src/ui/keymap.js';
import { createStore } from '../../src/model/store.js';
import { reduce } from '../../src/model/reducer.js';
import type { State } from '../../src/model/state.js';
import { allOk, fail, freshState, MIN, price, run, T0, TEST_SOURCES } from '../helpers/state.js';

const tick = () => new Promise((r) => setTimeout(r, 30));

function sampleState(): State {
  let s = allOk(freshState(), T0, [460_820_222_344, 360_000_000_000, 300_000_000_000, 500_000_000_000]);
  s = run(s, [price(T0, 97_284), fail('src-liquid', T0 + MIN, { kind: 'http', message: 'HTTP 500 Internal Server Error', status: 500 })]);
  return reduce(s, { type: 'tick', now: T0 + 2 * MIN });
}

function renderApp(state: State, columns = 80, rows = 24, keys: Record<string, string[]> = {}) {
  const store = createStore(state);
  const onQuit = vi.fn();
  const onRefresh = vi.fn();
  const app = render(<App store={store} onQuit={onQuit} onRefresh={onRefresh} size={{ columns, rows }} keymap={remapKeys(keys)} />);
  const frame = () => app.lastFrame() ?? '';
  const press = async (...inputs: string[]) => {
    for (const i of inputs) {
      app.stdin.write(i);
      await tick();
    }
  };
  return { ...app, frame, press, store, onQuit, onRefresh };
}

const lines = (frame: string) => frame.split('\n');
const footer = (frame: string) => lines(frame).filter((l) => l.trim() !== '').pop() ?? '';

describe('80x24 header and footer', () => {
  it('with every source failed the header says so, whole words only, with the way to the details', () => {
    const s = run(freshState(), TEST_SOURCES.filter((x) => x.polls).map((x) => fail(x.id, T0, { kind: 'network', message: 'connection refused' })));
    const failedAll = { ...s, health: { ...s.health, 'src-history': { inFlight: false, consecutiveFailures: 1, history: { at: T0, ok: false, points: 0, error: { kind: 'network' as const, message: 'connection refused' } } } } };
    const { frame, unmount } = renderApp(failedAll);
    const status = lines(frame())[2] ?? '';
    expect(status).toMatch(/^every source failed \(\d of 9\)/);
    expect(status).toContain('(3: details)');
    expect(frame()).not.toContain('waiting for first answers');
    unmount();
  });

  it('a long header line is shortened at a word boundary, never inside a word', () => {
    const s = run(sampleState(), [fail('src-lightning', T0 + MIN, { kind: 'network', message: 'x' })]);
    const at = (columns: number) => {
      const app = renderApp(reduce(s, { type: 'tick', now: T0 + 2 * MIN }), columns, 14);
      const status = lines(app.frame())[2];
      app.unmount();
      return status;
    };
    expect(at(80)).toBe('updated 2m ago, next poll due  2 of 9 sources failing (3: details)');
    expect(at(60)).toBe('updated 2m ago, next…  2 of 9 sources failing (3: details)');
    expect(at(44)).toBe('2 of 9 sources failing (3: details)');
  });

  it('a notice shortens, and quit and help stay in the footer', async () => {
    const { frame, press, store, unmount } = renderApp(sampleState());
    store.dispatch({ type: 'ui/notice', text: 'refreshing 8 sources; 1 waiting (just polled, back-off or rate limit) and some more words here' });
    await press('');
    expect(footer(frame())).toMatch(/^refreshing 8 sources; 1 waiting.*… {2}.*\? help {2}q quit$/);
    unmount();
  });
});

describe('keys that cannot trap', () => {
  it('Ctrl-C quits with quit remapped; q then does nothing', async () => {
    const { press, onQuit, frame, unmount } = renderApp(sampleState(), 80, 24, { quit: ['x'] });
    expect(footer(frame())).toMatch(/x quit$/);
    await press('q');
    expect(onQuit).not.toHaveBeenCalled();
    await press('\u0003');
    expect(onQuit).toHaveBeenCalledTimes(1);
    await press('x');
    expect(onQuit).toHaveBeenCalledTimes(2);
    unmount();
  });

  it('help scrolls to its end with Down / PgDn, and swallows keys it does not use', async () => {
    const { press, frame, store, unmount } = renderApp(sampleState());
    await press('?');
    expect(frame()).toMatch(/▼ more below \(lines 1-16 of (\d+)\)/);
    await press('j', 'm', 's', '[', 'u', '\u001B[6~', '\u001B[6~', '\u001B[6~');
    expect(store.getState().ui).toMatchObject({ selected: 0, metric: 'btc-locked', sort: 'share', range: '90d', unit: 'btc', help: true });
    expect(frame()).toMatch(/▲ end of help \(lines \d+-(\d+) of \1\)/);
    expect(frame()).toContain('Stacks (sBTC): sBTC supply');
    await press('\u001B[5~', '\u001B[5~', '\u001B[5~', '\u001B[5~');
    expect(frame()).toMatch(/lines 1-16 of/);
    unmount();
  });

  it('the detail overlay swallows selection, sort and metric keys', async () => {
    const { press, store, unmount } = renderApp(sampleState());
    await press('\r', 'j', 's', 'm', '/');
    expect(store.getState().ui).toMatchObject({ detail: 'stacks', selected: 0, sort: 'share', metric: 'btc-locked', filtering: false });
    await press('\u001B');
    expect(store.getState().ui.detail).toBeUndefined();
    unmount();
  });

  it('in Sources, Up/Down scroll the source list and leave the Shares selection alone', async () => {
    const { press, store, frame, unmount } = renderApp(sampleState(), 80, 14);
    await press('3', 'j', 'j');
    expect(store.getState().ui).toMatchObject({ selected: 0, scroll: { sources: 2 } });
    expect(frame()).toMatch(/sources 3-\d of 9/);
    await press('1');
    expect(frame()).toMatch(/^›Stacks/m);
    await press('3');
    expect(frame()).toMatch(/sources 3-\d of 9/);
    unmount();
  });
});

describe('sort, filter and mouse', () => {
  it('s sorts by 24h change and name; / filters, q types into the prompt, Enter keeps it', async () => {
    const { press, frame, onQuit, unmount } = renderApp(sampleState());
    await press('s', 's');
    expect(lines(frame())[3]).toContain('sort: name');
    expect(lines(frame()).filter((l) => /^[ ›]\S/.test(l)).map((l) => l.slice(1, 15).trim())).toEqual(['Lightning', 'Liquid', 'Rootstock', 'Stacks (sBTC)']);
    await press('/', 'q', '\u007F', 'R', 'O');
    expect(onQuit).not.toHaveBeenCalled();
    expect(footer(frame())).toMatch(/^filter: RO_ .*Ctrl-C quit$/);
    await press('\r');
    expect(lines(frame())[3]).toContain('filter: RO');
    expect(lines(frame()).filter((l) => /^[ ›]\S/.test(l)).map((l) => l.slice(1, 15).trim())).toEqual(['Rootstock']);
    await press('/', 'x', 'y', 'z', '\r');
    expect(frame()).toContain('No network name contains "ROxyz" (4 networks in all).');
    await press('\u001B');
    expect(frame()).not.toContain('filter:');
    unmount();
  });

  it('a click on a tab switches view; a click on a row selects it, a second opens the detail; the wheel scrolls', async () => {
    const { press, store, unmount } = renderApp(sampleState(), 80, 24);
    await press('\u001B[<0;15;4M');
    expect(store.getState().ui.view).toBe('trends');
    await press('\u001B[<0;2;4M');
    expect(store.getState().ui.view).toBe('shares');
    await press('\u001B[<0;5;10M'); // row 10 = body line 4 = the third network (two lines each)
    expect(store.getState().ui.selected).toBe(2);
    await press('\u001B[<0;5;10M');
    expect(store.getState().ui.detail).toBe('liquid');
    await press('\u001B', '\u001B[<65;5;10M');
    expect(store.getState().ui.selected).toBe(3);
    expect(store.getState().ui.view).toBe('shares');
    unmount();
  });
});
