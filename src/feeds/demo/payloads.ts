// Pure builders of the exact upstream response bodies, shared by the demo server and the test simulator.

export { bitcoinlayersHistory } from './layers.js';
export type { BitcoinlayersRow } from './layers.js';

/** Lightning graph totals for one day. */
export interface LightningStats {
  /** Public channel capacity, integer sats. */
  readonly sats: number;
  readonly channels: number;
  readonly nodes: number;
}

/** Input of lightningLatest: the stats plus the row's day (ISO, midnight UTC on the real server). */
export interface LightningRowInput extends LightningStats {
  readonly addedIso: string;
  /** Row id; default 1. */
  readonly id?: number;
}

/** One daily Lightning history point; `atMs` becomes `added` in unix seconds. */
export interface LightningPoint extends LightningStats {
  readonly atMs: number;
}

/** One month's net L-BTC peg flow; `date` is "YYYY-MM-01", `sats` may be negative. */
export interface MonthlyFlow {
  readonly date: string;
  readonly sats: number;
}

/** A JSON-RPC id as the request gave it. */
export type JsonRpcId = number | string | null;

/** An HTTP status with a JSON body, for endpoints whose answer depends on the request. */
export interface JsonReply {
  readonly status: number;
  readonly json: unknown;
}

/** An HTTP status with a plain-text body (Esplora's supply, mempool's tip height). */
export interface TextReply {
  readonly status: number;
  readonly text: string;
  /** Default "text/plain". */
  readonly contentType?: string;
}

/** Any answer of an endpoint. */
export type Reply = JsonReply | TextReply;

/** Rootstock Bridge precompile; its balance is the RBTC not yet pegged in. */
export const ROOTSTOCK_BRIDGE = '0x0000000000000000000000000000000001000006';
/** Citrea Bridge contract; like Rootstock's, it holds 21 M cBTC at genesis and its balance is what is not yet bridged in. */
export const CITREA_BRIDGE = '0x3100000000000000000000000000000000000002';
/** The coin minted at genesis into such a bridge, in sats (21 M BTC). */
const GENESIS_SATS = 21_000_000n * 100_000_000n;
const WEI_PER_SAT = 10_000_000_000n;
/** Rates from the recorded mempool /prices sample, so the other currencies look consistent. */
export const FX_RATES: Readonly<Record<string, number>> = { EUR: 0.9267, GBP: 0.8577, CAD: 1.3284, CHF: 0.8557, AUD: 1.4741, JPY: 142.13 };
/** sBTC's token contract, as Hiro's metadata API names it. */
export const SBTC_CONTRACT = 'SM3VDXK3WZZSA84XXFKAFAF15NNZX32CTSG82JFQ4.sbtc-token';

/** mempool's four node classes. */
interface NodeClasses {
  readonly tor_nodes: number;
  readonly clearnet_nodes: number;
  readonly unannounced_nodes: number;
  readonly clearnet_tor_nodes: number;
}

/** Split a node count into mempool's four node classes (they sum back to `nodes`). */
function nodeClasses(nodes: number): NodeClasses {
  const tor = Math.round(nodes * 0.72);
  const clearnet = Math.round(nodes * 0.145);
  const unannounced = Math.round(nodes * 0.062);
  return { tor_nodes: tor, clearnet_nodes: clearnet, unannounced_nodes: unannounced, clearnet_tor_nodes: nodes - tor - clearnet - unannounced };
}

function lightningRow(row: LightningRowInput): Record<string, number | string> {
  const classes = nodeClasses(row.nodes);
  const avg = row.channels > 0 ? Math.round(row.sats / row.channels) : 0;
  return {
    id: row.id ?? 1,
    added: row.addedIso,
    channel_count: row.channels,
    node_count: row.nodes,
    total_capacity: row.sats,
    tor_nodes: classes.tor_nodes,
    clearnet_nodes: classes.clearnet_nodes,
    unannounced_nodes: classes.unannounced_nodes,
    avg_capacity: avg,
    avg_fee_rate: 497,
    avg_base_fee_mtokens: 915,
    med_capacity: Math.round(avg * 0.27),
    med_fee_rate: 40,
    med_base_fee_mtokens: 100,
    clearnet_tor_nodes: classes.clearnet_tor_nodes,
  };
}

/** mempool GET /api/v1/lightning/statistics/latest; `previous` (the row 7 days back) is optional as upstream. */
export function lightningLatest(latest: LightningRowInput, previous?: LightningRowInput): Record<string, unknown> {
  return previous ? { latest: lightningRow(latest), previous: lightningRow(previous) } : { latest: lightningRow(latest) };
}

/** mempool GET /api/v1/lightning/statistics/{interval}: newest first, `added` in unix seconds, no node_count. */
export function lightningHistory(points: readonly LightningPoint[]): Record<string, number>[] {
  return [...points]
    .sort((a, b) => b.atMs - a.atMs)
    .map((p) => ({ added: Math.floor(p.atMs / 1000), channel_count: p.channels, total_capacity: p.sats, ...nodeClasses(p.nodes) }));
}

/** liquid.network GET /api/v1/liquid/pegs: the amount is a string of sats. */
export function liquidPegs(sats: number, lastBlockUpdate = 3_000_000, hash = 'ab'.repeat(32)): Record<string, unknown> {
  return { amount: String(sats), lastBlockUpdate, hash };
}

/** liquid.network GET /api/v1/liquid/pegs/month: order kept as given (upstream does not sort). */
export function liquidPegsMonth(flows: readonly MonthlyFlow[]): { amount: string; date: string }[] {
  return flows.map((f) => ({ amount: String(f.sats), date: f.date }));
}

/** Rootstock/Citrea bridge balance in wei when `lockedSats` are pegged in: (21 M BTC - locked) x 1e18, exact. */
export function bridgeWeiForLocked(lockedSats: number | bigint): bigint {
  return (GENESIS_SATS - BigInt(lockedSats)) * WEI_PER_SAT;
}

/** eth_getBalance(bridge) JSON-RPC result for `lockedSats` locked (Rootstock and Citrea alike). */
export function rpcBalanceForLocked(lockedSats: number | bigint, id: JsonRpcId = 1): Record<string, unknown> {
  return { jsonrpc: '2.0', id, result: `0x${bridgeWeiForLocked(lockedSats).toString(16)}` };
}

/** A JSON-RPC error object. */
export function rpcError(id: JsonRpcId, code: number, message: string): Record<string, unknown> {
  return { jsonrpc: '2.0', id, error: { code, message } };
}

/** Hiro call-read get-total-supply: Clarity (ok uint) = 0x07 0x01 + 16-byte big-endian sats. */
export function hiroTotalSupply(sats: number | bigint): { okay: true; result: string } {
  return { okay: true, result: `0x0701${BigInt(sats).toString(16).padStart(32, '0')}` };
}

/** mempool GET /api/v1/prices: integer USD plus the sample's other currencies at fixed rates. */
export function prices(usd: number, timeS: number): Record<string, number> {
  const body: Record<string, number> = { time: timeS, USD: Math.round(usd) };
  for (const [currency, rate] of Object.entries(FX_RATES)) body[currency] = Math.round(usd * rate);
  return body;
}

/** liquid.network GET /api/v1/liquid/reserves: federation UTXOs on Bitcoin, sats as a string, a Bitcoin height and hash. */
export function liquidReserves(sats: number, lastBlockUpdate = 880_000, hash = 'cd'.repeat(32)): Record<string, unknown> {
  return { amount: String(sats), lastBlockUpdate, hash };
}

/** `wei` as a decimal coin amount with all 18 decimals, e.g. "3219.876543210000000000". */
export function weiToDecimal(wei: bigint): string {
  const sign = wei < 0n ? '-' : '';
  const abs = wei < 0n ? -wei : wei;
  const unit = 10n ** 18n;
  return `${sign}${abs / unit}.${(abs % unit).toString().padStart(18, '0')}`;
}

/** Rootstock explorer GET /circulating: RBTC out of the Bridge and left in it, as 18-decimal strings; totalSupply a number. */
export function rootstockCirculating(lockedSats: number): Record<string, unknown> {
  return {
    circulatingSupply: weiToDecimal(BigInt(lockedSats) * WEI_PER_SAT),
    totalSupply: 21_000_000,
    bridgeBalance: weiToDecimal(bridgeWeiForLocked(lockedSats)),
  };
}

/** Hiro token-metadata GET /metadata/v1/ft/<sBTC contract>: total_supply is a string of base units (8 decimals). */
export function hiroFtMetadata(sats: number): Record<string, unknown> {
  return {
    name: 'sBTC',
    symbol: 'sBTC',
    decimals: 8,
    total_supply: String(sats),
    token_uri: null,
    description: null,
    image_uri: null,
    image_canonical_uri: null,
    tx_id: `0x${'5b'.repeat(32)}`,
    sender_address: SBTC_CONTRACT.split('.')[0],
  };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A simulated chain whose bridge got 21 M coins at genesis: block n is at n x blockMs (unix epoch), the tip
 * is the newest block at or before `nowMs - lagMs`, and the bridge's balance at a block follows `lockedAt`.
 */
export interface BridgeChain {
  readonly nowMs: number;
  readonly blockMs: number;
  /** BTC locked (sats) at a time (ms). */
  readonly lockedAt: (tMs: number) => number;
  /** How far the node's tip is behind now (a node that stopped syncing); default 0. */
  readonly lagMs?: number;
  /** Blocks before this time have no state on the node (pruned): balance queries there fail. */
  readonly stateSinceMs?: number;
}

/** Rootstock mines a block about every 30 s; Citrea every 2 s (citrea-docs). */
export const ROOTSTOCK_BLOCK_MS = 30_000;
export const CITREA_BLOCK_MS = 2_000;

/** A chain holding `lockedSats` at every block (for tests that only care about the current value). */
export function constantChain(lockedSats: number, nowMs: number, blockMs: number): BridgeChain {
  return { nowMs, blockMs, lockedAt: () => lockedSats };
}

/** Answer a Rootstock JSON-RPC request body: Bridge balance for eth_getBalance, block headers, errors otherwise. */
export function rootstockReply(body: string, chain: BridgeChain): JsonReply {
  return bridgeRpcReply(body, ROOTSTOCK_BRIDGE, chain);
}

/** Answer a Citrea JSON-RPC request body: Bridge balance for eth_getBalance, block headers, errors otherwise. */
export function citreaReply(body: string, chain: BridgeChain): JsonReply {
  return bridgeRpcReply(body, CITREA_BRIDGE, chain);
}

const quantity = (n: number | bigint): string => `0x${n.toString(16)}`;

/** A block tag or hex number → a block number on `chain`, or undefined for a malformed or future block. */
function blockOf(tag: unknown, chain: BridgeChain): number | undefined {
  const tip = Math.floor((chain.nowMs - (chain.lagMs ?? 0)) / chain.blockMs);
  if (tag === undefined || tag === 'latest') return tip;
  if (typeof tag !== 'string' || !/^0x[0-9a-fA-F]{1,16}$/.test(tag)) return undefined;
  const n = Number.parseInt(tag.slice(2), 16);
  return n <= tip ? n : undefined;
}

/**
 * Answer the JSON-RPC body of a chain whose `bridge` got 21 M coins at genesis: eth_getBalance(bridge, block),
 * 0x0 for any other address; eth_getBlockByNumber(block) with its number and timestamp; eth_blockNumber;
 * JSON-RPC errors for anything else (400 when the body is not a request at all).
 */
export function bridgeRpcReply(body: string, bridge: string, chain: BridgeChain): JsonReply {
  const parsed = parseJson(body);
  if (!parsed.ok) return { status: 400, json: rpcError(null, -32700, 'Parse error') };
  const req = parsed.value;
  if (!isRecord(req) || typeof req['method'] !== 'string') return { status: 400, json: rpcError(null, -32600, 'Invalid request') };
  const rawId = req['id'];
  const id: JsonRpcId = typeof rawId === 'number' || typeof rawId === 'string' ? rawId : null;
  const params: readonly unknown[] = Array.isArray(req['params']) ? (req['params'] as unknown[]) : [];
  switch (req['method']) {
    case 'eth_blockNumber':
      return { status: 200, json: { jsonrpc: '2.0', id, result: quantity(blockOf('latest', chain) ?? 0) } };
    case 'eth_getBlockByNumber': {
      const n = blockOf(params[0], chain);
      if (n === undefined) return { status: 200, json: { jsonrpc: '2.0', id, result: null } };
      return { status: 200, json: { jsonrpc: '2.0', id, result: { number: quantity(n), timestamp: quantity(Math.floor((n * chain.blockMs) / 1000)), hash: `0x${n.toString(16).padStart(64, '0')}` } } };
    }
    case 'eth_getBalance': {
      const address = params[0];
      if (typeof address !== 'string') return { status: 200, json: rpcError(id, -32602, 'Invalid params') };
      const n = blockOf(params[1], chain);
      if (n === undefined) return { status: 200, json: rpcError(id, -32602, 'Invalid block') };
      const t = n * chain.blockMs;
      if (chain.stateSinceMs !== undefined && t < chain.stateSinceMs) return { status: 200, json: rpcError(id, -32000, 'missing trie node') };
      if (address.toLowerCase() !== bridge.toLowerCase()) return { status: 200, json: { jsonrpc: '2.0', id, result: '0x0' } };
      return { status: 200, json: rpcBalanceForLocked(chain.lockedAt(t), id) };
    }
    default:
      return { status: 200, json: rpcError(id, -32601, 'Method not found') };
  }
}

/** Answer a Hiro call-read body: needs a JSON object with a string `sender` (as stacks-core does). */
export function hiroReply(body: string, sats: number): JsonReply {
  const parsed = parseJson(body);
  const req = parsed.ok ? parsed.value : undefined;
  if (!isRecord(req) || typeof req['sender'] !== 'string' || (req['arguments'] !== undefined && !Array.isArray(req['arguments']))) {
    return { status: 400, json: { error: 'Failed to parse JSON body: expected {"sender": string, "arguments": string[]}' } };
  }
  return { status: 200, json: hiroTotalSupply(sats) };
}
