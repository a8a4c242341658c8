// The one keymap table: it drives key handling, the footer hints and the help overlay.
import type { Key } from 'ink';

export type Command =
  | 'view-shares'
  | 'view-trends'
  | 'view-sources'
  | 'view-alerts'
  | 'view-next'
  | 'view-prev'
  | 'unit'
  | 'metric'
  | 'range-prev'
  | 'range-next'
  | 'select-up'
  | 'select-down'
  | 'page-up'
  | 'page-down'
  | 'sort'
  | 'filter'
  | 'detail'
  | 'refresh'
  | 'help'
  | 'close'
  | 'redraw'
  | 'quit';

type NamedKey = 'tab' | 'escape' | 'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'return';

/** One key: a typed character, or a named key with optional modifiers. */
export type KeyMatch =
  | { readonly input: string; readonly ctrl?: boolean }
  | { readonly named: NamedKey; readonly shift?: boolean };

export interface Binding {
  readonly command: Command;
  readonly keys: readonly KeyMatch[];
  /** The keys as written in config ("up", "k"). */
  readonly names: readonly string[];
  /** How the keys read in help, e.g. "Up / k". */
  readonly label: string;
  readonly help: string;
}

/** Ctrl-C quits whatever the keymap says, so no remap can lock the user in. */
export const FIXED_QUIT_KEY = 'ctrl-c';

const NAMED: Readonly<Record<string, KeyMatch>> = {
  tab: { named: 'tab', shift: false },
  'shift-tab': { named: 'tab', shift: true },
  up: { named: 'upArrow' },
  down: { named: 'downArrow' },
  pgup: { named: 'pageUp' },
  pgdn: { named: 'pageDown' },
  enter: { named: 'return' },
  esc: { named: 'escape' },
};

/** A key written in config ("x", "?", "tab", "shift-tab", "up", "down", "pgup", "pgdn", "enter", "esc", "ctrl-q"), or undefined. */
export function parseKeyName(name: string): KeyMatch | undefined {
  const lower = name.toLowerCase();
  if (NAMED[lower]) return NAMED[lower];
  const ctrl = /^ctrl-([a-z])$/.exec(lower);
  if (ctrl?.[1]) return { input: ctrl[1], ctrl: true };
  return [...name].length === 1 && name >= ' ' && name <= '~' ? { input: name } : undefined;
}

/** One spelling per key, for comparing keys: named keys lower-case, single characters as typed. */
export function normalKeyName(name: string): string {
  return name.length === 1 ? name : name.toLowerCase();
}

const LABELS: Readonly<Record<string, string>> = { pgup: 'PgUp', pgdn: 'PgDn', ' ': 'Space' };

/** How a key name reads in help: "Ctrl-Q", "Shift-Tab", "PgUp", "x". */
export function labelOf(name: string): string {
  const n = normalKeyName(name);
  if (LABELS[n]) return LABELS[n];
  if (n.length === 1) return n;
  return n.split('-').map((p) => (p.length === 1 ? p.toUpperCase() : (p[0]?.toUpperCase() ?? '') + p.slice(1))).join('-');
}

function bind(command: Command, names: readonly string[], help: string): Binding {
  const keys = names.map(parseKeyName).filter((k): k is KeyMatch => k !== undefined);
  const labels = names.map(labelOf);
  return { command, keys, names, label: (command === 'quit' ? [...labels, labelOf(FIXED_QUIT_KEY)] : labels).join(' / '), help };
}

export const KEYMAP: readonly Binding[] = [
  bind('view-shares', ['1'], 'Shares view: BTC locked and share per network'),
  bind('view-trends', ['2'], 'Trends view: each network over the window'),
  bind('view-sources', ['3'], 'Sources view: health of every upstream'),
  bind('view-alerts', ['4'], 'Alerts view: fired alert rules'),
  bind('view-next', ['tab'], 'next view'),
  bind('view-prev', ['shift-tab'], 'previous view'),
  bind('unit', ['u'], 'cycle units: BTC / sats / USD'),
  bind('metric', ['m'], 'switch metric: BTC locked / DeFi TVL (DefiLlama)'),
  bind('range-prev', ['['], 'shorter chart range (24h / 7d / 30d / 90d)'),
  bind('range-next', [']'], 'longer chart range'),
  bind('select-up', ['up', 'k'], 'select the previous network; scroll lists and help'),
  bind('select-down', ['down', 'j'], 'select the next network; scroll lists and help'),
  bind('page-up', ['pgup'], 'a page up'),
  bind('page-down', ['pgdn'], 'a page down'),
  bind('sort', ['s'], 'sort networks: share / 24h change / name'),
  bind('filter', ['/'], 'filter networks by name (Enter keeps, Esc clears)'),
  bind('detail', ['enter', 'd'], 'detail of the selected network: every source, trust model, links'),
  bind('refresh', ['r'], 'refresh now (skips sources just polled or rate-limited)'),
  bind('help', ['?'], 'this help'),
  bind('close', ['esc'], 'close help or detail; clear the filter'),
  bind('redraw', ['ctrl-l'], 'redraw the whole screen'),
  bind('quit', ['q'], 'quit (Ctrl-C always quits)'),
];

/** Every command name, for checking config. */
export const COMMANDS: readonly Command[] = KEYMAP.map((b) => b.command);

/** Each command's default key names, for checking a remap against (config cannot import the UI). */
export const DEFAULT_KEYS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(KEYMAP.map((b) => [b.command, b.names]));

function matches(m: KeyMatch, input: string, key: Key): boolean {
  if ('input' in m) return input === m.input && Boolean(key.ctrl) === Boolean(m.ctrl);
  if (m.named === 'tab') return key.tab && (m.shift === undefined || key.shift === m.shift);
  return key[m.named];
}

/** True for Ctrl-C, which always quits. */
export function isFixedQuit(input: string, key: Key): boolean {
  return key.ctrl && input === 'c';
}

/** The command bound to a key press, if any (Ctrl-C is always quit). */
export function commandFor(input: string, key: Key, keymap: readonly Binding[] = KEYMAP): Command | undefined {
  if (isFixedQuit(input, key)) return 'quit';
  return keymap.find((b) => b.keys.some((m) => matches(m, input, key)))?.command;
}

/** The first key of a command as help writes it ("q", "Tab"), for hints. */
export function firstKey(keymap: readonly Binding[], command: Command): string {
  const b = keymap.find((x) => x.command === command);
  return b?.names[0] !== undefined ? labelOf(b.names[0]) : '';
}

/**
 * The keymap with the user's overrides (command -> key names) replacing those commands' keys.
 * Config has already checked the names and that no key is bound twice.
 */
export function remapKeys(overrides: Readonly<Record<string, readonly string[]>>, keymap: readonly Binding[] = KEYMAP): Binding[] {
  return keymap.map((b) => {
    const names = overrides[b.command];
    if (!names || names.length === 0) return b;
    return bind(b.command, names, b.help);
  });
}
