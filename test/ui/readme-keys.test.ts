import fs from 'node:fs';
import { expect, it } from 'vitest';
import { KEYMAP } from '../../src/ui/keymap.js';

it('the README documents every key of the keymap table', () => {
  const readme = fs.readFileSync('README.md', 'utf8');
  for (const binding of KEYMAP) {
    for (const key of binding.label.split(' / ')) expect(readme).toContain(`\`${key}\``);
  }
});
