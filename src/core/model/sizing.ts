/**
 * Sizing: from "how many nodes, pods per node, Services" to prefix lengths and a plan.
 *
 * - Node ranges: GKE's rule, twice maxPods rounded up to a power of two (8 -> /28, 16 -> /27,
 *   32 -> /26, 64 -> /25, 110 -> /24), never smaller than host-local needs for maxPods
 *   (2^h - 3 usable). For IPv6 the default is /64, kube-controller-manager's default
 *   (--node-cidr-mask-size-ipv6) and the usual IPv6 subnet: IPv6 space is plentiful, and the
 *   planner keeps the cluster CIDR at /48 or longer with it. `{ ipv6: 'tight' }` applies the
 *   IPv4 rule to IPv6 instead.
 * - Cluster CIDR: enough node ranges for the nodes, 2^(N - C) >= nodes. kube-controller-manager
 *   allows at most 16 bits between them for IPv6 (cidr_set.go clusterSubnetMaxDiff; kubeadm
 *   checks it for both families): the plan respects it.
 * - Service range: the Services plus kubernetes.default and the cluster DNS (the 10th address,
 *   so at least 16 addresses), network (and IPv4 broadcast) excluded. At least 8 addresses
 *   (kube-apiserver); at most 20 host bits with the classic --service-cluster-ip-range flag
 *   (IPv4 /12, IPv6 /108); more needs extra ServiceCIDR objects (KEP-1880).
 *
 * "Allocate small and grow" (talk 000): plans fit the numbers asked for, rounded up to powers of
 * two, and no more; ClusterCIDRs (KEP-2593) and ServiceCIDRs (KEP-1880) add space later.
 */
import { cidrFrom, cidrOf, countString, familyBits, ipFrom, type Cidr } from './cidr';
import { clusterCapacity } from './capacity';
import { ipText } from './ipam-format';
import { CLUSTER_SUBNET_MAX_DIFF, ceilLog2, hostLocalUsable } from './ipam-rules';
import type { Cluster, IpFamily } from './schema';
import { DEFAULTS } from './defaults';

export interface NodeMaskOptions {
  /** 'default': /64 for IPv6; 'tight': the IPv4 rule (twice maxPods) for IPv6 too. */
  ipv6?: 'default' | 'tight';
}

const int = (n: number, fallback: number): number =>
  Number.isFinite(n) ? Math.max(0, Math.ceil(n)) : fallback;

/** The node mask for `maxPods` pods per node (see the file comment). */
export function nodeMaskForMaxPods(
  maxPods: number,
  family: IpFamily,
  options: NodeMaskOptions = {},
): number {
  const bits = familyBits(family);
  if (family === 'IPv6' && options.ipv6 !== 'tight') return DEFAULTS.nodeMaskSize.IPv6;
  const m = Math.max(1, int(maxPods, DEFAULTS.maxPods));
  let h = Math.max(2, ceilLog2(BigInt(2 * m)));
  while (h < bits && hostLocalUsable(family, bits - h) < BigInt(m)) h++;
  return Math.max(0, bits - h);
}

/** The longest cluster prefix whose split in /nodeMask gives at least `nodes` ranges. */
export function clusterPrefixForNodes(nodes: number, nodeMask: number, family: IpFamily): number {
  const bits = familyBits(family);
  const n = Math.min(Math.max(0, int(nodeMask, 0)), bits);
  const k = ceilLog2(BigInt(Math.max(1, int(nodes, 1))));
  return Math.max(0, n - k);
}

/**
 * The longest service prefix that holds `n` Services besides kubernetes.default and the cluster
 * DNS Service, with the DNS address (base + 10) inside it. Not capped at the /12 (/108) flag
 * limit: proposePlan does that.
 */
export function servicePrefixForServices(n: number, family: IpFamily): number {
  const bits = familyBits(family);
  const lost = family === 'IPv4' ? 2n : 1n; // network (+ broadcast)
  const needed = BigInt(int(n, 0)) + 2n + lost;
  const size = needed < 16n ? 16n : needed;
  return Math.max(0, bits - ceilLog2(size));
}

export interface PlanInput {
  nodes: number;
  podsPerNode: number;
  services: number;
  families: IpFamily[];
  /** 40-bit RFC 4193 global ID for the IPv6 ULA prefix fdXX:XXXX:XXXX::/48 (caller's randomness). */
  ulaGlobalId?: bigint;
  /** Where IPv4 blocks go: a CIDR to stay inside, or a start address. Default 10.0.0.0/8. */
  ipv4Base?: string;
}

export interface FamilyPlan {
  family: IpFamily;
  clusterCIDR: string;
  nodeMaskSize: number;
  serviceCIDR: string;
  capacity: {
    /** Node ranges IPAM can hand out (overlap with the service range excluded). */
    nodeRanges: bigint;
    /** host-local pod addresses in one node range. */
    podAddressesPerNode: bigint;
    /** min(pod addresses, maxPods). */
    podsPerNode: bigint;
    maxPods: bigint;
    /** Service IPs the allocator hands out (kubernetes.default and DNS included). */
    serviceIPs: bigint;
    /** KEP-3070 static band of the service range. */
    staticBand: bigint;
  };
  /** Whether the plan holds everything asked for. */
  fits: boolean;
  reasons: string[];
}

export interface Plan {
  ok: boolean;
  families: FamilyPlan[];
  /** The plan as scenario cluster fields. */
  cluster: Pick<Cluster, 'ipFamilies' | 'clusterCIDRs' | 'serviceCIDRs' | 'maxPods'>;
  errors: string[];
}

const CLASSIC_MIN_SERVICE_PREFIX: Record<IpFamily, number> = { IPv4: 12, IPv6: 108 };
/** IPv6 service ranges: at least a /112 (65,536 addresses, the classic bitmap's cap). */
const IPV6_SERVICE_PREFIX = 112;
const ULA_PREFIX = 0xfdn << 120n;
const MAX_GLOBAL_ID = (1n << 40n) - 1n;

/** The first address >= `from` aligned to a block of `prefix`. */
function alignUp(family: IpFamily, from: bigint, prefix: number): bigint {
  const size = 1n << BigInt(familyBits(family) - prefix);
  return ((from + size - 1n) / size) * size;
}

const text = (c: Cidr): string => `${ipText(c.family, c.base)}/${c.prefix}`;

interface Placed {
  cluster: Cidr;
  service: Cidr;
  reasons: string[];
  fits: boolean;
}

function planIPv4(input: PlanInput, errors: string[]): Placed | null {
  const reasons: string[] = [];
  let fits = true;
  const N = nodeMaskForMaxPods(input.podsPerNode, 'IPv4');
  const C = clusterPrefixForNodes(input.nodes, N, 'IPv4');
  let S = servicePrefixForServices(input.services, 'IPv4');
  reasons.push(
    `${input.podsPerNode} pods per node: twice that, rounded up to a power of two, is a /${N} per node (${countString(hostLocalUsable('IPv4', N))} pod addresses after network, gateway and broadcast).`,
  );
  reasons.push(
    `${input.nodes} node(s) need ${countString(1n << BigInt(N - C))} node ranges: cluster CIDR /${C} split in /${N}.`,
  );
  if (N - C > CLUSTER_SUBNET_MAX_DIFF) {
    reasons.push(
      `The node mask is ${N - C} bits longer than the cluster CIDR: kube-controller-manager accepts that for IPv4, kubeadm refuses more than ${CLUSTER_SUBNET_MAX_DIFF}.`,
    );
  }
  if (S < CLASSIC_MIN_SERVICE_PREFIX.IPv4) {
    S = CLASSIC_MIN_SERVICE_PREFIX.IPv4;
    fits = false;
    reasons.push(
      `${input.services} Services need more than a /12, the most --service-cluster-ip-range takes (20 host bits): add ServiceCIDR objects (KEP-1880) for the rest.`,
    );
  } else {
    reasons.push(
      `${input.services} Service(s) plus kubernetes.default and cluster DNS fit in a /${S} (${countString((1n << BigInt(32 - S)) - 2n)} usable addresses).`,
    );
  }

  const baseText = input.ipv4Base ?? '10.0.0.0/8';
  let container: Cidr | null = null;
  let start: bigint;
  if (baseText.includes('/')) {
    container = cidrFrom(baseText);
    if (!container || container.family !== 'IPv4') {
      errors.push(`ipv4Base "${baseText}" is not an IPv4 CIDR.`);
      return null;
    }
    start = container.base;
  } else {
    const ip = ipFrom(baseText);
    if (!ip || ip.family !== 'IPv4') {
      errors.push(`ipv4Base "${baseText}" is not an IPv4 address.`);
      return null;
    }
    start = ip.value;
  }
  // Bigger block first, each aligned after the previous one.
  const order = C <= S ? (['cluster', 'service'] as const) : (['service', 'cluster'] as const);
  let cursor = start;
  const placed: Record<'cluster' | 'service', Cidr> = {
    cluster: cidrOf('IPv4', 0n, C),
    service: cidrOf('IPv4', 0n, S),
  };
  for (const which of order) {
    const p = which === 'cluster' ? C : S;
    const base = alignUp('IPv4', cursor, p);
    placed[which] = cidrOf('IPv4', base, p);
    cursor = base + (1n << BigInt(32 - p));
  }
  const end = cursor - 1n;
  const limit = container
    ? container.base + (1n << BigInt(32 - container.prefix)) - 1n
    : (1n << 32n) - 1n;
  if (end > limit) {
    fits = false;
    reasons.push(
      container
        ? `The blocks do not fit in ${text(container)}: it needs a shorter prefix, or IPv6.`
        : 'The blocks run past the end of the IPv4 space.',
    );
    if (!container || end > (1n << 32n) - 1n) {
      errors.push('The IPv4 blocks do not fit in the address space.');
      return null;
    }
  } else if (container) {
    reasons.push(
      `Both blocks sit inside ${text(container)}, the cluster CIDR first when it is the bigger one.`,
    );
  }
  return { cluster: placed.cluster, service: placed.service, reasons, fits };
}

function planIPv6(input: PlanInput, errors: string[]): Placed | null {
  const reasons: string[] = [];
  let fits = true;
  const id = input.ulaGlobalId ?? 0n;
  if (id < 0n || id > MAX_GLOBAL_ID) {
    errors.push('ulaGlobalId must be a 40-bit number (0 .. 2^40 - 1), RFC 4193.');
    return null;
  }
  const ula = cidrOf('IPv6', ULA_PREFIX | (id << 80n), 48);
  reasons.push(
    input.ulaGlobalId === undefined
      ? `ULA prefix ${text(ula)} is only an example: pass a random 40-bit global ID (RFC 4193 section 3.2.2) so merged networks do not collide.`
      : `ULA prefix ${text(ula)} from the 40-bit global ID (RFC 4193).`,
  );
  const N = nodeMaskForMaxPods(input.podsPerNode, 'IPv6');
  reasons.push(
    `IPv6 node ranges are /${N}: kube-controller-manager's default and the usual IPv6 subnet; IPv6 space is plentiful, so pod density does not size them.`,
  );
  let k = ceilLog2(BigInt(Math.max(1, int(input.nodes, 1))));
  if (k > CLUSTER_SUBNET_MAX_DIFF) {
    k = CLUSTER_SUBNET_MAX_DIFF;
    fits = false;
    reasons.push(
      `${input.nodes} nodes need more than 2^16 node ranges, the most one IPv6 cluster CIDR gives (node mask at most 16 bits longer): add ClusterCIDRs for the rest.`,
    );
  }
  const C = N - k;
  reasons.push(
    `${input.nodes} node(s): cluster CIDR /${C} split in /${N} (${countString(1n << BigInt(k))} node ranges).`,
  );
  let S = Math.min(servicePrefixForServices(input.services, 'IPv6'), IPV6_SERVICE_PREFIX);
  if (S < CLASSIC_MIN_SERVICE_PREFIX.IPv6) {
    S = CLASSIC_MIN_SERVICE_PREFIX.IPv6;
    fits = false;
    reasons.push(
      `${input.services} Services need more than a /108, the most --service-cluster-ip-range takes for IPv6: add ServiceCIDR objects (KEP-1880).`,
    );
  } else {
    reasons.push(
      `Service range /${S} (${countString(1n << BigInt(128 - S))} addresses): at least a /112 since IPv6 space is plentiful and /112 is what the classic bitmap allocator tracks in full (talk 002 uses fd03::/112).`,
    );
  }
  const cluster = cidrOf('IPv6', ula.base, C);
  // The service range goes into the last /64 of the /48.
  const service = cidrOf('IPv6', ula.base | (0xffffn << 64n), S);
  if (C === 48) {
    reasons.push(
      `The cluster CIDR takes the whole /48, so the service range's /64 is one node range kube-controller-manager never hands out.`,
    );
  }
  return { cluster, service, reasons, fits };
}

/** A plan per family: cluster CIDR, node mask and service range, with their capacity. */
export function proposePlan(input: PlanInput): Plan {
  const errors: string[] = [];
  const families: IpFamily[] = [];
  for (const f of input.families ?? []) if (!families.includes(f)) families.push(f);
  if (families.length === 0) errors.push('Pick at least one IP family.');
  if (!Number.isFinite(input.nodes) || input.nodes < 1) errors.push('nodes must be at least 1.');
  if (!Number.isFinite(input.podsPerNode) || input.podsPerNode < 1 || input.podsPerNode > 100_000) {
    errors.push('podsPerNode must be between 1 and 100,000 (kubelet maxPods).');
  }
  if (!Number.isFinite(input.services) || input.services < 0)
    errors.push('services must be 0 or more.');
  const empty: Plan['cluster'] = { ipFamilies: ['IPv4'], clusterCIDRs: [], serviceCIDRs: [] };
  if (errors.length > 0) return { ok: false, families: [], cluster: empty, errors };

  const podsPerNode = Math.ceil(input.podsPerNode);
  const out: FamilyPlan[] = [];
  for (const family of families) {
    const p = family === 'IPv4' ? planIPv4(input, errors) : planIPv6(input, errors);
    if (!p) continue;
    const N = nodeMaskForMaxPods(podsPerNode, family);
    // Capacity from the same code that reports on real clusters.
    const cap = clusterCapacity({
      name: 'plan',
      ipFamilies: [family],
      clusterCIDRs: [{ cidr: text(p.cluster), nodeMaskSize: N }],
      serviceCIDRs: [{ cidrs: [text(p.service)] }],
      maxPods: podsPerNode,
      nodes: [],
      pods: [],
      services: [],
    })[0];
    const block = cap?.nodeRanges.blocks[0];
    const nodeRanges = cap ? cap.nodeRanges.total - cap.nodeRanges.blockedByServices : 0n;
    const serviceIPs = cap?.services.usable ?? 0n;
    let fits = p.fits;
    if (nodeRanges < BigInt(Math.ceil(input.nodes))) fits = false;
    if (serviceIPs < BigInt(Math.ceil(input.services)) + 2n) fits = false;
    out.push({
      family,
      clusterCIDR: text(p.cluster),
      nodeMaskSize: N,
      serviceCIDR: text(p.service),
      capacity: {
        nodeRanges,
        podAddressesPerNode: block?.podAddressesPerNode ?? 0n,
        podsPerNode: block?.podsPerNode ?? 0n,
        maxPods: cap?.pods.maxInCluster ?? 0n,
        serviceIPs,
        staticBand: cap?.services.staticBand?.size ?? 0n,
      },
      fits,
      reasons: p.reasons,
    });
  }
  const cluster: Plan['cluster'] = {
    ipFamilies: out.map((f) => f.family),
    clusterCIDRs: out.map((f) => ({ cidr: f.clusterCIDR, nodeMaskSize: f.nodeMaskSize })),
    serviceCIDRs:
      out.length > 0 ? [{ name: 'kubernetes', cidrs: out.map((f) => f.serviceCIDR) }] : [],
    maxPods: podsPerNode,
  };
  if (out.length === 0) cluster.ipFamilies = ['IPv4'];
  return { ok: errors.length === 0 && out.every((f) => f.fits), families: out, cluster, errors };
}
