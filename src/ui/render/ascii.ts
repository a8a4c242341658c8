// Transliterates the few non-ASCII characters the UI draws into one-column ASCII equivalents.

const MAP: Readonly<Record<string, string>> = {
  '…': '~', '—': '-', '–': '-', '›': '>', '‹': '<', '↑': '^', '↓': 'v', '▲': '^', '▼': 'v', '·': '.',
  '─': '-', '│': '|', '┤': '|', '├': '|', '┼': '+', '┬': '+', '┴': '+', '┌': '+', '┐': '+', '└': '+', '┘': '+',
  '╭': '+', '╮': '+', '╰': '+', '╯': '+', '╴': '-', '╶': '-',
  '█': '#', '▉': '#', '▊': '#', '▋': '#', '▌': '#', '▍': '#', '▎': '#', '▏': '#',
  '▁': '_', '▂': '_', '▃': '.', '▄': '-', '▅': '-', '▆': '~', '▇': '^',
  '▓': '%', '▒': '=', '░': ':', '▞': '/', '▚': '\\', '▖': ',', '▗': '.',
};

/** Every character outside printable ASCII becomes its mapped equivalent, or "?". Width is kept. */
export function toAscii(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out += code >= 0x20 && code < 0x7f ? ch : (MAP[ch] ?? '?');
  }
  return out;
}
