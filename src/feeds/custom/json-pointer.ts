// JSON Pointer (RFC 6901) lookup for custom feeds: plain data navigation, no expressions of any kind.

/** The value a pointer names, or the shortest prefix of the pointer that names nothing. */
export type PointerResult = { readonly found: true; readonly value: unknown } | { readonly found: false; readonly at: string };

/** RFC 6901 syntax: "" or a sequence of "/" + reference tokens where "~" is only ever "~0" or "~1". */
const POINTER = /^(?:\/(?:[^~/]|~[01])*)*$/;
/** An array index: decimal digits without leading zeros ("-", past the end, is never found). */
const INDEX = /^(?:0|[1-9]\d*)$/;

/** True when `pointer` is a syntactically valid JSON Pointer (e.g. for validating config). */
export function isPointer(pointer: string): boolean {
  return POINTER.test(pointer);
}

/**
 * Resolves `pointer` in `doc` exactly as RFC 6901 §4 says: "" is the whole document, each token
 * is unescaped "~1" → "/" then "~0" → "~", arrays take indices only, objects own members only.
 * An invalid pointer is not found at "".
 */
export function resolvePointer(doc: unknown, pointer: string): PointerResult {
  if (!POINTER.test(pointer)) return { found: false, at: '' };
  let value = doc;
  let at = '';
  for (const raw of pointer.split('/').slice(1)) {
    at += `/${raw}`;
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value)) {
      const index = INDEX.test(token) ? Number(token) : Number.NaN;
      if (!(index < value.length)) return { found: false, at };
      value = value[index];
    } else if (typeof value === 'object' && value !== null && Object.hasOwn(value, token)) {
      value = (value as Readonly<Record<string, unknown>>)[token];
    } else {
      return { found: false, at };
    }
  }
  return { found: true, value };
}
