// `l2top serve` flags: --listen and --token-file are taken out here; the rest are the usual flags (loadConfig).

/** Where serve listens: 127.0.0.1:9464 unless --listen says otherwise. */
export interface ListenAddress {
  /** Host name or IP address, without brackets (e.g. "::1"). */
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
}

/** `l2top serve` flags of its own, and the argv left for the usual flags. */
export interface ServeFlags {
  readonly listen: ListenAddress;
  /** --token-file PATH: a bearer token every endpoint but /healthz and /readyz asks for. */
  readonly tokenFile: string | undefined;
  readonly help: boolean;
  /** Everything else, for loadConfig (--config, --state-dir, --no-state, --demo, --interval, ...). */
  readonly rest: readonly string[];
}

export const DEFAULT_LISTEN: ListenAddress = { host: '127.0.0.1', port: 9464 };

export const SERVE_USAGE = `Usage: l2top serve [--listen HOST:PORT] [--token-file PATH] [--config F] [--state-dir D | --no-state] [--demo] [--interval d]

  --listen HOST:PORT  address to listen on (default 127.0.0.1:9464; port 0 picks a free one;
                      IPv6 as [::1]:9464). A non-loopback address prints a warning.
  --token-file PATH   every endpoint except /healthz and /readyz asks for
                      "Authorization: Bearer <the file's first line>"

Headless: polls the same sources, keeps the same state directory and fires the same alert rules as the
live view, and serves them read-only over HTTP: /metrics (Prometheus), /api/v1/snapshot, /api/v1/window,
/api/v1/events (Server-Sent Events), /api/v1/hub/state, /api/v1/hub/actions, /healthz, /readyz.
The first line on stdout is "l2top serve listening on http://HOST:PORT".`;

/** Parses HOST:PORT ("[::1]:9464" for IPv6). Throws TypeError naming --listen. */
export function parseListen(text: string): ListenAddress {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:[\]]+):(\d+)$/.exec(text);
  if (!m?.[1] || m[2] === undefined) throw new TypeError(`serve: --listen ${text}: must be HOST:PORT, e.g. 127.0.0.1:9464 or [::1]:9464`);
  const port = Number(m[2]);
  if (!Number.isInteger(port) || port > 65_535) throw new TypeError(`serve: --listen ${text}: the port must be 0 to 65535`);
  return { host: m[1], port };
}

/** Takes --listen and --token-file (also as --flag=value) out of argv. Throws TypeError naming the flag. */
export function parseServeFlags(argv: readonly string[]): ServeFlags {
  let listen = DEFAULT_LISTEN;
  let tokenFile: string | undefined;
  let help = false;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const m = /^--(listen|token-file)(?:=(.*))?$/.exec(arg);
    if (arg === '--help' || arg === '-h') help = true;
    if (!m) {
      rest.push(arg);
      continue;
    }
    const value = m[2] ?? argv[(i += 1)];
    if (value === undefined || value === '' || (m[2] === undefined && value.startsWith('--'))) throw new TypeError(`serve: --${m[1]} needs a value`);
    if (m[1] === 'listen') listen = parseListen(value);
    else tokenFile = value;
  }
  return { listen, tokenFile, help, rest };
}

/** True for an address only this host can reach (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host) || host === '::ffff:127.0.0.1';
}
