// Keeps secrets (tokens in URLs and headers) out of everything l2top shows, prints or records. Pure.

/** What a redacted secret is replaced with. */
export const REDACTED = 'REDACTED';

/** Query parameters whose values are treated as secrets in recorded URLs. */
const SECRET_PARAM = /key|token|secret|pass|auth|sig|session|credential|jwt|bearer/i;

/**
 * A URL fit to record: user name and password replaced, and the values of query parameters whose names
 * look secret (api_key, token, access_token, sig, ...). Idempotent. Text that is not a URL comes back as is.
 */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (u.username !== '' || u.password !== '') {
    u.username = REDACTED;
    u.password = '';
  }
  let changed = false;
  for (const name of [...u.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) {
      changed = true;
      u.searchParams.set(name, REDACTED);
    }
  }
  // URLSearchParams re-encodes the whole query; only touch it when a value was replaced.
  return changed || u.username === REDACTED ? u.toString() : url;
}

/** A URL shown to people as only its origin, e.g. "https://hooks.example.org/…": a webhook's path is often the secret. */
export function urlOrigin(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * The parts of a URL that may be secret: user info, path segments and query values longer than
 * 3 characters, and the whole URL itself (several encodings).
 */
export function urlSecrets(url: string): string[] {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [url];
  }
  const parts = [url, u.href, u.username, u.password, decodeURIComponent(u.password), u.pathname + u.search, u.search.slice(1)];
  for (const seg of u.pathname.split('/')) parts.push(seg, decodeURIComponent(seg));
  for (const value of u.searchParams.values()) parts.push(value, encodeURIComponent(value));
  return parts.filter((p) => p.length > 3);
}

/** `text` with every occurrence of every secret replaced by REDACTED, longest secrets first. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...new Set(secrets)].filter((x) => x.length > 0).sort((a, b) => b.length - a.length)) out = out.split(s).join(REDACTED);
  return out;
}

/** A JSON request body with the values of secret-looking keys replaced; other text comes back as is. Idempotent. */
export function redactBody(body: string): string {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return body;
  }
  let changed = false;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => {
      if (SECRET_PARAM.test(k) && typeof x === 'string' && x !== REDACTED) {
        changed = true;
        return [k, REDACTED];
      }
      return [k, walk(x)];
    }));
  };
  const out = walk(data);
  return changed ? JSON.stringify(out) : body;
}
