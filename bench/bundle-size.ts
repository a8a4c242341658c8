// Bundle size: the app bundle as `npm run build` makes it (scripts/build-options.mjs), built again in memory
// with esbuild's metafile, and the largest contributors (bytes each package, or our own code, adds to the output).
import path from 'node:path';
import { build } from 'esbuild';
import { appBuildOptions } from '../scripts/build-options.mjs';
import type { BenchContext } from './context.js';
import type { BenchResult, Figure } from './report.js';
import { fmt } from './stats.js';

/** "zod", "@alcalzone/ansi-tokenize", or "own code" for src/ and scripts/. */
function owner(input: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return m?.[1] ?? 'own code (src/, scripts/)';
}

export async function bundleSize(ctx: BenchContext): Promise<BenchResult> {
  const result = await build({ ...appBuildOptions(ctx.root), write: false, logLevel: 'silent' });
  const output = Object.values(result.metafile.outputs)[0];
  if (!output) throw new Error('bundle-size: esbuild produced no output');
  const by = new Map<string, number>();
  for (const [input, v] of Object.entries(output.inputs)) by.set(owner(input), (by.get(owner(input)) ?? 0) + v.bytesInOutput);
  const top = [...by].sort((a, b) => b[1] - a[1]);
  const kb = (b: number): string => `${fmt(b / 1024, 0)} KB`;
  ctx.log(`bundle ${path.basename(appBuildOptions(ctx.root).outfile ?? '')}: ${kb(output.bytes)}; by package: ${top.slice(0, 12).map(([k, v]) => `${k} ${kb(v)}`).join(', ')}`);
  const figures: Figure[] = [
    { id: 'bundle.size', label: 'Bundle size (dist/l2top.cjs)', value: output.bytes / 2 ** 20, unit: 'MB', decimals: 2, readme: true,
      note: `largest: ${top.slice(0, 8).map(([k, v]) => `${k} ${kb(v)}`).join(', ')}` },
    ...top.slice(0, 6).map(([k, v]): Figure => ({ id: `bundle.part.${k}`, label: `  of which ${k}`, value: v / 1024, unit: 'KB', decimals: 0, readme: true })),
  ];
  return { name: 'bundle-size', figures, details: Object.fromEntries(top) };
}
