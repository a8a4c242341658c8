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

/** Swaps Ink's Output (the frame's character grid) for a leaner one (see scripts/ink-output.mjs). */
export const leanInkOutput = {
  name: 'lean-ink-output',
  setup(b) {
    b.onResolve({ filter: /^\.\/output\.js$/ }, (args) =>
      inNodeModules(args.importer, 'ink') ? { path: path.join(root, 'scripts/ink-output.mjs') } : undefined);
  },
};

/**
 * Ink lays out and re-renders the whole frame after every React commit, even one that changed nothing on
 * screen (a clock tick whose ages read the same): 30 to 100 ms of CPU and ~10 MB of garbage per 120x40 frame.
 * This patches Ink's reconciler (ink/build/reconciler.js) to skip that work when a commit made no change to
 * the host tree: no text changed, no node was added, moved or removed, and no node's props changed in value.
 * Children arrays, a new but equal style object and equal accessibility props do not count; any other prop
 * change (e.g. a Text's new colour closure) does, so the skip never hides a visible change.
 * The build fails when Ink's reconciler no longer has the code this patch expects.
 */
export const inkSkipUnchangedCommits = {
  name: 'ink-skip-unchanged-commits',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      let code = await readFile(args.path, 'utf8');
      const helper = [
        'const __l2top = { dirty: true };',
        'const __l2topMark = (f) => (...a) => { __l2top.dirty = true; return f(...a); };',
        'const __l2topShallowEqual = (a, b) => { if (a === b) return true; if (!a || !b) return false;',
        '  const ka = Object.keys(a); if (ka.length !== Object.keys(b).length) return false;',
        '  return ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]); };',
        'const __l2topChanged = (before, after) => { for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {',
        "  if (k === 'children' || before[k] === after[k]) continue;",
        "  if ((k === 'style' || k === 'internal_accessibility') && __l2topShallowEqual(before[k], after[k])) continue;",
        '  return true; } return false; };',
        '',
      ].join('\n');
      const edits = [
        ['resetAfterCommit(rootNode) {', 'resetAfterCommit(rootNode) {\n        if (!__l2top.dirty && !rootNode.isStaticDirty) return;\n        __l2top.dirty = false;'],
        ['commitUpdate(node, _type, oldProps, newProps) {', 'commitUpdate(node, _type, oldProps, newProps) {\n        if (__l2topChanged(oldProps, newProps)) __l2top.dirty = true;'],
        ['commitTextUpdate(node, _oldText, newText) {', 'commitTextUpdate(node, _oldText, newText) {\n        __l2top.dirty = true;'],
        ['hideTextInstance(node) {', 'hideTextInstance(node) {\n        __l2top.dirty = true;'],
        ['unhideTextInstance(node, text) {', 'unhideTextInstance(node, text) {\n        __l2top.dirty = true;'],
        ['    hideInstance(node) {', '    hideInstance(node) {\n        __l2top.dirty = true;'],
        ['unhideInstance(node) {', 'unhideInstance(node) {\n        __l2top.dirty = true;'],
        ['    appendChild: appendChildNode,', '    appendChild: __l2topMark(appendChildNode),'],
        ['    insertBefore: insertBeforeNode,', '    insertBefore: __l2topMark(insertBeforeNode),'],
        ['    appendChildToContainer: appendChildNode,', '    appendChildToContainer: __l2topMark(appendChildNode),'],
        ['    insertInContainerBefore: insertBeforeNode,', '    insertInContainerBefore: __l2topMark(insertBeforeNode),'],
        ['removeChildFromContainer(node, removeNode) {', 'removeChildFromContainer(node, removeNode) {\n        __l2top.dirty = true;'],
        ['removeChild(node, removeNode) {', 'removeChild(node, removeNode) {\n        __l2top.dirty = true;'],
        ['clearContainer: () => false,', 'clearContainer: () => { __l2top.dirty = true; return false; },'],
        // No devtools in the bundle (see syncStartup): no top-level await, and `ws` stays out.
        ["await import('./devtools.js');", "throw Object.assign(new Error('react-devtools-core is not bundled'), { code: 'ERR_MODULE_NOT_FOUND' });"],
        ['? await loadPackageJson()', '? { name: undefined, version: undefined }'],
      ];
      for (const [from, to] of edits) {
        if (code.split(from).length !== 2) throw new Error(`ink-skip-unchanged-commits: Ink's reconciler changed (expected "${from}" once in ${args.path})`);
        code = code.replace(from, to);
      }
      const lastImport = code.lastIndexOf('\nimport ');
      const cut = code.indexOf('\n', code.indexOf(';', lastImport)) + 1;
      return { contents: code.slice(0, cut) + helper + code.slice(cut), loader: 'js' };
    });
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
 *   it now decodes (with Buffer), compiles and instantiates the embedded WebAssembly synchronously, and
 *   yoga-layout initialises without awaiting.
 * - Ink awaits an import of its React devtools (and its package.json) when DEV=true; the bundle ships no
 *   devtools (react-devtools-core is a stub), so that branch becomes the "not installed" one, and `ws` (126 KB)
 *   leaves the bundle. That edit is in inkSkipUnchangedCommits, which owns Ink's reconciler file (esbuild runs
 *   only the first onLoad that answers for a file).
 */
export const syncStartup = {
  name: 'sync-startup',
  setup(b) {
    b.onLoad({ filter: /yoga-wasm-base64-esm\.js$/ }, (args) => patched(args.path, [
      // Buffer decodes the embedded base64 natively; Emscripten's own loop (charCodeAt per byte) took ~35 ms cold.
      ['if(h.instantiateWasm)try{', "if(!h.instantiateWasm)h.instantiateWasm=function(i,cb){var inst=new WebAssembly.Instance(new WebAssembly.Module(ua(H)?Buffer.from(H.slice(37),'base64'):wa()),i);cb(inst);return inst.exports};if(h.instantiateWasm)try{"],
    ]));
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/ }, (args) => patched(args.path, [
      ['const Yoga = wrapAssembly(await loadYoga());',
        "const Module = {};\nloadYoga(Module);\nif (!Module.calledRun) throw new Error('yoga-layout did not initialise synchronously');\nconst Yoga = wrapAssembly(Module);"],
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

/**
 * Node built-in modules that start-up loaded for code that rarely or never runs, each a few milliseconds of
 * compiling Node's own JavaScript before the first frame: undici's HTTP/2 client (with node:http2 and
 * node:tls), used only when a server negotiates h2, which l2top never enables; terminal-size's node:child_process
 * (and dgram, net sockets), used only to ask `tput` when the terminal does not report its size. Both are now
 * required when first used. The same plugin owns Ink's stdin/stderr contexts and its ANSI tokenizer file (esbuild
 * runs only the first onLoad that answers for a file): the contexts no longer open process.stdin and
 * process.stderr at load, and the control-character check is one regex test (comments at each edit).
 */
export const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client\.js$/ }, (args) => patched(args.path, [
      ["const connectH2 = require('./client-h2.js')", "let clientH2\nconst connectH2 = (...a) => (clientH2 ??= require('./client-h2.js'))(...a)"],
    ]));
    // Ink checks every text node for escape and C1 control characters one character at a time (for...of and
    // codePointAt per character, cold at start); one regular expression test answers the same.
    b.onLoad({ filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/]ansi-tokenizer\.js$/ }, (args) => patched(args.path, [
      [
        'export const hasAnsiControlCharacters = (text) => {\n    if (text.includes(escapeCharacter)) {\n        return true;\n    }\n    for (const character of text) {\n        if (isC1ControlCharacter(character)) {\n            return true;\n        }\n    }\n    return false;\n};',
        'export const hasAnsiControlCharacters = (text) => /[\\u001B\\u0080-\\u009F]/.test(text);',
      ],
    ]));
    // Ink's default stdin and stderr contexts (used only without a provider, which Ink always gives) opened
    // process.stdin (a tty.ReadStream, ~7 ms) and process.stderr when loaded, even for --version or --json.
    b.onLoad({ filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/]components[\\/]StdinContext\.js$/ }, (args) => patched(args.path, [
      ['stdin: process.stdin,', 'get stdin() { return process.stdin; },'],
    ]));
    b.onLoad({ filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/]components[\\/]StderrContext\.js$/ }, (args) => patched(args.path, [
      ['stderr: process.stderr,', 'get stderr() { return process.stderr; },'],
    ]));
    b.onLoad({ filter: /[\\/]node_modules[\\/]terminal-size[\\/]index\.js$/ }, (args) => patched(args.path, [
      ["import {execFileSync} from 'node:child_process';", "const execFileSync = (...a) => require('node:child_process').execFileSync(...a);"],
    ]));
  },
};

/** `const x = new Intl.Segmenter(...)` at a module's top level, made on first use instead (see lazySegmenters). */
function lazySegmenter(text, file) {
  const decl = /const (\w+) = new Intl\.Segmenter\(([^)]*)\);/;
  const m = decl.exec(text);
  if (!m) throw new Error(`${path.relative(root, file)}: no top-level Intl.Segmenter found (package updated? revisit scripts/esbuild-plugins.mjs)`);
  const [whole, name, args] = m;
  return text.replace(whole, `let ${name}Made;\nconst ${name} = { segment: (text) => (${name}Made ??= new Intl.Segmenter(${args})).segment(text) };`);
}

/**
 * Top-level `const X = /...\\p{...}.../flags;` declarations, made on first use: `X` becomes `X_()` in the file.
 * Creating the first such regex loads ICU's Unicode property data (~15 ms at load, measured in --version).
 */
function lazyPropertyRegexes(text) {
  const decl = /^const (\w+) = (\/(?:[^/\\\n]|\\.)*\\p\{(?:[^/\\\n]|\\.)*\/[a-z]*);$/gm;
  let out = text;
  for (const [whole, name, literal] of [...text.matchAll(decl)]) {
    out = out.replace(whole, `let ${name}Made;\nconst ${name}_ = () => (${name}Made ??= ${literal});`);
    out = out.replace(new RegExp(`\\b${name}\\b(?!Made|_)`, 'g'), `${name}_()`);
    out = out.replace(`const ${name}_() = `, `const ${name}_ = `);
  }
  return out;
}

/**
 * Work done at load for code the first frame may never run: string-width (two copies), slice-ansi and Ink's
 * ANSI tokenizer each create an Intl.Segmenter when loaded (the first loads ICU's break-iterator data, ~6 ms),
 * and string-width and slice-ansi their Unicode-property regexes; they now create them on first use. Ink's tokenizer splits every line of every frame into graphemes with it; for
 * a line of NARROW characters and colour codes (src/terminal/display-width.ts) every UTF-16 unit is a grapheme
 * of its own, so such a line is split by index instead.
 */
export const lazySegmenters = {
  name: 'lazy-segmenters',
  setup(b) {
    const files = /[\\/]node_modules[\\/](?:string-width[\\/]index|wrap-ansi[\\/]node_modules[\\/]string-width[\\/]index|slice-ansi[\\/]tokenize-ansi)\.js$/;
    b.onLoad({ filter: files }, (args) => ({ contents: lazyPropertyRegexes(lazySegmenter(fs.readFileSync(args.path, 'utf8'), args.path)), loader: 'js' }));
    b.onLoad({ filter: /[\\/]node_modules[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/ }, (args) => {
      const text = lazySegmenter(fs.readFileSync(args.path, 'utf8'), args.path);
      const loop = 'for (const { segment, index } of segmenter.segment(str)) {';
      if (!text.includes(loop)) throw new Error(`${path.relative(root, args.path)}: expected text not found (package updated? revisit scripts/esbuild-plugins.mjs): ${loop}`);
      const helper = [
        `import { isNarrowText as __l2topIsNarrow } from ${JSON.stringify(path.join(root, 'src/terminal/display-width.ts'))};`,
        'const __l2topSegments = (str) => {',
        '  if (!__l2topIsNarrow(str)) return segmenter.segment(str);',
        '  const out = new Array(str.length);',
        '  for (let i = 0; i < str.length; i++) out[i] = { segment: str[i], index: i };',
        '  return out;',
        '};',
        '',
      ].join('\n');
      return { contents: helper + text.replace(loop, 'for (const { segment, index } of __l2topSegments(str)) {'), loader: 'js' };
    });
  },
};

/** Packages whose `string-width` import gets the narrow-text fast path (scripts/ink-string-width.mjs). */
const NARROW_WIDTH_USERS = ['ink', 'widest-line', 'cli-truncate'];

/** Ink's layout and output measure text with string-width; give them its narrow-text fast path. */
export const narrowStringWidth = {
  name: 'narrow-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, (args) =>
      NARROW_WIDTH_USERS.some((pkg) => inNodeModules(args.importer, pkg)) ? { path: path.join(root, 'scripts/ink-string-width.mjs') } : undefined);
    b.onResolve({ filter: /^l2top:string-width$/ }, () => ({ path: path.join(root, 'node_modules/string-width/index.js') }));
  },
};

/** Every plugin the app bundle uses, in order. */
export const appPlugins = [boundedMeasureText, inkSkipUnchangedCommits, syncStartup, undiciRequestOnly, narrowStringWidth, leanInkOutput, lazyBuiltins, lazySegmenters];
