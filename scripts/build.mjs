// Bundles src/main.tsx into dist/l2top.cjs (one file: much faster start than loading node_modules), and
// src/serve-main.ts into dist/serve.cjs (what `l2top serve` loads: the same code without Ink, React and the views),
// and writes dist/THIRD-PARTY-NOTICES.txt, the licences of every package the bundles contain; fails when
// package.json's engines promises a Node version that a bundled package does not support.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { appBuildOptions, BUNDLE, SERVE_BUNDLE, serveBuildOptions } from './build-options.mjs';
import { bundledPackages, engineConflicts, noticesText } from './notices.mjs';
import { shareNamespaces } from './shared-namespaces.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const [app, serve] = await Promise.all([build(appBuildOptions(root)), build(serveBuildOptions(root))]);
for (const file of [BUNDLE, SERVE_BUNDLE].map((f) => path.join(root, f))) writeFileSync(file, shareNamespaces(readFileSync(file, 'latin1'), file), 'latin1');

// The serve bundle's packages are a subset of the app's (main.tsx imports serve too); both are listed.
const packages = bundledPackages({ inputs: {}, outputs: { ...app.metafile.outputs, ...serve.metafile.outputs } }, root);
writeFileSync(path.join(root, 'dist/THIRD-PARTY-NOTICES.txt'), noticesText(packages, BUNDLE));

// package.json's engines must not promise a Node version that a bundled package does not support.
const engines = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node;
const conflicts = engineConflicts(engines, packages);
if (conflicts.length > 0) {
  process.stderr.write(`build: package.json engines.node "${engines}" is too wide:\n  ${conflicts.join('\n  ')}\n`);
  process.exit(1);
}
