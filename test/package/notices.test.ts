// The third-party notices and the engines check that the build runs on the bundle's packages.
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { boundedMeasureText } from '../../scripts/esbuild-plugins.mjs';
import { bundledPackages, engineConflicts, noticesText, type BundledPackage } from '../../scripts/notices.mjs';
import pkg from '../../package.json' with { type: 'json' };

const pkgOf = (name: string, engines: string | undefined, texts: BundledPackage['texts'] = []): BundledPackage => ({
  name, version: '1.0.0', license: 'MIT', repository: undefined, engines, texts, copyright: undefined,
});

let bundled: BundledPackage[];
beforeAll(async () => {
  const root = path.resolve('.');
  const result = await build({
    absWorkingDir: root, entryPoints: ['src/main.tsx'], outfile: 'dist/notices-test.js', write: false, bundle: true, platform: 'node',
    format: 'esm', target: 'node20', jsx: 'automatic', metafile: true, define: { 'process.env.NODE_ENV': '"production"' },
    alias: { 'react-devtools-core': './scripts/devtools-stub.mjs' }, plugins: [boundedMeasureText], logLevel: 'silent',
  });
  bundled = bundledPackages(result.metafile, root);
}, 60_000);

describe('engineConflicts', () => {
  it('names every package whose engines is narrower than ours', () => {
    const packages = [pkgOf('a', '>=20.18.1'), pkgOf('b', '>=20'), pkgOf('c', '^18 || >=22'), pkgOf('d', undefined)];
    expect(engineConflicts('>=20', packages)).toEqual(['a 1.0.0 needs Node >=20.18.1', 'c 1.0.0 needs Node ^18 || >=22']);
    expect(engineConflicts('>=22', packages)).toEqual([]);
  });

  it('finds package.json engines honest for the real bundle', () => {
    expect(bundled.find((p) => p.name === 'undici')?.engines).toBe('>=20.18.1');
    expect(engineConflicts(pkg.engines.node, bundled)).toEqual([]);
    // and one step wider would not be
    expect(engineConflicts('>=20', bundled)).toContain(`undici ${bundled.find((p) => p.name === 'undici')?.version} needs Node >=20.18.1`);
  });
});

describe('bundledPackages', () => {
  it('lists what the bundle contains, once per version, with a licence text for each', () => {
    const names = bundled.map((p) => p.name);
    for (const dep of ['asciichart', 'conf', 'ink', 'react', 'undici', 'zod']) expect(names).toContain(dep);
    expect(names).not.toContain('@alcalzone/ink-table');
    expect(new Set(bundled.map((p) => `${p.name}@${p.version}`)).size).toBe(bundled.length);
    for (const p of bundled) expect(p.texts.length > 0 || p.copyright !== undefined, p.name).toBe(true);
    expect(bundled.find((p) => p.name === 'yoga-layout')?.copyright).toMatch(/^Copyright \(c\) Meta Platforms/);
  });
});

describe('noticesText', () => {
  it('lists each package, then its licence file, or the MIT terms under its copyright line when it has none', () => {
    const text = noticesText([
      pkgOf('with-file', '>=20', [{ file: 'LICENSE', text: 'MIT License\n\nCopyright (c) Someone' }]),
      { ...pkgOf('no-file', undefined), copyright: 'Copyright (c) Other' },
    ], 'dist/x.js');
    expect(text).toContain('  with-file 1.0.0 (MIT)\n  no-file 1.0.0 (MIT)\n');
    expect(text).toContain('with-file 1.0.0\nLicence: MIT\n\nMIT License\n\nCopyright (c) Someone\n');
    expect(text).toContain('no-file 1.0.0\nLicence: MIT\n\n(the package ships no licence file');
    expect(text).toMatch(/MIT License\n\nCopyright \(c\) Other\n\nPermission is hereby granted/);
  });
});
