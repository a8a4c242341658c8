// Self-test of the simulator's byte-level faults: raw bodies as is, big streamed bodies with back-pressure, gzip bombs.
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gzipBomb, startUpstream } from '../helpers/upstream.js';
import type { Upstream } from '../helpers/upstream.js';

const MIB = 1024 * 1024;
let up: Upstream;
let pricesUrl: string;
beforeEach(async () => {
  up = await startUpstream();
  pricesUrl = `${up.baseUrls.mempool}/api/v1/prices`;
});
afterEach(async () => {
  await up.close();
});

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('upstream simulator: raw, big and gzip bombs', () => {
  it('raw: the bytes as is, status and headers as given, Content-Length by default, counted', async () => {
    const bytes = Buffer.from([0x7b, 0x00, 0xff, 0x1b, 0x5b, 0x32, 0x4a]);
    up.fault('price', { raw: bytes, status: 500, headers: { 'content-type': 'application/json', 'x-upstream': 'sim' } });
    const res = await request(pricesUrl);
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-upstream']).toBe('sim');
    expect(res.headers['content-length']).toBe(String(bytes.length));
    expect(Buffer.from(await res.body.arrayBuffer())).toEqual(bytes);
    expect(up.bytesSent('price')).toBe(bytes.length);
  });

  it('raw: a string body with no content type and status 200 by default; an empty body', async () => {
    up.fault('lightning', { raw: '{"latest": {"total_cap' });
    const res = await request(`${up.baseUrls.mempool}/api/v1/lightning/statistics/latest`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBeUndefined();
    expect(await res.body.text()).toBe('{"latest": {"total_cap');
    up.fault('lightning', { raw: '' });
    const empty = await request(`${up.baseUrls.mempool}/api/v1/lightning/statistics/latest`);
    expect([empty.statusCode, empty.headers['content-length'], await empty.body.text()]).toEqual([200, '0', '']);
  });

  it('raw: a Transfer-Encoding given in headers replaces the Content-Length', async () => {
    up.fault('liquid', { raw: 'chunked body', headers: { 'transfer-encoding': 'chunked' } });
    const res = await request(`${up.baseUrls.liquid}/api/v1/liquid/pegs`);
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(await res.body.text()).toBe('chunked body');
  });

  it('big: exactly that many bytes of valid JSON, chunked, and counted', async () => {
    up.fault('llama-chains', { big: 3 * MIB + 5 });
    const res = await request(`${up.baseUrls.defillama}/v2/chains`);
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['content-type']).toBe('application/json');
    const text = await res.body.text();
    expect(text.length).toBe(3 * MIB + 5);
    expect(JSON.parse(text)).toEqual([0]);
    expect(up.bytesSent('llama-chains')).toBe(3 * MIB + 5);
  });

  it('big: contentLength advertises the size; a tiny size is still valid JSON', async () => {
    up.fault('coingecko', { big: 1, contentLength: true, contentType: 'text/plain' });
    const res = await request(`${up.baseUrls.coingecko}/api/v3/simple/price`);
    expect([res.headers['content-length'], res.headers['content-type'], await res.body.text()]).toEqual(['3', 'text/plain', '[0]']);
  });

  it('big: stops streaming soon after the client goes away (never near the whole body)', async () => {
    up.fault('lightning', { big: 50 * MIB });
    const res = await request(`${up.baseUrls.mempool}/api/v1/lightning/statistics/latest`);
    let read = 0;
    for await (const chunk of res.body) {
      read += (chunk as Buffer).length;
      if (read >= MIB) break;
    }
    await settle(200);
    const sent = up.bytesSent('lightning');
    await settle(200);
    expect(up.bytesSent('lightning')).toBe(sent);
    expect(sent).toBeGreaterThanOrEqual(MIB);
    expect(sent).toBeLessThan(16 * MIB);
  });

  it('big: back-pressure holds a stream the client does not read, and close() ends it', async () => {
    up.fault('price', { big: 50 * MIB });
    const res = await request(pricesUrl);
    await settle(200);
    const held = up.bytesSent('price');
    expect(held).toBeLessThan(16 * MIB);
    await up.close();
    const body = res.body.text().then(() => 'complete', () => 'failed');
    expect(await Promise.race([body, settle(2000).then(() => 'still open')])).toBe('failed');
    expect(up.bytesSent('price')).toBe(held);
  });

  it('gzipBomb: about a thousandth of its inflated size, inflating to exactly that many zero bytes', async () => {
    const bomb = await gzipBomb(16 * MIB + 7);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const inflated = gunzipSync(bomb);
    expect(inflated.length).toBe(16 * MIB + 7);
    expect(inflated.every((b) => b === 0)).toBe(true);
  });

  it('gzipBomb served raw with Content-Encoding: gzip reaches an undici client compressed', async () => {
    const bomb = await gzipBomb(4 * MIB);
    up.fault('liquid', { raw: bomb, headers: { 'content-encoding': 'gzip', 'content-type': 'application/json' } });
    const res = await request(`${up.baseUrls.liquid}/api/v1/liquid/pegs`);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(Buffer.from(await res.body.arrayBuffer())).toEqual(bomb);
    expect(up.requests.at(-1)?.headers['accept-encoding']).toBeUndefined();
  });

  it('clear() ends raw and big faults like any other', async () => {
    up.fault('price', { big: 10 });
    up.clear('price');
    const res = await request(pricesUrl);
    expect(((await res.body.json()) as { USD: number }).USD).toBeGreaterThan(0);
    expect(up.bytesSent('price')).toBe(0);
  });
});
