// The app bundle's esbuild options, shared by the build (scripts/build.mjs) and the bundle-size benchmark.
import { appPlugins } from './esbuild-plugins.mjs';

/** Where the bundle goes, relative to the project root (bin/load-bundle.js loads it from there). */
export const BUNDLE = 'dist/l2top.cjs';

/** The serve-only bundle (bin/l2top.js loads it for `l2top serve`): no Ink, React, Yoga or views. */
export const SERVE_BUNDLE = 'dist/serve.cjs';

/**
 * One CommonJS file: Node 20 can start it from a V8 code cache (bin/load-bundle.js), which it cannot do for
 * an ES module. Whitespace and comments are dropped (less to read and parse at start; names stay, so stack
 * traces stay readable).
 */
export function appBuildOptions(root) {
  return {
    absWorkingDir: root,
    entryPoints: ['src/main.tsx'],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Node 20 has these: esbuild would otherwise turn such regex literals into `new RegExp(...)` calls that
    // run when the bundle loads (string-width's \\p{RGI_Emoji} set alone took ~12 ms), where a literal in
    // code from the cache costs nothing until first used.
    supported: { 'regexp-unicode-property-escapes': true, 'regexp-set-notation': true },
    jsx: 'automatic',
    minifyWhitespace: true,
    minifySyntax: false,
    minifyIdentifiers: false,
    charset: 'ascii',
    sourcemap: false,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta.url': '__l2topModuleUrl' },
    // Ink imports react-devtools-core only when DEV is set; keep it out of the bundle.
    alias: { 'react-devtools-core': './scripts/devtools-stub.mjs' },
    banner: { js: "// Licences of the bundled packages: THIRD-PARTY-NOTICES.txt beside this file.\nconst __l2topModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: appPlugins,
    metafile: true,
    logLevel: 'warning',
  };
}

/** The serve-only bundle's options: the app's, from src/serve-main.ts (which imports no ui code but the keymap table). */
export function serveBuildOptions(root) {
  return { ...appBuildOptions(root), entryPoints: ['src/serve-main.ts'], outfile: SERVE_BUNDLE };
}
