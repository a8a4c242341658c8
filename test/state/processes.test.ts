// Two processes on one state directory, and kill -9 in the middle of writes: never a corrupted file.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toPoints } from '../../src/model/series.js';
import { HOUR, T0, newStore, open, tempDir } from './fixture.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Starts holder.ts on `dir`; resolves once it has written `rounds` points. */
function startHolder(dir: string, rounds: number): Promise<{ child: ChildProcess; status: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/state/holder.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      const status = /ready \d+ (\S+)/.exec(out)?.[1];
      const wrote = [...out.matchAll(/wrote (\d+)/g)].map((m) => Number(m[1])).at(-1) ?? 0;
      if (status !== undefined && wrote >= rounds) resolve({ child, status });
    });
    child.on('exit', (code) => reject(new Error(`holder exited ${code}: ${out}`)));
  });
}

describe('state directory: two processes and kill -9', () => {
  it('while one process writes, another opens read-only; after kill -9 of the writer the next one takes over with every whole record', async () => {
    const d = tempDir();
    dirs.push(d);
    const { child, status } = await startHolder(d, 300);
    expect(status).toBe('ok');
    expect(JSON.parse(fs.readFileSync(path.join(d, 'lock'), 'utf8'))).toMatchObject({ pid: child.pid });

    const reader = newStore(T0 + HOUR);
    const r = open(d, reader, T0 + HOUR);
    expect(r.notices).toEqual([`state directory in use by l2top pid ${child.pid}: running read-only (nothing saved)`]);
    expect(reader.getState().series['btc-locked'].lightning?.length).toBeGreaterThanOrEqual(300);
    r.p.close();

    // kill -9 while it writes as fast as it can: the lock goes stale, the file stays whole.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const segment = fs.readdirSync(path.join(d, 'journal')).find((f) => f.startsWith('segment-')) ?? '';
    const text = fs.readFileSync(path.join(d, 'journal', segment), 'utf8');
    const whole = text.split('\n').filter((l, i, all) => i < all.length - 1 && l.includes('"k":"series"')).length;

    const next = newStore(T0 + 2 * HOUR);
    const n = open(d, next, T0 + 2 * HOUR);
    expect(next.getState().storage?.status).toMatch(/^(ok|recovered)$/);
    // At most the torn last record is lost, never a whole record, never the file.
    expect(n.notices.join()).not.toMatch(/corrupted|in use/);
    const points = toPoints(next.getState().series['btc-locked'].lightning ?? { chunks: [], start: 0, length: 0 });
    expect(points).toHaveLength(whole);
    expect(points.every(([, v], i) => v === 500_000_000_001 + i)).toBe(true);
    n.p.close();
  });
});
