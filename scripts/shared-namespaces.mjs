// esbuild's CommonJS output turns every `import x from 'node:fs'` of every module into its own __toESM(require(...))
// call, which copies each export of the module into a new object as a getter: 56 such calls in the app bundle,
// node:process and node:fs a hundred-odd properties each, ~5 ms of every start. The namespace object depends only
// on the module and the interop mode, so this edit of esbuild's runtime (applied to the written bundle) makes one
// per module and mode and hands the same one to every importer. The build fails when esbuild's runtime changes.
const RUNTIME = 'var __toESM=(mod,isNodeMode,target)=>(target=mod!=null?__create(__getProtoOf(mod)):{},__copyProps(isNodeMode||!mod||!mod.__esModule?__defProp(target,"default",{value:mod,enumerable:true}):target,mod));';
const SHARED = 'var __toESMOnce=(mod,isNodeMode,target)=>(target=mod!=null?__create(__getProtoOf(mod)):{},__copyProps(isNodeMode||!mod||!mod.__esModule?__defProp(target,"default",{value:mod,enumerable:true}):target,mod));'
  + 'var __toESMShared=[new WeakMap(),new WeakMap()];'
  + 'var __toESM=(mod,isNodeMode)=>{if(mod===null||typeof mod!=="object"&&typeof mod!=="function")return __toESMOnce(mod,isNodeMode);'
  + 'const seen=__toESMShared[isNodeMode?1:0];let ns=seen.get(mod);if(ns===undefined){ns=__toESMOnce(mod,isNodeMode);seen.set(mod,ns)}return ns};';

/** The bundle's text with esbuild's __toESM made to share one namespace object per module and interop mode. */
export function shareNamespaces(text, file) {
  if (text.split(RUNTIME).length !== 2) throw new Error(`${file}: esbuild's __toESM is not the one scripts/shared-namespaces.mjs expects (esbuild updated?)`);
  return text.replace(RUNTIME, SHARED);
}
