import type { Plugin } from 'esbuild';
export declare const boundedMeasureText: Plugin;
export declare const inkSkipUnchangedCommits: Plugin;
