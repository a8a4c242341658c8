import type { Plugin } from 'esbuild';
export declare const boundedMeasureText: Plugin;
export declare const inkSkipUnchangedCommits: Plugin;
export declare const syncStartup: Plugin;
export declare const undiciRequestOnly: Plugin;
export declare const appPlugins: Plugin[];
