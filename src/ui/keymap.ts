// The one keymap table: it drives key handling and generates the help overlay.
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
  | 'detail'
  | 'refresh'
  | 'help'
  | 'close'
  | 'redraw'
  | 'quit';

/** One key: a typed character, or a named key with optional modifiers. */
export type KeyMatch =
  | { readonly input: string; readonly ctrl?: boolean }
  | { readonly named: 'tab' | 'escape' | 'upArrow' | 'downArrow' | 'return'; readonly shift?: boolean };

export interface Binding {
  readonly command: Command;
  readonly keys: readonly KeyMatch[];
  /** How the key is written in help, e.g. "Tab / Shift-Tab". */
  readonly label: string;
  readonly help: string;
}

export const KEYMAP: readonly Binding[] = [
  { command: 'view-shares', keys: [{ input: '1' }], label: '1', help: 'Shares view: BTC locked and share per network' },
  { command: 'view-trends', keys: [{ input: '2' }], label: '2', help: 'Trends view: each network over the window' },
  { command: 'view-sources', keys: [{ input: '3' }], label: '3', help: 'Sources view: health of every upstream' },
  { command: 'view-alerts', keys: [{ input: '4' }], label: '4', help: 'Alerts view: fired alert rules' },
  { command: 'view-next', keys: [{ named: 'tab', shift: false }], label: 'Tab', help: 'next view' },
  { command: 'view-prev', keys: [{ named: 'tab', shift: true }], label: 'Shift-Tab', help: 'previous view' },
  { command: 'unit', keys: [{ input: 'u' }], label: 'u', help: 'cycle units: BTC / sats / USD' },
  { command: 'metric', keys: [{ input: 'm' }], label: 'm', help: 'switch metric: BTC locked / DeFi TVL (DefiLlama)' },
  { command: 'range-prev', keys: [{ input: '[' }], label: '[', help: 'shorter chart range (24h / 7d / 30d / 90d)' },
  { command: 'range-next', keys: [{ input: ']' }], label: ']', help: 'longer chart range' },
  { command: 'select-up', keys: [{ named: 'upArrow' }, { input: 'k' }], label: 'Up / k', help: 'select the previous network' },
  { command: 'select-down', keys: [{ named: 'downArrow' }, { input: 'j' }], label: 'Down / j', help: 'select the next network' },
  { command: 'detail', keys: [{ named: 'return' }, { input: 'd' }], label: 'Enter / d', help: 'detail of the selected network: every source, trust model, links' },
  { command: 'refresh', keys: [{ input: 'r' }], label: 'r', help: 'refresh now (skips sources just polled or rate-limited)' },
  { command: 'help', keys: [{ input: '?' }], label: '?', help: 'this help' },
  { command: 'close', keys: [{ named: 'escape' }], label: 'Esc', help: 'close help or detail' },
  { command: 'redraw', keys: [{ input: 'l', ctrl: true }], label: 'Ctrl-L', help: 'redraw the whole screen' },
  { command: 'quit', keys: [{ input: 'q' }, { input: 'c', ctrl: true }], label: 'q / Ctrl-C', help: 'quit' },
];

function matches(m: KeyMatch, input: string, key: Key): boolean {
  if ('input' in m) return input === m.input && Boolean(key.ctrl) === Boolean(m.ctrl);
  if (m.named === 'tab') return key.tab && (m.shift === undefined || key.shift === m.shift);
  return key[m.named];
}

/** The command bound to a key press, if any. */
export function commandFor(input: string, key: Key, keymap: readonly Binding[] = KEYMAP): Command | undefined {
  return keymap.find((b) => b.keys.some((m) => matches(m, input, key)))?.command;
}

const NAMED: Readonly<Record<string, KeyMatch>> = {
  tab: { named: 'tab', shift: false },
  'shift-tab': { named: 'tab', shift: true },
  up: { named: 'upArrow' },
  down: { named: 'downArrow' },
  enter: { named: 'return' },
  esc: { named: 'escape' },
};

/** A key written in config ("x", "?", "tab", "shift-tab", "up", "down", "enter", "esc", "ctrl-q"), or undefined. */
export function parseKeyName(name: string): KeyMatch | undefined {
  const lower = name.toLowerCase();
  if (NAMED[lower]) return NAMED[lower];
  const ctrl = /^ctrl-([a-z])$/.exec(lower);
  if (ctrl?.[1]) return { input: ctrl[1], ctrl: true };
  return [...name].length === 1 && name >= ' ' && name <= '~' ? { input: name } : undefined;
}

/** How a key name reads in help: "Ctrl-Q", "Shift-Tab", "x". */
function labelOf(name: string): string {
  if (name.length === 1) return name;
  return name.split('-').map((p) => (p.length === 1 ? p.toUpperCase() : p[0]?.toUpperCase() + p.slice(1))).join('-');
}

/**
 * The keymap with the user's overrides (command -> key names) replacing those commands' keys.
 * Names must already be valid (config checks them); an unknown name is skipped.
 */
export function remapKeys(overrides: Readonly<Record<string, readonly string[]>>, keymap: readonly Binding[] = KEYMAP): Binding[] {
  return keymap.map((b) => {
    const names = overrides[b.command];
    if (!names) return b;
    const keys = names.map(parseKeyName).filter((k): k is KeyMatch => k !== undefined);
    return keys.length === 0 ? b : { ...b, keys, label: names.map(labelOf).join(' / ') };
  });
}

/** Every command name, for checking config. */
export const COMMANDS: readonly Command[] = KEYMAP.map((b) => b.command);
