// Builds the bundle once before the suite: the end-to-end tests run the real binary.
// L2TOP_SKIP_BUILD=1 skips it when iterating on unit tests only.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  if (process.env.L2TOP_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
