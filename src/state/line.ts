// One journal line: an 8-digit hex CRC32 of the JSON text, a space, the JSON text, a newline.

/** node:zlib is loaded on first use: a start without a state directory never needs it. */
let zlib: typeof import('node:zlib') | undefined;
function crc32(text: string): number {
  zlib ??= process.getBuiltinModule('node:zlib');
  return zlib.crc32(text);
}

/** Encodes a record as a checksummed line (with its newline). */
export function encodeLine(record: unknown): string {
  const json = JSON.stringify(record);
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

/** The result of decoding one line: its parsed JSON, or why it is unusable. */
export type Decoded = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

/** Decodes a line (without its newline): checks the CRC before parsing. */
export function decodeLine(line: string): Decoded {
  const m = /^([0-9a-f]{8}) (.*)$/s.exec(line);
  if (!m) return { ok: false, reason: 'not a journal line' };
  const [, crc = '', json = ''] = m;
  if (parseInt(crc, 16) !== crc32(json)) return { ok: false, reason: 'checksum mismatch' };
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch {
    return { ok: false, reason: 'invalid JSON' };
  }
}
