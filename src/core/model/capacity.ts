/**
 * How far a cluster's address blocks go, per family: node ranges, pods per node and in the
 * cluster, Service IPs (with the KEP-3070 bands), NodePorts (KEP-3668), which limit binds first,
 * and plain warnings about running out or wasting space. Also the block chart of a network
 * (`networkUsage`). All counts are BigInt: a 10.0.0.0/8 in /24s or an fd00::/48 in /64s costs
 * the same as a /16. The rules are shared with IPAM (ipam-rules.ts), so capacity and allocation
 * never disagree.
 *
 * Validation (validate.ts) says what is wrong; this file only says how much fits.
 */
import {
  cidrCovering,
  cidrFrom,
  cidrLast,
  cidrOf,
  cidrSize,
  cidrToString,
  countString,
  familyBits,
  ipFrom,
  type Cidr,
} from './cidr';
import { ipText } from './ipam-format';
import { buildNodePools } from './ipam-nodes';
import type { NodeRangePool } from './ipam-node-pool';
import {
  blockSize,
  dnsServiceIp,
  hostLocalUsable,
  kubernetesServiceIp,
  nodePortRangeOffset,
  ratio,
} from './ipam-rules';
import { isHeadless, serviceCidrList, serviceRangesByFamily } from './ipam-services';
import type { Cluster, IpFamily, Scenario } from './schema';
import { DEFAULTS } from './defaults';

export interface BandText {
  first: string;
  last: string;
  size: bigint;
}

export interface NodeBlockCapacity {
  /** Index in the cluster's clusterCIDRs. */
  index: number;
  cidr: string;
  nodeMaskSize: number;
  nodeSelector?: Record<string, string>;
  /** Why IPAM cannot split this block (then all counts are 0). */
  problem: string | null;
  /** 2^(N - C). */
  total: bigint;
  /** Ranges overlapping a service CIDR: marked used, never handed out. */
  blockedByServices: bigint;
  /** Ranges held by nodes (given or filled podCIDRs). */
  used: bigint;
  free: bigint;
  /** Addresses in one node range, 2^(bits - N). */
  addressesPerRange: bigint;
  /** Pod addresses host-local hands out from one range: 2^h - 3 (IPv4), 2^h - 2 (IPv6). */
  podAddressesPerNode: bigint;
  /** min(podAddressesPerNode, maxPods). */
  podsPerNode: bigint;
  /** Which of the two is smaller (maxPods on a tie). */
  podLimit: 'addresses' | 'maxPods';
  /** Pods if every range that can be handed out held a full node. */
  maxPods: bigint;
}

export interface ServiceRangeCapacity {
  name?: string;
  cidr: string;
  /** Addresses in the block. */
  size: bigint;
  /** Addresses the allocator hands out: size - 2 (IPv4), size - 1 (IPv6: network address). */
  usable: bigint;
  /** KEP-3070 lower band for static IPs, base+1 .. base+offset; null when offset is 0. */
  staticBand: BandText | null;
  /** usable - static band size: where dynamic allocation goes first. */
  dynamicSize: bigint;
  /** Distinct clusterIPs in the range, kubernetes.default's included. */
  used: bigint;
  /** Inside another ServiceCIDR of the cluster: not a separate pool (MetaAllocator). */
  nested: boolean;
}

export interface NodePortCapacity {
  min: number;
  max: number;
  total: bigint;
  used: bigint;
  free: bigint;
  /** KEP-3668 static band: min .. min + offset - 1 (null when offset is 0). */
  staticBand: BandText | null;
  dynamicSize: bigint;
}

export type LimitKind = 'nodeRanges' | 'serviceIPs' | 'nodePorts';

export interface BindingLimit {
  kind: LimitKind;
  used: bigint;
  capacity: bigint;
  /** used / capacity (Infinity when capacity is 0 and something needs it). */
  fraction: number;
  sentence: string;
}

export interface FamilyCapacity {
  family: IpFamily;
  nodeRanges: {
    blocks: NodeBlockCapacity[];
    total: bigint;
    blockedByServices: bigint;
    used: bigint;
    free: bigint;
    /** Nodes in the cluster. */
    nodes: number;
    /** Nodes holding a pod range of this family. */
    nodesWithRange: number;
  };
  pods: {
    /** kubelet maxPods (default 110). */
    maxPods: number;
    /** The default block's numbers (the first valid block without selector, else the first valid). */
    podAddressesPerNode: bigint | null;
    podsPerNode: bigint | null;
    limitedBy: 'addresses' | 'maxPods' | null;
    /** Sum over blocks of free-or-used ranges x pods per node. */
    maxInCluster: bigint;
    /** Sum over the current nodes of min(pod addresses of their range, maxPods). */
    maxOnCurrentNodes: bigint;
    /** Pods holding an IP of this family (host-network pods excluded). */
    running: number;
  };
  services: {
    ranges: ServiceRangeCapacity[];
    usable: bigint;
    used: bigint;
    free: bigint;
    /** The first address of the first range of the cluster's primary family. */
    kubernetesIP: string | null;
    /** kubeadm's DNS address: the 10th of that range. */
    dnsIP: string | null;
    /** The first range's static band. */
    staticBand: BandText | null;
    dynamicSize: bigint;
  };
  /** Cluster-wide (the same in every family's entry). */
  nodePorts: NodePortCapacity;
  bindingLimit: BindingLimit;
  warnings: string[];
}

const band = (family: IpFamily, first: bigint, size: bigint): BandText | null =>
  size > 0n
    ? { first: ipText(family, first), last: ipText(family, first + size - 1n), size }
    : null;

const pct = (f: number): string =>
  f === Infinity
    ? 'all'
    : f >= 0.1
      ? `${Math.round(f * 100)}%`
      : f > 0
        ? `${(f * 100).toPrecision(2)}%`
        : '0%';

function blockCapacity(pool: NodeRangePool, maxPods: number): NodeBlockCapacity {
  const total = pool.count;
  const blocked = pool.blockedByServices();
  const occupied = pool.occupied();
  const podAddresses = hostLocalUsable(pool.cidr.family, pool.nodeMask);
  const mp = BigInt(maxPods);
  const podsPerNode = podAddresses < mp ? podAddresses : mp;
  return {
    index: pool.index,
    cidr: cidrToString(pool.cidr),
    nodeMaskSize: pool.nodeMask,
    ...(pool.nodeSelector ? { nodeSelector: { ...pool.nodeSelector } } : {}),
    problem: null,
    total,
    blockedByServices: blocked,
    used: occupied - blocked,
    free: total - occupied,
    addressesPerRange: blockSize(pool.cidr.family, pool.nodeMask),
    podAddressesPerNode: podAddresses,
    podsPerNode,
    podLimit: podAddresses < mp ? 'addresses' : 'maxPods',
    maxPods: (total - blocked) * podsPerNode,
  };
}

export function nodePortCapacity(cluster: Cluster): NodePortCapacity {
  const { min, max } = cluster.nodePortRange ?? DEFAULTS.nodePortRange;
  const size = max >= min ? max - min + 1 : 0;
  const offset = nodePortRangeOffset(size);
  const used = new Set<number>();
  for (const s of cluster.services) {
    if (s.type !== 'NodePort' && s.type !== 'LoadBalancer') continue;
    for (const p of s.ports) {
      if (p.nodePort !== undefined && p.nodePort >= min && p.nodePort <= max) used.add(p.nodePort);
    }
  }
  const total = BigInt(size);
  return {
    min,
    max,
    total,
    used: BigInt(used.size),
    free: total - BigInt(used.size),
    staticBand:
      offset > 0
        ? { first: String(min), last: String(min + offset - 1), size: BigInt(offset) }
        : null,
    dynamicSize: BigInt(size - offset),
  };
}

/** Families a cluster has: its ipFamilies first, then any other one its blocks use. */
function familiesOf(cluster: Cluster): IpFamily[] {
  const out: IpFamily[] = [];
  const add = (f: IpFamily | undefined) => {
    if (f && !out.includes(f)) out.push(f);
  };
  cluster.ipFamilies.forEach(add);
  for (const cc of cluster.clusterCIDRs) add(cidrFrom(cc.cidr)?.family);
  for (const sc of cluster.serviceCIDRs) for (const c of sc.cidrs) add(cidrFrom(c)?.family);
  return out;
}

export function clusterCapacity(cluster: Cluster): FamilyCapacity[] {
  const maxPods = cluster.maxPods ?? DEFAULTS.maxPods;
  const pools = buildNodePools(cluster);
  const serviceRanges = serviceRangesByFamily(cluster);
  const nodePorts = nodePortCapacity(cluster);
  const primary = cluster.ipFamilies[0];

  return familiesOf(cluster).map((family): FamilyCapacity => {
    const warnings: string[] = [];

    // Node ranges.
    const blocks: NodeBlockCapacity[] = (pools.byFamily.get(family) ?? []).map((p) =>
      blockCapacity(p, maxPods),
    );
    for (const s of pools.skipped) {
      if (s.family !== family) continue;
      const cc = cluster.clusterCIDRs[s.index];
      blocks.push({
        index: s.index,
        cidr: s.cidr,
        nodeMaskSize: cc?.nodeMaskSize ?? 0,
        ...(cc?.nodeSelector ? { nodeSelector: { ...cc.nodeSelector } } : {}),
        problem: s.problem,
        total: 0n,
        blockedByServices: 0n,
        used: 0n,
        free: 0n,
        addressesPerRange: 0n,
        podAddressesPerNode: 0n,
        podsPerNode: 0n,
        podLimit: 'addresses',
        maxPods: 0n,
      });
    }
    blocks.sort((a, b) => a.index - b.index);
    const sum = (f: (b: NodeBlockCapacity) => bigint) => blocks.reduce((n, b) => n + f(b), 0n);
    const total = sum((b) => b.total);
    const blockedByServices = sum((b) => b.blockedByServices);
    const used = sum((b) => b.used);
    const free = sum((b) => b.free);
    const nodes = cluster.nodes.length;
    let nodesWithRange = 0;
    let maxOnCurrentNodes = 0n;
    const mp = BigInt(maxPods);
    for (const n of cluster.nodes) {
      const c = (n.podCIDRs ?? []).map((t) => cidrFrom(t)).find((x) => x?.family === family);
      if (!c) continue;
      nodesWithRange++;
      const a = hostLocalUsable(family, c.prefix);
      maxOnCurrentNodes += a < mp ? a : mp;
    }
    const valid = blocks.filter((b) => b.problem === null);
    const main = valid.find((b) => !b.nodeSelector) ?? valid[0] ?? null;

    // Pods.
    let running = 0;
    for (const p of cluster.pods) {
      if (p.hostNetwork) continue;
      if ((p.podIPs ?? []).some((t) => ipFrom(t)?.family === family)) running++;
    }

    // Services.
    const topLevel = serviceRanges.get(family) ?? [];
    const clusterIps = new Set<bigint>();
    for (const s of cluster.services) {
      if (isHeadless(s)) continue;
      for (const t of s.clusterIPs ?? []) {
        const ip = ipFrom(t);
        if (ip?.family === family) clusterIps.add(ip.value);
      }
    }
    const first = topLevel[0];
    const kubeIp = family === primary && first ? kubernetesServiceIp(first) : null;
    const dnsIp = family === primary && first ? dnsServiceIp(first) : null;
    if (kubeIp !== null) clusterIps.add(kubeIp); // kube-apiserver always holds it
    const ranges: ServiceRangeCapacity[] = [];
    for (const { bounds: b, name, nested } of serviceCidrList(cluster)) {
      if (b.cidr.family !== family) continue;
      let inRange = 0n;
      for (const v of clusterIps) if (v >= b.first && v <= b.last) inRange += 1n;
      ranges.push({
        ...(name ? { name } : {}),
        cidr: cidrToString(b.cidr),
        size: cidrSize(b.cidr),
        usable: b.usable,
        staticBand: band(family, b.first, b.offset),
        dynamicSize: b.usable - b.offset,
        used: inRange,
        nested,
      });
    }
    const top = ranges.filter((r) => !r.nested);
    const svcUsable = top.reduce((n, r) => n + r.usable, 0n);
    const svcUsed = top.reduce((n, r) => n + r.used, 0n);

    // Binding limit: the pool with the highest share in use binds first.
    const candidates: { kind: LimitKind; used: bigint; capacity: bigint; what: string }[] = [];
    if (blocks.length > 0) {
      candidates.push({
        kind: 'nodeRanges',
        used: BigInt(Math.max(nodes, 0)),
        capacity: total - blockedByServices,
        what: `${family} node ranges`,
      });
    }
    if (top.length > 0) {
      candidates.push({
        kind: 'serviceIPs',
        used: svcUsed,
        capacity: svcUsable,
        what: `${family} Service IPs`,
      });
    }
    candidates.push({
      kind: 'nodePorts',
      used: nodePorts.used,
      capacity: nodePorts.total,
      what: 'NodePorts',
    });
    let pick = candidates[0] ?? {
      kind: 'nodePorts' as const,
      used: 0n,
      capacity: 0n,
      what: 'NodePorts',
    };
    for (const c of candidates) {
      if (ratio(c.used, c.capacity) > ratio(pick.used, pick.capacity)) pick = c;
    }
    let sentence: string;
    if (pick.used === 0n) {
      // Nothing in use: the smallest pool is the one to watch.
      for (const c of candidates) if (c.capacity < pick.capacity) pick = c;
      sentence = `Nothing is allocated yet; the smallest pool is the ${countString(pick.capacity)} ${pick.what}.`;
    } else {
      sentence = `The ${pick.what} run out first: ${countString(pick.used)} of ${countString(pick.capacity)} in use (${pct(ratio(pick.used, pick.capacity))}).`;
    }
    if (main) {
      sentence +=
        main.podLimit === 'maxPods'
          ? ` Per node, kubelet's maxPods (${maxPods}) binds before the ${countString(main.podAddressesPerNode)} pod addresses of a /${main.nodeMaskSize}.`
          : ` Per node, the ${countString(main.podAddressesPerNode)} pod addresses of a /${main.nodeMaskSize} bind before kubelet's maxPods (${maxPods}).`;
    }

    // Warnings: running out.
    const assignable = total - blockedByServices;
    if (BigInt(nodes) > assignable && blocks.length > 0) {
      warnings.push(
        `${nodes} nodes but only ${countString(assignable)} ${family} node ranges: ${countString(BigInt(nodes) - assignable)} node(s) get no pod range ("no remaining CIDRs left to allocate").`,
      );
    } else if (free === 0n && total > 0n) {
      warnings.push(`All ${family} node ranges are in use: the next node gets no pod range.`);
    }
    for (const b of valid) {
      if (b.podLimit === 'addresses') {
        warnings.push(
          `A /${b.nodeMaskSize} node range (${b.cidr}) holds ${countString(b.podAddressesPerNode)} pod addresses, fewer than maxPods ${maxPods}: pods beyond that fail with "no IP addresses available".`,
        );
      }
    }
    if (svcUsable > 0n && svcUsed >= svcUsable) {
      warnings.push(
        `All ${countString(svcUsable)} ${family} Service IPs are in use: new Services fail ("range is full").`,
      );
    } else if (svcUsable > 0n && ratio(svcUsed, svcUsable) >= 0.9) {
      warnings.push(`${pct(ratio(svcUsed, svcUsable))} of the ${family} Service IPs are in use.`);
    }
    if (
      family === (primary ?? family) &&
      nodePorts.total > 0n &&
      ratio(nodePorts.used, nodePorts.total) >= 0.9
    ) {
      warnings.push(
        `${countString(nodePorts.used)} of ${countString(nodePorts.total)} NodePorts are in use.`,
      );
    }
    if (blockedByServices > 0n) {
      warnings.push(
        `${countString(blockedByServices)} ${family} node range(s) overlap the Service range and are never handed out.`,
      );
    }

    // Warnings: wasting space.
    if (nodes > 0 && total > 100n && used * 100n < total) {
      warnings.push(
        `${used} of ${countString(total)} ${family} node ranges in use (${pct(ratio(used, total))}): the cluster CIDR is far bigger than the nodes need; allocate small and grow.`,
      );
    }
    if (family === 'IPv4') {
      for (const b of valid) {
        if (b.podAddressesPerNode >= 4n * mp) {
          warnings.push(
            `A /${b.nodeMaskSize} node range (${b.cidr}) holds ${countString(b.podAddressesPerNode)} pod addresses for at most ${maxPods} pods: a longer node mask would waste less.`,
          );
        }
      }
    }
    if (svcUsable > 4096n && svcUsed * 100n < svcUsable && cluster.services.length > 0) {
      warnings.push(
        `${svcUsed} of ${countString(svcUsable)} ${family} Service IPs in use (${pct(ratio(svcUsed, svcUsable))}).`,
      );
    }

    return {
      family,
      nodeRanges: { blocks, total, blockedByServices, used, free, nodes, nodesWithRange },
      pods: {
        maxPods,
        podAddressesPerNode: main ? main.podAddressesPerNode : null,
        podsPerNode: main ? main.podsPerNode : null,
        limitedBy: main ? main.podLimit : null,
        maxInCluster: sum((b) => b.maxPods),
        maxOnCurrentNodes,
        running,
      },
      services: {
        ranges,
        usable: svcUsable,
        used: svcUsed,
        free: svcUsable - svcUsed,
        kubernetesIP: kubeIp !== null ? ipText(family, kubeIp) : null,
        dnsIP: dnsIp !== null ? ipText(family, dnsIp) : null,
        staticBand: ranges.find((r) => !r.nested)?.staticBand ?? null,
        dynamicSize: top.reduce((n, r) => n + r.dynamicSize, 0n),
      },
      nodePorts,
      bindingLimit: {
        kind: pick.kind,
        used: pick.used,
        capacity: pick.capacity,
        fraction: ratio(pick.used, pick.capacity),
        sentence,
      },
      warnings,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Network usage: the numbers the address planner charts.

export type UsageKind = 'clusterCIDR' | 'nodes' | 'serviceCIDR' | 'host';

export interface UsageBlock {
  kind: UsageKind;
  /** e.g. "cluster c1 pods", "cluster c1 nodes", "host other". */
  label: string;
  /** The object it belongs to (cluster or host ref). */
  object: string;
  cidr: string;
  /** Addresses of the block inside the parent CIDR. */
  size: bigint;
  /** size / parent size. */
  fraction: number;
}

export interface CidrUsage {
  cidr: string;
  family: IpFamily;
  size: bigint;
  blocks: UsageBlock[];
  /** Addresses covered by at least one block. */
  used: bigint;
  free: bigint;
  freeFraction: number;
}

export interface NetworkUsage {
  network: string;
  /** False when the scenario has no network of that name. */
  found: boolean;
  cidrs: CidrUsage[];
}

/** Addresses of `c` inside `parent` (0n when disjoint). */
function overlapSize(parent: Cidr, c: Cidr): { lo: bigint; hi: bigint } | null {
  if (parent.family !== c.family) return null;
  const lo = c.base > parent.base ? c.base : parent.base;
  const pl = cidrLast(parent);
  const cl = cidrLast(c);
  const hi = cl < pl ? cl : pl;
  return lo <= hi ? { lo, hi } : null;
}

export function networkUsage(s: Scenario, network: string): NetworkUsage {
  const net = s.networks.find((n) => n.name === network);
  if (!net) return { network, found: false, cidrs: [] };
  const onlyNetwork = s.networks.length === 1;
  const attached = (n: string | undefined) => n === network || (n === undefined && onlyNetwork);

  const candidates: { kind: UsageKind; label: string; object: string; cidr: Cidr }[] = [];
  for (const c of s.clusters) {
    if (!attached(c.network)) continue;
    const ref = `cluster/${c.name}`;
    c.clusterCIDRs.forEach((cc) => {
      const x = cidrFrom(cc.cidr);
      if (x)
        candidates.push({
          kind: 'clusterCIDR',
          label: `cluster ${c.name} pods`,
          object: ref,
          cidr: x,
        });
    });
    for (const f of ['IPv4', 'IPv6'] as const) {
      const ips = c.nodes.flatMap((n) =>
        n.addresses
          .filter((a) => a.type === 'InternalIP')
          .map((a) => ipFrom(a.address))
          .filter((ip): ip is NonNullable<typeof ip> => ip?.family === f),
      );
      if (ips.length === 0) continue;
      const cover = cidrCovering(f, ips);
      if (!cover) continue;
      candidates.push({
        kind: 'nodes',
        label: `cluster ${c.name} nodes`,
        object: ref,
        cidr: cover,
      });
    }
    for (const sc of c.serviceCIDRs) {
      for (const t of sc.cidrs) {
        const x = cidrFrom(t);
        if (x)
          candidates.push({
            kind: 'serviceCIDR',
            label: `cluster ${c.name} services`,
            object: ref,
            cidr: x,
          });
      }
    }
  }
  for (const h of s.hosts ?? []) {
    if (!attached(h.network)) continue;
    for (const a of h.addresses) {
      const ip = ipFrom(a);
      if (ip) {
        candidates.push({
          kind: 'host',
          label: `host ${h.name}`,
          object: `host/${h.name}`,
          cidr: cidrOf(ip.family, ip.value, familyBits(ip.family)),
        });
      }
    }
  }

  const cidrs: CidrUsage[] = [];
  for (const text of net.cidrs) {
    const parent = cidrFrom(text);
    if (!parent) continue;
    const size = cidrSize(parent);
    const blocks: UsageBlock[] = [];
    const spans: { lo: bigint; hi: bigint }[] = [];
    for (const c of candidates) {
      const o = overlapSize(parent, c.cidr);
      if (!o) continue;
      const n = o.hi - o.lo + 1n;
      spans.push(o);
      blocks.push({
        kind: c.kind,
        label: c.label,
        object: c.object,
        cidr: cidrToString(c.cidr),
        size: n,
        fraction: ratio(n, size),
      });
    }
    spans.sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
    let used = 0n;
    let curLo: bigint | null = null;
    let curHi = 0n;
    for (const sp of spans) {
      if (curLo === null) {
        curLo = sp.lo;
        curHi = sp.hi;
      } else if (sp.lo <= curHi + 1n) {
        if (sp.hi > curHi) curHi = sp.hi;
      } else {
        used += curHi - curLo + 1n;
        curLo = sp.lo;
        curHi = sp.hi;
      }
    }
    if (curLo !== null) used += curHi - curLo + 1n;
    cidrs.push({
      cidr: cidrToString(parent),
      family: parent.family,
      size,
      blocks,
      used,
      free: size - used,
      freeFraction: ratio(size - used, size),
    });
  }
  return { network, found: true, cidrs };
}
