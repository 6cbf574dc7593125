/**
 * Building blocks of validate.ts: the findings sink, parsing with findings instead of
 * exceptions, and BigInt interval helpers (sorted, binary-searched: no pairwise loops).
 */
import { cidrFrom, cidrLast, cidrToString, familyBits, ipFrom, ipToString } from './cidr';
import type { Cidr, IpAddr } from './cidr';
import type { Finding, Severity } from './findings';
import type { IpFamily } from './schema';

/** Who enforces a rule. Kubernetes components by name; the rest are ours. */
export const SRC = {
  kcm: 'kube-controller-manager',
  apiserver: 'kube-apiserver',
  kubeadm: 'kubeadm',
  hostLocal: 'CNI host-local',
  kubelet: 'kubelet',
  kubeProxy: 'kube-proxy',
  nodeIpam: 'node-ipam-controller',
  ingress: 'ingress controller',
  model: 'network model',
  packetwalk: 'Packetwalk',
} as const;

/** Collects findings; every rule reports through it. */
export class Sink {
  readonly findings: Finding[] = [];

  add(severity: Severity, object: string, field: string, message: string, source: string): void {
    this.findings.push({ severity, object, field, message, source });
  }
  error(object: string, field: string, message: string, source: string): void {
    this.add('error', object, field, message, source);
  }
  warning(object: string, field: string, message: string, source: string): void {
    this.add('warning', object, field, message, source);
  }
  info(object: string, field: string, message: string, source: string): void {
    this.add('info', object, field, message, source);
  }
}

/** `"x"` with a cap on length, for quoting user input in messages. */
export function quote(text: string): string {
  const s = text.length > 70 ? `${text.slice(0, 67)}...` : text;
  return JSON.stringify(s);
}

const LEADING_ZERO = /(^|\.)0\d/;

/** Why `text` is not an IP address, in words. */
export function ipProblem(text: string): string {
  const s = text.trim();
  if (s.length === 0) return 'is empty, not an IP address';
  if (s.includes('/')) return `${quote(text)} is a CIDR, not a single IP address`;
  if (s.includes('%')) return `${quote(text)} has a zone (%), which Kubernetes does not accept`;
  if (!s.includes(':') && /^\d{1,3}(\.\d{1,3}){3}$/.test(s) && LEADING_ZERO.test(s)) {
    return `${quote(text)} has leading zeros, which are ambiguous (octal or decimal?)`;
  }
  return `${quote(text)} is not an IPv4 or IPv6 address`;
}

/** Why `text` is not a CIDR, in words. */
export function cidrProblem(text: string): string {
  const s = text.trim();
  if (s.length === 0) return 'is empty, not a CIDR';
  const slash = s.indexOf('/');
  if (slash < 0) {
    return ipFrom(s)
      ? `${quote(text)} is a single address; a CIDR needs a /prefix`
      : `${quote(text)} is not a CIDR (address/prefix)`;
  }
  const addrText = s.slice(0, slash);
  const prefixText = s.slice(slash + 1);
  const ip = ipFrom(addrText);
  if (!ip) return `${quote(text)} is not a CIDR: ${ipProblem(addrText)}`;
  if (!/^\d{1,3}$/.test(prefixText)) {
    return `${quote(text)} is not a CIDR: the prefix ${quote(prefixText)} is not a number`;
  }
  const bits = familyBits(ip.family);
  return `${quote(text)} has prefix /${Number(prefixText)}, out of range for ${ip.family} (/0 to /${bits})`;
}

const refuses = (source: string): string =>
  source === SRC.packetwalk ? 'Packetwalk cannot place it' : `${source} refuses it`;

/** Parse an IP address; report an error when it does not parse. */
export function parseIp(
  out: Sink,
  object: string,
  field: string,
  text: string,
  source: string,
  what = 'address',
): IpAddr | null {
  const ip = ipFrom(text);
  if (ip) return ip;
  const s = text.trim();
  const decimal = s
    .split('.')
    .map((o) => String(Number(o)))
    .join('.');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s) && LEADING_ZERO.test(s) && ipFrom(decimal)) {
    // Go's ParseIPSloppy reads them as decimal; legacy API fields accept them with a warning.
    out.error(
      object,
      field,
      `${what} ${quote(text)} has leading zeros, which are ambiguous (octal or decimal?); Kubernetes reads it as ${decimal} and warns (strict validation refuses it); write ${decimal}`,
      SRC.packetwalk,
    );
    return null;
  }
  out.error(object, field, `${what} ${ipProblem(text)}; ${refuses(source)}`, source);
  return null;
}

export type HostBitsPolicy =
  /** Accepted and silently masked (flags parsed with net.ParseCIDR). */
  | { kind: 'masked'; source: string }
  /** Accepted with a warning (legacy API fields: GetWarningsForCIDR). */
  | { kind: 'warned'; source: string }
  /** Refused (new API fields validated with IsValidCIDR). */
  | { kind: 'refused'; source: string };

/**
 * Parse a CIDR; report an error when it does not parse, and host bits as the policy says.
 * kubernetes/staging/src/k8s.io/apimachinery/pkg/util/validation/ip.go: IsValidCIDR refuses
 * bits beyond the prefix; IsValidCIDRForLegacyField accepts them and GetWarningsForCIDR warns
 * "CIDR value ... is ambiguous in this context".
 */
export function parseCidr(
  out: Sink,
  object: string,
  field: string,
  text: string,
  source: string,
  hostBits: HostBitsPolicy,
  what = 'CIDR',
): Cidr | null {
  const c = cidrFrom(text);
  if (!c) {
    out.error(object, field, `${what} ${cidrProblem(text)}; ${refuses(source)}`, source);
    return null;
  }
  if (c.hostBitsSet) {
    const clean = cidrToString(c);
    switch (hostBits.kind) {
      case 'masked':
        out.warning(
          object,
          field,
          `${what} ${quote(text)} has host bits set after the /${c.prefix}; ${hostBits.source} ignores them and uses ${clean}`,
          hostBits.source,
        );
        break;
      case 'warned':
        out.warning(
          object,
          field,
          `${what} ${quote(text)} has host bits set after the /${c.prefix} (did you mean ${clean}?); ${hostBits.source} accepts it with a warning that it is ambiguous`,
          hostBits.source,
        );
        break;
      case 'refused':
        out.error(
          object,
          field,
          `${what} ${quote(text)} has host bits set after the /${c.prefix}; ${hostBits.source} refuses it (write ${clean})`,
          hostBits.source,
        );
        break;
    }
  }
  return c;
}

/** `10.0.0.0/16`, canonical. */
export const cidrText = (c: Cidr): string => cidrToString(c);
export const ipText = (ip: IpAddr): string => ipToString(ip);

/** Key of an address in a Map: family and value. */
export const ipKey = (family: IpFamily, value: bigint): string =>
  `${family === 'IPv4' ? 4 : 6}:${value.toString(16)}`;

/** A map from addresses to values, keyed by BigInt (no string keys on hot paths). */
export class AddressMap<V> {
  private readonly v4 = new Map<bigint, V>();
  private readonly v6 = new Map<bigint, V>();

  get(ip: IpAddr): V | undefined {
    return (ip.family === 'IPv4' ? this.v4 : this.v6).get(ip.value);
  }
  set(ip: IpAddr, value: V): void {
    (ip.family === 'IPv4' ? this.v4 : this.v6).set(ip.value, value);
  }
  has(ip: IpAddr): boolean {
    return (ip.family === 'IPv4' ? this.v4 : this.v6).has(ip.value);
  }
}

/** A closed interval of addresses with what it stands for. */
export interface Interval<T> {
  readonly family: IpFamily;
  readonly lo: bigint;
  readonly hi: bigint;
  readonly item: T;
}

export function intervalOf<T>(c: Cidr, item: T): Interval<T> {
  return { family: c.family, lo: c.base, hi: cidrLast(c), item };
}

const byLo = <T>(a: Interval<T>, b: Interval<T>): number =>
  a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : a.hi > b.hi ? -1 : a.hi < b.hi ? 1 : 0;

/** Intervals of one family sorted by start, for binary search. */
export class IntervalIndex<T> {
  private readonly v4: Interval<T>[];
  private readonly v6: Interval<T>[];
  /** Running maximum of `hi` over the sorted prefix, so containment queries stay exact. */
  private readonly v4Max: bigint[];
  private readonly v6Max: bigint[];

  constructor(items: readonly Interval<T>[]) {
    this.v4 = items.filter((i) => i.family === 'IPv4').sort(byLo);
    this.v6 = items.filter((i) => i.family === 'IPv6').sort(byLo);
    this.v4Max = runningMax(this.v4);
    this.v6Max = runningMax(this.v6);
  }

  get size(): number {
    return this.v4.length + this.v6.length;
  }

  /** Sorted intervals of a family. */
  list(family: IpFamily): readonly Interval<T>[] {
    return family === 'IPv4' ? this.v4 : this.v6;
  }

  /**
   * One interval that overlaps [lo, hi] and passes `accept`, or null. O(log n) plus a walk
   * back that stops as soon as no earlier interval can reach `lo` (running maximum of `hi`).
   */
  findOverlap(
    family: IpFamily,
    lo: bigint,
    hi: bigint,
    accept: (item: T) => boolean = () => true,
  ): Interval<T> | null {
    const list = family === 'IPv4' ? this.v4 : this.v6;
    const max = family === 'IPv4' ? this.v4Max : this.v6Max;
    // Last index whose lo <= hi.
    let a = 0;
    let b = list.length - 1;
    let last = -1;
    while (a <= b) {
      const m = (a + b) >> 1;
      const it = list[m];
      if (it !== undefined && it.lo <= hi) {
        last = m;
        a = m + 1;
      } else b = m - 1;
    }
    for (let i = last; i >= 0; i--) {
      const runMax = max[i];
      if (runMax === undefined || runMax < lo) break; // nothing at or before i reaches lo
      const it = list[i];
      if (it !== undefined && it.hi >= lo && accept(it.item)) return it;
    }
    return null;
  }

  /** One interval that contains the address, or null. */
  findContaining(
    family: IpFamily,
    value: bigint,
    accept?: (item: T) => boolean,
  ): Interval<T> | null {
    return this.findOverlap(family, value, value, accept);
  }
}

function runningMax<T>(list: readonly Interval<T>[]): bigint[] {
  const out: bigint[] = [];
  let m = -1n;
  for (const it of list) {
    if (it.hi > m) m = it.hi;
    out.push(m);
  }
  return out;
}

/**
 * Report each interval that overlaps an earlier one (sorted by start), once, paired with the
 * earlier interval that reaches furthest. O(n log n); finds every interval that overlaps any
 * other interval of the list.
 */
export function sweepOverlaps<T>(
  items: readonly Interval<T>[],
  onOverlap: (earlier: Interval<T>, later: Interval<T>) => void,
): void {
  for (const family of ['IPv4', 'IPv6'] as const) {
    const list = items.filter((i) => i.family === family).sort(byLo);
    let widest: Interval<T> | null = null;
    for (const it of list) {
      if (widest && it.lo <= widest.hi) onOverlap(widest, it);
      if (!widest || it.hi > widest.hi) widest = it;
    }
  }
}

/**
 * Merge intervals into disjoint runs; each run keeps the item of the interval that opened it
 * (the widest at its start).
 */
export function mergeIntervals<T>(items: readonly Interval<T>[]): Interval<T>[] {
  const out: Interval<T>[] = [];
  for (const family of ['IPv4', 'IPv6'] as const) {
    const list = items.filter((i) => i.family === family).sort(byLo);
    let run: { family: IpFamily; lo: bigint; hi: bigint; item: T } | null = null;
    for (const it of list) {
      if (run && it.lo <= run.hi) {
        if (it.hi > run.hi) run.hi = it.hi;
      } else {
        if (run) out.push(run);
        run = { family, lo: it.lo, hi: it.hi, item: it.item };
      }
    }
    if (run) out.push(run);
  }
  return out;
}

/** Count of a family's addresses as words: "8 addresses". */
export function addressCount(n: bigint): string {
  if (n <= BigInt(Number.MAX_SAFE_INTEGER)) {
    const k = Number(n);
    return `${k.toLocaleString('en-US')} address${k === 1 ? '' : 'es'}`;
  }
  const bits = n.toString(2).length - 1;
  return `2^${bits} addresses`;
}
