// `l2top serve` flags: --listen and --token-file taken out, the rest left for the usual flags.
import { describe, expect, it } from 'vitest';
import { isLoopback, parseListen, parseServeFlags } from '../../src/config/serve-flags.js';

describe('parseServeFlags', () => {
  it('defaults to 127.0.0.1:9464 and leaves the usual flags', () => {
    expect(parseServeFlags(['--demo', '--state-dir', 'x'])).toEqual({ listen: { host: '127.0.0.1', port: 9464 }, tokenFile: undefined, help: false, rest: ['--demo', '--state-dir', 'x'] });
  });

  it('takes --listen and --token-file in both spellings', () => {
    expect(parseServeFlags(['--listen', '0.0.0.0:0', '--token-file=/t', '--no-state'])).toEqual({ listen: { host: '0.0.0.0', port: 0 }, tokenFile: '/t', help: false, rest: ['--no-state'] });
    expect(parseServeFlags(['--listen=[::1]:9000']).listen).toEqual({ host: '::1', port: 9000 });
  });

  it.each([
    [['--listen', '9464'], 'serve: --listen 9464: must be HOST:PORT, e.g. 127.0.0.1:9464 or [::1]:9464'],
    [['--listen', 'localhost:70000'], 'serve: --listen localhost:70000: the port must be 0 to 65535'],
    [['--listen', '::1:80'], 'serve: --listen ::1:80: must be HOST:PORT, e.g. 127.0.0.1:9464 or [::1]:9464'],
    [['--listen'], 'serve: --listen needs a value'],
    [['--token-file', '--demo'], 'serve: --token-file needs a value'],
    [['--token-file='], 'serve: --token-file needs a value'],
  ])('%j is an error naming the flag', (argv, message) => {
    expect(() => parseServeFlags(argv)).toThrow(new TypeError(message));
  });

  it('parseListen and isLoopback', () => {
    expect(parseListen('localhost:1')).toEqual({ host: 'localhost', port: 1 });
    expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '::', '192.168.1.5', 'example.org'].map(isLoopback)).toEqual([false, false, false, false]);
  });
});
