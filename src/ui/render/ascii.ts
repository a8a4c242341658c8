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
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Every character outside printable ASCII becomes its mapped equivalent, or one "?" per display column
 * (a CJK character or an emoji: "??"), so the width in columns is kept.
 */
export function toAscii(text: string): string {
  if (PRINTABLE.test(text)) return text;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    out += PRINTABLE.test(segment) ? segment : (MAP[segment] ?? '?'.repeat(stringWidth(segment)));
  }
  return out;
}
