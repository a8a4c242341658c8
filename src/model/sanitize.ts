// Makes untrusted text (upstream bodies, headers, error messages) safe to print in a terminal frame.

/** ESC-introduced sequences: CSI, OSC/DCS/SOS/PM/APC strings (to BEL or ST), then any other ESC + one char. */
const ESCAPE_SEQUENCE =
  /\u001b\[[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|\u001b[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|$)|\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;
/** The same sequences introduced by their 8-bit C1 forms (CSI U+009B, OSC U+009D, DCS U+0090, ...). */
const C1_SEQUENCE = /\u009b[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|[\u0090\u0098\u009d\u009e\u009f][\s\S]*?(?:\u0007|\u009c|$)/g;
/** Whitespace controls that separate words (C0, NEL, line and paragraph separators): become a space. */
const C0_SPACE = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
/** Remaining C0 controls, DEL and C1 controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
/** Bidi embeddings/overrides (U+202A–U+202E), isolates (U+2066–U+2069) and marks (LRM, RLM, ALM). */
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/**
 * Strips terminal escape sequences, control characters and bidi controls from `text`,
 * turns tabs/newlines into spaces, collapses whitespace and truncates to `maxLength`
 * code points (the last one becomes "…"). Pure and idempotent.
 */
export function stripControls(text: string, maxLength = 200): string {
  const cleaned = text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(C1_SEQUENCE, '')
    .replace(C0_SPACE, ' ')
    .replace(CONTROL, '')
    .replace(BIDI, '')
    .replace(/\s+/g, ' ')
    .trim();
  const points = Array.from(cleaned);
  if (points.length <= maxLength) return cleaned;
  if (maxLength <= 0) return '';
  return `${points.slice(0, maxLength - 1).join('').trimEnd()}…`;
}
