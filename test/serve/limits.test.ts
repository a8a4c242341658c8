// serve against slow, large, wrong and too many clients: each is refused or closed, and others are served.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openEvents, type SseClient } from '../helpers/sse.js';
import { round, serveFixture, T0, type Fixture } from './fixture.js';

let f: Fixture | undefined;
const sse: SseClient[] = [];
afterEach(async () => {
  for (const c of sse.splice(0)) c.close();
  await f?.close();
  f = undefined;
});

const TOKEN = 'tok-0123456789abcdef-SECRET';

/** Sends raw bytes and collects what comes back until the server closes the socket (or timeoutMs passes). */
function raw(url: string, text: string, timeoutMs = 5_000): Promise<{ reply: string; closed: boolean }> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(text));
    let reply = '';
    socket.on('data', (d) => (reply += d.toString()));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ reply, closed: false });
    }, timeoutMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ reply, closed: true });
    });
    socket.on('error', () => undefined);
  });
}

describe('serve limits', () => {
  it('a slowloris (headers sent a byte at a time) is cut off after headersTimeout while other clients are served', async () => {
    f = await serveFixture({ limits: { headersTimeoutMs: 1_000, requestTimeoutMs: 1_000, checkIntervalMs: 100 } });
    const { port } = new URL(f.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    socket.on('error', () => undefined);
    const started = Date.now();
    socket.write('GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const drip = setInterval(() => socket.writable && socket.write('a'), 100);
    let reply = '';
    socket.on('data', (d) => (reply += d.toString()));
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - started)));
    // Meanwhile an ordinary client is served at once, several times.
    for (let i = 0; i < 5; i += 1) expect((await fetch(`${f.url}/healthz`)).status).toBe(200);
    const after = await closed;
    clearInterval(drip);
    expect(after).toBeGreaterThanOrEqual(900);
    expect(after).toBeLessThan(3_000);
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect((await fetch(`${f.url}/healthz`)).status).toBe(200);
  });

  it('oversized headers get 431 and the connection closed; a request body 413 and closed; others unaffected', async () => {
    f = await serveFixture();
    const big = await raw(f.url, `GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(big.reply).toMatch(/^HTTP\/1\.1 431/);
    expect(big.closed).toBe(true);
    const body = await raw(f.url, 'GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello');
    expect(body.reply).toMatch(/^HTTP\/1\.1 413/);
    expect(body.reply).toMatch(/request bodies are not accepted/);
    expect(body.closed).toBe(true);
    const chunked = await raw(f.url, 'POST /metrics HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n');
    expect(chunked.reply).toMatch(/^HTTP\/1\.1 413/);
    expect((await fetch(`${f.url}/healthz`)).status).toBe(200);
  });

  it('unknown paths are 404, other methods 405 with Allow, HEAD is answered without a body', async () => {
    f = await serveFixture();
    expect((await fetch(`${f.url}/admin`)).status).toBe(404);
    expect((await fetch(`${f.url}/metrics/../etc/passwd`)).status).toBe(404);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const r = await fetch(`${f.url}/metrics`, { method });
      expect(r.status).toBe(405);
      expect(r.headers.get('allow')).toBe('GET, HEAD');
    }
    const head = await fetch(`${f.url}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const m = await (await fetch(`${f.url}/metrics`)).text();
    expect(m).toMatch(/^l2top_http_requests_total\{path="other",code="404"\} 2$/m);
    expect(m).toMatch(/^l2top_http_requests_total\{path="\/metrics",code="405"\} 5$/m);
  });

  it('with a token every endpoint but /healthz and /readyz needs it (401 otherwise), and the token is never served', async () => {
    f = await serveFixture({ token: TOKEN });
    for (const a of round(T0)) f.dispatch(a);
    const paths = ['/metrics', '/api/v1/snapshot', '/api/v1/window', '/api/v1/hub/state', '/api/v1/hub/actions?after=0'];
    for (const p of paths) {
      const none = await fetch(`${f.url}${p}`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      expect((await fetch(`${f.url}${p}`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
      expect((await fetch(`${f.url}${p}`, { headers: { authorization: TOKEN } })).status).toBe(401);
      const good = await fetch(`${f.url}${p}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(good.status).toBe(200);
      expect(await good.text()).not.toContain(TOKEN);
    }
    expect((await fetch(`${f.url}/api/v1/events`)).status).toBe(401);
    expect((await fetch(`${f.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${f.url}/readyz`)).status).toBe(200);
  });

  it('a secret that reached the state (an error echoing a header) is redacted from every response and event', async () => {
    const secret = 'hdr-value-SECRET-42';
    f = await serveFixture({ secrets: [secret] });
    const events = await openEvents(`${f.url}/api/v1/events`);
    sse.push(events);
    for (const a of round(T0)) f.dispatch(a);
    f.dispatch({ type: 'feed/outcome', sourceId: 'liquid-pegs', nextAttemptAt: T0 + 60_000, outcome: { ok: false, at: T0 + 1, latencyMs: 5, error: { kind: 'http', status: 401, message: `HTTP 401: bad key ${secret}` } } });
    const health = await events.waitFor((e) => e.event === 'health' && e.data.includes('"status":"down"'));
    expect(health.data).toContain('HTTP 401: bad key REDACTED');
    for (const p of ['/metrics', '/api/v1/snapshot', '/api/v1/hub/state', '/api/v1/hub/actions?after=0']) {
      const text = await (await fetch(`${f.url}${p}`)).text();
      expect(text).not.toContain(secret);
    }
    expect(await (await fetch(`${f.url}/api/v1/snapshot`)).text()).toContain('bad key REDACTED');
  });

  it('SSE clients beyond the cap get 503 with Retry-After; a freed slot is taken again', async () => {
    f = await serveFixture({ events: { maxClients: 2 } });
    sse.push(await openEvents(`${f.url}/api/v1/events`), await openEvents(`${f.url}/api/v1/events`));
    const third = await fetch(`${f.url}/api/v1/events`);
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).toBe('10');
    expect(await (await fetch(`${f.url}/metrics`)).text()).toMatch(/^l2top_sse_clients 2$/m);
    sse.shift()?.close();
    await new Promise((r) => setTimeout(r, 100));
    const again = await openEvents(`${f.url}/api/v1/events`);
    sse.push(again);
    expect(again.status).toBe(200);
  });
});
