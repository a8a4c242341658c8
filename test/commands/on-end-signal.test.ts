import { describe, expect, it } from 'vitest';
import { onEndSignal, signalExitCode } from '../../src/commands/on-end-signal.js';

describe('onEndSignal', () => {
  it('gives the shell status 128 + signal number and stops listening when unsubscribed', () => {
    expect([signalExitCode('SIGINT'), signalExitCode('SIGTERM'), signalExitCode('SIGHUP')]).toEqual([130, 143, 129]);
    const codes: number[] = [];
    const before = process.listenerCount('SIGTERM');
    const off = onEndSignal((c) => codes.push(c));
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    process.emit('SIGTERM', 'SIGTERM');
    off();
    expect(process.listenerCount('SIGTERM')).toBe(before);
    expect(codes).toEqual([143]);
  });
});
