import { describe, expect, it } from 'vitest';
import { toAscii } from '../../../src/ui/render/ascii.js';

describe('toAscii', () => {
  it('maps what the UI draws to single ASCII characters, keeping the width', () => {
    const text = '›Stacks █████▏ ▲ +2.3% ─│┤╭╯ ▁▂▃▇ ▓▒░ … — ↑↓';
    const out = toAscii(text);
    expect(out).toBe('>Stacks ###### ^ +2.3% -||++ __.^ %=: ~ - ^v');
    expect([...out].length).toBe([...text].length);
    expect(out).toMatch(/^[\x20-\x7e]*$/);
  });
  it('turns anything else into one ? per display column', () => {
    expect(toAscii('日本 ₿')).toBe('???? ?');
    expect(toAscii('🟠 Orange')).toBe('?? Orange');
    expect(toAscii('e\u0301x')).toBe('?x');
  });
});
