// Alert hooks end to end: the real binary (--ndjson) against the simulator, a webhook receiver on 127.0.0.1.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startUpstream, type Upstream } from '../helpers/upstream.js';
import { freshStateHome } from '../helpers/state-home.js';
import { BIN, runBinary } from '../helpers/run-binary.js';
import { startHookServer, type HookServer } from '../notify/hook-server.js';
import type { SnapshotV1 } from '../../src/model/snapshot.js';

const TOKEN = 'tok-5e1f2a3b4c5d6e7f';
let up: Upstream;
let hook: HookServer;
let dir: string;

beforeAll(async () => {
  up = await startUpstream();
  hook = await startHookServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-hooks-'));
});
afterEach(() => {
  up.clear();
  hook.requests.length = 0;
  hook.behave({ status: 204 });
});
afterAll(async () => {
  await up.close();
  await hook.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'CI' && !k.startsWith('CI_') && !k.startsWith('VITEST')) env[k] = v;
  // A fresh state directory for every run: never the real home's, never a window an earlier test left.
  return { ...env, XDG_CONFIG_HOME: dir, XDG_STATE_HOME: freshStateHome() };
}

/** A config whose rule fires once mempool-lightning has been down 1 s, with the webhook given. */
function config(webhook: Record<string, unknown>): string {
  return up.writeConfig(dir, { pollInterval: '2s', timeoutMs: 1500, alerts: { rules: [{ type: 'source-down', source: 'mempool-lightning', for: '1s' }], webhook } });
}

/** Runs --ndjson until `lines` lines arrived (or `ms`); returns them with the time each arrived, and stderr. */
async function watch(cfg: string, lines: number, ms = 30_000): Promise<{ snaps: { snap: SnapshotV1; at: number }[]; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, '--ndjson', '--config', cfg], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const snaps: { snap: SnapshotV1; at: number }[] = [];
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
      const complete = stdout.split('\n').slice(0, -1);
      while (snaps.length < complete.length) snaps.push({ snap: JSON.parse(complete[snaps.length] ?? '') as SnapshotV1, at: Date.now() });
      if (snaps.length >= lines) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  child.kill('SIGTERM');
  await closed;
  return { snaps, stdout, stderr };
}

describe('alert hooks (real binary)', () => {
  it('a fired alert reaches the webhook with the documented body and the token header; the token is in no output', async () => {
    up.fault('lightning', { status: 500 });
    const cfg = config({ url: `${hook.url}/notify/${TOKEN}`, headers: { Authorization: `Bearer ${TOKEN}` } });
    const waiting = hook.waitFor(1, 25_000);
    const run = watch(cfg, 30, 25_000);
    await waiting;
    const req = hook.requests[0];
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe(`/notify/${TOKEN}`);
    expect(req?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    const body = JSON.parse(req?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({ type: 'l2top.alert', schemaVersion: 1, rule: 0, ruleText: 'mempool-lightning down for 0m', subject: 'mempool-lightning', l2top: { sample: false, replay: false } });
    expect(body['message']).toMatch(/HTTP 500/);
    const { snaps, stdout, stderr } = await run.then(async (r) => r);
    expect(stdout + stderr).not.toContain(TOKEN);
    const last = snaps.at(-1)?.snap;
    expect(last?.hooks).toEqual([expect.objectContaining({ id: 'webhook', status: 'ok', delivered: 1, target: `${hook.url}/…` })]);
  }, 40_000);

  it('a hung webhook does not delay a poll: lines keep coming once per interval while it hangs', async () => {
    up.fault('lightning', { status: 500 });
    hook.behave({ hang: true });
    const cfg = config({ url: `${hook.url}/hang?token=${TOKEN}`, timeoutMs: 60_000, retries: 0 });
    const hungAt = hook.waitFor(1, 25_000).then(() => Date.now());
    const { snaps, stdout, stderr } = await watch(cfg, 999, 10_000);
    const since = await hungAt;
    const after = snaps.filter((s) => s.at > since);
    // The webhook hangs for 60 s; polls every 2 s still produce lines (at most one per half interval).
    expect(after.length).toBeGreaterThanOrEqual(2);
    expect(after.at(-1)?.snap.hooks).toEqual([expect.objectContaining({ id: 'webhook', status: 'pending', delivered: 0 })]);
    const hits = up.requests.filter((r) => r.endpoint === 'lightning' && r.at > since);
    expect(hits.length).toBeGreaterThanOrEqual(2);
    expect(stdout + stderr).not.toContain(TOKEN);
  }, 40_000);

  it('a webhook that fails shows its reason in the hooks of the JSON', async () => {
    up.fault('lightning', { status: 500 });
    hook.behave({ status: 403 });
    const { snaps } = await watch(config({ url: `${hook.url}/x`, headers: { 'x-api-key': TOKEN } }), 999, 9_000);
    expect(snaps.at(-1)?.snap.hooks).toEqual([expect.objectContaining({ id: 'webhook', status: 'failing', failed: 1, error: 'HTTP 403 Forbidden' })]);
    expect(JSON.stringify(snaps.map((s) => s.snap))).not.toContain(TOKEN);
  }, 40_000);

  it('an invalid hook config is an error naming the key', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ alerts: { webhook: { url: 'ftp://x' } } }, /alerts\.webhook\.url: must be an http\(s\) URL/],
      [{ alerts: { webhook: { url: 'https://x.example', headers: { 'bad header': 'v' } } } }, /alerts\.webhook\.headers/],
      [{ alerts: { webhook: { url: 'https://x.example', retries: 99 } } }, /alerts\.webhook\.retries/],
      [{ alerts: { command: 'notify-send hi' } }, /alerts\.command: an argv array/],
      [{ alerts: { command: [] } }, /alerts\.command/],
    ];
    for (const [content, message] of cases) {
      const file = path.join(dir, 'bad.json');
      fs.writeFileSync(file, JSON.stringify(content));
      const r = await runBinary(['--once', '--config', file], { XDG_CONFIG_HOME: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  }, 40_000);
});
