// The root component: reads the store, lays out header, the current view and footer, routes keys and mouse.
import { Box, Text, useInput, useStdin, type Key } from 'ink';
import React, { useSyncExternalStore } from 'react';
import { selectHeader, selectRows, selectSector, selectSources } from '../model/selectors.js';
import { selectHooks } from '../model/hooks.js';
import type { Store } from '../model/store.js';
import type { ViewId } from '../model/state.js';
import { Footer } from './components/Footer.js';
import { Header } from './components/Header.js';
import { AsciiContext } from './components/Line.js';
import { useTerminalSize, type Size } from './hooks/useTerminalSize.js';
import { firstKey, KEYMAP, type Binding } from './keymap.js';
import { selectShownRows } from '../model/shown-rows.js';
import { footerHints } from './footerHints.js';
import { effectsForKey, effectsForMouse, inputMode, parseMouse, type Effect } from './input.js';
import { bodyHeight } from './layout/screen.js';
import { NoMatch } from './components/NoMatch.js';
import { ScreenReaderView } from './views/ScreenReaderView.js';
import { DARK, type Theme } from './theme.js';
import { HelpView } from './views/HelpView.js';
import { SharesView } from './views/SharesView.js';
import { SourcesView } from './views/SourcesView.js';
import { AlertsView } from './views/AlertsView.js';
import { DetailView } from './views/DetailView.js';
import { TrendsView } from './views/TrendsView.js';

/** Below this the app shows only "terminal too small". */
export const MIN_SIZE: Size = { columns: 40, rows: 12 };

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
  /** Flat text for screen readers: sentences and one line per item, no bars, charts or tables. */
  readonly screenReader?: boolean;
}

/** The first key of each view command, for the tab bar. */
function tabKeys(keymap: readonly Binding[]): Record<ViewId, string> {
  return { shares: firstKey(keymap, 'view-shares'), trends: firstKey(keymap, 'view-trends'), sources: firstKey(keymap, 'view-sources'), alerts: firstKey(keymap, 'view-alerts') };
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

function Keys({ store, onQuit, onRefresh, onRedraw, keymap, size }: Pick<AppProps, 'store' | 'onQuit' | 'onRefresh' | 'onRedraw'> & { readonly keymap: readonly Binding[]; readonly size: Size }): null {
  useInput((input, key) => {
    const run = (effects: readonly Effect[]): boolean => {
      for (const e of effects) {
        if (e.kind === 'quit') {
          onQuit();
          return false;
        }
        if (e.kind === 'redraw') onRedraw?.();
        else if (e.kind === 'refresh') onRefresh();
        else if (e.kind === 'action') store.dispatch(e.action);
      }
      return true;
    };
    const mouse = parseMouse(input);
    if (mouse) {
      run(effectsForMouse(mouse, { state: store.getState(), keymap, size }));
      return;
    }
    for (const [ch, k] of keyPresses(input, key)) {
      if (!run(effectsForKey(ch, k, { state: store.getState(), keymap, size }))) return;
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

function Frame({ store, onQuit, onRefresh, onRedraw, keymap = KEYMAP, size, theme = DARK, ascii = false, screenReader = false }: AppProps): React.JSX.Element {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const terminal = useTerminalSize();
  const { columns, rows: termRows } = size ?? terminal;
  const { isRawModeSupported } = useStdin();
  const keys = isRawModeSupported ? <Keys store={store} onQuit={onQuit} onRefresh={onRefresh} onRedraw={onRedraw} keymap={keymap} size={{ columns, rows: termRows }} /> : null;

  // One line short of the terminal so Ink never falls back to clearing the whole screen.
  const height = termRows - 1;
  if (columns < MIN_SIZE.columns || termRows < MIN_SIZE.rows) {
    const words = ['terminal too small', `(need ${MIN_SIZE.columns}x${MIN_SIZE.rows})`, ...(state.demo ? ['SAMPLE DATA'] : state.replay ? ['REPLAY'] : [])];
    return (
      <Box flexDirection="column" width={columns} height={Math.max(1, Math.min(words.length, height))}>
        {keys}
        <Text color={theme.warn} wrap="wrap">{words.join(' ')}</Text>
      </Box>
    );
  }

  const { ui } = state;
  const allRows = selectRows(state);
  const rows = selectShownRows(state);
  const header = selectHeader(state, allRows);
  const sources = selectSources(state);
  const selected = Math.min(ui.selected, Math.max(0, rows.length - 1));
  const body = bodyHeight({ columns, rows: termRows });
  const common = { width: columns, height: body, theme, ascii };
  const detail = ui.detail ? state.networks.find((n) => n.id === ui.detail) : undefined;
  const mode = inputMode(state);
  if (screenReader && !ui.help && !detail) {
    const focus = ui.view === 'shares' || ui.view === 'trends' ? selected : undefined;
    return (
      <Box flexDirection="column" width={columns}>
        {keys}
        <ScreenReaderView state={state} header={header} rows={rows} sources={sources} hints={footerHints(mode, keymap)} width={columns} height={height}
          focus={focus} offset={ui.view === 'sources' ? ui.scroll.sources : ui.scroll.alerts} />
      </Box>
    );
  }
  let view: React.JSX.Element;
  if (ui.help) {
    view = <HelpView keymap={keymap} networks={state.networks} offset={ui.scroll.help} {...common} />;
  } else if (detail) {
    view = (
      <DetailView network={detail} btcRow={selectRows(state, 'btc-locked').find((r) => r.meta.id === detail.id)}
        tvlRow={selectRows(state, 'defi-tvl').find((r) => r.meta.id === detail.id)} values={state.values['btc-locked'][detail.id] ?? {}}
        details={state.details[detail.id] ?? {}} sources={sources} unit={ui.unit} priceUsd={header.priceUsd} now={state.now} {...common} />
    );
  } else if ((ui.view === 'shares' || ui.view === 'trends') && rows.length === 0 && allRows.length > 0) {
    view = <NoMatch filter={ui.filter} count={allRows.length} closeKey={firstKey(keymap, 'close')} filterKey={firstKey(keymap, 'filter')} width={columns} theme={theme} />;
  } else if (ui.view === 'shares') {
    view = <SharesView rows={rows} sources={sources} metric={ui.metric} unit={ui.unit} priceUsd={header.priceUsd} now={state.now} selected={selected} {...common} />;
  } else if (ui.view === 'trends') {
    view = (
      <TrendsView rows={rows} series={state.series[ui.metric]} priceSeries={state.priceSeries} backfilledUntil={state.backfilledUntil[ui.metric]}
        metric={ui.metric} unit={ui.unit} range={ui.range} priceUsd={header.priceUsd} now={state.now} windowMs={state.windowMs} selected={selected} {...common} />
    );
  } else if (ui.view === 'sources') {
    view = <SourcesView sources={sources} hooks={selectHooks(state)} now={state.now} offset={ui.scroll.sources} storage={state.storage} {...common} />;
  } else {
    view = <AlertsView alerts={state.alerts} rules={state.settings.alertRules.length} viaHub={state.sources.some((s) => s.role === 'relay')} now={state.now} offset={ui.scroll.alerts} {...common} />;
  }

  return (
    <Box flexDirection="column" width={columns}>
      {keys}
      <Header info={header} sector={selectSector(state)} metric={ui.metric} view={ui.view} unit={ui.unit} demo={state.demo} replay={state.replay ?? false} now={state.now}
        width={columns} sourceCount={state.sources.length} theme={theme} ascii={ascii} tabKeys={tabKeys(keymap)} helpKey={firstKey(keymap, 'help')}
        sort={ui.sort} filter={ui.filter} filtering={ui.filtering} />
      <Box flexDirection="column" height={body} overflow="hidden">{view}</Box>
      <Footer width={columns} theme={theme} demo={state.demo} replay={state.replay ?? false} notice={ui.notice} hints={footerHints(mode, keymap)} prompt={ui.filtering ? ui.filter : undefined} />
    </Box>
  );
}
