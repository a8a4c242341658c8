// Serve's last line of defence: every byte it sends passes through `redactor(secrets)`, so a secret that reached
// the state (an error message echoing a custom feed's header, a token in a URL) is never served.
import { REDACTED, redactText } from '../model/redact.js';

/** Secrets shorter than this are not searched for: they would also match ordinary text. */
const MIN_SECRET = 4;

/** Query parameters whose values are secrets (as redactUrl treats them). */
const SECRET_PARAM = /key|token|secret|pass|auth|sig|session|credential|jwt|bearer/i;

/** The secret parts of a URL: user info and the values of secret-looking query parameters (raw and encoded). */
export function urlSecretValues(url: string): string[] {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [];
  }
  const out = [u.username, u.password, decodeURIComponent(u.username), decodeURIComponent(u.password)];
  for (const [name, value] of u.searchParams) if (SECRET_PARAM.test(name)) out.push(value, encodeURIComponent(value));
  return out;
}

/** A header value and, for "Bearer abc…", its parts of 8 characters or more. */
export function headerSecretValues(values: readonly string[]): string[] {
  return [...values, ...values.flatMap((v) => v.split(/\s+/)).filter((v) => v.length >= 8)];
}

/** A function that replaces every occurrence of every secret (of MIN_SECRET characters or more) by REDACTED. */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const list = [...new Set(secrets)].filter((s) => s.length >= MIN_SECRET && s !== REDACTED);
  if (list.length === 0) return (text) => text;
  return (text) => (list.some((s) => text.includes(s)) ? redactText(text, list) : text);
}
