// Command-line flags: parsed with node:util parseArgs, strict, no positionals.
import { parseArgs } from 'node:util';

/** Flags as typed by the user; undefined when absent. */
export interface Flags {
  readonly interval: string | undefined;
  readonly config: string | undefined;
  readonly metric: string | undefined;
  readonly theme: string | undefined;
  readonly ascii: boolean;
  readonly screenReader: boolean;
  readonly noMouse: boolean;
  readonly demo: boolean;
  readonly once: boolean;
  readonly json: boolean;
  readonly stateDir: string | undefined;
  readonly noState: boolean;
  /** --watch: keep polling and print a block (or with --json a JSON line) per poll round. */
  readonly watch: boolean;
  /** --ndjson: --watch --json. */
  readonly ndjson: boolean;
  /** --record FILE: write every upstream exchange to FILE (NDJSON). */
  readonly record: string | undefined;
  /** --replay FILE: serve a recording instead of the network. */
  readonly replay: string | undefined;
  /** --replay-speed N: replay N times faster than recorded (default 1). */
  readonly replaySpeed: string | undefined;
  /** --hub URL: read from an `l2top serve` instead of polling the providers. */
  readonly hub: string | undefined;
  /** --token-file FILE: the bearer token sent to the hub (the file's first line). */
  readonly tokenFile: string | undefined;
  readonly help: boolean;
  readonly version: boolean;
}

export const USAGE = `Usage: l2top [options]
       l2top export --csv|--ndjson [--range r] [--metric m] [--state-dir dir]
       l2top export --csv|--ndjson [--range r] [--metric m] --hub URL
       l2top serve [--listen host:port] [--token-file path] [options]

Live terminal monitor of Bitcoin Layer-2 market share (BTC locked per L2).

Options:
  --demo             bundled SAMPLE data (no network needed), clearly labelled
  --once             poll once, print a plain-text table and exit
  --json             poll once, print a JSON snapshot and exit
  --watch            keep polling: the table per round, with --json a JSON line
  --ndjson           same as --watch --json (one JSON snapshot per line)
  --record <file>    write every upstream exchange to <file> (NDJSON)
  --replay <file>    serve a recording instead of the network, labelled REPLAY
  --replay-speed <n> replay n times faster than recorded (default 1)
  --hub <url>        view an l2top serve instance instead of polling providers
  --token-file <f>   bearer token for --hub (the file's first line)
  --interval <dur>   poll interval, e.g. 5m, 30s (minimum 1s; default 5m)
  --metric <m>       btc-locked (default) or defi-tvl
  --theme <t>        dark (default), light or colorblind
  --ascii            ASCII only: no box drawing, blocks or arrows
  --screen-reader    flat text for screen readers (also INK_SCREEN_READER=true)
  --no-mouse         no mouse reporting (clicks and wheel)
  --config <file>    config file (default: $L2TOP_CONFIG, else the XDG path)
  --state-dir <dir>  where the window is kept (default: $XDG_STATE_HOME/l2top)
  --no-state         keep nothing on disk (no saved window, no preferences)
  -h, --help         this help, with the config file in use
  -v, --version      print the version

Keys in the live view: press ? for help.
With TERM=dumb (or --watch) the table is printed again every poll interval.`;

/** Where the config file path came from, for --help. */
export type ConfigOrigin = 'flag' | 'env' | 'default';

const ORIGIN: Readonly<Record<ConfigOrigin, string>> = {
  flag: 'from --config',
  env: 'from $L2TOP_CONFIG',
  default: 'the default path',
};

/** --help: the usage, the config file in use (or why there is none) and the exit statuses. */
export function helpText(config: { readonly path: string | undefined; readonly origin: ConfigOrigin; readonly exists: boolean }): string {
  const where = config.path === undefined
    ? 'none\n  no home folder found: use --config or $L2TOP_CONFIG'
    : `${config.path}\n  ${ORIGIN[config.origin]}${config.exists ? '' : '; not found, so the defaults are in use'}`;
  return `${USAGE}

Config file: ${where}

Exit status:
  0              at least one network had data (--once, --json); live view quit
  1              no network had data (the reasons go to stderr)
  2              a bad flag or an invalid config file
  129, 130, 143  ended by SIGHUP, SIGINT, SIGTERM`;
}

/** Parses argv (without node and script). Throws TypeError with a readable message on bad flags. */
export function parseFlags(argv: readonly string[]): Flags {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      interval: { type: 'string' },
      config: { type: 'string' },
      metric: { type: 'string' },
      theme: { type: 'string' },
      ascii: { type: 'boolean', default: false },
      'screen-reader': { type: 'boolean', default: false },
      'no-mouse': { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      once: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'state-dir': { type: 'string' },
      'no-state': { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
      ndjson: { type: 'boolean', default: false },
      record: { type: 'string' },
      replay: { type: 'string' },
      'replay-speed': { type: 'string' },
      hub: { type: 'string' },
      'token-file': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
  return {
    interval: values.interval,
    config: values.config,
    metric: values.metric,
    theme: values.theme,
    ascii: values.ascii ?? false,
    screenReader: values['screen-reader'] ?? false,
    noMouse: values['no-mouse'] ?? false,
    demo: values.demo ?? false,
    once: values.once ?? false,
    json: values.json ?? false,
    stateDir: values['state-dir'],
    noState: values['no-state'] ?? false,
    watch: values.watch ?? false,
    ndjson: values.ndjson ?? false,
    record: values.record,
    replay: values.replay,
    replaySpeed: values['replay-speed'],
    hub: values.hub,
    tokenFile: values['token-file'],
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

/** `l2top export` flags. */
export interface ExportFlags {
  readonly format: 'csv' | 'ndjson';
  readonly range: '24h' | '7d' | '30d' | '90d' | undefined;
  readonly metric: 'btc-locked' | 'defi-tvl' | undefined;
  readonly stateDir: string | undefined;
  /** --hub URL: export the hub's window instead of the state directory's. */
  readonly hub: string | undefined;
  readonly tokenFile: string | undefined;
}

export const EXPORT_USAGE = `Usage: l2top export --csv|--ndjson [--range r] [--metric m] [--state-dir <dir>]
       l2top export --csv|--ndjson [--range r] [--metric m] --hub <url> [--token-file <f>]

  --range   24h, 7d, 30d or 90d (default: the whole saved window)
  --metric  btc-locked or defi-tvl (default: both)

Prints the saved window (from the state directory, or an l2top serve's with --hub; no polling) as rows: time,
network, metric, value, unit, source, status (live, backfill or gap).
--csv: RFC 4180 with a header row; --ndjson: one JSON object a line.`;

/** Parses `l2top export` argv (after "export"). Throws TypeError with a readable message on bad flags. */
export function parseExportFlags(argv: readonly string[]): ExportFlags {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      csv: { type: 'boolean', default: false },
      ndjson: { type: 'boolean', default: false },
      range: { type: 'string' },
      metric: { type: 'string' },
      'state-dir': { type: 'string' },
      hub: { type: 'string' },
      'token-file': { type: 'string' },
    },
  });
  if (values.csv === values.ndjson) throw new TypeError('export: give exactly one of --csv and --ndjson');
  const range = values.range;
  if (range !== undefined && range !== '24h' && range !== '7d' && range !== '30d' && range !== '90d') throw new TypeError(`export: --range ${range}: must be 24h, 7d, 30d or 90d`);
  const metric = values.metric;
  if (metric !== undefined && metric !== 'btc-locked' && metric !== 'defi-tvl') throw new TypeError(`export: --metric ${metric}: must be btc-locked or defi-tvl`);
  if (values.hub !== undefined && values['state-dir'] !== undefined) throw new TypeError('export: --hub and --state-dir exclude each other');
  return { format: values.csv ? 'csv' : 'ndjson', range, metric, stateDir: values['state-dir'], hub: values.hub, tokenFile: values['token-file'] };
}
