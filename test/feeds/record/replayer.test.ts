// The replay wire on a manual clock: matching in order, the recorded pace and speed, errors and truncated bodies.
import { describe, expect, it } from 'vitest';
import { readRecording, replayTransport, type Recording } from '../../../src/feeds/record/replayer.js';
import { FeedFailure } from '../../../src/feeds/feed-failure.js';
import type { Exchange } from '../../../src/feeds/record/format.js';
import type { TransportRequest } from '../../../src/feeds/transport.js';
import { ManualClock, flushMicrotasks } from '../../faults/manual-clock.js';

const START = Date.UTC(2026, 10, 21, 10, 0);
const header = { type: 'l2top-recording' as const, version: 1 as const, l2top: '0.1.0', startedAt: new Date(START).toISOString(), startedAtMs: START, intervalMs: 300_000, timeoutMs: 15_000, windowMs: 86_400_000, providers: {} };
const ex = (seq: number, t: number, url: string, body: string, more: Partial<Exchange> = {}): Exchange => ({
  type: 'exchange', seq, t, at: new Date(START + t).toISOString(), method: 'GET', url, status: 200, headers: { 'content-type': 'application/json' }, body, bodyBytes: body.length, ms: 100, ...more,
});
const req = (url: string, signal = new AbortController().signal): TransportRequest => ({ method: 'GET', url, headers: {}, body: undefined, signal, socketTimeoutMs: 1000, maxBytes: 16 });
const text = async (body: NodeJS.ReadableStream): Promise<string> => {
  let out = '';
  for await (const c of body) out += String(c);
  return out;
};

describe('replayTransport', () => {
  const rec: Recording = {
    header,
    exchanges: [
      ex(0, 0, 'http://h/a', '1'),
      ex(1, 300_000, 'http://h/a', '2'),
      ex(2, 5, 'http://h/at/1763719200', '"old"'),
      ex(3, 10, 'http://h/big', '0123456789abcdef', { bodyBytes: 40, truncated: { cap: 16, note: 'over the cap' } }),
      ex(4, 20, 'http://h/down', '', { status: undefined, headers: undefined, body: undefined, error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED', aborted: false } }),
      ex(5, 30, 'http://h/slow', '', { status: undefined, headers: undefined, body: undefined, error: { message: 'aborted', aborted: true } }),
    ],
  };

  it('answers the same URL with its recordings in order, each no earlier than it was recorded', async () => {
    const clock = new ManualClock(START);
    const wire = replayTransport(rec, clock);
    let first: string | undefined;
    let second: string | undefined;
    void wire(req('http://h/a')).then(async (r) => (first = await text(r.body)));
    await clock.advanceTo(START + 99);
    expect(first).toBeUndefined();
    await clock.advanceTo(START + 100);
    await flushMicrotasks();
    expect(first).toBe('1');
    void wire(req('http://h/a')).then(async (r) => (second = await text(r.body)));
    await clock.advanceTo(START + 299_000);
    await flushMicrotasks();
    expect(second).toBeUndefined();
    await clock.advanceTo(START + 300_100);
    await flushMicrotasks();
    await flushMicrotasks();
    expect(second).toBe('2');
    await expect(wire(req('http://h/a'))).rejects.toThrow(FeedFailure);
  });

  it('a URL whose digits moved (a time in it) still finds its recording; errors and truncation replay', async () => {
    const clock = new ManualClock(START + 1_000);
    const wire = replayTransport(rec, clock);
    const moved = wire(req('http://h/at/1763719201'));
    await clock.advanceTo(START + 2_000);
    expect(await text((await moved).body)).toBe('"old"');
    const big = wire(req('http://h/big'));
    await clock.advanceTo(START + 3_000);
    // One byte past the cap: the client refuses it as too large, as it did when recorded.
    expect((await text((await big).body)).length).toBe(17);
    const down = wire(req('http://h/down'));
    const downErr = down.catch((e: unknown) => e);
    await clock.advanceTo(START + 4_000);
    expect(await downErr).toMatchObject({ code: 'ECONNREFUSED' });
    const ac = new AbortController();
    const slow = wire(req('http://h/slow', ac.signal)).catch((e: unknown) => e);
    await clock.advanceTo(START + 60_000);
    ac.abort(new FeedFailure('timeout', 'no answer within 15 s'));
    expect(await slow).toMatchObject({ kind: 'timeout' });
  });

  it('reads a recording file and refuses one that is not', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-rec-'));
    const file = path.join(dir, 'r.ndjson');
    fs.writeFileSync(file, [header, ...rec.exchanges].map((l) => JSON.stringify(l)).join('\n') + '\n{"type":"exch');
    expect(readRecording(file).exchanges).toHaveLength(6);
    fs.writeFileSync(file, '{"hello":1}\n');
    expect(() => readRecording(file)).toThrow(/not an l2top recording/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
