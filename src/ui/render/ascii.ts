// Transliterates the few non-ASCII characters the UI draws into one-column ASCII equivalents.
import stringWidth from 'string-width';

const MAP: Readonly<Record<string, string>> = {
  '…': '~', '—': '-', '–': '-', '›': '>', '‹': '<', '↑': '^', '↓': 'v', '▲': '^', '▼': 'v', '·': '.',
  '─': '-', '│': '|', '┤': '|', '├': '|', '┼': '+', '┬': '+', '┴': '+', '┌': '+', '┐': '+', '└': '+', '┘': '+',
  '╭': '+', '╮': '+', '╰': '+', '╯': '+', '╴': '-', '╶': '-',
  '█': '#', '▉': '#', '▊': '#', '▋': '#', '▌': '#', '▍': '#', '▎': '#', '▏': '#',
  '▁': '_', '▂': '_', '▃': '.', '▄': '-', '▅': '-', '▆': '~', '▇': '^',
  '▓': '%', '▒': '=', '░': ':', '▞': '/', '▚': '\\', '▖': ',', '▗': '.',
};

const PRINTABLE = /^[\x20-\x7e]*$/;
/** Made on first use: creating a segmenter loads ICU data, which a start in a UTF-8 terminal never needs. */
let graphemes: Intl.Segmenter | undefined;

/**
 * Every character outside printable ASCII becomes its mapped equivalent, or one "?" per display column
 * (a CJK character or an emoji: "??"), so the width in columns is kept.
 */
export function toAscii(text: string): string {
  if (PRINTABLE.test(text)) return text;
  let out = '';
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  for (const { segment } of graphemes.segment(text)) {
    out += PRINTABLE.test(segment) ? segment : (MAP[segment] ?? '?'.repeat(stringWidth(segment)));
  }
  return out;
}
