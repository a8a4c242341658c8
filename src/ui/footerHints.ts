// The footer's key hints per mode, built from the keymap (so remapped keys show), most important first.
import { firstKey, labelOf, FIXED_QUIT_KEY, type Binding, type Command } from './keymap.js';

/** What has the keys: the views, the help overlay, the detail overlay or the filter prompt. */
export type InputMode = 'normal' | 'help' | 'detail' | 'filter';

/** One hint, e.g. { keys: "q", text: "quit" }; lower priority numbers stay longest (0 always). */
export interface Hint {
  readonly keys: string;
  readonly text: string;
  readonly priority: number;
}

function viewKeys(keymap: readonly Binding[]): string {
  const keys = (['view-shares', 'view-trends', 'view-sources', 'view-alerts'] as const).map((c) => firstKey(keymap, c));
  return keys.join('') === '1234' ? '1-4' : keys.join('/');
}

/** The hints for a mode; quit and help (or close) are priority 0 so they are never dropped. */
export function footerHints(mode: InputMode, keymap: readonly Binding[]): Hint[] {
  const k = (c: Command) => firstKey(keymap, c);
  const quit: Hint = { keys: k('quit'), text: 'quit', priority: 0 };
  switch (mode) {
    case 'filter':
      return [
        { keys: 'Enter', text: 'keep', priority: 0 },
        { keys: 'Esc', text: 'clear', priority: 0 },
        { keys: labelOf(FIXED_QUIT_KEY), text: 'quit', priority: 0 },
      ];
    case 'help':
      return [
        { keys: `${k('select-up')}/${k('select-down')}`, text: 'scroll', priority: 1 },
        { keys: `${k('page-up')}/${k('page-down')}`, text: 'page', priority: 2 },
        { keys: k('close'), text: 'close', priority: 0 },
        quit,
      ];
    case 'detail':
      return [
        { keys: k('close'), text: 'close', priority: 0 },
        { keys: k('unit'), text: 'units', priority: 2 },
        { keys: k('help'), text: 'help', priority: 0 },
        quit,
      ];
    case 'normal':
      return [
        { keys: viewKeys(keymap), text: 'views', priority: 1 },
        { keys: k('sort'), text: 'sort', priority: 3 },
        { keys: k('filter'), text: 'filter', priority: 2 },
        { keys: k('metric'), text: 'metric', priority: 4 },
        { keys: k('unit'), text: 'units', priority: 5 },
        { keys: k('detail'), text: 'detail', priority: 6 },
        { keys: k('refresh'), text: 'refresh', priority: 7 },
        { keys: k('help'), text: 'help', priority: 0 },
        quit,
      ];
  }
}
