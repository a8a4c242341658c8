// Pure key and mouse handling: one key press (or mouse event) and the current state in, effects out.
// Overlays and the filter prompt take only the keys they use; Ctrl-C always quits.
import type { Key } from 'ink';
import type { Action } from '../model/reducer.js';
import { selectHeader, selectRows, selectSources } from '../model/selectors.js';
import { selectShownRows } from '../model/shown-rows.js';
import type { State, ViewId } from '../model/state.js';
import type { InputMode } from './footerHints.js';
import type { Size } from './hooks/useTerminalSize.js';
import { commandFor, firstKey, isFixedQuit, type Binding, type Command } from './keymap.js';
import { bodyHeight, HEADER_LINES, TAB_ROW } from './layout/screen.js';
import { tabAt } from './components/tabBar.js';
import { DARK } from './theme.js';
import { alertsScrollMax } from './views/AlertsView.js';
import { helpLines, helpWindow } from './views/HelpView.js';
import { sharesRowAt, sharesWindow, type SharesViewProps } from './views/SharesView.js';
import { sourcesWindow } from './views/SourcesView.js';

/** What a key asks for: a reducer action, or something only main can do. */
export type Effect = { readonly kind: 'action'; readonly action: Action } | { readonly kind: 'quit' | 'refresh' | 'redraw' };

export interface InputContext {
  readonly state: State;
  readonly keymap: readonly Binding[];
  readonly size: Size;
}

/** Longest filter kept (a name is at most 40 characters). */
const MAX_FILTER = 40;

export function inputMode(state: State): InputMode {
  if (state.ui.filtering) return 'filter';
  if (state.ui.help) return 'help';
  return state.ui.detail ? 'detail' : 'normal';
}

const VIEW_COMMANDS: readonly Command[] = ['view-shares', 'view-trends', 'view-sources', 'view-alerts', 'view-next', 'view-prev'];
/** The commands an overlay uses; every other key is swallowed while it is open. */
const OVERLAY_COMMANDS: Readonly<Record<'help' | 'detail', readonly Command[]>> = {
  help: ['select-up', 'select-down', 'page-up', 'page-down', 'help', 'close', 'redraw', 'quit', ...VIEW_COMMANDS],
  detail: ['detail', 'close', 'unit', 'help', 'refresh', 'redraw', 'quit', ...VIEW_COMMANDS],
};

const FIXED: Partial<Record<Command, Action>> = {
  'view-shares': { type: 'ui/view', view: 'shares' },
  'view-trends': { type: 'ui/view', view: 'trends' },
  'view-sources': { type: 'ui/view', view: 'sources' },
  'view-alerts': { type: 'ui/view', view: 'alerts' },
  'view-next': { type: 'ui/view-next' },
  'view-prev': { type: 'ui/view-prev' },
  unit: { type: 'ui/unit-next' },
  metric: { type: 'ui/metric-next' },
  'range-prev': { type: 'ui/range-step', step: -1 },
  'range-next': { type: 'ui/range-step', step: 1 },
  sort: { type: 'ui/sort-next' },
  filter: { type: 'ui/filter-open' },
  help: { type: 'ui/help-toggle' },
  close: { type: 'ui/close' },
};

const act = (action: Action): Effect[] => [{ kind: 'action', action }];

/** The Shares view's props as the frame builds them (for its row window). */
export function sharesPropsOf(state: State, size: Size): SharesViewProps {
  const rows = selectShownRows(state);
  return {
    rows, sources: selectSources(state), metric: state.ui.metric, unit: state.ui.unit,
    priceUsd: selectHeader(state, selectRows(state)).priceUsd, now: state.now, width: size.columns, height: bodyHeight(size),
    selected: Math.min(state.ui.selected, Math.max(0, rows.length - 1)), theme: DARK,
  };
}

/** Up/Down (lines = ±1) or PgUp/PgDn (pages = ±1) in the current mode and view. */
function scroll(ctx: InputContext, lines: number, pages: number): Effect[] {
  const { state, size } = ctx;
  const height = bodyHeight(size);
  if (state.ui.help) {
    const total = helpLines({ keymap: ctx.keymap, networks: state.networks, width: size.columns, theme: DARK }).length;
    const w = helpWindow(total, height);
    return act({ type: 'ui/scroll', target: 'help', step: lines + pages * Math.max(1, w.visible - 1), max: w.max });
  }
  if (state.ui.detail) return [];
  const view: ViewId = state.ui.view;
  if (view === 'sources') {
    const w = sourcesWindow(state.sources.length + (state.storage ? 1 : 0) + Object.keys(state.hooks ?? {}).length, height);
    return act({ type: 'ui/scroll', target: 'sources', step: lines + pages * w.space, max: w.max });
  }
  if (view === 'alerts') {
    return act({ type: 'ui/scroll', target: 'alerts', step: lines * 2 + pages * Math.max(2, height - 1), max: alertsScrollMax(state.alerts.length, height) });
  }
  const props = sharesPropsOf(state, size);
  return act({ type: 'ui/select-step', step: lines + pages * Math.max(1, sharesWindow(props).shown), rows: props.rows.length });
}

/** Keys while the filter prompt is open: they edit the filter; Enter keeps it, Esc clears it. */
function promptKey(input: string, key: Key, filter: string): Effect[] {
  if (key.return) return act({ type: 'ui/filter-keep' });
  if (key.escape) return act({ type: 'ui/filter-clear' });
  if (key.backspace || key.delete) return act({ type: 'ui/filter-set', text: [...filter].slice(0, -1).join('') });
  if (key.ctrl || key.meta || input === '' || [...input].some((c) => (c.codePointAt(0) ?? 0) < 0x20 || c === '\u007F')) return [];
  return act({ type: 'ui/filter-set', text: [...(filter + input)].slice(0, MAX_FILTER).join('') });
}

/** The effects of one key press. */
export function effectsForKey(input: string, key: Key, ctx: InputContext): Effect[] {
  if (isFixedQuit(input, key)) return [{ kind: 'quit' }];
  const { state } = ctx;
  const mode = inputMode(state);
  if (mode === 'filter') return promptKey(input, key, state.ui.filter);
  const command = commandFor(input, key, ctx.keymap);
  if (command === undefined) return [];
  if (mode !== 'normal' && !OVERLAY_COMMANDS[mode].includes(command)) return [];
  switch (command) {
    case 'quit':
    case 'refresh':
    case 'redraw':
      return [{ kind: command }];
    case 'select-up':
    case 'select-down':
      return scroll(ctx, command === 'select-up' ? -1 : 1, 0);
    case 'page-up':
    case 'page-down':
      return scroll(ctx, 0, command === 'page-up' ? -1 : 1);
    case 'detail': {
      if (state.ui.detail) return act({ type: 'ui/close' });
      if (state.ui.view !== 'shares' && state.ui.view !== 'trends') return [];
      const rows = selectShownRows(state);
      const row = rows[Math.min(state.ui.selected, rows.length - 1)];
      return row ? act({ type: 'ui/detail-open', network: row.meta.id }) : [];
    }
    default: {
      const action = FIXED[command];
      return action ? act(action) : [];
    }
  }
}

/** An SGR (mode 1006) mouse report as Ink delivers it (leading ESC stripped): "[<b;x;yM". */
export interface MouseEvent {
  readonly button: number;
  /** 1-based column and row. */
  readonly x: number;
  readonly y: number;
  readonly press: boolean;
}

export function parseMouse(input: string): MouseEvent | undefined {
  const m = /^\[<(\d+);(\d+);(\d+)([Mm])$/.exec(input.startsWith('\u001B') ? input.slice(1) : input);
  if (!m) return undefined;
  return { button: Number(m[1]), x: Number(m[2]), y: Number(m[3]), press: m[4] === 'M' };
}

/** The effects of a mouse event: the wheel scrolls like Up/Down; a click on a tab switches view, on a row selects it (again: detail). */
export function effectsForMouse(e: MouseEvent, ctx: InputContext): Effect[] {
  const { state, size } = ctx;
  const mode = inputMode(state);
  if (!e.press || mode === 'filter') return [];
  if (e.button === 64 || e.button === 65) return scroll(ctx, e.button === 64 ? -1 : 1, 0);
  if ((e.button & ~0x1c) !== 0) return []; // only a plain left button press (modifier bits allowed)
  const row = e.y - 1;
  if (row === TAB_ROW) {
    const ui = state.ui;
    const tabKeys = {
      shares: firstKey(ctx.keymap, 'view-shares'), trends: firstKey(ctx.keymap, 'view-trends'),
      sources: firstKey(ctx.keymap, 'view-sources'), alerts: firstKey(ctx.keymap, 'view-alerts'),
    };
    const view = tabAt({ view: ui.view, unit: ui.unit, sort: ui.sort, filter: ui.filter, filtering: ui.filtering, tabKeys, helpKey: firstKey(ctx.keymap, 'help'), width: size.columns, theme: DARK }, e.x - 1);
    return view ? act({ type: 'ui/view', view }) : [];
  }
  if (mode !== 'normal' || state.ui.view !== 'shares' || row < HEADER_LINES) return [];
  const props = sharesPropsOf(state, size);
  const index = sharesRowAt(props, row - HEADER_LINES);
  if (index === undefined) return [];
  const network = props.rows[index]?.meta.id;
  if (index === props.selected && network !== undefined) return act({ type: 'ui/detail-open', network });
  return act({ type: 'ui/select', index, rows: props.rows.length });
}
