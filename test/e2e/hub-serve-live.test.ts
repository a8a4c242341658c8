// The live dashboard with --hub on a real `l2top serve` (both real binaries, tmux): the same Shares rows as a direct
// l2top against the same simulator; serve stopped -> every value stale with the hub named, figures kept, no crash;
// serve started again on the same port and state directory -> the viewer recovers by itself.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/run-binary.js';
import { startServe, until, type ServeProcess } from '../helpers/serve-binary.js';
import { useSimulatedProviders } from '../helpers/simulated-providers.js';
import { hasTmux, startTmux, type TmuxSession } from '../helpers/tmux.js';

const tmuxMissing = !hasTmux();
if (tmuxMissing && process.env.L2TOP_REQUIRE_TMUX) throw new Error('tmux is required for the end-to-end tests (L2TOP_REQUIRE_TMUX is set)');

const sim = useSimulatedProviders('hub-serve-live', { pollInterval: '5m' });
const serves: ServeProcess[] = [];
const sessions: TmuxSession[] = [];
let stateDir = '';
afterAll(async () => {
  for (const s of sessions) await s.kill();
  for (const p of serves) await p.stop('SIGKILL');
});

/** serve with its own state directory (kept across a restart, so the second one restores what the first saved). */
async function serve(listen = '127.0.0.1:0'): Promise<ServeProcess> {
  const p = await startServe(['--listen', listen, '--config', sim.config, '--state-dir', stateDir]);
  serves.push(p);
  await until(async () => (await fetch(`${p.url}/readyz`)).status === 200, 15_000);
  return p;
}

beforeAll(async () => {
  if (tmuxMissing) return;
  stateDir = path.join(sim.dir, 'serve-state');
  fs.mkdirSync(stateDir);
  await serve();
});

async function l2top(args: string[]): Promise<TmuxSession> {
  const s = await startTmux({ command: [process.execPath, BIN, ...args], cols: 120, rows: 40, env: { XDG_CONFIG_HOME: sim.dir } });
  sessions.push(s);
  return s;
}
/** The Shares rows: name, share and amount as drawn. */
const figures = (screen: string) => [...screen.matchAll(/^[ ›](\S.*?)\s{2,}\S*\s+(\d+\.\d%)\s+([\d,.]+ BTC)/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`).sort();
/** Captures until all 15 Shares rows have a value (and the screen lacks `not`); returns their figures. */
async function allRows(t: TmuxSession, not?: string): Promise<string[]> {
  const end = Date.now() + 20_000;
  for (;;) {
    const screen = await t.capture();
    const f = figures(screen);
    if (f.length === 15 && (not === undefined || !screen.includes(not))) return f;
    if (Date.now() > end) throw new Error(`not every row has a value${not === undefined ? '' : ` without "${not}"`}:\n${screen}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(tmuxMissing)('--hub on l2top serve in tmux', () => {
  it('shows what a direct run shows; serve stopped -> stale naming the hub, figures kept; serve restarted -> recovers without a key', async () => {
    const first = serves[0];
    if (!first) throw new Error('serve did not start');
    const url = first.url;
    const direct = await l2top(['--config', sim.config]);
    const viewer = await l2top(['--hub', url]);
    const a = await allRows(direct);
    expect(await allRows(viewer, 'stale')).toEqual(a);
    await viewer.sendKeys('3');
    const sources = await viewer.waitFor(/hub http:\/\/127\.0\.0\.1:\d+\s+all\s+ok/);
    expect(sources).toMatch(/Bitcoin Layers supplies by token\s+15 nets\s+ok/);
    await viewer.sendKeys('1');
    await viewer.waitFor('[1 Shares]');

    expect(await first.stop('SIGTERM')).toBe(0);
    const reason = `hub ${url} unreachable: connection refused`;
    const stale = await viewer.waitFor(`Every value is stale: ${reason}`, 15_000);
    expect(figures(stale)).toEqual(a);
    expect(stale).toMatch(/stale/);
    expect((await viewer.paneDead()).dead).toBe(false);
    await viewer.sendKeys('3');
    await viewer.waitFor(/hub http:\/\/127\.0\.0\.1:\d+\s+all\s+down\s.*connection refused/);
    await viewer.sendKeys('1');
    await viewer.waitFor('[1 Shares]');

    const again = await serve(new URL(url).host);
    expect(again.url).toBe(url);
    const back = await viewer.waitFor(/\d+\/\d+ sources ok/, 30_000);
    expect(back).not.toContain('unreachable');
    expect(await allRows(viewer, 'stale')).toEqual(a);
    await viewer.sendKeys('3');
    await viewer.waitFor(/hub http:\/\/127\.0\.0\.1:\d+\s+all\s+ok/);
    expect((await viewer.paneDead()).dead).toBe(false);
  }, 90_000);
});
