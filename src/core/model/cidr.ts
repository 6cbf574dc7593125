/**
 * Address math. Parsing and formatting go through ip-address; arithmetic is BigInt, so an
 * IPv6 /48 split in /64s costs the same as an IPv4 /24: nothing here enumerates a range.
 */
import { Address4, Address6 } from 'ip-address';
import type { IpFamily } from './schema';

/** A parsed IP address. `value` is the address as an unsigned integer. */
export interface IpAddr {
  readonly family: IpFamily;
  readonly value: bigint;
}

/** A parsed CIDR block. `base` is the network address (host bits cleared). */
export interface Cidr {
  readonly family: IpFamily;
  readonly base: bigint;
  readonly prefix: number;
  /** The text had host bits set (e.g. 10.0.1.5/24); `base` has them cleared. */
  readonly hostBitsSet: boolean;
}

export const familyBits = (family: IpFamily): number => (family === 'IPv4' ? 32 : 128);

const parseCache = new Map<string, IpAddr | null>();
const cidrCache = new Map<string, Cidr | null>();
const CACHE_LIMIT = 200_000;

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** Parse an IPv4 or IPv6 address (no prefix, no zone). Returns null when it is not one. */
export function ipFrom(text: string): IpAddr | null {
  const hit = parseCache.get(text);
  if (hit !== undefined) return hit;
  let result: IpAddr | null = null;
  const s = text.trim();
  if (s.length > 0 && s.length <= 64 && !s.includes('/') && !s.includes('%')) {
    if (s.includes(':')) {
      if (Address6.isValid(s)) result = { family: 'IPv6', value: new Address6(s).bigInt() };
    } else if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s) && Address4.isValid(s)) {
      // Kubernetes refuses leading zeros in IPv4 (ambiguous octal); so do we.
      if (!/(^|\.)0\d/.test(s)) result = { family: 'IPv4', value: new Address4(s).bigInt() };
    }
  }
  return remember(parseCache, text, result);
}

/** Parse `address/prefix`. Returns null when it is not a CIDR. */
export function cidrFrom(text: string): Cidr | null {
  const hit = cidrCache.get(text);
  if (hit !== undefined) return hit;
  let result: Cidr | null = null;
  const s = text.trim();
  const slash = s.indexOf('/');
  if (slash > 0 && /^\d{1,3}$/.test(s.slice(slash + 1))) {
    const ip = ipFrom(s.slice(0, slash));
    const prefix = Number(s.slice(slash + 1));
    if (ip && prefix <= familyBits(ip.family)) {
      const base = maskValue(ip.value, ip.family, prefix);
      result = { family: ip.family, base, prefix, hostBitsSet: base !== ip.value };
    }
  }
  return remember(cidrCache, text, result);
}

function maskValue(value: bigint, family: IpFamily, prefix: number): bigint {
  const host = BigInt(familyBits(family) - prefix);
  return (value >> host) << host;
}

export function cidrOf(family: IpFamily, base: bigint, prefix: number): Cidr {
  return { family, base: maskValue(base, family, prefix), prefix, hostBitsSet: false };
}

export function ipToString(ip: IpAddr): string {
  return ip.family === 'IPv4'
    ? Address4.fromBigInt(ip.value).correctForm()
    : Address6.fromBigInt(ip.value).correctForm();
}

export function ipString(family: IpFamily, value: bigint): string {
  return ipToString({ family, value });
}

export function cidrToString(c: Cidr): string {
  return `${ipString(c.family, c.base)}/${c.prefix}`;
}

/** Canonical text of an address, or the input unchanged when it does not parse. */
export function ipCanonical(text: string): string {
  const ip = ipFrom(text);
  return ip ? ipToString(ip) : text;
}

export const hostBits = (c: Cidr): number => familyBits(c.family) - c.prefix;

/** Number of addresses in the block. */
export const cidrSize = (c: Cidr): bigint => 1n << BigInt(hostBits(c));

/** Last address of the block. */
export const cidrLast = (c: Cidr): bigint => c.base + cidrSize(c) - 1n;

export function cidrContainsIp(c: Cidr, ip: IpAddr): boolean {
  return c.family === ip.family && ip.value >= c.base && ip.value <= cidrLast(c);
}

export function cidrContainsCidr(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.family === inner.family &&
    outer.prefix <= inner.prefix &&
    inner.base >= outer.base &&
    cidrLast(inner) <= cidrLast(outer)
  );
}

export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.base <= cidrLast(b) && b.base <= cidrLast(a);
}

/** How many blocks of `newPrefix` fit in `c` (0 when newPrefix is shorter). */
export function cidrSubnetCount(c: Cidr, newPrefix: number): bigint {
  if (newPrefix < c.prefix || newPrefix > familyBits(c.family)) return 0n;
  return 1n << BigInt(newPrefix - c.prefix);
}

/** The `index`-th block of `newPrefix` inside `c`: base + index << (bits - newPrefix). */
export function cidrSubnet(c: Cidr, newPrefix: number, index: bigint): Cidr {
  const shift = BigInt(familyBits(c.family) - newPrefix);
  return {
    family: c.family,
    base: c.base + (index << shift),
    prefix: newPrefix,
    hostBitsSet: false,
  };
}

/** Index of the `newPrefix` block of `c` that holds `ip`, or -1n when outside. */
export function cidrSubnetIndex(c: Cidr, newPrefix: number, ip: bigint): bigint {
  if (ip < c.base || ip > cidrLast(c)) return -1n;
  return (ip - c.base) >> BigInt(familyBits(c.family) - newPrefix);
}

/** Smallest single block that covers all the given addresses/blocks of one family. */
export function cidrCovering(family: IpFamily, items: readonly (Cidr | IpAddr)[]): Cidr | null {
  let lo: bigint | null = null;
  let hi: bigint | null = null;
  for (const it of items) {
    if (it.family !== family) continue;
    const a = 'prefix' in it ? it.base : it.value;
    const b = 'prefix' in it ? cidrLast(it) : it.value;
    if (lo === null || a < lo) lo = a;
    if (hi === null || b > hi) hi = b;
  }
  if (lo === null || hi === null) return null;
  let prefix = familyBits(family);
  while (prefix > 0 && maskValue(lo, family, prefix) !== maskValue(hi, family, prefix)) prefix--;
  return cidrOf(family, lo, prefix);
}

/** `ip:port`, with brackets for IPv6 (`[fd00::1]:80`). */
export function endpointString(ip: string, port?: number | null): string {
  if (port === undefined || port === null) return ip;
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/**
 * A big count as a power of two: "2^64" when exact, "2^64 − 2" when a few addresses off (a /64's
 * pod addresses), else "~2^k" with k the nearest power (by ratio, not rounded down).
 */
export function powerOfTwoText(n: bigint): string {
  if (n <= 0n) return String(n);
  const floor = n.toString(2).length - 1;
  // Nearest power by ratio: 2^(floor+1) when n >= 2^(floor + 0.5), i.e. n^2 >= 2^(2*floor+1).
  const k = n * n >= 1n << BigInt(2 * floor + 1) ? floor + 1 : floor;
  const d = n - (1n << BigInt(k));
  if (d === 0n) return `2^${k}`;
  if (d < 0n && -d <= 65536n) return `2^${k} − ${(-d).toLocaleString('en-US')}`;
  if (d > 0n && d <= 65536n) return `2^${k} + ${d.toLocaleString('en-US')}`;
  return `~2^${k}`;
}

/** A count for people: exact with separators up to 2^53, then as a power of two. */
export function countString(n: bigint): string {
  if (n < 0n) return `-${countString(-n)}`;
  if (n <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(n).toLocaleString('en-US');
  return powerOfTwoText(n);
}
