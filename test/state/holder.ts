// A second process for the lock and crash tests: opens a state directory and journals polls as fast as it can.
// argv: <state dir>. Prints "ready <pid>" once it holds the directory, then "wrote <n>" every 100 rounds.
import { newStore, open, MIN, T0 } from './fixture.js';
import { ok } from '../helpers/state.js';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: holder.ts <state dir>');
const store = newStore(T0);
open(dir, store, T0);
process.stdout.write(`ready ${process.pid} ${store.getState().storage?.status ?? 'none'}\n`);
let k = 0;
const round = () => {
  for (let i = 0; i < 20; i += 1) {
    k += 1;
    store.dispatch(ok('src-lightning', T0 + k * MIN, 'lightning', 500_000_000_000 + k));
  }
  if (k % 100 === 0) process.stdout.write(`wrote ${k}\n`);
  setImmediate(round);
};
round();
