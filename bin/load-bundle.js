// Loads a CommonJS bundle (dist/l2top.cjs, or dist/serve.cjs for `l2top serve`) with V8's compiled code cached on disk, so that from the second
// start on the bundle is neither parsed nor compiled again, nor are the functions the first frame runs.
// Node >= 22.1 does this itself (module.enableCompileCache). Node 20 has no such switch for files it loads, so
// there the bundle runs through vm.Script with `cachedData`; the cache is written once, right after the first
// frame with data, so it holds what start-up compiles. A cache V8 rejects (another Node, other flags) is
// rewritten; one that cannot be read or written is never an error. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
const fs = require('node:fs');
const module_ = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

/** $XDG_CACHE_HOME/l2top, else ~/.cache/l2top. */
function cacheDir() {
  const xdg = process.env.XDG_CACHE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
  return path.join(base, 'l2top');
}

/**
 * Node >= 22.1: Node's own compile cache, then a plain require. Node writes that cache when the process exits
 * cleanly; `saveCache()` writes it once start-up is done (Node >= 22.10), so a start that ends in SIGKILL, a crash
 * or a lost terminal still leaves it for the next one.
 */
function withNodeCache(file) {
  try {
    module_.enableCompileCache(path.join(cacheDir(), 'node-compile-cache'));
  } catch {
    // start without the cache
  }
  return {
    exports: require(file),
    saveCache() {
      try {
        if (typeof module_.flushCompileCache === 'function') module_.flushCompileCache();
      } catch {
        // the cache is written at exit instead
      }
    },
  };
}

/** Node 20: the bundle as a vm.Script (CommonJS wrapper), with V8's code cache for it in the cache folder. */
function withCodeCache(file) {
  const stat = fs.statSync(file);
  // V8 checks its own version and flags, but only the length of the source: the file's mtime keys the content.
  // One cache per bundle (dist/l2top.cjs, dist/serve.cjs): the prefix names it.
  const prefix = `code-cache-${path.basename(file, '.cjs')}-`;
  const cacheFile = path.join(cacheDir(), `${prefix}${process.version}-${process.arch}-${stat.size}-${Math.round(stat.mtimeMs)}.bin`);
  let cachedData;
  if (process.env.NODE_DISABLE_COMPILE_CACHE === undefined) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      // no cache yet
    }
  }
  // The bundle is ASCII (esbuild's charset), so latin1 reads it without UTF-8 decoding.
  const source = fs.readFileSync(file, 'latin1');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file, ...(cachedData ? { cachedData } : {}),
  });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, module_.createRequire(file), mod, file, path.dirname(file));
  let saved = cachedData !== undefined && !script.cachedDataRejected;
  return {
    exports: mod.exports,
    saveCache() {
      if (saved || process.env.NODE_DISABLE_COMPILE_CACHE !== undefined) return;
      saved = true;
      try {
        const dir = path.dirname(cacheFile);
        fs.mkdirSync(dir, { recursive: true });
        // Caches of this bundle's earlier builds or Node versions are dropped; one file per bundle and Node.
        // (code-cache-v<node>-... is the name before there were two bundles.)
        for (const old of fs.readdirSync(dir)) {
          if ((old.startsWith(prefix) || /^code-cache-v\d/.test(old)) && old !== path.basename(cacheFile)) fs.rmSync(path.join(dir, old), { force: true });
        }
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
      } catch {
        // a read-only or full disk: start without a cache next time
      }
    },
  };
}

/** Loads `file` (the bundle); `saveCache()` stores the compiled code once start-up is done (Node 20 only). */
function loadBundle(file) {
  return typeof module_.enableCompileCache === 'function' ? withNodeCache(file) : withCodeCache(file);
}

module.exports = { loadBundle };
