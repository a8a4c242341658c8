import type { BuildOptions } from 'esbuild';
export declare const BUNDLE: string;
export declare function appBuildOptions(root: string): BuildOptions & { metafile: true };
