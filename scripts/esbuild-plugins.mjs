// esbuild plugins shared by the app build and the benchmark bundles, so both run the same code.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Swaps Ink's unbounded text-measure cache for a bounded one (see scripts/ink-measure-text.mjs). */
export const boundedMeasureText = {
  name: 'bounded-measure-text',
  setup(b) {
    b.onResolve({ filter: /^\.\/measure-text\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}ink${path.sep}`) ? { path: path.join(root, 'scripts/ink-measure-text.mjs') } : undefined);
  },
};
