// The real binary in a real pty (tmux) against providers simulated on 127.0.0.1: views, keys, faults, exit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_VALUES, startUpstream, type Upstream } from '../helpers/upstream.js';
import { hasTmux, startTmux, type TmuxSession } from '../helpers/tmux.js';
import { BIN } from '../helpers/run-binary.js';

const tmuxMissing = !hasTmux();
if (tmuxMissing && process.env.L2TOP_REQUIRE_TMUX) throw new Error('tmux is required for the end-to-end tests (L2TOP_REQUIRE_TMUX is set)');
if (tmuxMissing) process.stderr.write('SKIPPING pty end-to-end tests: tmux not found (apt-get install tmux)\n');

let up: Upstream;
let dir: string;
let session: TmuxSession | undefined;

beforeAll(async () => {
  up = await startUpstream();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-live-'));
});
afterEach(async () => {
  await session?.kill();
  session = undefined;
  up.clear();
  up.set({ ...DEFAULT_VALUES, lightningHistory: undefined });
});
afterAll(async () => {
  await up.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts l2top in a shell that first prints a marker, so we can see the terminal is restored at exit. */
async function start(extra: Record<string, unknown> = {}, cols = 80, rows = 24, args: string[] = []): Promise<TmuxSession> {
  const config = up.writeConfig(dir, { timeoutMs: 1000, ...extra });
  const cmd = `printf 'BEFORE-L2TOP\\n'; node ${BIN} --config ${config} ${args.join(' ')}; printf 'AFTER-L2TOP %s\\n' "$?"; sleep 30`;
  session = await startTmux({ command: ['bash', '--norc', '-c', cmd], cols, rows, env: { XDG_CONFIG_HOME: dir } });
  return session;
}

describe.skipIf(tmuxMissing)('live dashboard in tmux', () => {
  it('80x24: Shares shows the networks; 1-4, Tab, Shift-Tab, ?, u, m, j/k, Enter, r work; q restores the terminal', async () => {
    const t = await start();
    const shares = await t.waitFor(/Stacks \(sBTC\)\s+\S+\s+\d+\.\d%/);
    for (const name of ['Lightning', 'Liquid', 'Rootstock', 'Stacks (sBTC)']) expect(shares).toMatch(new RegExp(`^[ ›]${name.replace(/[()]/g, '\\$&')}\\s+\\S+\\s+\\d+\\.\\d%\\s+[\\d,.]+ BTC`, 'm'));
    // The frame stays at most rows-1 lines: the pane's last row is empty.
    expect(shares.split('\n')[23] ?? '').toBe('');
    expect(shares).not.toContain('SAMPLE');
    expect(await t.altScreen()).toBe(true);

    await t.sendKeys('2');
    await t.waitFor(/Lightning {2}4,876\.54 BTC/);
    await t.sendKeys('3');
    await t.waitFor(/Source\s+For\s+Status/);
    await t.sendKeys('Tab');
    await t.waitFor(/No alert rules configured/);
    await t.sendKeys('BTab');
    await t.waitFor(/Source\s+For\s+Status/);
    await t.sendKeys('4');
    await t.waitFor(/No alert rules configured/);
    await t.sendKeys('?');
    await t.waitFor('Shift-Tab   previous view');
    await t.sendKeys('Escape');
    await t.sendKeys('1');
    await t.waitFor(/^›Stacks/m);
    await t.sendKeys('j');
    await t.waitFor(/^›Lightning/m);
    await t.sendKeys('Enter');
    await t.waitFor(/Lightning {2}\(state channels, Bitcoin L2\) {2}Esc to close/);
    const detail = await t.waitFor(/\* Bitcoin Layers supplies by/);
    expect(detail).toMatch(/mempool\.space Lightning stats\s+4,876\.54 BTC\s+in use/);
    await t.sendKeys('Escape');
    await t.sendKeys('m');
    await t.waitFor(/l2top DeFi TVL/);
    await t.sendKeys('m');
    await t.waitFor(/l2top BTC locked/);
    await t.sendKeys('u');
    await t.waitFor(/487,654,321,012 sats/);
    await t.sendKeys('u');
    await t.waitFor(/unit USD/);
    await t.waitFor(/\$\d+(\.\d)?M/);
    await t.sendKeys('u');
    await t.waitFor(/unit BTC/);

    const before = up.hits('lightning');
    await t.sendKeys('r'); // the first poll was moments ago: nothing is re-polled, and the footer says so
    await t.waitFor(/refresh: every source was polled moments ago/);
    expect(up.hits('lightning')).toBe(before);

    await t.sendKeys('q');
    const exit = await t.waitForExit(5_000).catch(() => undefined);
    const after = await t.waitFor(/AFTER-L2TOP 0/);
    expect(exit === undefined || exit.status === 0).toBe(true);
    expect(after).toContain('BEFORE-L2TOP');
    expect(after).not.toContain('Lightning');
    expect(await t.altScreen()).toBe(false);
    expect(await t.display('#{cursor_flag}')).toBe('1');
  });

  it('a failing primary hands over to the next source; with all failing the last value stays, stale, with the reason', async () => {
    up.fault('layers-current', { status: 503 }); // hourly, so keep it out of Liquid's fallbacks from the start
    const t = await start({ pollInterval: '2s' }, 100, 40);
    await t.waitFor(/Liquid\s+\S+\s+\d+\.\d%\s+3,712\.35 BTC/);
    up.fault('liquid', { status: 503, body: 'maintenance' });
    const fallback = await t.waitFor(/Liquid: liquid\.network L-BTC pegs down \(HTTP 503[^)]*\); using Esplora/, 15_000);
    expect(fallback).toMatch(/Liquid\s+\S+\s+\d+\.\d%\s+3,712\.35 BTC\s+\S+.*fallback/);
    up.fault('esplora-supply', { status: 503 });
    const screen = await t.waitFor(/Liquid down: HTTP 503/, 15_000);
    expect(screen).toMatch(/Liquid\s+\S+\s+\d+\.\d%\s+3,712\.35 BTC\s+\S+.*stale/);
    expect(screen).toMatch(/^[ ›]Lightning\s+\S+\s+\d+\.\d%\s+4,876\.54 BTC/m);
    up.fault('stacks', { hang: true });
    up.fault('rootstock', { body: '<html><h1>502 Bad Gateway</h1></html>', contentType: 'text/html' });
    await t.sendKeys('3');
    await t.waitFor(/liquid\.network.*down.*HTTP 503/);
    await t.waitFor(/Hiro.*down.*no answer within 1 s/, 15_000);
    // Each source shows its own failure once its next poll has run (Rootstock's is two requests).
    const sources = await t.waitFor(/Rootstock PowPeg.*bad-data.*not JSON \(text\/html\)/, 15_000);
    expect(sources).toMatch(/mempool\.space Lightning stats\s+lightning\s+ok/);
    up.clear();
    await t.sendKeys('1');
    await t.waitFor(/(\d+)\/\1 sources ok/, 30_000);
    await t.sendKeys('q');
    await t.waitFor(/AFTER-L2TOP 0/);
  });

  it('a +60% jump is flagged on its row and a share-move rule fires in the Alerts view', async () => {
    const DAY = 86_400_000;
    const old = DEFAULT_VALUES.lightningSats;
    const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
    up.set({
      lightningSats: Math.round(old * 1.6),
      lightningHistory: Array.from({ length: 91 }, (_, k) => ({ atMs: today - k * DAY, sats: old, channels: 50_000, nodes: 15_000 })),
    });
    const t = await start({ alerts: { rules: [{ type: 'share-move', network: 'lightning', pp: 3, window: '24h' }] } }, 100, 30);
    const shares = await t.waitFor(/Lightning moved \+60\.0% within 24h; no second source to confirm it/);
    expect(shares).toMatch(/Lightning\s+\S+\s+\d+\.\d%\s+7,802\.47 BTC.*jump \+60%/);
    await t.sendKeys('4');
    const alerts = await t.waitFor(/1 alert, newest first/);
    expect(alerts).toMatch(/Lightning share \d+\.\d\d% -> \d+\.\d\d% \(\+\d+\.\d\d pp\)/);
    expect(alerts).toContain('rule 1: lightning: share moves >= 3 pp within 24h');
    await t.sendKeys('q');
    await t.waitFor(/AFTER-L2TOP 0/);
  });

  it('follows resizes, says "terminal too small" at 20x5, and comes back', async () => {
    const t = await start();
    await t.waitFor(/Stacks \(sBTC\)\s+\S+\s+\d+\.\d%/);
    await t.resize(120, 40);
    const wide = await t.waitFor(/─{120}/);
    expect(wide.split('\n')[39] ?? '').toBe('');
    await t.resize(20, 5);
    const small = await t.waitFor(/terminal too small/);
    expect(small.replace(/\s+/g, ' ')).toContain('terminal too small (need 40x12)');
    await t.resize(60, 20);
    const mid = await t.waitFor(/^[ ›]Lightning\s+\S+\s+\d+\.\d%/m);
    for (const line of mid.split('\n')) expect([...line].length).toBeLessThanOrEqual(60);
    await t.sendKeys('q');
    await t.waitFor(/AFTER-L2TOP 0/);
  });

  it('offline: says which sources failed and why, and points at --demo', async () => {
    const dead = Object.fromEntries(Object.keys(up.baseUrls).map((p) => [p, { baseUrl: 'http://127.0.0.1:9' }]));
    const t = await start({ providers: dead });
    // Wait for every source to have failed, not just the first ones.
    const screen = await t.waitFor(/connection refused: 16 sources \(mempool, liquid, /);
    expect(screen).toContain('No data yet: no source has answered');
    expect(screen).toContain('l2top --demo');
    await t.sendKeys('q');
    await t.waitFor(/AFTER-L2TOP 0/);
  });

  it('with stdin not a terminal the dashboard still runs (keys off) and SIGTERM restores the terminal', async () => {
    const config = up.writeConfig(dir, { timeoutMs: 1000 });
    const cmd = `printf 'BEFORE-L2TOP\\n'; node ${BIN} --config ${config} < /dev/null & pid=$!; sleep 3; kill -TERM $pid; wait $pid; printf 'AFTER-L2TOP %s\\n' "$?"; sleep 30`;
    session = await startTmux({ command: ['bash', '--norc', '-c', cmd], env: { XDG_CONFIG_HOME: dir } });
    const t = session;
    await t.waitFor(/Lightning\s+\S+\s+\d+\.\d%/);
    const after = await t.waitFor(/AFTER-L2TOP \d+/, 10_000);
    expect(after).toMatch(/AFTER-L2TOP 143/);
    expect(after).not.toMatch(/Error|at .*\.js/);
    expect(await t.altScreen()).toBe(false);
  });
});
