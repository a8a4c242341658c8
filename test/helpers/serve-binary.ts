// Runs the built binary as `l2top serve --listen 127.0.0.1:0 ...` and reads the bound URL from its first stdout line.
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from './run-binary.js';
import { freshStateHome } from './state-home.js';

export interface ServeProcess {
  readonly child: ChildProcess;
  /** e.g. http://127.0.0.1:40123 */
  readonly url: string;
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Sends `signal` (default SIGTERM) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** The environment without CI and vitest variables, with a fresh state directory unless `env` names one. */
export function serveEnv(env: Readonly<Record<string, string>> = {}): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'CI' && !k.startsWith('CI_') && !k.startsWith('VITEST')) clean[k] = v;
  return { ...clean, XDG_STATE_HOME: freshStateHome(), ...env };
}

/** Starts serve; rejects when it exits (or prints nothing) before saying where it listens. */
export function startServe(args: readonly string[], env: Readonly<Record<string, string>> = {}, timeoutMs = 15_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--listen', '127.0.0.1:0', ...args], { env: serveEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start within ${timeoutMs} ms: ${err}`));
    }, timeoutMs);
    const onData = () => {
      const m = /^l2top serve listening on (http:\/\/\S+)\n/.exec(out);
      if (!m?.[1]) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve({
        child, url: m[1], pid: child.pid ?? 0, stdout: () => out, stderr: () => err,
        stop(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${code} before listening: ${err}`));
    });
  });
}

/** Resolves once `check` returns true (polled every 100 ms); rejects after timeoutMs. */
export async function until(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
