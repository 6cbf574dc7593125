/**
 * One cluster CIDR split into node ranges, as kube-controller-manager's cidrset keeps it
 * (pkg/controller/nodeipam/ipam/cidrset/cidr_set.go): 2^(N-C) ranges, range i is
 * base + (i << (bits - N)), a `nextCandidate` cursor that moves round-robin and only on
 * AllocateNext (Occupy does not move it).
 *
 * cidrset keeps a bitmap of 2^(N-C) bits; we keep a Set of single indices plus a sorted list of
 * index intervals (service ranges and given CIDRs wider than one node range), so a 10.0.0.0/8
 * split in /30s costs no more than a /16 split in /24s.
 */
import { cidrLast, cidrOverlaps, cidrSubnet, familyBits, type Cidr } from './cidr';
import { nodeRangeCount } from './ipam-rules';

type Interval = [lo: bigint, hi: bigint];

/** Merge `add` into the sorted, disjoint list `list` (returns a new list). */
function mergeInterval(list: readonly Interval[], add: Interval): Interval[] {
  const out: Interval[] = [];
  let [lo, hi] = add;
  let placed = false;
  for (const iv of list) {
    if (iv[1] + 1n < lo) {
      out.push(iv);
    } else if (hi + 1n < iv[0]) {
      if (!placed) {
        out.push([lo, hi]);
        placed = true;
      }
      out.push(iv);
    } else {
      if (iv[0] < lo) lo = iv[0];
      if (iv[1] > hi) hi = iv[1];
    }
  }
  if (!placed) out.push([lo, hi]);
  return out;
}

/** Total length of disjoint intervals. */
const intervalsSize = (list: readonly Interval[]): bigint =>
  list.reduce((n, [lo, hi]) => n + hi - lo + 1n, 0n);

export class NodeRangePool {
  /** 2^(N - C). */
  readonly count: bigint;
  private readonly singles = new Set<bigint>();
  private intervals: Interval[] = [];
  private serviceIntervals: Interval[] = [];
  private cursor = 0n;
  private readonly shift: bigint;

  constructor(
    readonly cidr: Cidr,
    readonly nodeMask: number,
    /** Index in the cluster's clusterCIDRs. */
    readonly index: number,
    readonly nodeSelector: Readonly<Record<string, string>> | undefined,
  ) {
    this.count = nodeRangeCount(cidr, nodeMask);
    this.shift = BigInt(familyBits(cidr.family) - nodeMask);
  }

  /** Number of selector terms (0 for a default block). */
  get selectorTerms(): number {
    return this.nodeSelector ? Object.keys(this.nodeSelector).length : 0;
  }

  /** Does this block apply to a node with these labels (all selector labels equal)? */
  matches(labels: Readonly<Record<string, string>> | undefined): boolean {
    if (!this.nodeSelector) return true;
    for (const [k, v] of Object.entries(this.nodeSelector)) {
      if (labels?.[k] !== v) return false;
    }
    return true;
  }

  /** Indices [lo, hi] of the node ranges that overlap `c`, or null (cidr_set.go getBeginningAndEndIndices). */
  span(c: Cidr): Interval | null {
    if (this.count === 0n || !cidrOverlaps(this.cidr, c)) return null;
    const lo = c.base > this.cidr.base ? c.base : this.cidr.base;
    const cl = cidrLast(c);
    const pl = cidrLast(this.cidr);
    const hi = cl < pl ? cl : pl;
    return [(lo - this.cidr.base) >> this.shift, (hi - this.cidr.base) >> this.shift];
  }

  /** Mark the node ranges overlapping `c` as used (cidrset Occupy). */
  occupy(c: Cidr): void {
    const s = this.span(c);
    if (!s) return;
    if (s[0] === s[1]) this.singles.add(s[0]);
    else this.intervals = mergeInterval(this.intervals, s);
  }

  /**
   * Mark the node ranges overlapping a service CIDR as used, never to be handed out
   * (range_allocator.go filterOutServiceRange).
   */
  blockService(c: Cidr): void {
    const s = this.span(c);
    if (!s) return;
    this.intervals = mergeInterval(this.intervals, s);
    this.serviceIntervals = mergeInterval(this.serviceIntervals, s);
  }

  private inInterval(i: bigint): Interval | null {
    const list = this.intervals;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const iv = list[mid];
      if (!iv) break;
      if (i < iv[0]) hi = mid - 1;
      else if (i > iv[1]) lo = mid + 1;
      else return iv;
    }
    return null;
  }

  isUsed(i: bigint): boolean {
    return this.singles.has(i) || this.inInterval(i) !== null;
  }

  /**
   * The index AllocateNext would take: the first free one from the cursor, wrapping around;
   * null when the pool is full. Steps are bounded by the occupied entries, not the pool size.
   */
  peek(): bigint | null {
    const count = this.count;
    if (count === 0n) return null;
    let c = this.cursor;
    let travelled = 0n;
    while (travelled < count) {
      const iv = this.inInterval(c);
      if (iv) {
        travelled += iv[1] - c + 1n;
        c = iv[1] + 1n;
      } else if (this.singles.has(c)) {
        travelled += 1n;
        c += 1n;
      } else {
        return c;
      }
      if (c >= count) c = 0n;
    }
    return null;
  }

  /** Take index `i` (from peek) and move the cursor past it, as AllocateNext does. */
  take(i: bigint): Cidr {
    this.singles.add(i);
    this.cursor = (i + 1n) % this.count;
    return this.rangeAt(i);
  }

  rangeAt(i: bigint): Cidr {
    return cidrSubnet(this.cidr, this.nodeMask, i);
  }

  /** Node ranges blocked because they overlap a service CIDR. */
  blockedByServices(): bigint {
    return intervalsSize(this.serviceIntervals);
  }

  /** Node ranges marked used (by nodes, given CIDRs or service overlap), each counted once. */
  occupied(): bigint {
    let n = intervalsSize(this.intervals);
    for (const i of this.singles) if (!this.inInterval(i)) n += 1n;
    return n;
  }
}
