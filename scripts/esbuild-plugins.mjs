// esbuild plugins shared by the app build and the benchmark bundles, so both run the same code.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Swaps Ink's unbounded text-measure cache for a bounded one (see scripts/ink-measure-text.mjs). */
export const boundedMeasureText = {
  name: 'bounded-measure-text',
  setup(b) {
    b.onResolve({ filter: /^\.\/measure-text\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}ink${path.sep}`) ? { path: path.join(root, 'scripts/ink-measure-text.mjs') } : undefined);
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
