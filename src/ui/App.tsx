// The root component: reads the store, lays out header, the current view and footer, routes keys.
import { Box, Text, useInput, useStdin, type Key } from 'ink';
import React, { useSyncExternalStore } from 'react';
import { selectHeader, selectRows, selectSector, selectSources } from '../model/selectors.js';
import type { Store } from '../model/store.js';
import type { Action } from '../model/reducer.js';
import type { ViewId } from '../model/state.js';
import { Footer } from './components/Footer.js';
import { Header } from './components/Header.js';
import { AsciiContext } from './components/Line.js';
import { useTerminalSize, type Size } from './hooks/useTerminalSize.js';
import { commandFor, KEYMAP, type Binding, type Command } from './keymap.js';
import { DARK, type Theme } from './theme.js';
import { HelpView } from './views/HelpView.js';
import { SharesView } from './views/SharesView.js';
import { SourcesView } from './views/SourcesView.js';
import { AlertsView } from './views/AlertsView.js';
import { DetailView } from './views/DetailView.js';
import { TrendsView } from './views/TrendsView.js';

/** Below this the app shows only "terminal too small". */
export const MIN_SIZE: Size = { columns: 40, rows: 12 };
const HEADER_LINES = 5;
const FOOTER_LINES = 1;

export interface AppProps {
  readonly store: Store;
  /** Called for q / Ctrl-C: main restores the terminal and exits. */
  readonly onQuit: () => void;
  /** Called for r: main asks the poller for a refresh. */
  readonly onRefresh: () => void;
  /** Called for Ctrl-L: main clears the screen and renders the whole frame again. */
  readonly onRedraw?: () => void;
  /** The keymap (with the user's overrides); default KEYMAP. */
  readonly keymap?: readonly Binding[];
  /** Fixed size (tests); default follows the terminal. */
  readonly size?: Size;
  readonly theme?: Theme;
  readonly ascii?: boolean;
}

/** Key commands that are plain UI actions (the rest need the state or main). */
const UI_ACTIONS: Partial<Record<Command, Action>> = {
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
  help: { type: 'ui/help-toggle' },
  close: { type: 'ui/close' },
};

/** The first key of each view command, for the tab bar. */
function tabKeys(keymap: readonly Binding[]): Record<ViewId, string> {
  const first = (command: Command, fallback: string) => keymap.find((b) => b.command === command)?.label.split(' / ')[0] ?? fallback;
  return { shares: first('view-shares', '1'), trends: first('view-trends', '2'), sources: first('view-sources', '3'), alerts: first('view-alerts', '4') };
}

/** The action for a command, given the current state (selection and detail need the rows). */
function actionFor(command: Command, store: Store): Action | undefined {
  const fixed = UI_ACTIONS[command];
  if (fixed) return fixed;
  const state = store.getState();
  const rows = selectRows(state);
  if (command === 'select-up' || command === 'select-down') {
    // In the Sources view the same keys scroll the source list.
    const count = state.ui.view === 'sources' && !state.ui.detail ? state.sources.length : rows.length;
    return { type: 'ui/select-step', step: command === 'select-up' ? -1 : 1, rows: count };
  }
  if (command === 'detail') {
    if (state.ui.detail) return { type: 'ui/close' };
    const row = rows[Math.min(state.ui.selected, rows.length - 1)];
    return row ? { type: 'ui/detail-open', network: row.meta.id } : undefined;
  }
  return undefined;
}

/**
 * Splits one input chunk into key presses: over ssh or a paste several typed keys arrive as one
 * string, and "ESC x" arrives as meta+x; both must act like the separate keys they were.
 */
export function keyPresses(input: string, key: Key): [string, Key][] {
  const plain = { ...key, meta: false, return: false, tab: false, escape: false };
  if (key.meta && !key.ctrl && input.length === 1) return [['', { ...plain, escape: true }], [input, plain]];
  if (input.length > 1 && !key.ctrl && !key.meta) {
    return [...input].map((ch): [string, Key] => {
      if (ch === '\r' || ch === '\n') return ['', { ...plain, return: true }];
      if (ch === '\t') return ['', { ...plain, tab: true }];
      return [ch, plain];
    });
  }
  return [[input, key]];
}

function Keys({ store, onQuit, onRefresh, onRedraw, keymap }: Pick<AppProps, 'store' | 'onQuit' | 'onRefresh' | 'onRedraw'> & { readonly keymap: readonly Binding[] }): null {
  useInput((input, key) => {
    for (const [ch, k] of keyPresses(input, key)) {
      const command = commandFor(ch, k, keymap);
      if (command === 'quit') return onQuit();
      if (command === 'redraw') onRedraw?.();
      else if (command === 'refresh') onRefresh();
      else if (command) {
        const action = actionFor(command, store);
        if (action) store.dispatch(action);
      }
    }
  });
  return null;
}

export function App(props: AppProps): React.JSX.Element {
  return (
    <AsciiContext.Provider value={props.ascii ?? false}>
      <Frame {...props} />
    </AsciiContext.Provider>
  );
}

function Frame({ store, onQuit, onRefresh, onRedraw, keymap = KEYMAP, size, theme = DARK, ascii = false }: AppProps): React.JSX.Element {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const terminal = useTerminalSize();
  const { columns, rows: termRows } = size ?? terminal;
  const { isRawModeSupported } = useStdin();
  const keys = isRawModeSupported ? <Keys store={store} onQuit={onQuit} onRefresh={onRefresh} onRedraw={onRedraw} keymap={keymap} /> : null;

  // One line short of the terminal so Ink never falls back to clearing the whole screen.
  const height = termRows - 1;
  if (columns < MIN_SIZE.columns || termRows < MIN_SIZE.rows) {
    const words = ['terminal too small', `(need ${MIN_SIZE.columns}x${MIN_SIZE.rows})`, ...(state.demo ? ['SAMPLE DATA'] : [])];
    return (
      <Box flexDirection="column" width={columns} height={Math.max(1, Math.min(words.length, height))}>
        {keys}
        <Text color={theme.warn} wrap="wrap">{words.join(' ')}</Text>
      </Box>
    );
  }

  const { ui } = state;
  const rows = selectRows(state);
  const header = selectHeader(state, rows);
  const sources = selectSources(state);
  const selected = Math.min(ui.selected, Math.max(0, rows.length - 1));
  const bodyHeight = height - HEADER_LINES - FOOTER_LINES;
  const common = { width: columns, height: bodyHeight, theme, ascii };
  const detail = ui.detail ? state.networks.find((n) => n.id === ui.detail) : undefined;
  let body: React.JSX.Element;
  if (ui.help) {
    body = <HelpView keymap={keymap} networks={state.networks} {...common} />;
  } else if (detail) {
    body = (
      <DetailView network={detail} btcRow={selectRows(state, 'btc-locked').find((r) => r.meta.id === detail.id)}
        tvlRow={selectRows(state, 'defi-tvl').find((r) => r.meta.id === detail.id)} values={state.values['btc-locked'][detail.id] ?? {}}
        details={state.details[detail.id] ?? {}} sources={sources} unit={ui.unit} priceUsd={header.priceUsd} now={state.now} {...common} />
    );
  } else if (ui.view === 'shares') {
    body = <SharesView rows={rows} sources={sources} metric={ui.metric} unit={ui.unit} priceUsd={header.priceUsd} now={state.now} selected={selected} {...common} />;
  } else if (ui.view === 'trends') {
    body = (
      <TrendsView rows={rows} series={state.series[ui.metric]} priceSeries={state.priceSeries} backfilledUntil={state.backfilledUntil[ui.metric]}
        metric={ui.metric} unit={ui.unit} range={ui.range} priceUsd={header.priceUsd} now={state.now} windowMs={state.windowMs} selected={selected} {...common} />
    );
  } else if (ui.view === 'sources') {
    body = <SourcesView sources={sources} now={state.now} offset={ui.selected} {...common} />;
  } else {
    body = <AlertsView alerts={state.alerts} rules={state.settings.alertRules.length} now={state.now} {...common} />;
  }

  return (
    <Box flexDirection="column" width={columns}>
      {keys}
      <Header info={header} sector={selectSector(state)} metric={ui.metric} view={ui.view} unit={ui.unit} demo={state.demo} now={state.now}
        width={columns} sourceCount={state.sources.length} theme={theme} ascii={ascii} tabKeys={tabKeys(keymap)} />
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">{body}</Box>
      <Footer width={columns} theme={theme} demo={state.demo} notice={ui.notice} />
    </Box>
  );
}
