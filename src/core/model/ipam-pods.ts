/**
 * Pod IPs (status.podIPs), as CNI host-local IPAM hands them out from the node's podCIDRs
 * (containernetworking/plugins plugins/ipam/host-local/backend/allocator/{range,allocator}.go):
 * - one range per family of the node (the first podCIDR of each family);
 * - rangeStart is network + 1, rangeEnd the last address (IPv4: broadcast - 1), the gateway
 *   (network + 1) is skipped: 2^h - 3 usable addresses for IPv4, 2^h - 2 for IPv6; /31, /32,
 *   /127 and /128 are "too small to allocate from";
 * - GetIter starts at lastReservedIP + 1 (round-robin) and wraps to rangeStart; addresses in
 *   use are skipped. We walk the pods in scenario order: a given IP becomes the last reserved
 *   one of its range, a missing one is allocated after it. Given IPs are never handed out again.
 * - a pod's ADD fails as a whole when any family has no address left.
 * Host-network pods get the node's host IPs instead (pkg/util/node GetNodeHostIPs: InternalIPs
 * first, then ExternalIPs; the first address plus the first one of the other family).
 * kubelet lists podIPs with the family of the node's primary IP first (kubelet_pods.go sortPodIPs).
 */
import { cidrFrom, cidrOf, cidrToString, ipFrom, type Cidr } from './cidr';
import type { Finding } from './findings';
import { ipText, OffsetText, withField } from './ipam-format';
import { clusterFamilies } from './ipam-nodes';
import { hostLocalBounds, tooSmallMessage, type HostLocalBounds } from './ipam-rules';
import { podRef } from './refs';
import type { Cluster, IpFamily, Node, Pod } from './schema';

const CNI = 'CNI host-local';

const MAX = Number.MAX_SAFE_INTEGER;

/**
 * One node range as host-local sees it. Addresses are kept as offsets from the network address:
 * numbers while they are below 2^53 (every IPv4 range, and every address a pod will ever get
 * from an IPv6 range in practice), bigints only for given IPv6 addresses further up a /64. This
 * keeps 10,000 allocations free of BigInt garbage.
 */
class PodRange {
  readonly text: string;
  readonly bounds: HostLocalBounds | null;
  private readonly fmt: OffsetText;
  /** rangeEnd as an offset, capped at 2^53 - 1. */
  private readonly endOff: number;
  /** Whether rangeEnd is beyond 2^53 - 1 (IPv6 ranges wider than /75). */
  private readonly huge: boolean;
  private readonly taken = new Set<number>();
  private readonly takenHuge = new Set<bigint>();
  /** Taken offsets in start..end other than the gateway. */
  private inUse = 0n;
  /** lastReservedIP as an offset (a bigint when beyond 2^53 - 1). */
  private last: number | bigint | null = null;

  constructor(readonly cidr: Cidr) {
    this.text = cidrToString(cidr);
    this.bounds = hostLocalBounds(cidr);
    this.fmt = new OffsetText(cidr.family, cidr.base, cidr.prefix);
    const end = this.bounds ? this.bounds.end - cidr.base : 0n;
    this.huge = end > BigInt(MAX);
    this.endOff = this.huge ? MAX : Number(end);
  }

  /** Offset of `ip` when it lies in start..end, else null. */
  private offsetOf(ip: bigint): number | bigint | null {
    const b = this.bounds;
    if (!b || ip < b.start || ip > b.end) return null;
    const off = ip - this.cidr.base;
    return off > BigInt(MAX) ? off : Number(off);
  }

  /** A given pod IP: never handed out again. */
  take(ip: bigint): void {
    const off = this.offsetOf(ip);
    if (off === null || off === 1) return; // outside start..end, or the gateway
    if (typeof off === 'number') {
      if (this.taken.has(off)) return;
      this.taken.add(off);
    } else {
      if (this.takenHuge.has(off)) return;
      this.takenHuge.add(off);
    }
    this.inUse += 1n;
  }

  /** A given pod IP seen in pod order: the iterator continues after it. */
  reserved(ip: bigint): void {
    const off = this.offsetOf(ip);
    if (off !== null) this.last = off;
  }

  /** host-local GetIter + Next: the next free offset after the last reserved one, wrapping. */
  next(): number | bigint | null {
    const b = this.bounds;
    if (!b || this.inUse >= b.usable) return null;
    if (typeof this.last === 'bigint') {
      // Continue up the far end of a wide IPv6 range, then wrap to the start.
      const end = b.end - this.cidr.base;
      for (let c = this.last + 1n; c <= end; c += 1n) {
        if (!this.takenHuge.has(c)) return c;
      }
    }
    let c = typeof this.last === 'number' ? this.last + 1 : 1;
    // A free offset exists, so this ends within |taken| + 2 steps (one wrap at most).
    for (;;) {
      if (c > this.endOff) c = 1;
      if (c !== 1 && !this.taken.has(c)) return c;
      c += 1;
    }
  }

  /** Commit an offset from next(). */
  commit(off: number | bigint): string {
    if (typeof off === 'number') this.taken.add(off);
    else this.takenHuge.add(off);
    this.inUse += 1n;
    this.last = off;
    return typeof off === 'number'
      ? this.fmt.text(off)
      : ipText(this.cidr.family, this.cidr.base + off);
  }
}

interface NodeState {
  readonly node: Node;
  /** One range per family, in the node's family order. */
  readonly ranges: PodRange[];
  /** GetNodeHostIPs. */
  readonly hostIps: string[];
}

/** GetNodeHostIPs: InternalIPs, then ExternalIPs; the first, plus the first of the other family. */
export function nodeHostIps(node: Node): string[] {
  const all: { text: string; family: IpFamily }[] = [];
  for (const type of ['InternalIP', 'ExternalIP'] as const) {
    for (const a of node.addresses) {
      if (a.type !== type) continue;
      const ip = ipFrom(a.address);
      if (ip) all.push({ text: ipText(ip.family, ip.value), family: ip.family });
    }
  }
  const first = all[0];
  if (!first) return [];
  const other = all.find((a) => a.family !== first.family);
  return other ? [first.text, other.text] : [first.text];
}

function rangeKey(family: IpFamily, prefix: number, base: bigint): string {
  return `${family}|${prefix}|${base}`;
}

/** Fill missing pod podIPs of one cluster (nodes already filled). */
export function fillPodIps(
  cluster: Cluster,
  nodes: readonly Node[],
  findings: Finding[],
  filled: Set<string>,
): Pod[] {
  if (!cluster.pods.some((p) => !p.podIPs || p.podIPs.length === 0)) return cluster.pods;

  const familyOrder = clusterFamilies(cluster);
  const states = new Map<string, NodeState>();
  const byKey = new Map<string, PodRange>();
  const prefixes: Record<IpFamily, Set<number>> = { IPv4: new Set(), IPv6: new Set() };

  for (const node of nodes) {
    if (states.has(node.name)) continue;
    const hostIps = nodeHostIps(node);
    const primary = hostIps[0] ? ipFrom(hostIps[0])?.family : undefined;
    const order = primary
      ? [primary, ...familyOrder.filter((f) => f !== primary)]
      : familyOrder.slice();
    const perFamily = new Map<IpFamily, PodRange>();
    for (const text of node.podCIDRs ?? []) {
      const c = cidrFrom(text);
      if (!c || perFamily.has(c.family)) continue;
      const key = rangeKey(c.family, c.prefix, c.base);
      let r = byKey.get(key);
      if (!r) {
        r = new PodRange(c);
        byKey.set(key, r);
        prefixes[c.family].add(c.prefix);
      }
      perFamily.set(c.family, r);
      if (!order.includes(c.family)) order.push(c.family);
    }
    const ranges: PodRange[] = [];
    for (const f of order) {
      const r = perFamily.get(f);
      if (r) ranges.push(r);
    }
    states.set(node.name, { node, ranges, hostIps });
  }

  // Every range that holds a given pod IP (on whichever node) never hands it out again.
  for (const pod of cluster.pods) {
    if (pod.hostNetwork) continue;
    for (const text of pod.podIPs ?? []) {
      const ip = ipFrom(text);
      if (!ip) continue;
      for (const p of prefixes[ip.family]) {
        byKey.get(rangeKey(ip.family, p, cidrOf(ip.family, ip.value, p).base))?.take(ip.value);
      }
    }
  }

  let changed = false;
  const pods = cluster.pods.map((pod) => {
    const ref = podRef(cluster.name, pod.namespace, pod.name);
    const state = states.get(pod.nodeName);
    if (pod.podIPs && pod.podIPs.length > 0) {
      // Given: kept. It is the last reserved address of its node's range (pod order).
      if (!pod.hostNetwork && state) {
        for (const text of pod.podIPs) {
          const ip = ipFrom(text);
          if (!ip) continue;
          state.ranges.find((x) => x.cidr.family === ip.family)?.reserved(ip.value);
        }
      }
      return pod;
    }
    if (!state) {
      findings.push({
        severity: 'warning',
        object: ref,
        field: 'status.podIPs',
        message: `IPAM gives the pod no IP: its node "${pod.nodeName}" is not in the cluster.`,
        source: 'kubelet',
      });
      return pod;
    }
    if (pod.hostNetwork) {
      if (state.hostIps.length === 0) {
        findings.push({
          severity: 'warning',
          object: ref,
          field: 'status.podIPs',
          message: `The host-network pod gets no IP: node "${pod.nodeName}" lists no InternalIP or ExternalIP.`,
          source: 'kubelet',
        });
        return pod;
      }
      changed = true;
      filled.add(`${ref}#podIPs`);
      return withField(pod, 'podIPs', state.hostIps.slice());
    }
    if (state.ranges.length === 0) {
      findings.push({
        severity: 'warning',
        object: ref,
        field: 'status.podIPs',
        message: `IPAM gives the pod no IP: node "${pod.nodeName}" has no pod range (spec.podCIDRs).`,
        source: CNI,
      });
      return pod;
    }
    const picks: { r: PodRange; off: number | bigint }[] = [];
    for (const r of state.ranges) {
      if (!r.bounds) {
        findings.push({
          severity: 'error',
          object: ref,
          field: 'status.podIPs',
          message: `${tooSmallMessage(r.text)}: the pod on node "${pod.nodeName}" gets no IP (host-local needs at least a /30 or /126).`,
          source: CNI,
        });
        return pod;
      }
      const off = r.next();
      if (off === null) {
        const b = r.bounds;
        findings.push({
          severity: 'error',
          object: ref,
          field: 'status.podIPs',
          message: `no IP addresses available in range set: ${ipText(r.cidr.family, b.start)}-${ipText(r.cidr.family, b.end)} (node "${pod.nodeName}", ${r.text}: all ${b.usable} pod addresses are in use).`,
          source: CNI,
        });
        return pod;
      }
      picks.push({ r, off });
    }
    const podIPs: string[] = [];
    for (const { r, off } of picks) podIPs.push(r.commit(off));
    changed = true;
    filled.add(`${ref}#podIPs`);
    return withField(pod, 'podIPs', podIPs);
  });
  return changed ? pods : cluster.pods;
}
