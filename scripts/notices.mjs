// Third-party licence notices for everything esbuild put into the bundle: built from the build's metafile and
// each package's own package.json and licence files in node_modules (the bundle itself keeps no comments).
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';

/** Licence, copying and notice files, as packages name them (LICENSE, LICENSE.md, license-mit, NOTICE...). */
const LICENCE_FILE = /^(licen[cs]e|copying|notice)([.-].*)?$/i;

/** The folder of the package that holds `file` (up to its last node_modules/<name>), or undefined for our own files. */
function packageDir(file) {
  const parts = file.split(/[\\/]/);
  const i = parts.lastIndexOf('node_modules');
  if (i < 0 || i + 1 >= parts.length) return undefined;
  return parts.slice(0, i + (parts[i + 1].startsWith('@') ? 3 : 2)).join(path.sep);
}

function licenceOf(pkg) {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license && typeof pkg.license.type === 'string') return pkg.license.type;
  if (Array.isArray(pkg.licenses)) return pkg.licenses.map((l) => l.type).join(' OR ');
  return 'UNKNOWN';
}

function repositoryOf(pkg) {
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  return repo ?? pkg.homepage;
}

/**
 * The bundled packages of one esbuild output, sorted by name then version.
 * @param {import('esbuild').Metafile} metafile
 * @param {string} root esbuild's working directory (metafile paths are relative to it)
 * @returns {{ name: string, version: string, license: string, repository: string | undefined, engines: string | undefined, texts: { file: string, text: string }[], copyright: string | undefined }[]}
 */
export function bundledPackages(metafile, root) {
  /** Package folder -> the bundled files from it. */
  const dirs = new Map();
  for (const output of Object.values(metafile.outputs)) {
    for (const input of Object.keys(output.inputs)) {
      const dir = packageDir(input);
      if (dir === undefined) continue;
      const abs = path.resolve(root, dir);
      dirs.set(abs, [...(dirs.get(abs) ?? []), path.resolve(root, input)]);
    }
  }
  const byId = new Map();
  for (const [dir, files] of dirs) {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const id = `${pkg.name}@${pkg.version}`;
    if (byId.has(id)) continue; // the same version nested twice: one notice
    const texts = fs.readdirSync(dir)
      .filter((f) => LICENCE_FILE.test(f) && fs.statSync(path.join(dir, f)).isFile())
      .sort()
      .map((file) => ({ file, text: fs.readFileSync(path.join(dir, file), 'utf8').trim() }));
    byId.set(id, {
      name: pkg.name, version: pkg.version, license: licenceOf(pkg), repository: repositoryOf(pkg), engines: pkg.engines?.node, texts,
      copyright: texts.length === 0 ? copyrightIn(files) : undefined,
    });
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version, undefined, { numeric: true }));
}

/** The first copyright line in a package's bundled files, for packages that ship no licence file. */
function copyrightIn(files) {
  for (const file of files.sort()) {
    const line = /Copyright \(c\)[^\n*]*/i.exec(fs.readFileSync(file, 'utf8'));
    if (line) return line[0].trim();
  }
  return undefined;
}

/** The MIT permission notice (without a copyright line), for MIT packages that ship no licence file. */
const MIT_TERMS = `Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.`;

/** What stands in for the licence file of a package that ships none: its copyright line and, for MIT, the terms. */
function missingLicence(p) {
  return [
    `(the package ships no licence file; its package.json declares ${p.license}${p.copyright ? ' and its source files say:' : ')'}`,
    ...(p.copyright ? [`${p.copyright})`] : []),
    ...(p.license === 'MIT' ? ['', `MIT License${p.copyright ? `\n\n${p.copyright}` : ''}`, '', MIT_TERMS] : []),
  ];
}

/**
 * The bundled packages whose `engines.node` does not accept every Node version that ours (`range`) accepts:
 * `engines` is honest only when this is empty.
 * @param {string} range
 * @param {{ name: string, version: string, engines: string | undefined }[]} packages
 * @returns {string[]}
 */
export function engineConflicts(range, packages) {
  return packages
    .filter((p) => p.engines !== undefined && !semver.subset(range, p.engines))
    .map((p) => `${p.name} ${p.version} needs Node ${p.engines}`);
}

/** The text of THIRD-PARTY-NOTICES.txt for the given packages. */
export function noticesText(packages, bundleName) {
  const rule = '-'.repeat(78);
  const head = [
    `Third-party software in ${bundleName}`,
    '',
    `l2top is under the MIT licence (LICENSE). ${bundleName} is one bundled file that also contains the`,
    `following ${packages.length} packages, each under its own licence, reproduced below as the package ships it.`,
    '',
    ...packages.map((p) => `  ${p.name} ${p.version} (${p.license})`),
  ];
  const body = packages.flatMap((p) => [
    '',
    rule,
    `${p.name} ${p.version}`,
    `Licence: ${p.license}`,
    ...(p.repository ? [`Source: ${p.repository}`] : []),
    '',
    ...(p.texts.length > 0
      ? p.texts.flatMap((t, i) => [...(i > 0 ? [''] : []), ...(p.texts.length > 1 ? [`[${t.file}]`] : []), t.text])
      : missingLicence(p)),
  ]);
  return [...head, ...body, ''].join('\n');
}
