// The live dashboard with --hub in a real pty (tmux): the same figures as a direct l2top against the same
// simulator; the hub killed -> every value stale with the hub named; the hub restarted -> recovers by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHub, type FakeHub } from '../helpers/fake-hub.js';
import { BIN } from '../helpers/run-binary.js';
import { useSimulatedProviders } from '../helpers/simulated-providers.js';
import { hasTmux, startTmux, type TmuxSession } from '../helpers/tmux.js';

const tmuxMissing = !hasTmux();
if (tmuxMissing && process.env.L2TOP_REQUIRE_TMUX) throw new Error('tmux is required for the end-to-end tests (L2TOP_REQUIRE_TMUX is set)');

const sim = useSimulatedProviders('hub-live', { timeoutMs: 1500 });
let hub: FakeHub;
const sessions: TmuxSession[] = [];
beforeAll(async () => {
  hub = await startFakeHub({ baseUrls: sim.up.baseUrls, intervalMs: 4_000, live: true });
  await hub.round(true);
});
afterAll(async () => {
  for (const s of sessions) await s.kill();
  await hub.close();
});

async function l2top(args: string[]): Promise<TmuxSession> {
  const s = await startTmux({ command: [process.execPath, BIN, '--config', sim.config, ...args], cols: 120, rows: 40, env: { XDG_CONFIG_HOME: sim.dir } });
  sessions.push(s);
  return s;
}
/** Captures until all 15 Shares rows have a value; returns their figures. */
async function allRows(t: TmuxSession, not?: string): Promise<string[]> {
  const end = Date.now() + 20_000;
  for (;;) {
    const screen = await t.capture();
    const f = figures(screen);
    if (f.length === 15 && (not === undefined || !screen.includes(not))) return f;
    if (Date.now() > end) throw new Error(`not every row has a value:\n${screen}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
/** The Shares rows: name, share and amount as drawn. */
const figures = (screen: string) => [...screen.matchAll(/^[ ›](\S.*?)\s{2,}\S*\s+(\d+\.\d%)\s+([\d,.]+ BTC)/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`).sort();

describe.skipIf(tmuxMissing)('--hub in tmux', () => {
  it('shows what a direct run shows; hub killed -> stale naming the hub; restarted -> recovers without a key', async () => {
    const direct = await l2top([]);
    const viewer = await l2top(['--hub', hub.url]);
    const a = await allRows(direct);
    const b = await allRows(viewer);
    expect(b).toEqual(a);
    await viewer.sendKeys('3');
    const sources = await viewer.waitFor(/hub http:\/\/127\.0\.0\.1:\d+\s+all\s+ok/);
    expect(sources).toMatch(/mempool\.space Lightning stats\s+lightning\s+ok/);
    await viewer.sendKeys('1');

    await hub.kill();
    const reason = `hub ${hub.url} unreachable: connection refused`;
    const stale = await viewer.waitFor(`Every value is stale: ${reason}`, 10_000);
    expect(figures(stale)).toEqual(a);
    expect(stale).toMatch(/stale/);
    await viewer.sendKeys('3');
    await viewer.waitFor(/hub http:\/\/127\.0\.0\.1:\d+\s+all\s+down\s.*connection refused/);
    await viewer.sendKeys('1');

    await hub.restart();
    await hub.round();
    const back = await viewer.waitFor(/\d+\/\d+ sources ok/, 20_000);
    expect(back).not.toContain('unreachable');
    expect(await allRows(viewer, 'stale')).toEqual(a);
  }, 60_000);
});
