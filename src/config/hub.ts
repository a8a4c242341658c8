// --hub URL and --token-file FILE: checked here (exit 2 naming the flag), never echoing a secret.
import fs from 'node:fs';
import type { HubConfig } from './schema.js';

/** The longest token file read: a token is one short line. */
const TOKEN_MAX_BYTES = 4_096;

/** The hub settings, or an error message naming the flag (without the URL's credentials or the token). */
export function resolveHub(url: string | undefined, tokenFile: string | undefined): { hub?: HubConfig; error?: string } {
  if (url === undefined) return tokenFile === undefined ? {} : { error: '--token-file needs --hub URL' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { error: '--hub: not a URL (expected e.g. http://127.0.0.1:9464)' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { error: `--hub: must be an http or https URL, not ${parsed.protocol}` };
  if (parsed.hash !== '') return { error: '--hub: a URL with a #fragment is not a hub address' };
  if (tokenFile === undefined) return { hub: { url, token: undefined } };
  const token = readToken(tokenFile);
  return typeof token === 'string' ? { hub: { url, token } } : { error: `--token-file ${tokenFile}: ${token.error}` };
}

function readToken(file: string): string | { error: string } {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return { error: 'not a regular file' };
    if (stat.size > TOKEN_MAX_BYTES) return { error: `larger than ${TOKEN_MAX_BYTES} bytes (a token is one line)` };
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { error: `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  const token = (text.split(/\r?\n/)[0] ?? '').trim();
  if (token === '') return { error: 'empty (the token is the first line)' };
  if (!/^[\x21-\x7e]+$/.test(token)) return { error: 'the token must be printable ASCII without spaces' };
  return token;
}
