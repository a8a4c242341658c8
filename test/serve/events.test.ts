// /api/v1/events: round, health and alert events, heartbeats, Last-Event-ID resume and reset.
import { afterEach, describe, expect, it } from 'vitest';
import { openEvents, type SseClient } from '../helpers/sse.js';
import { failed, round, serveFixture, T0, type Fixture } from './fixture.js';

let f: Fixture | undefined;
const open: SseClient[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  await f?.close();
  f = undefined;
});

async function events(path = '/api/v1/events', headers: Record<string, string> = {}): Promise<SseClient> {
  const c = await openEvents(`${f?.url}${path}`, headers);
  open.push(c);
  return c;
}

describe('serve events (SSE)', () => {
  it('sends retry first, then one round event per settled poll round and a health event per status change', async () => {
    f = await serveFixture();
    const c = await events();
    expect(c.status).toBe(200);
    await c.waitForOther((l) => l === 'retry: 3000');
    for (const a of round(T0)) f.dispatch(a);
    const r = await c.waitFor((e) => e.event === 'round');
    expect(JSON.parse(r.data)).toEqual({ seq: 3, at: new Date(T0).toISOString(), networksWithData: 2, totalBtc: 8800 });
    expect(r.id).toMatch(/^\d+$/);
    // The three sources went from pending to ok: three health events, before the round.
    const health = c.events.filter((e) => e.event === 'health').map((e) => JSON.parse(e.data) as { source: string; status: string });
    expect(health.map((h) => [h.source, h.status])).toEqual([['mempool-lightning', 'ok'], ['liquid-pegs', 'ok'], ['mempool-price', 'ok']]);
    f.dispatch(failed('liquid-pegs', T0 + 1_000));
    const down = await c.waitFor((e) => e.event === 'health' && e.data.includes('"down"'));
    expect(JSON.parse(down.data)).toEqual({ seq: 4, source: 'liquid-pegs', status: 'down', error: 'HTTP 503 Service Unavailable' });
    await c.waitFor((e) => e.event === 'round' && JSON.parse(e.data).seq === 4);
    // Ids increase by one per event.
    const ids = c.events.map((e) => Number(e.id));
    expect(ids).toEqual(ids.map((_, i) => (ids[0] ?? 0) + i));
  });

  it('sends a heartbeat comment every heartbeat interval', async () => {
    f = await serveFixture({ events: { heartbeatMs: 50 } });
    const c = await events();
    await c.waitForOther((l) => l === ': hb', 2_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(c.other.filter((l) => l === ': hb').length).toBeGreaterThanOrEqual(2);
  });

  it('an alert fires an alert event (as in the snapshot) and counts in l2top_alerts_fired_total{rule}', async () => {
    f = await serveFixture({ rules: [{ type: 'level', network: 'liquid', below: 3_000 }, { type: 'source-down', forMs: 60_000 }] });
    const c = await events();
    for (const a of round(T0)) f.dispatch(a);
    for (const a of round(T0 + 300_000, 500_000_000_000, 250_000_000_000)) f.dispatch(a);
    const alert = await c.waitFor((e) => e.event === 'alert');
    expect(JSON.parse(alert.data)).toMatchObject({ rule: 0, subject: 'Liquid', at: new Date(T0 + 300_000).toISOString() });
    const m = await (await fetch(`${f.url}/metrics`)).text();
    expect(m).toMatch(/^l2top_alerts_fired_total\{rule="1"\} 1$/m);
    expect(m).toMatch(/^l2top_alerts_fired_total\{rule="2"\} 0$/m);
  });

  it('Last-Event-ID (header or ?lastEventId=) replays the buffered events after it', async () => {
    f = await serveFixture();
    const first = await events();
    for (const a of round(T0)) f.dispatch(a);
    const r1 = await first.waitFor((e) => e.event === 'round');
    for (const a of round(T0 + 300_000, 510_000_000_000)) f.dispatch(a);
    await first.waitFor((e) => e.event === 'round' && e !== r1);
    const missed = first.events.filter((e) => Number(e.id) > Number(r1.id));
    expect(missed.length).toBeGreaterThan(0);
    for (const c of [await events('/api/v1/events', { 'last-event-id': r1.id ?? '' }), await events(`/api/v1/events?lastEventId=${r1.id}`)]) {
      await c.waitFor((e) => e.id === missed.at(-1)?.id);
      expect(c.events).toEqual(missed);
    }
  });

  it('an id older than the ring (or from another process) gets a reset event first, then what is buffered', async () => {
    f = await serveFixture({ events: { capacity: 3 } });
    const c0 = await events();
    for (let k = 0; k < 3; k += 1) {
      for (const a of round(T0 + k * 300_000, 500_000_000_000 + k)) f.dispatch(a);
      await c0.waitFor((e) => e.event === 'round' && JSON.parse(e.data).seq === 3 * (k + 1));
    }
    expect(c0.events.length).toBe(6);
    for (const id of ['1', '999999']) {
      const c = await events('/api/v1/events', { 'last-event-id': id });
      const reset = await c.waitFor((e) => e.event === 'reset');
      expect(c.events[0]).toBe(reset);
      expect(reset.id).toBeUndefined();
      await c.waitFor((e) => e.id === c0.events.at(-1)?.id);
      expect(c.events.slice(1)).toEqual(c0.events.slice(-3));
    }
  });
});
