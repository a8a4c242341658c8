// alerts.webhook against a local receiver: the documented body, the token header, retries, timeouts, redaction.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webhookHook } from '../../src/notify/webhook.js';
import { alertPayload } from '../../src/notify/payload.js';
import { HookFailure } from '../../src/notify/hook.js';
import { startHookServer, type HookServer } from './hook-server.js';

const ALERT = { at: Date.UTC(2026, 10, 21, 10, 30), rule: 0, ruleText: 'lightning: share moves >= 3 pp within 24h', subject: 'Lightning', message: 'Lightning share 17.86% -> 25.80% (+7.94 pp)', values: { from: 0.1786, to: 0.258, pp: 7.94 } };
const PAYLOAD = alertPayload(ALERT, { version: '0.1.0', host: 'box', sample: false, replay: false });
const TOKEN = 'Bearer s3cr3t-t0ken-abcdef';

let server: HookServer;
beforeEach(async () => {
  server = await startHookServer();
});
afterEach(async () => {
  await server.close();
});

const never = new AbortController().signal;

describe('webhook hook', () => {
  it('POSTs the documented JSON body with the configured token header', async () => {
    const deliver = webhookHook({ url: `${server.url}/hook`, headers: { Authorization: TOKEN } }, { userAgent: 'l2top/0.1.0' });
    await deliver(PAYLOAD, never);
    expect(server.requests).toHaveLength(1);
    const req = server.requests[0];
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/hook');
    expect(req?.headers['authorization']).toBe(TOKEN);
    expect(req?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual({
      type: 'l2top.alert', schemaVersion: 1,
      text: 'l2top: Lightning share 17.86% -> 25.80% (+7.94 pp) [lightning: share moves >= 3 pp within 24h]',
      at: '2026-11-21T10:30:00.000Z', rule: 0, ruleText: 'lightning: share moves >= 3 pp within 24h', subject: 'Lightning',
      message: 'Lightning share 17.86% -> 25.80% (+7.94 pp)', values: { from: 0.1786, to: 0.258, pp: 7.94 },
      l2top: { version: '0.1.0', host: 'box', sample: false, replay: false },
    });
  });

  it('retries a 503 and a 500 with back-off, then delivers', async () => {
    server.behave({ status: 503 }, { status: 500 }, { status: 200 });
    const started = Date.now();
    await webhookHook({ url: server.url, retries: 3 }, { userAgent: 'x', backoffMs: 50 })(PAYLOAD, never);
    expect(server.requests).toHaveLength(3);
    // 50 ms then 100 ms of back-off.
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('gives up after the retries with the last reason, and does not retry a 401', async () => {
    server.behave({ status: 500 });
    await expect(webhookHook({ url: server.url, retries: 2 }, { userAgent: 'x', backoffMs: 10 })(PAYLOAD, never))
      .rejects.toThrow('HTTP 500 Internal Server Error (after 3 attempts)');
    expect(server.requests).toHaveLength(3);
    server.behave({ status: 401 });
    await expect(webhookHook({ url: server.url, retries: 5 }, { userAgent: 'x', backoffMs: 10 })(PAYLOAD, never)).rejects.toThrow(/^HTTP 401 Unauthorized$/);
    expect(server.requests).toHaveLength(4);
  });

  it('a hung receiver times out per attempt', async () => {
    server.behave({ hang: true });
    const started = Date.now();
    const e = await webhookHook({ url: `${server.url}/?token=abc123secret`, timeoutMs: 300, retries: 1 }, { userAgent: 'x', backoffMs: 10 })(PAYLOAD, never).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HookFailure);
    expect((e as Error).message).toBe('no answer within 0.3 s (after 2 attempts)');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a refused connection is a reason without the URL or its secrets', async () => {
    await server.close();
    const e = await webhookHook({ url: `${server.url.replace('http://', 'http://user:pa55word@')}/x?key=abc123secret`, retries: 0 }, { userAgent: 'x' })(PAYLOAD, never).catch((x: unknown) => x);
    expect((e as Error).message).toBe('connection refused');
  });
});
