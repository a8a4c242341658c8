import type { BuildOptions } from 'esbuild';
export declare const BUNDLE: string;
export declare function appBuildOptions(root: string): BuildOptions & { metafile: true };
export declare const SERVE_BUNDLE: string;
export declare function serveBuildOptions(root: string): BuildOptions & { metafile: true };
