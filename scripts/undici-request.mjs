// What the bundle gets for `import { request } from 'undici'` (scripts/esbuild-plugins.mjs): undici's
// request() on the global dispatcher, as undici's index builds it, without loading the rest of undici.
import requestApi from 'undici/lib/api/api-request.js';
import util from 'undici/lib/core/util.js';
import dispatchers from 'undici/lib/global.js';

/** undici's `request(url, opts)` for a URL string or URL and an options object (no `path`, `agent` or callback). */
export function request(url, opts = {}) {
  const u = util.parseURL(url);
  const { dispatcher = dispatchers.getGlobalDispatcher() } = opts;
  return requestApi.call(dispatcher, {
    ...opts,
    origin: u.origin,
    path: u.search ? `${u.pathname}${u.search}` : u.pathname,
    method: opts.method || (opts.body ? 'PUT' : 'GET'),
  });
}
