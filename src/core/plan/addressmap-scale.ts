/**
 * The address map's scale and text helpers: where a span sits on a row (0..1), lanes for
 * overlapping segments, free gaps, and sizes as text. BigInt in, numbers out.
 *
 * The scale: pieces between block edges get their linear share, but a piece covered by a block
 * is at least a minimum width (a little more for bigger pieces, so order by size is kept), and
 * free gaps can be compressed to at most `gapRatio` times the width of the blocks. So a /32 host
 * or a /24 node range inside a /8 stays visible.
 */
import type { Cidr } from '../model/cidr';
import { familyBits, powerOfTwoText } from '../model/cidr';
import { ipText } from '../model/ipam-format';
import type { IpFamily } from '../model/schema';
import type { MapSegment } from './addressmap-types';

export interface Span {
  lo: bigint;
  hi: bigint;
}

const TWO32 = 0x100000000n;

/** Bits needed to write n (0 for n <= 0), without a base-2 string. */
export function bitLength(n: bigint): number {
  if (n <= 0n) return 0;
  if (n < TWO32) return 32 - Math.clz32(Number(n));
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0] ?? '0', 16)));
}

/** "1,048,576": what cidr.ts countString gives below 2^53, without toLocaleString. */
function commas(n: bigint): string {
  const s = n.toString();
  if (s.length <= 3) return s;
  let out = '';
  const head = s.length % 3;
  if (head > 0) out = s.slice(0, head);
  for (let i = head; i < s.length; i += 3) out += (out ? ',' : '') + s.slice(i, i + 3);
  return out;
}

/** "65,536" for IPv4; "2^64" (or "~2^64" when not a power of two) for IPv6 from 1,024 up. */
export function sizeText(family: IpFamily, size: bigint): string {
  if (size < 0n) return `-${sizeText(family, -size)}`;
  if (family === 'IPv4' || size < 1024n) return commas(size);
  return powerOfTwoText(size);
}

/** `base/prefix` with the fast formatter. */
export const cidrText = (c: Cidr): string => `${ipText(c.family, c.base)}/${c.prefix}`;

/** The span as a CIDR when it is exactly one, else "first - last". */
export function spanText(family: IpFamily, lo: bigint, hi: bigint): string {
  const size = hi - lo + 1n;
  if (size > 0n && (size & (size - 1n)) === 0n && lo % size === 0n) {
    return `${ipText(family, lo)}/${familyBits(family) - (bitLength(size) - 1)}`;
  }
  return `${ipText(family, lo)} - ${ipText(family, hi)}`;
}

const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/** Spans sorted by start, longest first on a tie (a copy). */
export const sortSpans = <T extends Span>(spans: readonly T[]): T[] =>
  [...spans].sort((a, b) => cmp(a.lo, b.lo) || cmp(b.hi, a.hi));

/** Free gaps of [lo, hi] not covered by `sorted` (sorted by start, clipped to [lo, hi]). */
export function gapsOf(lo: bigint, hi: bigint, sorted: readonly Span[]): Span[] {
  const out: Span[] = [];
  let cursor = lo;
  for (const s of sorted) {
    if (s.hi < s.lo) continue;
    if (s.lo > cursor) out.push({ lo: cursor, hi: s.lo - 1n });
    if (s.hi + 1n > cursor) cursor = s.hi + 1n;
  }
  if (cursor <= hi) out.push({ lo: cursor, hi });
  return out;
}

export type Place = (s: Span) => { start: number; width: number };

/**
 * Positions for spans inside [lo, hi] (the spans already clipped to it): `place(span)` gives
 * start and width in 0..1 for any span whose edges are edges of `blocks` or of [lo, hi].
 */
export function scaleFor(lo: bigint, hi: bigint, blocks: readonly Span[], gapRatio: number): Place {
  const total = hi - lo + 1n;
  const totalN = Number(total);
  const raw: bigint[] = [lo, hi + 1n];
  for (const b of blocks) raw.push(b.lo, b.hi + 1n);
  raw.sort(cmp);
  const edges: bigint[] = [];
  for (const e of raw) if (edges.length === 0 || edges[edges.length - 1] !== e) edges.push(e);
  const index = new Map<bigint, number>();
  for (let i = 0; i < edges.length; i++) index.set(edges[i] ?? 0n, i);
  const pieces = edges.length - 1;
  const cover = new Int32Array(pieces + 1);
  for (const b of blocks) {
    const i = index.get(b.lo);
    const j = index.get(b.hi + 1n);
    if (i === undefined || j === undefined || j <= i) continue;
    cover[i] = (cover[i] ?? 0) + 1;
    cover[j] = (cover[j] ?? 0) - 1;
  }
  const covered = new Uint8Array(pieces);
  let run = 0;
  let nCovered = 0;
  for (let p = 0; p < pieces; p++) {
    run += cover[p] ?? 0;
    if (run > 0) {
      covered[p] = 1;
      nCovered++;
    }
  }
  const nGaps = pieces - nCovered;
  const minBlock = Math.min(0.02, 0.5 / Math.max(1, nCovered));
  const minGap = Math.min(0.004, 0.2 / Math.max(1, nGaps));
  const hostBits = Math.max(1, bitLength(total) - 1);
  const weights = new Float64Array(pieces);
  let blockSum = 0;
  let gapSum = 0;
  for (let p = 0; p < pieces; p++) {
    const size = (edges[p + 1] ?? 0n) - (edges[p] ?? 0n);
    const f = Number(size) / totalN;
    if (covered[p]) {
      const w = Math.max(f, minBlock * (1 + (bitLength(size) - 1) / hostBits));
      weights[p] = w;
      blockSum += w;
    } else {
      const w = Math.max(f, minGap);
      weights[p] = w;
      gapSum += w;
    }
  }
  if (blockSum > 0 && gapSum > blockSum * gapRatio) {
    const k = (blockSum * gapRatio) / gapSum;
    for (let p = 0; p < pieces; p++) {
      if (!covered[p]) weights[p] = Math.max((weights[p] ?? 0) * k, minGap);
    }
  }
  const cum = new Float64Array(pieces + 1);
  for (let p = 0; p < pieces; p++) cum[p + 1] = (cum[p] ?? 0) + (weights[p] ?? 0);
  const sum = cum[pieces] || 1;
  return (s: Span) => {
    const i = index.get(s.lo);
    const j = index.get(s.hi + 1n);
    if (i === undefined || j === undefined) {
      // Not an edge (not expected): the linear position.
      return { start: Number(s.lo - lo) / totalN, width: Number(s.hi - s.lo + 1n) / totalN };
    }
    const start = (cum[i] ?? 0) / sum;
    return { start, width: ((cum[j] ?? 0) - (cum[i] ?? 0)) / sum };
  };
}

/**
 * Lanes: overlapping segments go below each other. `sorted` by start (longest first on a tie);
 * sets `lane` on each segment and returns the lane count.
 */
export function assignLanes(
  sorted: readonly { lo: bigint; hi: bigint; seg: MapSegment }[],
): number {
  const laneEnd: bigint[] = [];
  for (const s of sorted) {
    let lane = -1;
    for (let k = 0; k < laneEnd.length; k++) {
      if ((laneEnd[k] ?? 0n) < s.lo) {
        lane = k;
        break;
      }
    }
    if (lane < 0) {
      lane = laneEnd.length;
      laneEnd.push(s.hi);
    } else laneEnd[lane] = s.hi;
    s.seg.lane = lane;
  }
  return Math.max(1, laneEnd.length);
}

export interface RowLayout {
  /** Per input item (same order): position, width and lane. */
  start: Float64Array;
  width: Float64Array;
  lane: Int32Array;
  /** Item indices in row order (by start, longest first on a tie). */
  order: number[];
  lanes: number;
  /** Free gaps in row order, with positions. */
  gaps: { lo: bigint; hi: bigint; start: number; width: number }[];
}

const MAX_EXACT = 2 ** 53;

/** Trailing zero bits of n (n > 0). */
const trailingZeros = (n: bigint): number => bitLength(n & -n) - 1;

/**
 * The whole row at once in plain numbers: offsets from `lo` are divided by the largest power of
 * two that divides every edge (a node range, for node-range rows), so they are exact doubles.
 * Returns null when even then they are not (e.g. single IPv6 addresses spread over a /64); the
 * caller then takes the BigInt path (scaleFor, gapsOf, assignLanes).
 */
export function layoutRow(
  lo: bigint,
  hi: bigint,
  items: readonly Span[],
  gapRatio: number,
): RowLayout | null {
  const total = hi - lo + 1n;
  let or = total;
  for (const it of items) or |= (it.lo - lo) | (it.hi + 1n - lo);
  const tz = trailingZeros(or);
  const shift = BigInt(tz);
  if (total >> shift > BigInt(MAX_EXACT)) return null;
  const T = Number(total >> shift);
  const n = items.length;
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const it = items[i] as Span;
    a[i] = Number((it.lo - lo) >> shift);
    b[i] = Number((it.hi + 1n - lo) >> shift);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (x, y) => (a[x] ?? 0) - (a[y] ?? 0) || (b[y] ?? 0) - (b[x] ?? 0),
  );
  // Gaps (in units).
  const gapUnits: [number, number][] = [];
  let cursor = 0;
  for (const i of order) {
    const s = a[i] ?? 0;
    const e = b[i] ?? 0;
    if (s > cursor) gapUnits.push([cursor, s]);
    if (e > cursor) cursor = e;
  }
  if (cursor < T) gapUnits.push([cursor, T]);
  // Edges and pieces.
  const raw: number[] = [0, T];
  for (let i = 0; i < n; i++) raw.push(a[i] ?? 0, b[i] ?? 0);
  raw.sort((x, y) => x - y);
  const edges: number[] = [];
  for (const e of raw) if (edges.length === 0 || edges[edges.length - 1] !== e) edges.push(e);
  const index = new Map<number, number>();
  for (let i = 0; i < edges.length; i++) index.set(edges[i] ?? 0, i);
  const pieces = edges.length - 1;
  const cover = new Int32Array(pieces + 1);
  for (let i = 0; i < n; i++) {
    const x = index.get(a[i] ?? 0) ?? 0;
    const y = index.get(b[i] ?? 0) ?? 0;
    if (y <= x) continue;
    cover[x] = (cover[x] ?? 0) + 1;
    cover[y] = (cover[y] ?? 0) - 1;
  }
  const covered = new Uint8Array(pieces);
  let run = 0;
  let nCovered = 0;
  for (let p = 0; p < pieces; p++) {
    run += cover[p] ?? 0;
    if (run > 0) {
      covered[p] = 1;
      nCovered++;
    }
  }
  const minBlock = Math.min(0.02, 0.5 / Math.max(1, nCovered));
  const minGap = Math.min(0.004, 0.2 / Math.max(1, pieces - nCovered));
  const hostBits = Math.max(1, Math.log2(T) + tz);
  const weights = new Float64Array(pieces);
  let blockSum = 0;
  let gapSum = 0;
  for (let p = 0; p < pieces; p++) {
    const units = (edges[p + 1] ?? 0) - (edges[p] ?? 0);
    const f = units / T;
    if (covered[p]) {
      const w = Math.max(f, minBlock * (1 + (Math.floor(Math.log2(units)) + tz) / hostBits));
      weights[p] = w;
      blockSum += w;
    } else {
      const w = Math.max(f, minGap);
      weights[p] = w;
      gapSum += w;
    }
  }
  if (blockSum > 0 && gapSum > blockSum * gapRatio) {
    const k = (blockSum * gapRatio) / gapSum;
    for (let p = 0; p < pieces; p++) {
      if (!covered[p]) weights[p] = Math.max((weights[p] ?? 0) * k, minGap);
    }
  }
  const cum = new Float64Array(pieces + 1);
  for (let p = 0; p < pieces; p++) cum[p + 1] = (cum[p] ?? 0) + (weights[p] ?? 0);
  const sum = cum[pieces] || 1;
  const pos = (x: number): number => (cum[index.get(x) ?? 0] ?? 0) / sum;

  const start = new Float64Array(n);
  const width = new Float64Array(n);
  const lane = new Int32Array(n);
  const laneEnd: number[] = [];
  for (const i of order) {
    const s = a[i] ?? 0;
    const e = b[i] ?? 0;
    start[i] = pos(s);
    width[i] = pos(e) - (start[i] ?? 0);
    let l = laneEnd.findIndex((end) => end <= s);
    if (l < 0) {
      l = laneEnd.length;
      laneEnd.push(e);
    } else laneEnd[l] = e;
    lane[i] = l;
  }
  const gaps = gapUnits.map(([s, e]) => {
    const p0 = pos(s);
    return {
      lo: lo + (BigInt(s) << shift),
      hi: lo + (BigInt(e) << shift) - 1n,
      start: p0,
      width: pos(e) - p0,
    };
  });
  return { start, width, lane, order, lanes: Math.max(1, laneEnd.length), gaps };
}
