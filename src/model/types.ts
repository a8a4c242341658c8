// Domain types shared by feeds, model and ui. Pure data: no I/O, no classes.

/** A network's stable id, e.g. "lightning". Ids are lower-case and used in config and JSON. */
export type NetworkId = string;
/** A source's stable id, e.g. "mempool-lightning". One source = one upstream endpoint. */
export type SourceId = string;
/** A provider is an upstream host whose base URL config can override, e.g. "mempool". */
export type ProviderId = string;

/**
 * What a network row counts. "btc-locked": BTC held by the L2 (bridge, channels, peg), in sats.
 * "defi-tvl": USD value of DeFi deposits on the L2 as DefiLlama counts it. They are different metrics.
 */
export type Metric = 'btc-locked' | 'defi-tvl';
export const METRICS: readonly Metric[] = ['btc-locked', 'defi-tvl'];

/**
 * One value observed at a source, already converted into domain units.
 * `observedAt` is the time the upstream says the value describes (ms), when it gives one: a stats
 * row's time, a price's time, a block's timestamp. `periodMs` says that time is the start of a bucket
 * the upstream rewrites while it lasts (a daily stats row): the value then describes up to the fetch
 * time, or the bucket's end when that is earlier. Live readings without `observedAt` describe the
 * fetch time. History readings always carry it.
 */
export type Reading =
  | {
      readonly kind: 'btc-locked';
      readonly network: NetworkId;
      /** Integer satoshis (1e-8 BTC). Safe as a JS number: 21e14 < 2^53. */
      readonly sats: number;
      readonly observedAt?: number;
      readonly periodMs?: number;
      /** A caveat the upstream's data carries (e.g. "1 of 2 tokens behind: ..."), shown with the value. */
      readonly note?: string;
      /** Extra network metrics the source gave for free (e.g. Lightning channel count). */
      readonly extra?: Readonly<Record<string, number>>;
    }
  | {
      readonly kind: 'defi-tvl';
      readonly network: NetworkId;
      /** US dollars. */
      readonly usd: number;
      readonly observedAt?: number;
      readonly periodMs?: number;
    }
  | {
      readonly kind: 'price';
      /** US dollars per bitcoin. */
      readonly usd: number;
      readonly observedAt?: number;
      readonly periodMs?: number;
    }
  | {
      /** Bitcoin's block height, for the circulating supply. */
      readonly kind: 'block-height';
      readonly height: number;
      readonly observedAt?: number;
      readonly periodMs?: number;
    }
  | {
      /** Extra figures for a network's detail view (e.g. Liquid federation reserves in sats). */
      readonly kind: 'detail';
      readonly network: NetworkId;
      readonly values: Readonly<Record<string, number>>;
      readonly observedAt?: number;
      readonly periodMs?: number;
    };

/** Why a fetch failed. "schema" means the source answered but the data was unusable (bad-data). */
export type FeedErrorKind = 'http' | 'network' | 'timeout' | 'ratelimit' | 'schema';

export interface FeedError {
  readonly kind: FeedErrorKind;
  /** One human-readable line; already free of control characters. */
  readonly message: string;
  /** HTTP status when there was one. */
  readonly status?: number;
  /** From Retry-After on a 429 (or 503), in ms. */
  readonly retryAfterMs?: number;
}

/** The typed result of one fetch of one source. `at` is when the attempt finished (ms). */
export type FeedOutcome =
  | { readonly ok: true; readonly readings: readonly Reading[]; readonly at: number; readonly latencyMs: number }
  | { readonly ok: false; readonly error: FeedError; readonly at: number; readonly latencyMs: number };

/** What kind of L2 a network is; shown in detail views. */
export type NetworkType =
  | 'state channels'
  | 'federated sidechain'
  | 'merge-mined sidechain'
  | 'rollup'
  | 'sidechain'
  | 'other';

/** A link shown in a network's detail view. */
export interface Link {
  readonly label: string;
  readonly url: string;
}

/**
 * Where a network sits: a Bitcoin L2 or sidechain (the default set), or BTC wrapped on another
 * chain (Starknet, Internet Computer, ...), shown only when the config asks for it.
 */
export type NetworkCategory = 'bitcoin-l2' | 'btc-on-other-chain';

/** Whether a network still runs: live, sunset (announced shutdown; `date` is the last day of withdrawals), retired. */
export interface NetworkStatus {
  readonly state: 'live' | 'sunset' | 'retired';
  /** YYYY-MM-DD, for sunset and retired. */
  readonly date?: string;
  /** One line on what happened, with its public source. */
  readonly note?: string;
}

/** Static description of a network, from the registry. */
export interface NetworkMeta {
  readonly id: NetworkId;
  readonly name: string;
  readonly type: NetworkType;
  /** What "BTC locked" means for this network, one line, shown in help/detail and README. */
  readonly lockedMeaning: string;
  /** A short trust-model summary (only facts with a public source). */
  readonly trust?: string;
  readonly links?: readonly Link[];
  /** Bitcoin L2 / sidechain (default) or BTC on another chain. */
  readonly category?: NetworkCategory;
  /** Live (default), sunset or retired. */
  readonly status?: NetworkStatus;
  /** One paragraph: what its "BTC locked" means and whose trust it rests on (detail view, README). */
  readonly about?: string;
  /**
   * Its like-for-like btc-locked sources (the same quantity, measured the same way), primary first:
   * the first fresh one gives the number unless two or more others agree against it.
   */
  readonly sources: readonly SourceId[];
  /**
   * Sources of another methodology for the same network (e.g. Lightning capacity as 1ML counts it):
   * shown with their difference, never compared for "disagree", never used as the value.
   */
  readonly references?: readonly SourceId[];
  /** Sources whose history backfills this network's btc-locked window (others' history is ignored). */
  readonly historySources?: readonly SourceId[];
  /** Its defi-tvl source, when DefiLlama lists the chain. */
  readonly tvlSource?: SourceId;
  /** True for a network defined by a custom feed in the user's config. */
  readonly custom?: boolean;
}

/**
 * What a source reports. 'relay' is a link every other source's readings arrive through (the hub of `--hub`): it
 * reports nothing itself, and while it is not ok every value is stale with its reason (see relay.ts).
 */
export type SourceRole = 'btc-locked' | 'defi-tvl' | 'price' | 'block-height' | 'detail' | 'relay';

/** Static description of a source as the model and UI see it (no fetch code). */
export interface SourceMeta {
  readonly id: SourceId;
  readonly provider: ProviderId;
  /** What its readings are. */
  readonly role: SourceRole;
  /** The networks it reports (empty for price and block height). */
  readonly networks: readonly NetworkId[];
  /** Short label, e.g. "mempool.space LN stats". */
  readonly label: string;
  /** Endpoint path shown in the Sources view, e.g. "/api/v1/lightning/statistics/latest". */
  readonly path: string;
  /** Minimum ms between polls of this source (hourly upstreams); defaults to the poll interval. */
  readonly minIntervalMs?: number;
  /**
   * How old the upstream's own data may be (now minus the time it describes) before the source is
   * stale even though the request succeeded: minutes for prices and chain RPCs, a day for daily stats.
   * Undefined: the upstream gives no time, so a success is as fresh as it can tell.
   */
  readonly maxAgeMs?: number;
  /** True when the source is polled live; false for a history-only (backfill) source. */
  readonly polls: boolean;
}
