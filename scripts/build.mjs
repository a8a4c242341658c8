// Bundles src/main.tsx into dist/l2top.cjs (one file: much faster start than loading node_modules) and
// writes dist/THIRD-PARTY-NOTICES.txt, the licences of every package the bundle contains; fails when
// package.json's engines promises a Node version that a bundled package does not support.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { appBuildOptions, BUNDLE } from './build-options.mjs';
import { bundledPackages, engineConflicts, noticesText } from './notices.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const result = await build(appBuildOptions(root));

const packages = bundledPackages(result.metafile, root);
writeFileSync(path.join(root, 'dist/THIRD-PARTY-NOTICES.txt'), noticesText(packages, BUNDLE));

// package.json's engines must not promise a Node version that a bundled package does not support.
const engines = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node;
const conflicts = engineConflicts(engines, packages);
if (conflicts.length > 0) {
  process.stderr.write(`build: package.json engines.node "${engines}" is too wide:\n  ${conflicts.join('\n  ')}\n`);
  process.exit(1);
}
