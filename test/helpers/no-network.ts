// Every test file runs with this guard (vitest.config.ts setupFiles): a socket this process opens to anything but
// a loopback address, a local socket path or a name under .invalid is refused and fails the file. (.invalid never
// resolves, RFC 6761: the fault matrix uses one for a real DNS failure.) Tests reach upstreams through an undici
// MockAgent with disableNetConnect() (test/feeds/mock-http.ts), which opens no socket, or a server on 127.0.0.1;
// the hosts named in test/fixtures/upstream/PROVENANCE.md are labels. The binary that tests start polls the
// simulator or the demo server, which their configs point at.
import net from 'node:net';
import { afterAll } from 'vitest';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+|localhost|0\.0\.0\.0)$/i;

/** Where a call of net.Socket.prototype.connect goes: a host, or undefined for a local socket path. */
export function connectTarget(args: readonly unknown[]): string | undefined {
  let first = args[0];
  if (Array.isArray(first)) first = first[0];
  if (typeof first === 'string') return /^\d+$/.test(first) ? (typeof args[1] === 'string' ? args[1] : 'localhost') : undefined;
  if (typeof first === 'number') return typeof args[1] === 'string' ? args[1] : 'localhost';
  if (typeof first === 'object' && first !== null) {
    const o = first as { path?: unknown; host?: unknown };
    if (typeof o.path === 'string') return undefined;
    return typeof o.host === 'string' && o.host !== '' ? o.host : 'localhost';
  }
  return 'localhost';
}

/** True when a test may open a socket to `host`: loopback, or a name that cannot resolve. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host.replace(/^\[|\]$/g, '')) || /\.invalid\.?$/i.test(host);
}

const refused: string[] = [];
const original = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]): net.Socket {
  const host = connectTarget(args);
  if (host !== undefined && !isLoopbackHost(host)) {
    refused.push(host);
    const error = new Error(`test network guard: a connection to ${host} was refused (tests use a MockAgent or 127.0.0.1)`);
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return (original as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

/** The hosts refused so far in this file, cleared (for the guard's own test). */
export function takeRefused(): string[] {
  return refused.splice(0);
}

afterAll(() => {
  if (refused.length > 0) throw new Error(`test network guard: this file tried to reach ${[...new Set(refused)].join(', ')}`);
});
