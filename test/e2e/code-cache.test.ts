// The compiled-code cache of the real binary (bin/load-bundle.js): written once start-up is done, read by the next
// start. On Node 20, V8's code cache of the bundle, which V8 rejects when it was made under other V8 flags (serve
// tunes its flags, and used to make its cache under them, so every start rejected it and wrote it again). On Node
// >= 22.1, Node's own compile cache, which Node writes only at a clean exit unless it is flushed after start-up.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import module_ from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/run-binary.js';
import { startServe, until, type ServeProcess } from '../helpers/serve-binary.js';
import { hasTmux, startTmux, type TmuxSession } from '../helpers/tmux.js';

const nodeCache = typeof (module_ as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const DATA = /Lightning\s+\S+\s+\d+\.\d%/;
const sessions: TmuxSession[] = [];
const servers: ServeProcess[] = [];
const homes: string[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.kill();
  for (const p of servers.splice(0)) await p.stop('SIGKILL');
  for (const h of homes.splice(0)) fs.rmSync(h, { recursive: true, force: true });
});

function cacheHome(): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'l2top-code-cache-'));
  homes.push(home);
  return home;
}

/** Node 20: the V8 code cache file of `bundle` (l2top or serve) in the cache home, with what identifies this copy. */
function v8Cache(home: string, bundle: 'l2top' | 'serve'): { file: string; ino: number; mtimeMs: number } | undefined {
  const dir = path.join(home, 'l2top');
  const name = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => f.startsWith(`code-cache-${bundle}-`) && f.endsWith('.bin')) : undefined;
  if (name === undefined) return undefined;
  const file = path.join(dir, name);
  const st = fs.statSync(file);
  return { file, ino: st.ino, mtimeMs: st.mtimeMs };
}

/** Node >= 22.1: the files of Node's compile cache in the cache home. */
function nodeCacheFiles(home: string): string[] {
  const dir = path.join(home, 'l2top', 'node-compile-cache');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

/** Whether V8, in a fresh process with this test's Node and flags, accepts `cache` for `bundle` (as bin/load-bundle.js compiles it). */
function v8Accepts(bundle: string, cache: string): boolean {
  const script = `
    const fs = require('node:fs'), vm = require('node:vm');
    const source = fs.readFileSync(${JSON.stringify(bundle)}, 'latin1');
    const s = new vm.Script('(function (exports, require, module, __filename, __dirname) {' + source + '\\n})', { filename: ${JSON.stringify(bundle)}, cachedData: fs.readFileSync(${JSON.stringify(cache)}) });
    process.stdout.write(String(s.cachedDataRejected));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout === 'false';
}

async function tui(home: string): Promise<TmuxSession> {
  const s = await startTmux({ command: [process.execPath, BIN, '--demo', '--no-state'], cols: 120, rows: 40, env: { XDG_CACHE_HOME: home } });
  sessions.push(s);
  await s.waitFor(DATA, 15_000);
  return s;
}

async function serve(home: string): Promise<ServeProcess> {
  const p = await startServe(['--demo', '--no-state'], { XDG_CACHE_HOME: home });
  servers.push(p);
  return p;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(nodeCache)('Node 20: V8 code cache of the bundle', () => {
  it.skipIf(!hasTmux())('the TUI writes it after its first data frame; the next start reads it and leaves it alone', async () => {
    const home = cacheHome();
    const first = await tui(home);
    await until(() => v8Cache(home, 'l2top') !== undefined, 10_000);
    await first.kill();
    const written = v8Cache(home, 'l2top');
    expect(written).toBeDefined();
    expect(v8Accepts(path.resolve('dist/l2top.cjs'), written?.file ?? '')).toBe(true);
    const second = await tui(home);
    await pause(500);
    await second.kill();
    // Rewritten (a new file renamed over it) only when V8 rejected it.
    expect(v8Cache(home, 'l2top')).toEqual(written);
  });

  it('serve makes its cache under V8\'s default flags, so the next start accepts it instead of writing it again', async () => {
    const home = cacheHome();
    const first = await serve(home);
    await until(() => v8Cache(home, 'serve') !== undefined, 10_000);
    await first.stop('SIGKILL');
    const written = v8Cache(home, 'serve');
    expect(written).toBeDefined();
    expect(v8Accepts(path.resolve('dist/serve.cjs'), written?.file ?? '')).toBe(true);
    const second = await serve(home);
    await pause(500);
    await second.stop('SIGKILL');
    expect(v8Cache(home, 'serve')).toEqual(written);
  });
});

describe.skipIf(!nodeCache)('Node >= 22.1: Node\'s compile cache', () => {
  it.skipIf(!hasTmux())('the TUI flushes it after its first data frame, while it still runs', async () => {
    const home = cacheHome();
    await tui(home);
    await until(() => nodeCacheFiles(home).length > 0, 10_000);
  });

  it('serve flushes it once it listens, while it still runs', async () => {
    const home = cacheHome();
    await serve(home);
    await until(() => nodeCacheFiles(home).length > 0, 10_000);
  });
});
