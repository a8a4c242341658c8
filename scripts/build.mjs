// Bundles src/main.tsx into dist/l2top.js (one ESM file: much faster start than loading node_modules).
import { build } from 'esbuild';
import { boundedMeasureText } from './esbuild-plugins.mjs';

await build({
  entryPoints: ['src/main.tsx'],
  outfile: 'dist/l2top.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink imports react-devtools-core only when DEV is set; keep it out of the bundle.
  alias: { 'react-devtools-core': './scripts/devtools-stub.mjs' },
  // CommonJS deps inside an ESM bundle need require().
  banner: { js: "import { createRequire as __l2topRequire } from 'node:module'; const require = __l2topRequire(import.meta.url);" },
  plugins: [boundedMeasureText],
  logLevel: 'warning',
});
