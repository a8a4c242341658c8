// The hub poller in-process against a fake hub on 127.0.0.1 (a real store polling the simulator): it follows
// the hub, keeps the last values (stale, with the hub named) while the hub is down, recovers by itself, and
// fetches the whole state again on a resync, a 410, a new instance; garbage and oversized answers are bad data.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/feeds/http.js';
import { hubLink } from '../../src/feeds/hub/hub-link.js';
import { createHubPoller, type HubPoller } from '../../src/feeds/hub/hub-poller.js';
import { undiciTransport } from '../../src/feeds/transport.js';
import { selectRows, selectSources } from '../../src/model/selectors.js';
import { toSnapshot } from '../../src/model/snapshot.js';
import { initialState } from '../../src/model/state.js';
import { createStore, type Store } from '../../src/model/store.js';
import { renderPlainText } from '../../src/ui/plainText.js';
import { startFakeHub, type FakeHub } from '../helpers/fake-hub.js';
import { DEFAULT_VALUES, startUpstream, type Upstream } from '../helpers/upstream.js';

let up: Upstream;
let hub: FakeHub;
const viewers: HubPoller[] = [];
beforeAll(async () => {
  up = await startUpstream();
  hub = await startFakeHub({ baseUrls: up.baseUrls, intervalMs: 1_000, ringSize: 200 });
  await hub.round(true);
});
afterEach(() => {
  for (const v of viewers.splice(0)) v.stop();
  for (const p of ['/api/v1/hub/state', '/api/v1/hub/actions', '/api/v1/events'] as const) hub.fault(p, undefined);
  up.set(DEFAULT_VALUES);
});
afterAll(async () => {
  await hub.close();
  await up.close();
});

/** A viewer store and its poller, as main wires them (the local registry until the hub's state arrives). */
function viewer(o: { maxBytes?: { state?: number; actions?: number }; url?: string } = {}): { store: Store; poller: HubPoller } {
  const holder: { store?: Store } = {};
  const userAgent = 'l2top/0.0.0-test';
  const poller = createHubPoller({
    link: hubLink(o.url ?? hub.url, undefined), userAgent, http: createHttpClient({ userAgent, socketTimeoutMs: 3_000 }), transport: undiciTransport(),
    timeoutMs: 2_000, intervalMs: 60_000, emit: (a) => holder.store?.dispatch(a), ...(o.maxBytes ? { maxBytes: o.maxBytes } : {}),
  });
  const store = createStore(initialState({ now: Date.now(), intervalMs: 60_000, windowMs: 90 * 86_400_000, demo: false, networks: [], sources: [poller.relay] }));
  holder.store = store;
  viewers.push(poller);
  return { store, poller };
}

/** Polls `check` every 20 ms until it holds (real servers and sockets: no fake clock to advance). */
async function until(check: () => boolean, what: string, timeoutMs = 8_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const btc = (store: Store, id: string) => selectRows(store.getState(), 'btc-locked').find((r) => r.meta.id === id);
const hubRow = (store: Store) => selectSources(store.getState()).find((s) => s.meta.id === 'hub');

describe('hub poller', () => {
  it('starts from the hub\'s view and follows its rounds through the event stream', async () => {
    const { store, poller } = viewer();
    expect(await poller.connect(2_000)).toBe(true);
    expect(store.getState().networks.map((n) => n.id)).toEqual(hub.store.getState().networks.map((n) => n.id));
    expect(store.getState().intervalMs).toBe(1_000);
    expect(btc(store, 'lightning')?.value).toBe(DEFAULT_VALUES.lightningSats);
    poller.start();
    await until(() => hub.hits('/api/v1/events') > 0, 'the event stream');
    up.set({ lightningSats: DEFAULT_VALUES.lightningSats + 1_000_000 });
    await hub.round();
    await until(() => btc(store, 'lightning')?.value === DEFAULT_VALUES.lightningSats + 1_000_000, 'the new value');
    expect(btc(store, 'lightning')).toMatchObject({ stale: false, source: { id: 'mempool-lightning' } });
  });

  it('hub killed: every value stays, stale, the reason naming the hub; restarted (a new instance): recovers by itself', async () => {
    const { store, poller } = viewer();
    await poller.connect(2_000);
    poller.start();
    await until(() => hub.hits('/api/v1/events') > 0 && hubRow(store)?.status === 'ok', 'the hub row ok');
    const before = selectRows(store.getState(), 'btc-locked').map((r) => [r.meta.id, r.value]);
    const stateFetches = hub.hits('/api/v1/hub/state');
    await hub.kill();
    const reason = `hub ${hub.url} unreachable: connection refused`;
    await until(() => hubRow(store)?.status === 'down', 'the hub row down');
    const rows = selectRows(store.getState(), 'btc-locked');
    expect(rows.map((r) => [r.meta.id, r.value])).toEqual(before);
    expect(rows.every((r) => r.value !== undefined && r.value > 0 && r.stale && r.staleReason === reason)).toBe(true);
    const snap = toSnapshot(store.getState());
    expect(snap.networks.every((n) => n.stale && n.staleReason === reason && n.error === reason && n.btc !== null && n.btc > 0)).toBe(true);
    expect(snap.sources[0]).toMatchObject({ id: 'hub', status: 'down', error: 'connection refused' });
    expect(snap.sources.slice(1).every((s) => s.status === 'stale' && s.staleReason === reason)).toBe(true);
    expect(renderPlainText(store.getState())).toContain(`STALE: ${reason}; every value is the last one it sent`);
    await hub.restart();
    await until(() => hubRow(store)?.status === 'ok' && !btc(store, 'lightning')?.stale, 'recovery', 15_000);
    expect(hub.hits('/api/v1/hub/state')).toBeGreaterThan(stateFetches);
    expect(selectRows(store.getState(), 'btc-locked').every((r) => !r.stale)).toBe(true);
  });

  it('a hub that never answered: the hub row\'s next attempt is the stream\'s reconnect (seconds), not the 60 s interval', async () => {
    const dead = await startFakeHub({ baseUrls: up.baseUrls });
    const url = dead.url;
    await dead.close();
    const { store, poller } = viewer({ url });
    expect(await poller.connect(2_000)).toBe(false);
    const at = Date.now();
    // Before the stream runs, the fallback interval is the only plan.
    expect((hubRow(store)?.nextAttemptAt ?? 0) - at).toBeGreaterThan(50_000);
    poller.start();
    await until(() => (hubRow(store)?.nextAttemptAt ?? Infinity) - Date.now() < 5_000, 'a next attempt within seconds');
    expect(hubRow(store)).toMatchObject({ status: 'down', error: { message: 'connection refused' } });
  });

  it('a history backfill on the hub (a resync note) and a 410 make the viewer fetch the whole state again', async () => {
    const { store, poller } = viewer();
    await poller.connect(2_000);
    let fetches = hub.hits('/api/v1/hub/state');
    await hub.round(true);
    await poller.runOnce();
    expect(hub.hits('/api/v1/hub/state')).toBe(fetches + 1);
    fetches += 1;
    for (let i = 0; i < 12; i += 1) await hub.round(); // more actions than the ring keeps (200)
    await poller.runOnce();
    expect(hub.requests.filter((r) => r.path.startsWith('/api/v1/hub/actions')).length).toBeGreaterThan(0);
    expect(hub.hits('/api/v1/hub/state')).toBe(fetches + 1);
    expect(hubRow(store)?.status).toBe('ok');
  });

  it('garbage, drifted and oversized answers make the hub row bad-data (values kept, stale); a good answer recovers', async () => {
    const { store, poller } = viewer({ maxBytes: { actions: 64 * 1024 } });
    await poller.connect(2_000);
    const value = btc(store, 'liquid')?.value;
    const problems: [Parameters<FakeHub['fault']>[1], RegExp][] = [
      [{ raw: '<html>502</html>' }, /^not JSON/],
      [{ json: { instance: 'x', seq: 'seven', actions: [] } }, /^bad data at seq: /],
      [{ json: { instance: 'x', seq: 1, actions: [{ seq: 1, action: { type: 'feed/outcome', sourceId: 'liquid-pegs', outcome: { ok: true, readings: [{ kind: 'btc-locked', network: 'liquid', sats: -5 }], at: 1, latencyMs: 1 }, nextAttemptAt: 1 } }] } }, /^bad data at actions\[0\]/],
      [{ big: 200 * 1024 }, /^response larger than 64 KiB$/],
    ];
    for (const [fault, message] of problems) {
      hub.fault('/api/v1/hub/actions', fault);
      await poller.runOnce();
      expect(hubRow(store)).toMatchObject({ status: 'bad-data' });
      expect(hubRow(store)?.error?.message).toMatch(message);
      expect(btc(store, 'liquid')).toMatchObject({ value, stale: true });
      expect(btc(store, 'liquid')?.staleReason).toMatch(new RegExp(`^hub ${hub.url}: `));
    }
    hub.fault('/api/v1/hub/actions', undefined);
    await poller.runOnce();
    expect(hubRow(store)?.status).toBe('ok');
    expect(btc(store, 'liquid')).toMatchObject({ value, stale: false });
  });

  it('with the event stream refused, the fallback poll (every hub interval) still brings new values', async () => {
    hub.fault('/api/v1/events', { status: 503 });
    const { store, poller } = viewer();
    await poller.connect(2_000);
    poller.start();
    up.set({ rootstockSats: DEFAULT_VALUES.rootstockSats + 7 });
    await hub.round();
    await until(() => btc(store, 'rootstock')?.value === DEFAULT_VALUES.rootstockSats + 7, 'the value by the fallback poll', 5_000);
    expect(hubRow(store)?.status).toBe('ok');
  });

  it('strips control characters from everything the hub says', async () => {
    const { store, poller } = viewer();
    await poller.connect(2_000);
    hub.fault('/api/v1/hub/actions', { json: { instance: 'other', seq: 0, actions: [] } });
    const state = await (await fetch(`${hub.url}/api/v1/hub/state`)).json() as { networks: { name: string }[]; records: { k: string; h?: { lastError?: { message: string } } }[] };
    state.networks[0]!.name = 'Light\u001b]0;pwned\u0007ning\u202e';
    state.records.push({ k: 'health', s: 'mempool-lightning', h: { consecutiveFailures: 1, lastOk: false, lastError: { kind: 'http', message: 'HTTP 500 \u001b[2J\r\nboom' } } } as never);
    hub.fault('/api/v1/hub/state', { json: state });
    await poller.runOnce();
    const s = store.getState();
    expect(s.networks[0]?.name).toBe('Lightning');
    expect(s.health['mempool-lightning']?.lastError?.message).toBe('HTTP 500 boom');
  });
});
