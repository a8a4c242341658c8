// A source defined in the user's config: one HTTP(S) endpoint, a JSON Pointer to a number, and its unit.
import { z } from 'zod';
import type { Reading, SourceRole } from '../../model/types.js';
import type { SourceDef } from '../source.js';
import { stripControls } from '../../model/sanitize.js';
import { scaleDecimal } from '../decimal.js';
import { WEI_PER_SAT } from '../evm/schema.js';
import { FeedFailure } from '../feed-failure.js';
import { satsProblem } from '../sats.js';
import { resolvePointer } from './json-pointer.js';

/** The unit of the number at the pointer: BTC-locked as sats, BTC or wei (18 decimals), or USD DeFi TVL. */
export type CustomUnit = 'sats' | 'btc' | 'wei' | 'usd';

/** A custom feed as config describes it. */
export interface CustomFeedDef {
  /** Becomes the network id, and the source id `custom-<id>`. */
  id: string;
  name: string;
  /** An http: or https: URL, requested as is (no provider base URL). */
  url: string;
  /** Default GET. */
  method?: 'GET' | 'POST';
  /** POST body, sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** RFC 6901 JSON Pointer to the value, e.g. "/data/0/balance". */
  pointer: string;
  unit: CustomUnit;
}

const HEX = /^0x[0-9a-fA-F]{1,64}$/;
const AnyJson = z.unknown();

/** `text` (a decimal, or 0x-hex for wei) in sats, or why it is not usable. */
function toSats(text: string, unit: Exclude<CustomUnit, 'usd'>): bigint | string {
  if (unit === 'wei' && HEX.test(text)) return BigInt(text) / WEI_PER_SAT;
  const scaled = scaleDecimal(text, unit === 'btc' ? 8 : 0);
  if (scaled === undefined) return 'not a number';
  if (scaled.value < 0n) return 'below 0';
  if (unit !== 'btc' && !scaled.exact) return `expected whole ${unit}`;
  return unit === 'wei' ? scaled.value / WEI_PER_SAT : scaled.value;
}

/** The reading `value` gives for `network` in `unit`, or why it is not usable. */
function toReading(value: unknown, unit: CustomUnit, network: string): Reading | string {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (unit === 'usd') {
    const usd = Number(text);
    if (scaleDecimal(text, 0) === undefined || !Number.isFinite(usd)) return 'not a number';
    return usd < 0 ? 'below 0' : { kind: 'defi-tvl', network, usd };
  }
  const sats = toSats(text, unit);
  if (typeof sats === 'string') return sats;
  return satsProblem(sats) ?? { kind: 'btc-locked', network, sats: Number(sats) };
}

/** The URL if it is http(s); anything else fails before a request is made. */
function httpUrl(url: string): string {
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // An unparseable URL is not http(s) either.
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new FeedFailure('http', 'only http(s) URLs');
  return url;
}

/** The URL's path for the Sources view (never its query, which may hold a key); "/" when it is not http(s). */
function pathOf(url: string): string {
  try {
    const { protocol, pathname } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? pathname : '/';
  } catch {
    return '/';
  }
}

/**
 * A SourceDef for a custom feed: source `custom-<id>` of provider "custom" reporting network `<id>`
 * (role defi-tvl for unit usd, else btc-locked). It requests `def.url` itself, ignoring ctx.baseUrl.
 * btc is exact decimal arithmetic cut off at sats; wei (decimal, 0x-hex or number) is divided by 1e10.
 */
export function createCustomSource(def: CustomFeedDef): SourceDef {
  const role: SourceRole = def.unit === 'usd' ? 'defi-tvl' : 'btc-locked';
  const shown = def.pointer === '' ? '""' : def.pointer;
  return {
    id: `custom-${def.id}`,
    provider: 'custom',
    role,
    networks: [def.id],
    label: `${stripControls(def.name, 60)} (custom)`,
    path: pathOf(def.url),
    polls: true,
    async fetch({ http, signal }) {
      const url = httpUrl(def.url);
      const options = { signal, headers: def.headers ?? {} };
      const doc = def.method === 'POST' ? await http.postJson(url, def.body, AnyJson, options) : await http.getJson(url, AnyJson, options);
      const found = resolvePointer(doc, def.pointer);
      if (!found.found) throw new FeedFailure('schema', `pointer ${shown}: not found at ${found.at || '""'}`);
      const reading = toReading(found.value, def.unit, def.id);
      if (typeof reading === 'string') throw new FeedFailure('schema', `pointer ${shown}: ${reading}`);
      return [reading];
    },
  };
}
