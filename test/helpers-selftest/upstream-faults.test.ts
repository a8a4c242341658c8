// Self-test of the simulator's fault injection: each behaviour as described, and clear() restoring normal answers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_VALUES, startUpstream } from '../helpers/upstream.js';
import type { Upstream, UpstreamEndpoint } from '../helpers/upstream.js';

const RPC = JSON.stringify({ jsonrpc: '2.0', method: 'eth_getBalance', params: ['0x0000000000000000000000000000000001000006', 'latest'], id: 1 });
const CITREA_RPC = JSON.stringify({ jsonrpc: '2.0', method: 'eth_getBalance', params: ['0x3100000000000000000000000000000000000002', 'latest'], id: 1 });

/** One normal request per newer endpoint: provider, path, and the body for POST. */
const NEWER: readonly [UpstreamEndpoint, string, string, string?][] = [
  ['citrea', 'citrea', '', CITREA_RPC],
  ['layers-current', 'bitcoinlayers', '/current_supplies_by_tokenimpl'],
  ['esplora-supply', 'esplora-liquid', '/api/asset/6f0279e9ed041c3d710a9f57d0c02928416460c4b722ae3457a11eec381c526d/supply'],
  ['liquid-reserves', 'liquid', '/api/v1/liquid/reserves'],
  ['rootstock-explorer', 'rootstock-explorer', '/circulating'],
  ['hiro-metadata', 'hiro', '/metadata/v1/ft/SM3VDXK3WZZSA84XXFKAFAF15NNZX32CTSG82JFQ4.sbtc-token'],
  ['coingecko', 'coingecko', '/api/v3/simple/price?ids=bitcoin&vs_currencies=usd'],
  ['llama-coins', 'defillama-coins', '/prices/current/coingecko:bitcoin'],
  ['llama-chains', 'defillama', '/v2/chains'],
  ['llama-history', 'defillama', '/v2/historicalChainTvl/Stacks'],
  ['price-history', 'mempool', '/api/v1/historical-price?currency=USD'],
  ['tip-height', 'mempool', '/api/blocks/tip/height'],
];

let up: Upstream;
let pricesUrl: string;
beforeEach(async () => {
  up = await startUpstream();
  pricesUrl = `${up.baseUrls.mempool}/api/v1/prices`;
});
afterEach(async () => {
  await up.close();
});

describe('upstream simulator: faults', () => {
  it('status: that status, body and headers', async () => {
    up.fault('price', { status: 503, body: 'maintenance', headers: { 'retry-after': '3' } });
    const res = await fetch(pricesUrl);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.text()).toBe('maintenance');
  });

  it('status on a POST endpoint', async () => {
    up.fault('rootstock', { status: 500 });
    const res = await fetch(up.baseUrls.rootstock, { method: 'POST', body: RPC });
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('simulated 500');
  });

  it('ratelimit: 429 with Retry-After in seconds', async () => {
    up.fault('stacks', { ratelimit: 42 });
    const res = await fetch(`${up.baseUrls.hiro}/v2/contracts/call-read/SM3VDXK3WZZSA84XXFKAFAF15NNZX32CTSG82JFQ4/sbtc-token/get-total-supply`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('42');
    await res.body?.cancel();
  });

  it('body: raw 200 with the given content type', async () => {
    up.fault('liquid', { body: '<html>Bad gateway</html>', contentType: 'text/html' });
    const res = await fetch(`${up.baseUrls.liquid}/api/v1/liquid/pegs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toBe('<html>Bad gateway</html>');
  });

  it('json: custom JSON with 200', async () => {
    up.fault('lightning', { json: { latest: { total_capacity: '12' } } });
    const res = await fetch(`${up.baseUrls.mempool}/api/v1/lightning/statistics/latest`);
    expect(await res.json()).toEqual({ latest: { total_capacity: '12' } });
  });

  it('hang: no answer until close, which ends the request', async () => {
    up.fault('price', { hang: true });
    const pending = fetch(pricesUrl).then((r) => r.text());
    const settled = pending.then(() => 'answered', () => 'failed');
    await up.waitForHits('price');
    const early = await Promise.race([settled, new Promise((resolve) => setTimeout(() => resolve('pending'), 100))]);
    expect(early).toBe('pending');
    const t0 = Date.now();
    await up.close();
    expect(await settled).toBe('failed');
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it('hang: a client timeout aborts it', async () => {
    up.fault('rootstock', { hang: true });
    await expect(fetch(up.baseUrls.rootstock, { method: 'POST', body: RPC, signal: AbortSignal.timeout(100) })).rejects.toThrow();
  });

  it('reset: headers and part of the body, then the socket dies', async () => {
    up.fault('liquid-history', { reset: true });
    const outcome = await fetch(`${up.baseUrls.liquid}/api/v1/liquid/pegs/month`).then(
      async (res) => {
        await res.text();
        return 'complete';
      },
      () => 'failed-before-headers',
    ).catch(() => 'failed-mid-body');
    expect(outcome).toBe('failed-mid-body');
  });

  it('drip: the normal body, slowly', async () => {
    up.fault('price', { drip: 400 });
    const t0 = Date.now();
    const res = await fetch(pricesUrl);
    const json = (await res.json()) as { USD: number };
    const elapsed = Date.now() - t0;
    expect(json.USD).toBe(DEFAULT_VALUES.priceUsd);
    expect(elapsed).toBeGreaterThanOrEqual(150);
  });

  it('drip: close() stops a dripping body', async () => {
    up.fault('bitcoinlayers-history', { drip: 10 });
    const res = await fetch(`${up.baseUrls.bitcoinlayers}/historical_supplies_by_tokenimpl`);
    const body = res.text().then(() => 'complete', () => 'failed');
    await up.close();
    expect(await body).toBe('failed');
  });

  it('redirectLoop: fetch gives up; each hop is a hit', async () => {
    up.fault('price', { redirectLoop: true });
    await expect(fetch(pricesUrl)).rejects.toThrow();
    expect(up.hits('price')).toBeGreaterThan(10);
    const manual = await fetch(pricesUrl, { redirect: 'manual' });
    expect(manual.status).toBe(302);
    expect(manual.headers.get('location')).toBe('/mempool/api/v1/prices');
    up.fault('rootstock', { redirectLoop: true });
    expect((await fetch(up.baseUrls.rootstock, { method: 'POST', body: RPC, redirect: 'manual' })).status).toBe(307);
  });

  it('clear(endpoint) and clear() restore normal answers', async () => {
    up.fault('price', { status: 500 });
    up.fault('liquid', { status: 500 });
    up.clear('price');
    expect((await fetch(pricesUrl)).status).toBe(200);
    expect((await fetch(`${up.baseUrls.liquid}/api/v1/liquid/pegs`)).status).toBe(500);
    up.clear();
    expect((await fetch(`${up.baseUrls.liquid}/api/v1/liquid/pegs`)).status).toBe(200);
  });

  it('close() is idempotent', async () => {
    await up.close();
    await up.close();
  });

  it.each(NEWER)('%s: status, ratelimit, body, json and redirectLoop faults, counted, then clear()', async (endpoint, provider, path, post) => {
    const url = `${up.baseUrls[provider as keyof typeof up.baseUrls]}${path}`;
    const call = (init: RequestInit = {}): Promise<Response> => fetch(url, post === undefined ? init : { ...init, method: 'POST', body: post });
    up.fault(endpoint, { status: 503, body: 'down' });
    const down = await call();
    expect([down.status, await down.text()]).toEqual([503, 'down']);
    up.fault(endpoint, { ratelimit: 7 });
    const limited = await call();
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
    await limited.body?.cancel();
    up.fault(endpoint, { body: '<html>oops</html>', contentType: 'text/html' });
    expect(await (await call()).text()).toBe('<html>oops</html>');
    up.fault(endpoint, { json: { drifted: true } });
    expect(await (await call()).json()).toEqual({ drifted: true });
    up.fault(endpoint, { redirectLoop: true });
    expect((await call({ redirect: 'manual' })).status).toBe(post === undefined ? 302 : 307);
    expect(up.hits(endpoint)).toBe(5);
    up.clear(endpoint);
    const normal = await call();
    expect(normal.status).toBe(200);
    await normal.body?.cancel();
  });

  it('drip on a text endpoint keeps its text/plain body', async () => {
    up.fault('tip-height', { drip: 20 });
    const t0 = Date.now();
    const res = await fetch(`${up.baseUrls.mempool}/api/blocks/tip/height`);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(await res.text()).toMatch(/^\d{6,7}$/);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
  });

  it('reset and hang on newer endpoints', async () => {
    up.fault('llama-history', { reset: true });
    const outcome = await fetch(`${up.baseUrls.defillama}/v2/historicalChainTvl/Stacks`).then(
      async (res) => {
        await res.text();
        return 'complete';
      },
      () => 'failed-before-headers',
    ).catch(() => 'failed-mid-body');
    expect(outcome).toBe('failed-mid-body');
    up.fault('citrea', { hang: true });
    await expect(fetch(up.baseUrls.citrea, { method: 'POST', body: CITREA_RPC, signal: AbortSignal.timeout(100) })).rejects.toThrow();
    up.clear();
    expect((await fetch(`${up.baseUrls.defillama}/v2/historicalChainTvl/Stacks`)).status).toBe(200);
  });
});
