/**
 * The numbers Kubernetes allocators live by, as pure functions over parsed CIDRs (BigInt).
 * Shared by ipam.ts (filling sparse scenarios), capacity.ts and sizing.ts, so the three never
 * disagree about what a range holds.
 *
 * Sources (kubernetes/kubernetes unless named):
 * - pkg/controller/nodeipam/ipam/cidrset/cidr_set.go: node ranges, clusterSubnetMaxDiff = 16
 *   for IPv6, ErrCIDRRangeNoCIDRsRemaining.
 * - pkg/registry/core/service/ipallocator/ipallocator.go and bitmap.go: the first address is
 *   network + 1, IPv4 also loses the broadcast address; calculateRangeOffset (KEP-3070).
 * - pkg/registry/core/service/portallocator/allocator.go: calculateRangeOffset (KEP-3668).
 * - containernetworking/plugins plugins/ipam/host-local/backend/allocator/range.go:
 *   Canonicalize (gateway network + 1, rangeStart network + 1, rangeEnd broadcast - 1 for IPv4,
 *   "too small to allocate from" when ones > bits - 2).
 * - kubeadm (cmd/kubeadm/app/constants GetDNSIP): cluster DNS is the 10th address.
 */
import { cidrLast, cidrSize, familyBits, ipString, type Cidr } from './cidr';
import type { IpFamily } from './schema';

/** kube-controller-manager's clusterSubnetMaxDiff (IPv6 only in kcm; kubeadm checks both). */
export const CLUSTER_SUBNET_MAX_DIFF = 16;

/** The message kube-controller-manager's cidrset returns when a cluster CIDR is full. */
export const NO_REMAINING_CIDRS =
  'CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range';

/** The message cidrset.NewCIDRSet returns for an IPv6 node mask more than 16 bits longer. */
export const SUBNET_TOO_BIG = 'New CIDR set failed; the node CIDR size is too big';

/** Why a cluster CIDR cannot be split with this node mask, or null when it can. */
export function nodeSplitProblem(cidr: Cidr, nodeMask: number): string | null {
  const bits = familyBits(cidr.family);
  if (!Number.isInteger(nodeMask) || nodeMask < 0 || nodeMask > bits) {
    return `node mask /${nodeMask} is not a valid ${cidr.family} prefix length`;
  }
  if (nodeMask < cidr.prefix) {
    return `node mask /${nodeMask} is shorter than the cluster CIDR's /${cidr.prefix}`;
  }
  if (cidr.family === 'IPv6' && nodeMask - cidr.prefix > CLUSTER_SUBNET_MAX_DIFF) {
    return `${SUBNET_TOO_BIG} (/${nodeMask} is ${nodeMask - cidr.prefix} bits longer than /${cidr.prefix}; at most ${CLUSTER_SUBNET_MAX_DIFF})`;
  }
  return null;
}

/** Number of node ranges: 2^(N - C); 0n when the split is impossible. */
export function nodeRangeCount(cidr: Cidr, nodeMask: number): bigint {
  const bits = familyBits(cidr.family);
  if (!Number.isInteger(nodeMask) || nodeMask < cidr.prefix || nodeMask > bits) return 0n;
  return 1n << BigInt(nodeMask - cidr.prefix);
}

/** Addresses in a block of `prefix` in `family`. */
export const blockSize = (family: IpFamily, prefix: number): bigint =>
  1n << BigInt(familyBits(family) - prefix);

/** The addresses CNI host-local hands out from a node range (default config: no rangeStart/End). */
export interface HostLocalBounds {
  /** rangeStart: network + 1. */
  readonly start: bigint;
  /** rangeEnd: broadcast - 1 for IPv4, the last address for IPv6. */
  readonly end: bigint;
  /** The gateway (network + 1), skipped by the iterator. */
  readonly gateway: bigint;
  /** Addresses pods can get: 2^h - 3 (IPv4), 2^h - 2 (IPv6). */
  readonly usable: bigint;
}

/** host-local's range for a node pod CIDR, or null when it is "too small to allocate from". */
export function hostLocalBounds(c: Cidr): HostLocalBounds | null {
  const bits = familyBits(c.family);
  if (c.prefix > bits - 2) return null; // range.go Canonicalize: ones > masklen-2
  const start = c.base + 1n;
  const end = c.family === 'IPv4' ? cidrLast(c) - 1n : cidrLast(c);
  return { start, end, gateway: c.base + 1n, usable: end - start }; // start..end minus the gateway
}

/** Usable pod addresses of a node range of `prefix` (0n when too small). */
export function hostLocalUsable(family: IpFamily, prefix: number): bigint {
  const bits = familyBits(family);
  if (prefix > bits - 2 || prefix < 0) return 0n;
  return blockSize(family, prefix) - (family === 'IPv4' ? 3n : 2n);
}

/** The message host-local returns for /31, /32, /127, /128 ranges. */
export const tooSmallMessage = (cidrText: string): string =>
  `Network ${cidrText} too small to allocate from`;

/** KEP-3070 (ipallocator calculateRangeOffset): min(max(16, size/16), 256), 0 when size <= 16. */
export function serviceRangeOffset(size: bigint): bigint {
  if (size <= 16n) return 0n;
  const offset = size / 16n;
  if (offset < 16n) return 16n;
  if (offset > 256n) return 256n;
  return offset;
}

/** KEP-3668 (portallocator calculateRangeOffset): min(max(16, size/32), 128), 0 when size <= 16. */
export function nodePortRangeOffset(size: number): number {
  if (!Number.isFinite(size) || size <= 16) return 0;
  const offset = Math.floor(size / 32);
  if (offset < 16) return 16;
  if (offset > 128) return 128;
  return offset;
}

/** What kube-apiserver's ClusterIP allocator makes of one service CIDR. */
export interface ServiceRangeBounds {
  readonly cidr: Cidr;
  /** Network + 1 (the network address is never handed out). */
  readonly first: bigint;
  /** The last address; IPv4 loses the broadcast address. */
  readonly last: bigint;
  /** Addresses the allocator can hand out (0n when first > last). */
  readonly usable: bigint;
  /** KEP-3070 offset: the static band is first .. first + offset - 1. */
  readonly offset: bigint;
}

export function serviceRangeBounds(c: Cidr): ServiceRangeBounds {
  const first = c.base + 1n;
  const last = c.family === 'IPv4' ? cidrLast(c) - 1n : cidrLast(c);
  const usable = last >= first ? last - first + 1n : 0n;
  let offset = serviceRangeOffset(cidrSize(c));
  if (offset > usable) offset = usable;
  return { cidr: c, first, last, usable, offset };
}

/** The `kubernetes.default` address: the first address after the network address. */
export function kubernetesServiceIp(b: ServiceRangeBounds): bigint | null {
  return b.usable > 0n ? b.first : null;
}

/** kubeadm's cluster DNS address: base + 10 (10.96.0.10 in 10.96.0.0/12). */
export function dnsServiceIp(b: ServiceRangeBounds): bigint | null {
  const ip = b.cidr.base + 10n;
  return ip >= b.first && ip <= b.last ? ip : null;
}

/** A band of values, inclusive. */
export interface Band {
  readonly first: bigint;
  readonly last: bigint;
  readonly size: bigint;
}

export function staticBand(b: ServiceRangeBounds): Band | null {
  if (b.offset <= 0n) return null;
  return { first: b.first, last: b.first + b.offset - 1n, size: b.offset };
}

export const bandString = (family: IpFamily, band: Band): { first: string; last: string } => ({
  first: ipString(family, band.first),
  last: ipString(family, band.last),
});

/** Smallest k with 2^k >= n (n >= 1), as a number; 0 for n <= 1. */
export function ceilLog2(n: bigint): number {
  if (n <= 1n) return 0;
  return (n - 1n).toString(2).length;
}

/** `num / den` as a float, exact enough for charts even for 2^128-sized values. */
export function ratio(num: bigint, den: bigint): number {
  if (den === 0n) return num === 0n ? 0 : Infinity;
  // Both convert to doubles with relative error ~1e-16 (addresses stay far below 2^1024).
  return Number(num) / Number(den);
}
