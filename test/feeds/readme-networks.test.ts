import fs from 'node:fs';
import { expect, it } from 'vitest';
import { NETWORKS } from '../../src/feeds/networks.js';

it('the README carries every network\'s meaning paragraph exactly as the detail view shows it', () => {
  const readme = fs.readFileSync('README.md', 'utf8');
  for (const n of NETWORKS) {
    expect(n.about, n.id).toBeTruthy();
    expect(readme, n.id).toContain(n.about ?? '');
    expect(readme, n.id).toContain(n.name);
  }
});
