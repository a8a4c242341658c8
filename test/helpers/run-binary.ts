// Runs the built binary without a terminal (pipes), as scripts and cron would.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { freshStateHome } from './state-home.js';

export const BIN = path.resolve('bin/l2top.js');

export interface BinaryResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Spawns `node bin/l2top.js ...args` with a CI-free environment and, unless `env` gives one, a fresh empty
 * XDG_STATE_HOME; resolves when it exits (killed after timeoutMs).
 */
export function runBinary(args: readonly string[], env: Readonly<Record<string, string>> = {}, timeoutMs = 20_000): Promise<BinaryResult> {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'CI' && !k.startsWith('CI_') && !k.startsWith('VITEST')) clean[k] = v;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...clean, XDG_STATE_HOME: freshStateHome(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
