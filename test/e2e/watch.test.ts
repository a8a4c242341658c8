// --watch --ndjson: the real binary against the simulator, piped into head and ended by signals.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpstream, type Upstream } from '../helpers/upstream.js';
import { freshStateHome } from '../helpers/state-home.js';
import { BIN } from '../helpers/run-binary.js';
import type { SnapshotV1 } from '../../src/model/snapshot.js';

let up: Upstream;
let dir: string;
let config: string;

beforeAll(async () => {
  up = await startUpstream();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-watch-'));
  config = up.writeConfig(dir, { pollInterval: '2s', timeoutMs: 1500 });
});
afterAll(async () => {
  await up.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'CI' && !k.startsWith('CI_') && !k.startsWith('VITEST')) env[k] = v;
  // A fresh state directory for every run: never the real home's, never a window an earlier test left.
  return { ...env, XDG_CONFIG_HOME: dir, XDG_STATE_HOME: freshStateHome() };
}

function parseLines(stdout: string): SnapshotV1[] {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as SnapshotV1);
}

describe('--watch --ndjson', () => {
  it('| head -3 exits 0 (pipefail) with three complete JSON snapshots of the --json schema', async () => {
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} --watch --ndjson --config ${JSON.stringify(config)} | head -3`;
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn('bash', ['-o', 'pipefail', '-c', cmd], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('close', (code) => {
        clearTimeout(kill);
        resolve({ code, stdout, stderr });
      });
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = parseLines(r.stdout);
    expect(lines).toHaveLength(3);
    for (const snap of lines) {
      expect(snap).toMatchObject({ schemaVersion: 1, metric: 'btc-locked', sample: false, replay: false });
      expect(snap.networks.length).toBe(15);
    }
    // One line per round: each later line was generated after the one before it.
    const times = lines.map((s) => Date.parse(s.generatedAt));
    expect(times[1]).toBeGreaterThan(times[0] ?? Infinity);
    expect(times[2]).toBeGreaterThan(times[1] ?? Infinity);
    // The first line waits for the first round: every polled source has answered.
    expect(lines[0]?.sources.filter((s) => s.nextAttemptAt !== null && s.status !== 'ok')).toEqual([]);
  }, 40_000);

  for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130], ['SIGHUP', 129]] as const) {
    it(`ends on ${signal} with status ${code} and only whole lines`, async () => {
      const child = spawn(process.execPath, [BIN, '--watch', '--json', '--config', config], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      const firstLine = new Promise<void>((resolve) => {
        child.stdout.on('data', (b: Buffer) => {
          stdout += b.toString();
          if (stdout.includes('\n')) resolve();
        });
      });
      await firstLine;
      const exited = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const exit = await exited;
      clearTimeout(timer);
      expect(exit).toBe(code);
      expect(parseLines(stdout).length).toBeGreaterThanOrEqual(1);
    }, 30_000);
  }
});
