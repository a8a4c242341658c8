// A simulated Liquid peg history, shared by the demo server and the test simulator: blocks, peg records,
// the 24 h volume and the supply, all from one supply curve so every endpoint agrees with the others.
import type { JsonReply, Reply } from './payloads.js';

/** Liquid mines a block a minute; peg records come in pairs (a peg-in and a peg-out) every three hours. */
export const LIQUID_BLOCK_MS = 60_000;
const PEG_EVERY_MS = 3 * 3_600_000;
/** The peg-out in each pair, so both directions appear. */
const PEG_OUT_SATS = 5_000_000;
/** Liquid's launch, for block heights from the clock. */
export const LIQUID_GENESIS_MS = Date.UTC(2018, 8, 27);
const PAGE = 15;

/** The supply curve: L-BTC issued (sats) at a time, and the node's parser lag (a stuck parser). */
export interface LiquidChain {
  readonly nowMs: number;
  readonly supplyAt: (tMs: number) => number;
  readonly lagMs?: number;
}

export const liquidHeightAt = (t: number): number => Math.floor((t - LIQUID_GENESIS_MS) / LIQUID_BLOCK_MS);
export const liquidBlockHash = (height: number): string => height.toString(16).padStart(64, '0');
const blockTimeS = (height: number): number => Math.floor((LIQUID_GENESIS_MS + height * LIQUID_BLOCK_MS) / 1000);

interface PegRecord {
  readonly txid: string;
  readonly txindex: number;
  readonly amount: number;
  readonly blocktime: number;
  readonly block: number;
}

/** Peg records newest first, back to `sinceMs`: at each 3 h mark a peg-in of the supply's rise plus PEG_OUT_SATS, and a peg-out. */
function pegRecords(c: LiquidChain, sinceMs: number): PegRecord[] {
  const parsedTo = c.nowMs - (c.lagMs ?? 0);
  const out: PegRecord[] = [];
  for (let t = Math.floor(parsedTo / PEG_EVERY_MS) * PEG_EVERY_MS; t > sinceMs; t -= PEG_EVERY_MS) {
    const rise = c.supplyAt(t) - c.supplyAt(t - PEG_EVERY_MS);
    const block = liquidHeightAt(t);
    const txid = block.toString(16).padStart(64, 'e');
    out.push({ txid, txindex: 1, amount: -PEG_OUT_SATS, blocktime: blockTimeS(block), block });
    out.push({ txid, txindex: 0, amount: rise + PEG_OUT_SATS, blocktime: blockTimeS(block), block });
  }
  return out;
}

/** The supply the peg table sums to: the curve at the last peg mark the parser reached. */
export function liquidSupplyNow(c: LiquidChain): number {
  const parsedTo = c.nowMs - (c.lagMs ?? 0);
  return c.supplyAt(Math.floor(parsedTo / PEG_EVERY_MS) * PEG_EVERY_MS);
}

/** GET /api/v1/liquid/pegs: the summed supply (string), the Liquid height parsed to and its block hash. */
export function liquidPegsReply(c: LiquidChain): JsonReply {
  const height = liquidHeightAt(c.nowMs - (c.lagMs ?? 0));
  return { status: 200, json: { amount: String(liquidSupplyNow(c)), lastBlockUpdate: height, hash: liquidBlockHash(height) } };
}

/** GET /api/v1/liquid/pegs/volume: peg-ins and peg-outs of the last 24 h as [{volume, number}, {volume, number}] (strings, null when none). */
export function liquidVolumeReply(c: LiquidChain): JsonReply {
  const recent = pegRecords(c, c.nowMs - 86_400_000).filter((r) => r.blocktime * 1000 > c.nowMs - 86_400_000);
  const ins = recent.filter((r) => r.amount > 0);
  const outs = recent.filter((r) => r.amount < 0);
  const sum = (rs: PegRecord[]): string | null => (rs.length === 0 ? null : String(rs.reduce((a, r) => a + r.amount, 0)));
  return { status: 200, json: [{ volume: sum(ins), number: ins.length }, { volume: sum(outs), number: outs.length }] };
}

/** GET /api/v1/liquid/pegs/list/:offset: 15 records from that offset, newest block first. */
export function liquidPegsListReply(c: LiquidChain, offset: number): JsonReply {
  const back = Math.ceil((offset + PAGE) / 2) * PEG_EVERY_MS + PEG_EVERY_MS;
  const rows = pegRecords(c, c.nowMs - back).slice(offset, offset + PAGE);
  return {
    status: 200,
    json: rows.map((r) => ({ txid: r.txid, txindex: r.txindex, amount: r.amount, bitcoinaddress: 'bc1qsample', bitcointxid: r.txid, bitcoinindex: r.txindex, blocktime: r.blocktime })),
  };
}

/** GET /api/block/:hash on Liquid's Esplora: the block's height and timestamp (404 text for an unknown hash). */
export function liquidBlockReply(c: LiquidChain, hash: string): Reply {
  const height = Number.parseInt(hash, 16);
  if (!Number.isSafeInteger(height) || height > liquidHeightAt(c.nowMs) || liquidBlockHash(height) !== hash.toLowerCase()) {
    return { status: 404, text: 'Block not found' };
  }
  return {
    status: 200,
    json: { id: hash, height, version: 536870912, timestamp: blockTimeS(height), tx_count: 2, size: 1500, weight: 4800, merkle_root: '00'.repeat(32), previousblockhash: liquidBlockHash(height - 1), mediantime: blockTimeS(height) - 300 },
  };
}
