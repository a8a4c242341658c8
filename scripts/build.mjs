// Bundles src/main.tsx into dist/l2top.js (one ESM file: much faster start than loading node_modules) and
// writes dist/THIRD-PARTY-NOTICES.txt, the licences of every package the bundle contains; fails when
// package.json's engines promises a Node version that a bundled package does not support.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { boundedMeasureText, inkSkipUnchangedCommits } from './esbuild-plugins.mjs';
import { bundledPackages, engineConflicts, noticesText } from './notices.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const result = await build({
  absWorkingDir: root,
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
  banner: { js: "// Licences of the bundled packages: THIRD-PARTY-NOTICES.txt beside this file.\nimport { createRequire as __l2topRequire } from 'node:module'; const require = __l2topRequire(import.meta.url);" },
  plugins: [boundedMeasureText, inkSkipUnchangedCommits],
  metafile: true,
  logLevel: 'warning',
});

const packages = bundledPackages(result.metafile, root);
writeFileSync(path.join(root, 'dist/THIRD-PARTY-NOTICES.txt'), noticesText(packages, 'dist/l2top.js'));

// package.json's engines must not promise a Node version that a bundled package does not support.
const engines = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node;
const conflicts = engineConflicts(engines, packages);
if (conflicts.length > 0) {
  process.stderr.write(`build: package.json engines.node "${engines}" is too wide:\n  ${conflicts.join('\n  ')}\n`);
  process.exit(1);
}
