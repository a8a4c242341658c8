// A simulated Stacks chain for the demo server and the test simulator: Hiro's block endpoints and the sBTC
// read-only call evaluated at a `tip`, with stacks-core's quirks (a 0x-prefixed tip silently means "latest").
import type { JsonReply } from './payloads.js';
import { hiroReply, hiroTotalSupply } from './payloads.js';

/** Nakamoto Stacks blocks come every few seconds. */
export const STACKS_BLOCK_MS = 5_000;
const STACKS_GENESIS_MS = Date.UTC(2021, 0, 14);

/** sBTC supply (sats) at a time, the clock, and how far the API's newest block is behind it. */
export interface StacksChain {
  readonly nowMs: number;
  readonly supplyAt: (tMs: number) => number;
  readonly lagMs?: number;
}

const heightAt = (t: number): number => Math.floor((t - STACKS_GENESIS_MS) / STACKS_BLOCK_MS);
const timeOf = (height: number): number => STACKS_GENESIS_MS + height * STACKS_BLOCK_MS;
const indexHash = (height: number): string => `0x${height.toString(16).padStart(64, '0')}`;
const tipHeight = (c: StacksChain): number => heightAt(c.nowMs - (c.lagMs ?? 0));

/** The time (ms) of the newest block at `nowMs - lagMs`: the instant the latest reads describe. */
export function stacksTipTimeMs(nowMs: number, lagMs = 0): number {
  return timeOf(heightAt(nowMs - lagMs));
}

function block(height: number): Record<string, unknown> {
  const s = Math.floor(timeOf(height) / 1000);
  return {
    canonical: true, height, hash: `0x${height.toString(16).padStart(64, 'b')}`, block_time: s, block_time_iso: new Date(s * 1000).toISOString(),
    tenure_height: Math.floor(height / 120), index_block_hash: indexHash(height), parent_block_hash: `0x${(height - 1).toString(16).padStart(64, 'b')}`,
    parent_index_block_hash: indexHash(height - 1), burn_block_time: s, burn_block_time_iso: new Date(s * 1000).toISOString(),
    burn_block_hash: `0x${Math.floor(height / 120).toString(16).padStart(64, 'a')}`, burn_block_height: 800_000 + Math.floor(height / 120), miner_txid: `0x${'00'.repeat(32)}`, tx_count: 3,
  };
}

/** GET /extended/v2/blocks?limit=n: the newest blocks, newest first. */
export function stacksBlocksReply(c: StacksChain, query: URLSearchParams): JsonReply {
  const limit = Math.max(1, Math.min(30, Number(query.get('limit') ?? 20) || 20));
  const tip = tipHeight(c);
  return { status: 200, json: { limit, offset: 0, total: tip + 1, results: Array.from({ length: limit }, (_, i) => block(tip - i)) } };
}

/** GET /extended/v2/blocks/by-block-time/:unix_s: the newest block at or before that time (404 before genesis). */
export function stacksBlockAtReply(c: StacksChain, seconds: string): JsonReply {
  const height = Math.min(tipHeight(c), heightAt(Number(seconds) * 1000));
  if (!/^\d+$/.test(seconds) || height < 0) return { status: 404, json: { error: 'No block found at or before the given timestamp' } };
  return { status: 200, json: block(height) };
}

/**
 * POST call-read get-total-supply with `?tip=`: 64 hex characters name a block (404 "Chain tip not found" when
 * unknown); anything else, a 0x-prefixed hash included, silently means the latest tip, as stacks-core does.
 */
export function stacksCallReply(c: StacksChain, query: URLSearchParams, body: string): JsonReply {
  const checked = hiroReply(body, 0);
  if (checked.status !== 200) return checked;
  const tip = query.get('tip') ?? '';
  let height = tipHeight(c);
  if (/^[0-9a-fA-F]{64}$/.test(tip)) {
    const named = Number.parseInt(tip, 16);
    if (indexHash(named).slice(2) !== tip.toLowerCase() || named > height) return { status: 404, json: { error: 'Chain tip not found' } };
    height = named;
  }
  return { status: 200, json: hiroTotalSupply(c.supplyAt(timeOf(height))) };
}
