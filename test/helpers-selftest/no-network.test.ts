// The network guard every test file runs under (test/helpers/no-network.ts).
import http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { connectTarget, isLoopbackHost, takeRefused } from '../helpers/no-network.js';

describe('test network guard', () => {
  it('reads the host of each form of connect()', () => {
    expect(connectTarget([{ host: 'mempool.space', port: 443 }])).toBe('mempool.space');
    expect(connectTarget([[{ host: '127.0.0.1', port: 80 }, null]])).toBe('127.0.0.1');
    expect(connectTarget([443, 'api.llama.fi'])).toBe('api.llama.fi');
    expect(connectTarget([{ path: '/tmp/s.sock' }])).toBeUndefined();
    expect(connectTarget([{ port: 80 }])).toBe('localhost');
  });

  it('allows loopback and names that cannot resolve only', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1', 'l2top-fault.invalid']) expect([h, isLoopbackHost(h)]).toEqual([h, true]);
    for (const h of ['mempool.space', '10.0.0.1', '192.0.2.1', '::ffff:10.0.0.1', 'invalid.example.org']) expect([h, isLoopbackHost(h)]).toEqual([h, false]);
  });

  it('lets a request to a server on 127.0.0.1 through', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as net.AddressInfo;
    try {
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
    } finally {
      server.close();
    }
  });

  it('refuses a connection to a real upstream host with a clear error, and records it', async () => {
    const error = await fetch('https://mempool.space/api/v1/lightning/statistics/latest').then(() => undefined, (e: unknown) => e as Error & { cause?: Error });
    expect(String(error?.cause?.message ?? error)).toContain('test network guard: a connection to mempool.space was refused');
    expect(takeRefused()).toEqual(['mempool.space']);
  });
});
