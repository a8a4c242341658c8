// In-process benchmarks run in a child process of their own (a clean heap; for memory, an RSS of its own),
// bundled with esbuild the way the app is (scripts/build.mjs: production React, the same build-time patches; one ESM file), so they run the
// same code the shipped bundle runs and no TypeScript loader thread inflates time or memory.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { BenchContext } from './context.js';
import { appPlugins } from '../scripts/esbuild-plugins.mjs';

/** Bundles bench/<entry> into the scratch directory; returns the file. */
export async function bundle(ctx: BenchContext, entry: string): Promise<string> {
  const outfile = path.join(ctx.tmp, `${path.basename(entry).replace(/\.tsx?$/, '')}.mjs`);
  await build({
    entryPoints: [path.join(ctx.root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { 'react-devtools-core': path.join(ctx.root, 'scripts/devtools-stub.mjs') },
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
    plugins: appPlugins,
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * Runs a bundled child with `nodeArgs`; its stdout lines go to ctx.log (indented), and it writes its
 * result as JSON to the file named by BENCH_RESULT_FILE, which is returned parsed.
 */
export async function runChild<T>(ctx: BenchContext, entry: string, nodeArgs: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<T> {
  const file = await bundle(ctx, entry);
  const resultFile = path.join(ctx.tmp, `${path.basename(file)}.result.json`);
  rmSync(resultFile, { force: true });
  const child = spawn(process.execPath, [...nodeArgs, file], {
    cwd: ctx.root,
    env: { ...process.env, NODE_ENV: 'production', BENCH_RESULT_FILE: resultFile, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let pending = '';
  const stderr: string[] = [];
  child.stdout.on('data', (d: Buffer) => {
    pending += d.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) ctx.log(`  ${line}`);
  });
  child.stderr.on('data', (d: Buffer) => stderr.push(d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (pending) ctx.log(`  ${pending}`);
  if (code !== 0) throw new Error(`${entry} exited with ${code}: ${stderr.join('').slice(-2000)}`);
  return JSON.parse(readFileSync(resultFile, 'utf8')) as T;
}
