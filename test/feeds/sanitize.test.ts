import { describe, expect, it } from 'vitest';
import { stripControls } from '../../src/model/sanitize.js';

describe('stripControls', () => {
  it.each([
    ['plain text', 'plain text'],
    ['CSI colour', '\u001b[31mred\u001b[0m text', 'red text'],
    ['CSI cursor movement', 'a\u001b[2Jb\u001b[10;20Hc', 'abc'],
    ['OSC hyperlink ended by BEL', '\u001b]8;;http://evil\u0007click\u001b]8;;\u0007', 'click'],
    ['OSC title ended by ST', '\u001b]0;pwned\u001b\\ok', 'ok'],
    ['DCS string', 'x\u001bPq#0;2;0;0;0\u001b\\y', 'xy'],
    ['other ESC-x', 'a\u001bcb\u001b7c\u001b(Bd', 'abcd'],
    ['lone trailing ESC', 'abc\u001b', 'abc'],
    ['C1 CSI', 'a\u009b31mb', 'ab'],
    ['C1 controls (NEL separates words)', 'a\u0085b\u0080c\u0091d', 'a bcd'],
    ['C1 OSC string ended by C1 ST', 'a\u009d0;t\u009cb', 'ab'],
    ['C0 controls and DEL', 'a\u0000b\u0007c\u0008d\u007fe', 'abcde'],
    ['tab and newlines become spaces', 'line1\nline2\r\n\tline3', 'line1 line2 line3'],
    ['whitespace collapses and trims', '  a   b  ', 'a b'],
    ['bidi override and isolates', 'abc\u202edcba\u2066x\u2069\u202c', 'abcdcbax'],
    ['keeps non-ASCII letters', 'Zürich ₿ 日本', 'Zürich ₿ 日本'],
  ])('%s', (_name, input, expected = input) => {
    expect(stripControls(input)).toBe(expected);
  });

  it('truncates to maxLength code points with an ellipsis', () => {
    expect(stripControls('abcdefghij', 5)).toBe('abcd…');
    expect(Array.from(stripControls('x'.repeat(500))).length).toBe(200);
    expect(stripControls('abcde', 5)).toBe('abcde');
    expect(stripControls('😀😀😀😀😀😀', 3)).toBe('😀😀…');
  });

  it('is idempotent', () => {
    const dirty = '\u001b[1m\u001b]0;t\u0007bold\u001b[0m \u202e\n x'.repeat(30);
    const once = stripControls(dirty);
    expect(stripControls(once)).toBe(once);
    expect(once).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });
});

describe('stripControls: separators', () => {
  it('turns NEL and the Unicode line and paragraph separators into spaces', () => {
    expect(stripControls('bell\u0085nel\u2028line\u2029para')).toBe('bell nel line para');
  });
});
