// The notifier: new fired alerts go to every hook, fire and forget, bounded; failures show as Sources rows.
import { renderToString } from 'ink';
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/model/store.js';
import { selectHooks } from '../../src/model/hooks.js';
import { selectSources } from '../../src/model/selectors.js';
import { toSnapshot } from '../../src/model/snapshot.js';
import { createNotifier, type Hook, type Notifier } from '../../src/notify/notifier.js';
import type { AlertPayload } from '../../src/notify/payload.js';
import { buildHooks, hookSecrets, hookTargets } from '../../src/notify/setup.js';
import { THEMES } from '../../src/ui/theme.js';
import { SourcesView } from '../../src/ui/views/SourcesView.js';
import { MIN, T0, fail, freshState } from '../helpers/state.js';
import { startHookServer, type HookServer } from './hook-server.js';

const CONTEXT = { version: '0.1.0', host: 'box', sample: false, replay: false };
const DOWN = { kind: 'http' as const, message: 'HTTP 500 Internal Server Error', status: 500 };
const TOKEN = 'tok-9f8e7d6c5b4a';

let notifier: Notifier | undefined;
let server: HookServer | undefined;
afterEach(async () => {
  notifier?.dispose();
  await server?.close();
  notifier = undefined;
  server = undefined;
});

/** A store whose rule fires for each failing source (any source, down for 1 minute). */
function storeWith(hooks: { id: 'webhook' | 'command'; target: string }[]): Store {
  return createStore(freshState({ settings: { alertRules: [{ type: 'source-down', forMs: MIN }] }, hooks }));
}

/** Makes `sources` fail at T0 and again two minutes later: one alert each. */
function fire(store: Store, at: number, sources: readonly string[]): void {
  for (const s of sources) store.dispatch(fail(s, at, DOWN));
  for (const s of sources) store.dispatch(fail(s, at + 2 * MIN, DOWN));
}

const until = async (cond: () => boolean, ms = 5_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('notifier', () => {
  it('delivers each newly fired alert once to every hook; alerts already in the store are not sent again', async () => {
    const store = storeWith([{ id: 'webhook', target: 'x' }, { id: 'command', target: 'y' }]);
    fire(store, T0, ['src-liquid']);
    expect(store.getState().alerts).toHaveLength(1);
    const got: Record<string, AlertPayload[]> = { webhook: [], command: [] };
    const hooks: Hook[] = (['webhook', 'command'] as const).map((id) => ({ id, deliver: async (p) => void got[id]?.push(p) }));
    notifier = createNotifier({ store, hooks, context: CONTEXT, now: () => T0, secrets: [] });
    fire(store, T0 + 5 * MIN, ['src-lightning']);
    await until(() => (got['command']?.length ?? 0) === 1 && (got['webhook']?.length ?? 0) === 1);
    expect(got['webhook']?.[0]).toMatchObject({ type: 'l2top.alert', subject: 'src-lightning', ruleText: 'any source down for 1m' });
    store.dispatch({ type: 'tick', now: T0 + 20 * MIN });
    await new Promise((r) => setTimeout(r, 50));
    expect(got['webhook']).toHaveLength(1);
    expect(selectHooks(store.getState()).map((h) => [h.id, h.status, h.delivered])).toEqual([['webhook', 'ok', 1], ['command', 'ok', 1]]);
  });

  it('a hung delivery never holds up the store: polls keep landing while it waits; the queue is bounded', async () => {
    const store = storeWith([{ id: 'webhook', target: 'x' }]);
    let started = 0;
    const hooks: Hook[] = [{ id: 'webhook', deliver: (_p, stop) => new Promise((_r, reject) => { started += 1; stop.addEventListener('abort', () => reject(new Error('stopped'))); }) }];
    notifier = createNotifier({ store, hooks, context: CONTEXT, now: () => T0, secrets: [], concurrency: 1, maxQueue: 2 });
    fire(store, T0, ['src-lightning', 'src-liquid', 'src-rootstock', 'src-stacks']);
    expect(store.getState().alerts).toHaveLength(4);
    await until(() => started === 1);
    // 4 alerts queued at once with room for 2: the two oldest dropped, one running, one waiting.
    expect(store.getState().hooks?.['webhook']).toMatchObject({ inFlight: 1, dropped: 2 });
    store.dispatch({ type: 'feed/outcome', sourceId: 'src-price', nextAttemptAt: T0 + 8 * MIN, outcome: { ok: true, at: T0 + 3 * MIN, latencyMs: 5, readings: [{ kind: 'price', usd: 100_000 }] } });
    expect(store.getState().prices['src-price']?.value).toBe(100_000);
    expect(started).toBe(1);
  });

  it('a failing webhook shows as its own Sources row and in the JSON with its reason, never its token', async () => {
    server = await startHookServer();
    server.behave({ status: 500 });
    const config = { webhook: { url: `${server.url}/hooks/${TOKEN}?key=${TOKEN}`, headers: { authorization: `Bearer ${TOKEN}` }, retries: 0 } };
    const store = storeWith(hookTargets(config));
    notifier = createNotifier({ store, hooks: buildHooks(config, { userAgent: 'x' }), context: CONTEXT, now: () => T0 + 3 * MIN, secrets: hookSecrets(config) });
    fire(store, T0, ['src-lightning']);
    await until(() => store.getState().hooks?.['webhook']?.failed === 1);
    expect(server.requests[0]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    const state = store.getState();
    const frame = renderToString(
      <SourcesView sources={selectSources(state)} hooks={selectHooks(state)} now={state.now} width={120} height={20} theme={THEMES.dark} />, { columns: 120 },
    );
    const row = frame.split('\n').find((l) => l.startsWith('hook: webhook'));
    expect(row).toMatch(/^hook: webhook\s+alerts\s+failing\s+-\s+\S+\s+1\s+-\s+HTTP 500 Internal Server Error$/);
    const json = JSON.stringify(toSnapshot(state));
    expect(toSnapshot(state).hooks).toEqual([expect.objectContaining({ id: 'webhook', status: 'failing', failed: 1, error: 'HTTP 500 Internal Server Error', target: `${server.url}/…` })]);
    expect(frame + json).not.toContain(TOKEN);
  });
});
