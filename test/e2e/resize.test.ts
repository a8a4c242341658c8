// After any resize, even by a single column, the screen equals a full redraw (Ctrl-L), in a real pty (tmux).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startUpstream, type Upstream } from '../helpers/upstream.js';
import { hasTmux, startTmux, type TmuxSession } from '../helpers/tmux.js';
import { BIN } from '../helpers/run-binary.js';

const tmuxMissing = !hasTmux();
let up: Upstream;
let dir: string;
let config: string;
let session: TmuxSession | undefined;

beforeAll(async () => {
  up = await startUpstream();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-resize-'));
  config = up.writeConfig(dir, { timeoutMs: 1000 });
});
afterEach(async () => {
  await session?.kill();
  session = undefined;
});
afterAll(async () => {
  await up.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const DATA = /Stacks \(sBTC\)\s+\S+\s+\d+\.\d%/;
const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The screen as drawn incrementally, then as Ctrl-L redraws it from scratch. */
async function screens(t: TmuxSession): Promise<[string, string]> {
  await settle(400);
  const incremental = await t.capture();
  await t.sendKeys('C-l');
  await settle(400);
  return [incremental, await t.capture()];
}

describe.skipIf(tmuxMissing)('resize by one column in tmux', () => {
  it.each([
    ['Shares', '1', 80, 24],
    ['Trends', '2', 80, 24],
    ['Sources', '3', 80, 24],
    ['Shares', '1', 40, 14],
  ] as const)('%s (key %s) at %ix%i: narrowing and widening by one column leaves exactly a full redraw', async (_view, key, cols, rows) => {
    session = await startTmux({ command: ['node', BIN, '--config', config], cols, rows, env: { XDG_CONFIG_HOME: dir } });
    const t = session;
    await t.waitFor(cols >= 60 ? DATA : /Stacks/);
    await t.sendKeys(key);
    await settle(1500); // let the start-up backfill land
    for (const width of [cols - 1, cols, cols + 1, cols, cols - 1, cols - 2, cols - 1, cols]) {
      await t.resize(width, rows);
      const [incremental, full] = await screens(t);
      expect(incremental, `after resize to ${width}x${rows}`).toBe(full);
    }
  });
});
