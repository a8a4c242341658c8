import type { Metafile } from 'esbuild';

/** One package that esbuild put into the bundle, with what its notice needs. */
export interface BundledPackage {
  readonly name: string;
  readonly version: string;
  readonly license: string;
  readonly repository: string | undefined;
  /** Its package.json `engines.node`, if any. */
  readonly engines: string | undefined;
  /** Its licence, copying and notice files. */
  readonly texts: readonly { readonly file: string; readonly text: string }[];
  /** The first copyright line of its bundled files, when it ships no licence file. */
  readonly copyright: string | undefined;
}
export declare function bundledPackages(metafile: Metafile, root: string): BundledPackage[];
export declare function engineConflicts(range: string, packages: readonly Pick<BundledPackage, 'name' | 'version' | 'engines'>[]): string[];
export declare function noticesText(packages: readonly BundledPackage[], bundleName: string): string;
