// "Our own part" of a render: every l2top component function called exactly as React would call it (props in,
// elements out, so selectors and all string building run), but no React reconciliation, no Yoga layout and no
// Ink output. Ink's own components (Box, Text, ...) are not called; their children are walked.
// Hooks get a minimal stand-in dispatcher (useSyncExternalStore reads the store, useContext the current
// provider value, effects are skipped); it is installed through React 19's client internals for the duration
// of one evaluation only. Benchmark code: nothing in the app depends on this.
import { Box, Newline, Spacer, Static, Text, Transform } from 'ink';
import React from 'react';

const INK_COMPONENTS = new Set<unknown>([Box, Text, Newline, Spacer, Static, Transform]);
const CONTEXT = Symbol.for('react.context');
const MEMO = Symbol.for('react.memo');
const FRAGMENT = React.Fragment as unknown;

interface ElementLike {
  readonly type: unknown;
  readonly props: Record<string, unknown>;
}

interface ContextLike {
  $$typeof: symbol;
  _currentValue: unknown;
}

const noop = (): void => undefined;
const dispatcher = {
  useContext: (c: ContextLike): unknown => c._currentValue,
  useSyncExternalStore: (_subscribe: unknown, get: () => unknown): unknown => get(),
  useState: (init: unknown): [unknown, () => void] => [typeof init === 'function' ? (init as () => unknown)() : init, noop],
  useReducer: (_r: unknown, arg: unknown, init?: (a: unknown) => unknown): [unknown, () => void] => [init ? init(arg) : arg, noop],
  useEffect: noop,
  useLayoutEffect: noop,
  useInsertionEffect: noop,
  useMemo: (f: () => unknown): unknown => f(),
  useCallback: (f: unknown): unknown => f,
  useRef: (v: unknown): { current: unknown } => ({ current: v }),
  useId: (): string => ':bench:',
  useDebugValue: noop,
  useDeferredValue: (v: unknown): unknown => v,
  useTransition: (): [boolean, (f: () => void) => void] => [false, (f) => f()],
};

interface Internals {
  H: unknown;
}

function internals(): Internals {
  const i = (React as unknown as Record<string, unknown>)['__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE'];
  if (typeof i !== 'object' || i === null || !('H' in i)) throw new Error('React client internals not found: the own-part measurement needs React 19');
  return i as Internals;
}

function isElement(node: unknown): node is ElementLike {
  return typeof node === 'object' && node !== null && 'type' in node && 'props' in node;
}

function walk(node: unknown, out: { chars: number; components: number }): void {
  if (node === null || node === undefined || typeof node === 'boolean') return;
  if (typeof node === 'string' || typeof node === 'number') {
    out.chars += String(node).length;
    return;
  }
  if (Array.isArray(node)) {
    for (const child of node) walk(child, out);
    return;
  }
  if (!isElement(node)) return;
  const { type, props } = node;
  if (type === FRAGMENT || INK_COMPONENTS.has(type)) {
    walk(props['children'], out);
    return;
  }
  if (typeof type === 'object' && type !== null && (type as ContextLike).$$typeof === CONTEXT) {
    const ctx = type as ContextLike;
    const saved = ctx._currentValue;
    ctx._currentValue = props['value'];
    try {
      walk(props['children'], out);
    } finally {
      ctx._currentValue = saved;
    }
    return;
  }
  // React.memo(Component): evaluated like the component itself (a fresh state gives it fresh props).
  if (typeof type === 'object' && type !== null && (type as { $$typeof?: symbol }).$$typeof === MEMO) {
    walk({ type: (type as { type: unknown }).type, props }, out);
    return;
  }
  if (typeof type === 'function') {
    out.components += 1;
    walk((type as (p: unknown) => unknown)(props), out);
    return;
  }
  throw new Error(`own-render: unsupported element type ${String(type)}`);
}

/** Evaluates the tree; returns how many characters of text it produced and how many of our components ran. */
export function renderOwn(element: React.ReactElement): { chars: number; components: number } {
  const i = internals();
  const saved = i.H;
  i.H = dispatcher;
  const out = { chars: 0, components: 0 };
  try {
    walk(element, out);
  } finally {
    i.H = saved;
  }
  return out;
}
