#!/usr/bin/env node
// Shim: environment that must be set before any module loads, then the bundled app.
process.env.NODE_ENV = 'production';
if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';
const { main } = await import('../dist/l2top.js');
process.exitCode = await main(process.argv.slice(2));
