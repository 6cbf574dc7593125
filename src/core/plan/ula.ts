/**
 * IPv6 Unique Local Addresses (RFC 4193): the private IPv6 space, like RFC 1918 for IPv4
 * (talk 001: ULAs inside, a global address on the load balancer).
 *
 * A locally assigned ULA prefix is fd00::/8 (prefix fc00::/7 with the L bit set), then a
 * 40-bit Global ID, giving a /48 per site: fdXX:XXXX:XXXX::/48, with 16 bits of subnet ID
 * (65,536 /64s) below it. RFC 4193 section 3.2 asks for a pseudo-random Global ID so that two
 * sites that merge later do not collide; the caller passes the randomness in (e.g.
 * `crypto.getRandomValues`) so this module stays pure.
 */
import { cidrFrom, type Cidr } from '../model/cidr';
import { ipText } from '../model/ipam-format';

/** RFC 4193: the Global ID is 40 bits. */
export const ULA_GLOBAL_ID_BITS = 40;
export const ULA_MAX_GLOBAL_ID = (1n << 40n) - 1n;
/** fd00::/8 as the top byte of a 128-bit value. */
const FD = 0xfdn << 120n;

/** Is `globalId` a valid 40-bit Global ID? */
export const isUlaGlobalId = (globalId: bigint): boolean =>
  typeof globalId === 'bigint' && globalId >= 0n && globalId <= ULA_MAX_GLOBAL_ID;

/**
 * The /48 of a Global ID, e.g. 0x123456789a -> "fd12:3456:789a::/48". Returns null when the ID
 * is not a 40-bit number (nothing is truncated silently).
 */
export function ulaPrefix(globalId: bigint): string | null {
  if (!isUlaGlobalId(globalId)) return null;
  return `${ipText('IPv6', FD | (globalId << 80n))}/48`;
}

/**
 * A random 40-bit Global ID from the caller's random source: `randomBytes(5)` must return at
 * least 5 random bytes (missing bytes count as 0; extra bytes are ignored).
 */
export function randomGlobalId(randomBytes: (n: number) => Uint8Array): bigint {
  let bytes: Uint8Array;
  try {
    bytes = randomBytes(5);
  } catch {
    return 0n;
  }
  let id = 0n;
  for (let i = 0; i < 5; i++) id = (id << 8n) | BigInt((bytes?.[i] ?? 0) & 0xff);
  return id;
}

/** The Global ID of a ULA prefix or address inside fd00::/8 ("fd12:3456:789a::/48"), or null. */
export function ulaGlobalIdOf(text: string): bigint | null {
  const c: Cidr | null = cidrFrom(text.includes('/') ? text : `${text}/128`);
  if (!c || c.family !== 'IPv6' || c.prefix < 48) return null;
  if (c.base >> 120n !== 0xfdn) return null;
  return (c.base >> 80n) & ULA_MAX_GLOBAL_ID;
}

/** The `index`-th /64 subnet (0 .. 65,535) of a ULA /48, or null when out of range. */
export function ulaSubnet(globalId: bigint, index: number): string | null {
  if (!isUlaGlobalId(globalId) || !Number.isInteger(index) || index < 0 || index > 0xffff) {
    return null;
  }
  return `${ipText('IPv6', FD | (globalId << 80n) | (BigInt(index) << 64n))}/64`;
}
