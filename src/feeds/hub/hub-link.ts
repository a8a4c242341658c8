// The address of a hub as requests need it (credentials as headers) and as people see it (no secrets at all).
import type { SourceMeta } from '../../model/types.js';

/** How to reach a hub; `display` is the only form of the URL ever shown. */
export interface HubLink {
  /** Scheme, host, port and path: never user:password, never the query (either may hold a secret). */
  readonly display: string;
  /** Authorization (the bearer token, else basic from the URL's user:password); empty without either. */
  readonly headers: Readonly<Record<string, string>>;
  /** The URL of an endpoint under the hub's base path, with the hub URL's own query and `params`. */
  url(path: string, params?: Readonly<Record<string, string>>): string;
}

/** The source id of the hub's own row in the Sources view. */
export const HUB_SOURCE_ID = 'hub';

/** Parses a hub URL (already checked by config: http or https). */
export function hubLink(raw: string, token: string | undefined): HubLink {
  const base = new URL(raw);
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  else if (base.username !== '' || base.password !== '') {
    const user = decodeURIComponent(base.username);
    const password = decodeURIComponent(base.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }
  const path = base.pathname.replace(/\/+$/, '');
  const display = `${base.protocol}//${base.host}${path}`;
  return {
    display,
    headers,
    url(endpoint, params = {}) {
      const u = new URL(`${base.protocol}//${base.host}${path}${endpoint}`);
      for (const [k, v] of base.searchParams) u.searchParams.append(k, v);
      for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
      return u.toString();
    },
  };
}

/** The hub's row: a relay every other source's readings arrive through (see model/relay.ts). */
export function hubSourceMeta(link: HubLink): SourceMeta {
  return { id: HUB_SOURCE_ID, provider: 'hub', role: 'relay', networks: [], label: `hub ${link.display}`, path: '/api/v1/events', polls: true };
}
