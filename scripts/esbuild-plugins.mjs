// esbuild plugins shared by the app build and the benchmark bundles, so both run the same code.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const inNodeModules = (file, pkg) => file.includes(`${path.sep}node_modules${path.sep}${pkg}${path.sep}`);

/** Swaps Ink's unbounded text-measure cache for a bounded one (see scripts/ink-measure-text.mjs). */
export const boundedMeasureText = {
  name: 'bounded-measure-text',
  setup(b) {
    b.onResolve({ filter: /^\.\/measure-text\.js$/ }, (args) =>
      inNodeModules(args.importer, 'ink') ? { path: path.join(root, 'scripts/ink-measure-text.mjs') } : undefined);
  },
};

/** Replaces `from` by `to` in a package file; the build fails when the text is gone (the package changed). */
function patched(file, replacements) {
  let text = fs.readFileSync(file, 'utf8');
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`${path.relative(root, file)}: expected text not found (package updated? revisit scripts/esbuild-plugins.mjs): ${from}`);
    text = text.replace(from, to);
  }
  return { contents: text, loader: 'js' };
}

/**
 * Start-up without top-level await and without Node's internal fetch, so the bundle can be CommonJS (which
 * Node 20 can load from a V8 code cache, see bin/load-bundle.js):
 * - Yoga's Emscripten loader fetched its own base64 `data:` URL, which loads Node's internal undici (~25 ms);
 *   it now compiles and instantiates the embedded WebAssembly synchronously, and yoga-layout initialises
 *   without awaiting.
 * - Ink awaits an import of its React devtools (and its package.json) when DEV=true; the bundle ships no
 *   devtools (react-devtools-core is a stub), so that branch becomes the "not installed" one, and `ws` (126 KB)
 *   leaves the bundle.
 */
export const syncStartup = {
  name: 'sync-startup',
  setup(b) {
    b.onLoad({ filter: /yoga-wasm-base64-esm\.js$/ }, (args) => patched(args.path, [
      ['if(h.instantiateWasm)try{', 'if(!h.instantiateWasm)h.instantiateWasm=function(i,cb){var inst=new WebAssembly.Instance(new WebAssembly.Module(wa()),i);cb(inst);return inst.exports};if(h.instantiateWasm)try{'],
    ]));
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/ }, (args) => patched(args.path, [
      ['const Yoga = wrapAssembly(await loadYoga());',
        "const Module = {};\nloadYoga(Module);\nif (!Module.calledRun) throw new Error('yoga-layout did not initialise synchronously');\nconst Yoga = wrapAssembly(Module);"],
    ]));
    b.onLoad({ filter: /ink[\\/]build[\\/]reconciler\.js$/ }, (args) => patched(args.path, [
      ["await import('./devtools.js');", "throw Object.assign(new Error('react-devtools-core is not bundled'), { code: 'ERR_MODULE_NOT_FOUND' });"],
      ['? await loadPackageJson()', '? { name: undefined, version: undefined }'],
    ]));
  },
};

/**
 * `import { request } from 'undici'` in our code gets undici's request() alone (scripts/undici-request.mjs)
 * rather than undici's index, which loads fetch, WebSocket, EventSource, cookies, caches and mocks (and, through
 * `globalThis.Headers`, Node's own internal undici as well). Tests run the full package.
 */
export const undiciRequestOnly = {
  name: 'undici-request-only',
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, (args) =>
      args.importer.startsWith(path.join(root, 'src') + path.sep) ? { path: path.join(root, 'scripts/undici-request.mjs') } : undefined);
  },
};

/** Every plugin the app bundle uses, in order. */
export const appPlugins = [boundedMeasureText, syncStartup, undiciRequestOnly];
