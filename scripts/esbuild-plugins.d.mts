import type { Plugin } from 'esbuild';
export declare const boundedMeasureText: Plugin;
