import React from 'react';
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { App, keyPresses } from '../../src/ui/App.js';
import { createStore } from '../../src/model/store.js';
import { reduce } from '../../src/model/reducer.js';
import type { State } from '../../src/model/state.js';
import { allOk, fail, freshState, MIN, price, run, T0, TEST_SOURCES } from '../helpers/state.js';

const tick = () => new Promise((r) => setTimeout(r, 30));

/** Four networks answered at T0; Liquid failed at T0+1m; now is T0+2m. */
function sampleState(): State {
  let s = allOk(freshState(), T0, [460_820_222_344, 360_000_000_000, 300_000_000_000, 500_000_000_000]);
  s = run(s, [price(T0, 97_284), fail('src-liquid', T0 + MIN, { kind: 'http', message: 'HTTP 500 Internal Server Error', status: 500 })]);
  return reduce(s, { type: 'tick', now: T0 + 2 * MIN });
}

function renderApp(state: State, columns: number, rows: number) {
  const store = createStore(state);
  const onQuit = vi.fn();
  const onRefresh = vi.fn();
  const app = render(<App store={store} onQuit={onQuit} onRefresh={onRefresh} size={{ columns, rows }} />);
  return { ...app, store, onQuit, onRefresh };
}

function lines(frame: string | undefined): string[] {
  return (frame ?? '').split('\n');
}

describe('App frames', () => {
  it('Shares view at 80x24, exactly', () => {
    const { lastFrame, unmount } = renderApp(sampleState(), 80, 24);
    expect(lastFrame()).toBe([
      'l2top BTC locked                         total 16,208.20 BTC  BTC/USD $97,284.00',
      'share of all bitcoin: waiting for the block height',
      'updated 2m ago, next poll due  1 of 9 sources failing (3: details)',
      '[1 Shares]  2 Trends   3 Sources   4 Alerts        sort: share  unit BTC  ? help',
      '────────────────────────────────────────────────────────────────────────────────',
      '›Stacks (sBTC)  ██████▌                30.8%   5,000.00 BTC       n/a',
      '                via sBTC (src-stacks)',
      ' Lightning      ██████                 28.4%   4,608.20 BTC       n/a',
      '                via LN (src-lightning)',
      ' Liquid         ████▋                  22.2%   3,600.00 BTC       n/a stale 2m',
      '                via Liquid (src-liquid)',
      ' Rootstock      ███▉                   18.5%   3,000.00 BTC       n/a',
      '                via RSK (src-rootstock)',
      'BTC locked per network, share of total, 24h change; Enter: detail',
      '',
      'Liquid down: HTTP 500 Internal Server Error, retry due; showing the value from',
      '2m ago',
      '',
      '',
      '',
      '',
      '',
      '1-4 views  s sort  / filter  m metric  u units  Enter detail  ? help  q quit',
    ].join('\n'));
    unmount();
  });

  it.each([
    [120, 40], [80, 24], [60, 20], [44, 14], [40, 12],
  ])('every view fits %ix%i: at most rows-1 lines, no line wider than the terminal', async (columns, rows) => {
    const { lastFrame, stdin, unmount } = renderApp(sampleState(), columns, rows);
    for (const key of ['1', '2', '3', '?']) {
      stdin.write(key);
      await tick();
      const frame = lines(lastFrame());
      expect(frame.length).toBeLessThanOrEqual(rows - 1);
      for (const line of frame) expect([...line].length).toBeLessThanOrEqual(columns);
      expect(frame.join('\n')).toContain(key === '?' ? 'Keys' : 'l2top');
    }
    unmount();
  });

  it('narrow terminals drop columns by priority but keep name, bar, share and amount', () => {
    const { lastFrame, unmount } = renderApp(sampleState(), 44, 14);
    const row = lines(lastFrame()).find((l) => l.startsWith(' Lightning'));
    expect(row).toMatch(/^ Lightning\s+\S+\s+28\.4%\s+4\.61K BTC$/);
    unmount();
  });

  it('says "terminal too small" below the minimum', () => {
    const { lastFrame, unmount } = renderApp(sampleState(), 30, 8);
    expect((lastFrame() ?? '').replace(/\s+/g, ' ')).toBe('terminal too small (need 40x12)');
    unmount();
  });

  it('Sources view shows status and reason per source', async () => {
    const { lastFrame, stdin, unmount } = renderApp(sampleState(), 120, 24);
    stdin.write('3');
    await tick();
    const frame = lastFrame() ?? '';
    expect(frame).toMatch(/Liquid\s+liquid\s+down\s+2m\s+15s\s+1\s+due\s+HTTP 500 Internal Server Error/);
    expect(frame).toMatch(/History\s+2 nets\s+pending/);
    unmount();
  });

  it('Sources view scrolls with Up/Down when the sources do not all fit', async () => {
    const { lastFrame, stdin, unmount } = renderApp(sampleState(), 80, 12);
    stdin.write('3');
    await tick();
    expect(lastFrame()).toMatch(/sources 1-\d of 9 \(Up\/Down\)/);
    expect(lastFrame()).toContain('LN ');
    for (let i = 0; i < 9; i += 1) {
      stdin.write('j');
      await tick();
    }
    expect(lastFrame()).toMatch(/sources \d-9 of 9/);
    expect(lastFrame()).toContain('History');
    expect(lastFrame()).not.toMatch(/^LN /m);
    unmount();
  });

  it('Trends view charts every network and handles a single point', async () => {
    const { lastFrame, stdin, unmount } = renderApp(sampleState(), 80, 24);
    stdin.write('2');
    await tick();
    const frame = lastFrame() ?? '';
    for (const name of ['Lightning', 'Liquid', 'Rootstock', 'Stacks (sBTC)']) expect(frame).toContain(name);
    expect(frame).toContain('4,608.20 BTC');
    unmount();
  });

  it('shows SAMPLE DATA in demo mode and never otherwise', () => {
    const live = renderApp(sampleState(), 80, 24);
    expect(live.lastFrame()).not.toContain('SAMPLE');
    live.unmount();
    const demo = renderApp({ ...sampleState(), demo: true }, 80, 24);
    expect(lines(demo.lastFrame())[0]).toContain('SAMPLE DATA');
    demo.unmount();
  });

  it('points at --demo when no source answered', () => {
    const s = run(freshState(), ['src-lightning', 'src-liquid', 'src-rootstock', 'src-stacks', 'src-price'].map((id) =>
      fail(id, T0, { kind: 'network', message: 'DNS lookup failed for mempool.space' })));
    const { lastFrame, unmount } = renderApp(s, 80, 24);
    const frame = lastFrame() ?? '';
    expect(frame).toContain('No data yet: no source has answered');
    expect(frame.replace(/\s+/g, ' ')).toContain('DNS lookup failed for mempool.space: 5 sources (mempool, liquid, rootstock, hiro), retry in 1m');
    expect(frame).toContain('l2top --demo');
    unmount();
  });

  it('with --hub and no alert rules: the Alerts view says the rules are the hub\'s config', () => {
    const hub = { id: 'hub', provider: 'hub', role: 'relay' as const, networks: [], label: 'hub http://127.0.0.1:9464', path: '/api/v1/events', polls: true };
    const s = run(freshState({ sources: [hub, ...TEST_SOURCES] }), [{ type: 'ui/view', view: 'alerts' }]);
    const { lastFrame, unmount } = renderApp(s, 120, 24);
    expect((lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('the config file of its l2top serve');
    unmount();
  });

  it('with --hub and the hub never answered: asks about the hub, not about being offline, and does not offer --demo', () => {
    const hub = { id: 'hub', provider: 'hub', role: 'relay' as const, networks: [], label: 'hub http://127.0.0.1:9464', path: '/api/v1/events', polls: true };
    const s = run(freshState({ sources: [hub, ...TEST_SOURCES] }), [fail('hub', T0, { kind: 'network', message: 'connection refused' })]);
    const { lastFrame, unmount } = renderApp(s, 80, 24);
    const frame = lastFrame() ?? '';
    expect(frame).toContain('No data yet: the hub has not answered. Is l2top serve running there?');
    expect(frame).toContain('connection refused: hub http://127.0.0.1:9464, retry in');
    expect(frame).not.toContain('--demo');
    expect(frame).not.toContain('offline');
    unmount();
  });
});

describe('App keys', () => {
  it('1 2 3, Tab, Shift-Tab, ?, Esc, u, r and q', async () => {
    const { lastFrame, stdin, store, onQuit, onRefresh, unmount } = renderApp(sampleState(), 80, 24);
    const view = () => store.getState().ui.view;
    stdin.write('2'); await tick(); expect(view()).toBe('trends');
    stdin.write('3'); await tick(); expect(view()).toBe('sources');
    stdin.write('\t'); await tick(); expect(view()).toBe('alerts');
    stdin.write('\t'); await tick(); expect(view()).toBe('shares');
    stdin.write('\u001B[Z'); await tick(); expect(view()).toBe('alerts');
    stdin.write('1'); await tick(); expect(view()).toBe('shares');
    stdin.write('?'); await tick(); expect(lastFrame()).toContain('Shift-Tab');
    stdin.write('\u001B'); await tick(); expect(store.getState().ui.help).toBe(false);
    stdin.write('u'); await tick(); expect(lastFrame()).toContain('460,820,222,344 sats');
    stdin.write('u'); await tick(); expect(lastFrame()).toContain('$448.3M');
    stdin.write('u'); await tick();
    stdin.write('4'); await tick(); expect(view()).toBe('alerts'); expect(lastFrame()).toContain('No alert rules configured');
    stdin.write('1'); await tick();
    stdin.write('j'); await tick(); expect(store.getState().ui.selected).toBe(1);
    stdin.write('\r'); await tick(); expect(store.getState().ui.detail).toBe('lightning'); expect(lastFrame()).toContain('Lightning  (state channels, Bitcoin L2)  Esc to close');
    stdin.write('\u001B'); await tick(); expect(store.getState().ui.detail).toBeUndefined();
    stdin.write('k'); await tick(); expect(store.getState().ui.selected).toBe(0);
    stdin.write('m'); await tick(); expect(store.getState().ui.metric).toBe('defi-tvl'); expect(lastFrame()).toContain('DeFi TVL');
    stdin.write('m'); await tick();
    stdin.write(']'); await tick(); expect(store.getState().ui.range).toBe('90d');
    stdin.write('['); await tick(); expect(store.getState().ui.range).toBe('30d');
    stdin.write('r'); await tick(); expect(onRefresh).toHaveBeenCalledTimes(1);
    expect(onQuit).not.toHaveBeenCalled();
    stdin.write('q'); await tick(); expect(onQuit).toHaveBeenCalledTimes(1);
    stdin.write('\u0003'); await tick(); expect(onQuit).toHaveBeenCalledTimes(2);
    unmount();
  });

  it('a chunk of several typed keys acts as each key in turn', async () => {
    const { stdin, store, unmount } = renderApp(sampleState(), 80, 24);
    stdin.write('uu2');
    await tick();
    expect(store.getState().ui).toMatchObject({ unit: 'usd', view: 'trends' });
    unmount();
  });

  it('keyPresses splits plain chunks and ESC+key', () => {
    const key = { meta: false, ctrl: false, shift: false, tab: false, escape: false } as Parameters<typeof keyPresses>[1];
    expect(keyPresses('ab', key).map(([c]) => c)).toEqual(['a', 'b']);
    const esc1 = keyPresses('1', { ...key, meta: true });
    expect(esc1.map(([c, k]) => [c, k.escape])).toEqual([['', true], ['1', false]]);
    expect(keyPresses('c', { ...key, ctrl: true })).toHaveLength(1);
  });
});
