/**
 * Rules inside one cluster: its address blocks (cluster CIDRs, service ranges), nodes and pods.
 * Builds the parsed ClusterCtx that validate-services.ts and validate-network.ts reuse.
 *
 * Kubernetes sources (kubernetes/kubernetes unless named):
 * - pkg/controller/nodeipam/node_ipam_controller.go: "Invalid --cluster-cidr, mask size of
 *   cluster CIDR must be less than or equal to --node-cidr-mask-size configured for CIDR family".
 * - pkg/controller/nodeipam/ipam/cidrset/cidr_set.go: clusterSubnetMaxDiff = 16, checked for
 *   IPv6 only (ErrCIDRSetSubNetTooBig); node ranges that overlap the service range are occupied
 *   (range_allocator.go filterOutServiceRange), so a service range covering the whole cluster
 *   CIDR leaves "no remaining CIDRs left to allocate".
 * - cmd/kube-controller-manager/app/core.go (validateCIDRs): at most two cluster CIDRs, and two
 *   must be one per family.
 * - cmd/kubeadm/app/apis/kubeadm/validation/validation.go: ValidatePodSubnetNodeMask (node mask
 *   at most PodSubnetNodeMaskMaxDiff = 16 bits longer, both families), ValidateIPNetFromString
 *   with MinimumAddressesInPodSubnet = 14 and MinimumAddressesInServiceSubnet = 10,
 *   ValidateServiceSubnetSize (MaximumBitsForServiceSubnet = 20).
 * - cmd/kube-apiserver/app/options/validation.go (validateClusterIPFlags, validateMaxCIDRRange):
 *   at most two --service-cluster-ip-range entries of different families, at most 20 host bits
 *   unless MultiCIDRServiceAllocator and DisableAllocatorDualWrite are both on
 *   (DisableAllocatorDualWrite: beta off in 1.33, GA on in 1.34 — pkg/features/kube_features.go).
 * - pkg/controlplane/apiserver/options ServiceIPRange: "the service cluster IP range must be at
 *   least 8 IP addresses".
 * - pkg/registry/core/service/ipallocator/ipallocator.go (NewIPAllocator): "shortest allowed
 *   prefix length for service CIDR is 64" for IPv6.
 * - pkg/apis/networking/validation/validation.go (ValidateServiceCIDR): at most two CIDRs, one
 *   per family, each IsValidCIDR (canonical: no host bits). Overlapping ServiceCIDRs are allowed
 *   (the "Extend Service IP Ranges" task adds 10.96.0.0/24 over 10.96.0.0/28).
 * - ClusterCIDR (KEP-2593, now out of tree, e.g. mneverov/cluster-cidr-controller
 *   pkg/apis/clustercidr/v1 validation): perNodeHostBits >= 4 and <= the CIDR's host bits.
 * - pkg/apis/core/validation/validation.go: ValidateNode (podCIDRs: at most one per family),
 *   validatePodIPs (valid IPs, at most one per family), hostPort must match containerPort on
 *   hostNetwork.
 * - kubelet admission (pkg/kubelet/lifecycle/predicate.go, GeneralPredicates): maxPods
 *   ("OutOfpods") and host ports already in use on the node.
 * - containernetworking/plugins host-local (backend/allocator/range.go Canonicalize): gateway
 *   and rangeStart are network + 1, rangeEnd is broadcast - 1 for IPv4, ranges with fewer than
 *   2 host bits are "too small to allocate from".
 */
import {
  cidrContainsCidr,
  cidrContainsIp,
  cidrFrom,
  cidrLast,
  cidrOverlaps,
  cidrSize,
  familyBits,
} from './cidr';
import type { Cidr, IpAddr } from './cidr';
import { clusterRef, nodeRef, podRef } from './refs';
import { DEFAULTS } from './defaults';
import type { Cluster, ClusterCIDR, IpFamily, Node, Pod } from './schema';
import {
  IntervalIndex,
  SRC,
  addressCount,
  cidrText,
  intervalOf,
  AddressMap,
  ipText,
  mergeIntervals,
  parseCidr,
  parseIp,
  quote,
  sweepOverlaps,
} from './validate-shared';
import type { Interval, Sink } from './validate-shared';

export interface ClusterCidrInfo {
  readonly cidr: Cidr;
  readonly index: number;
  readonly entry: ClusterCIDR;
  /** A ClusterCIDR object (nodeSelector set) rather than --cluster-cidr. */
  readonly selector: boolean;
  readonly field: string;
}

export interface ServiceCidrInfo {
  readonly cidr: Cidr;
  readonly objIndex: number;
  readonly cidrIndex: number;
  /** The first entry: the `kubernetes` ServiceCIDR made from --service-cluster-ip-range. */
  readonly flag: boolean;
  readonly field: string;
}

export interface NodeInfo {
  readonly node: Node;
  readonly index: number;
  readonly ref: string;
  /** Parsed podCIDRs, the first of each family, with their last address. */
  readonly ranges: Partial<Record<IpFamily, NodeRange>>;
  /** Parsed InternalIP addresses. */
  readonly internal: { ip: IpAddr; field: string }[];
  /** Parsed InternalIP and ExternalIP addresses. */
  readonly all: IpAddr[];
}

export interface NodeRange {
  readonly cidr: Cidr;
  readonly last: bigint;
  readonly field: string;
}

/** One pod block of a cluster (a cluster CIDR or a node range), for overlap checks. */
export interface PodBlock {
  readonly ctx: ClusterCtx;
  readonly cidr: Cidr;
  readonly object: string;
  readonly field: string;
  /** "cluster CIDR 10.0.0.0/16" or "node1's podCIDR 10.0.1.0/24". */
  readonly label: string;
}

export interface ClusterCtx {
  readonly cluster: Cluster;
  readonly index: number;
  readonly ref: string;
  readonly name: string;
  readonly families: readonly IpFamily[];
  readonly familySet: ReadonlySet<IpFamily>;
  readonly maxPods: number;
  readonly clusterCidrs: ClusterCidrInfo[];
  readonly serviceCidrs: ServiceCidrInfo[];
  /** Families Services can have: those of the service ranges, else the cluster's. */
  readonly serviceFamilies: ReadonlySet<IpFamily>;
  readonly nodes: NodeInfo[];
  readonly nodeByName: Map<string, NodeInfo>;
  readonly nodeRangeIndex: IntervalIndex<NodeInfo>;
  /** Cluster CIDRs and node ranges merged into disjoint runs (set once, after the nodes). */
  podRuns: IntervalIndex<PodBlock>;
  podRunList: Interval<PodBlock>[];
  /** Node InternalIPs, parsed. */
  readonly nodeAddresses: { ip: IpAddr; node: NodeInfo; field: string }[];
  /** Pod ns/name -> pod. */
  readonly podByKey: Map<string, Pod>;
}

const FAMILIES: readonly IpFamily[] = ['IPv4', 'IPv6'];
const POD_IP_FIELDS = ['status.podIPs[0]', 'status.podIPs[1]'];

export const podKey = (ns: string | undefined, name: string): string =>
  `${ns ?? DEFAULTS.namespace}/${name}`;

/** Validate one cluster's blocks, nodes and pods; return the parsed context. */
export function validateCluster(out: Sink, cluster: Cluster, index: number): ClusterCtx {
  const ref = clusterRef(cluster.name);
  const families = uniqueFamilies(out, ref, cluster.ipFamilies);
  const familySet = new Set(families);
  const maxPods = cluster.maxPods ?? DEFAULTS.maxPods;

  const clusterCidrs = checkClusterCidrs(out, ref, cluster, familySet, maxPods);
  const serviceCidrs = checkServiceCidrs(out, ref, cluster, familySet);
  const serviceFamilies = new Set<IpFamily>(serviceCidrs.map((s) => s.cidr.family));
  if (serviceFamilies.size === 0) for (const f of families) serviceFamilies.add(f);

  checkFamilies(out, ref, cluster, families, clusterCidrs, serviceCidrs);
  checkBlockOverlaps(out, ref, clusterCidrs, serviceCidrs);
  checkNodePortRange(out, ref, cluster);

  const { nodes, nodeByName, nodeAddresses } = checkNodes(out, cluster, familySet, clusterCidrs);
  const nodeRangeIndex = new IntervalIndex<NodeInfo>(
    nodes.flatMap((n) =>
      FAMILIES.flatMap((f) => {
        const r = n.ranges[f];
        return r ? [intervalOf(r.cidr, n)] : [];
      }),
    ),
  );

  const ctx: ClusterCtx = {
    cluster,
    index,
    ref,
    name: cluster.name,
    families,
    familySet,
    maxPods,
    clusterCidrs,
    serviceCidrs,
    serviceFamilies,
    nodes,
    nodeByName,
    nodeRangeIndex,
    nodeAddresses,
    podByKey: new Map<string, Pod>(),
    podRuns: new IntervalIndex<PodBlock>([]),
    podRunList: [],
  };
  const blocks: Interval<PodBlock>[] = [];
  for (const c of clusterCidrs) {
    const label = `cluster CIDR ${cidrText(c.cidr)}`;
    blocks.push(intervalOf(c.cidr, { ctx, cidr: c.cidr, object: ref, field: c.field, label }));
  }
  for (const n of nodes) {
    for (const f of FAMILIES) {
      const r = n.ranges[f];
      if (!r) continue;
      const label = `node ${n.node.name}'s podCIDR ${cidrText(r.cidr)}`;
      blocks.push(intervalOf(r.cidr, { ctx, cidr: r.cidr, object: n.ref, field: r.field, label }));
    }
  }
  ctx.podRunList = mergeIntervals(blocks);
  ctx.podRuns = new IntervalIndex(ctx.podRunList);

  checkNodeBlocks(out, ctx);
  checkPods(out, ctx);
  return ctx;
}

function uniqueFamilies(out: Sink, ref: string, list: readonly IpFamily[]): IpFamily[] {
  const seen: IpFamily[] = [];
  list.forEach((f, i) => {
    if (seen.includes(f)) {
      out.error(
        ref,
        `ipFamilies[${i}]`,
        `${f} is listed twice in ipFamilies; a cluster is IPv4, IPv6, or dual-stack with one of each`,
        SRC.packetwalk,
      );
    } else seen.push(f);
  });
  if (list.length > 2) {
    out.error(
      ref,
      'ipFamilies',
      `${list.length} IP families listed; there are only two (IPv4 and IPv6)`,
      SRC.packetwalk,
    );
  }
  return seen;
}

function checkClusterCidrs(
  out: Sink,
  ref: string,
  cluster: Cluster,
  familySet: ReadonlySet<IpFamily>,
  maxPods: number,
): ClusterCidrInfo[] {
  const infos: ClusterCidrInfo[] = [];
  const nodeCount = cluster.nodes.length;
  // Node ranges per family over every block, default and ClusterCIDR-style: a node that
  // matches a selector block takes its range there, so only the total can run short.
  const rangesByFamily = new Map<IpFamily, bigint>();
  for (const e of cluster.clusterCIDRs) {
    const b = cidrFrom(e.cidr);
    if (!b || e.nodeMaskSize < b.prefix || e.nodeMaskSize - b.prefix > 16) continue;
    const add = 1n << BigInt(e.nodeMaskSize - b.prefix);
    rangesByFamily.set(b.family, (rangesByFamily.get(b.family) ?? 0n) + add);
  }
  cluster.clusterCIDRs.forEach((entry, i) => {
    const field = `clusterCIDRs[${i}].cidr`;
    const maskField = `clusterCIDRs[${i}].nodeMaskSize`;
    const selector = entry.nodeSelector !== undefined;
    const src = selector ? SRC.nodeIpam : SRC.kcm;
    const c = parseCidr(
      out,
      ref,
      field,
      entry.cidr,
      src,
      { kind: 'masked', source: src },
      'cluster CIDR',
    );
    if (!c) return;
    infos.push({ cidr: c, index: i, entry, selector, field });

    if (!familySet.has(c.family)) {
      out.error(
        ref,
        field,
        `cluster CIDR ${cidrText(c)} is ${c.family}, but the cluster's ipFamilies are ${[...familySet].join(', ') || 'empty'}`,
        SRC.packetwalk,
      );
    }

    const bits = familyBits(c.family);
    const n = entry.nodeMaskSize;
    const cp = c.prefix;
    if (n > bits) {
      out.error(
        ref,
        maskField,
        `node mask /${n} is longer than an ${c.family} address (${bits} bits); ${src} refuses it`,
        src,
      );
      return;
    }
    if (n < cp) {
      if (selector) {
        out.error(
          ref,
          maskField,
          `perNodeHostBits ${bits - n} (node mask /${n}) is more than the ${bits - cp} host bits of the ClusterCIDR /${cp}; the node-ipam-controller's ClusterCIDR validation refuses it`,
          src,
        );
      } else {
        out.error(
          ref,
          maskField,
          `node mask /${n} is shorter than the cluster CIDR /${cp}: a node range cannot be larger than the block it comes from; kube-controller-manager refuses it ("mask size of cluster CIDR must be less than or equal to --node-cidr-mask-size")`,
          src,
        );
      }
      return;
    }
    const diff = n - cp;
    if (selector) {
      if (bits - n < 4) {
        out.error(
          ref,
          maskField,
          `perNodeHostBits ${bits - n} (node mask /${n}) is below 4; the node-ipam-controller's ClusterCIDR validation wants at least 4 host bits (16 addresses) per node`,
          src,
        );
      }
    } else {
      if (c.family === 'IPv6' && diff > 16) {
        out.error(
          ref,
          maskField,
          `node mask /${n} is more than 16 bits longer than the IPv6 cluster CIDR /${cp}; kube-controller-manager refuses it (its node-range bitmap holds at most 2^16 ranges, so with /${n} the cluster CIDR must be /${n - 16} or longer)`,
          src,
        );
      } else if (diff > 16) {
        out.warning(
          ref,
          maskField,
          `node mask /${n} is ${diff} bits longer than the cluster CIDR /${cp}; kubeadm refuses a pod subnet more than 16 bits shorter than the node mask (kube-controller-manager itself accepts it for IPv4)`,
          SRC.kubeadm,
        );
      }
      const size = cidrSize(c);
      if (size < 14n) {
        out.warning(
          ref,
          field,
          `cluster CIDR /${cp} holds ${addressCount(size)}; kubeadm wants a pod subnet of at least 14`,
          SRC.kubeadm,
        );
      }
      if (diff === 0) {
        out.info(
          ref,
          maskField,
          `node mask /${n} equals the cluster CIDR /${cp}: the whole block is one node range, enough for one node`,
          SRC.kcm,
        );
      }
      const allRanges = rangesByFamily.get(c.family) ?? 0n;
      if (diff <= 16 && BigInt(nodeCount) > allRanges) {
        out.warning(
          ref,
          maskField,
          `splitting /${cp} into /${n} gives ${2 ** diff} node ranges${allRanges > 1n << BigInt(diff) ? ` (${allRanges} with the cluster's other ${c.family} blocks)` : ''}, but the cluster has ${nodeCount} nodes; kube-controller-manager leaves the rest without a pod range ("no remaining CIDRs left to allocate")`,
          SRC.kcm,
        );
      }
    }
    // host-local: ranges with fewer than 2 host bits are too small to allocate from.
    if (n > bits - 2) {
      out.warning(
        ref,
        maskField,
        `node mask /${n} leaves no address for pods: CNI host-local refuses node ranges of /${bits - 1} or /${bits} as too small to allocate from`,
        SRC.hostLocal,
      );
    } else {
      const usable = (1n << BigInt(bits - n)) - (c.family === 'IPv4' ? 3n : 2n);
      if (usable < BigInt(maxPods)) {
        out.info(
          ref,
          maskField,
          `a /${n} node range gives CNI host-local ${addressCount(usable)} for pods (network${c.family === 'IPv4' ? ', broadcast' : ''} and gateway excluded), fewer than maxPods ${maxPods}: a full node runs out of addresses before kubelet's pod limit`,
          SRC.hostLocal,
        );
      }
    }
  });

  // --cluster-cidr: at most two, one per family (cmd/kube-controller-manager/app/core.go).
  const defaults = infos.filter((i) => !i.selector);
  if (defaults.length > 2) {
    out.error(
      ref,
      'clusterCIDRs',
      `${defaults.length} cluster CIDRs without nodeSelector; kube-controller-manager's --cluster-cidr takes at most two, one per family (more blocks need ClusterCIDR objects with a nodeSelector)`,
      SRC.kcm,
    );
  }
  const firstOf = new Map<IpFamily, ClusterCidrInfo>();
  for (const d of defaults) {
    const first = firstOf.get(d.cidr.family);
    if (first) {
      out.error(
        ref,
        d.field,
        `a second ${d.cidr.family} cluster CIDR (clusterCIDRs[${first.index}] is ${cidrText(first.cidr)}); kube-controller-manager takes one cluster CIDR per family: two must be one IPv4 and one IPv6`,
        SRC.kcm,
      );
    } else firstOf.set(d.cidr.family, d);
  }
  return infos;
}

function checkServiceCidrs(
  out: Sink,
  ref: string,
  cluster: Cluster,
  familySet: ReadonlySet<IpFamily>,
): ServiceCidrInfo[] {
  const infos: ServiceCidrInfo[] = [];
  cluster.serviceCIDRs.forEach((sc, o) => {
    const flag = o === 0;
    const what = flag ? 'service range (--service-cluster-ip-range)' : 'ServiceCIDR range';
    if (sc.cidrs.length > 2) {
      out.error(
        ref,
        `serviceCIDRs[${o}].cidrs`,
        flag
          ? `--service-cluster-ip-range has ${sc.cidrs.length} entries; kube-apiserver takes at most two, one per family`
          : `ServiceCIDR has ${sc.cidrs.length} CIDRs; kube-apiserver allows at most two, one per family`,
        SRC.apiserver,
      );
    }
    const seen = new Map<IpFamily, number>();
    sc.cidrs.forEach((text, k) => {
      const field = `serviceCIDRs[${o}].cidrs[${k}]`;
      const c = parseCidr(
        out,
        ref,
        field,
        text,
        SRC.apiserver,
        flag
          ? { kind: 'masked', source: SRC.apiserver }
          : { kind: 'refused', source: SRC.apiserver },
        what,
      );
      if (!c) return;
      const prior = seen.get(c.family);
      if (prior !== undefined) {
        out.error(
          ref,
          field,
          flag
            ? `--service-cluster-ip-range has two ${c.family} ranges; kube-apiserver wants one per family ("--service-cluster-ip-range[0] and --service-cluster-ip-range[1] must be of different IP family")`
            : `ServiceCIDR has two ${c.family} CIDRs; kube-apiserver allows one per family`,
          SRC.apiserver,
        );
        return;
      }
      seen.set(c.family, k);
      infos.push({ cidr: c, objIndex: o, cidrIndex: k, flag, field });
      if (!familySet.has(c.family)) {
        out.error(
          ref,
          field,
          `service range ${cidrText(c)} is ${c.family}, but the cluster's ipFamilies are ${[...familySet].join(', ') || 'empty'}`,
          SRC.packetwalk,
        );
      }
      checkServiceRangeSize(out, ref, field, c, flag);
    });
  });
  if (cluster.serviceCIDRs.length === 0 && cluster.services.length > 0) {
    out.warning(
      ref,
      'serviceCIDRs',
      'no service range, so Services get no ClusterIP; kube-apiserver always has one (--service-cluster-ip-range, kubeadm default 10.96.0.0/12)',
      SRC.apiserver,
    );
  }
  return infos;
}

function checkServiceRangeSize(
  out: Sink,
  ref: string,
  field: string,
  c: Cidr,
  flag: boolean,
): void {
  const bits = familyBits(c.family);
  const host = bits - c.prefix;
  const size = cidrSize(c);
  if (c.family === 'IPv6' && c.prefix < 64) {
    out.error(
      ref,
      field,
      `IPv6 service range /${c.prefix} is shorter than /64; kube-apiserver's ClusterIP allocator refuses it ("shortest allowed prefix length for service CIDR is 64")`,
      SRC.apiserver,
    );
  }
  if (flag) {
    if (size < 8n) {
      out.error(
        ref,
        field,
        `service range /${c.prefix} holds ${addressCount(size)}; kube-apiserver wants at least 8 ("the service cluster IP range must be at least 8 IP addresses")`,
        SRC.apiserver,
      );
    } else if (size < 10n) {
      out.warning(
        ref,
        field,
        `service range /${c.prefix} holds ${addressCount(size)}; kubeadm wants at least 10, because cluster DNS takes the 10th address`,
        SRC.kubeadm,
      );
    }
    if (host > 20) {
      out.warning(
        ref,
        field,
        `service range /${c.prefix} has ${host} host bits; kube-apiserver up to 1.33 and kubeadm refuse a --service-cluster-ip-range with more than 20 (IPv4 /12, IPv6 /108); from 1.34 the ServiceCIDR allocator alone (DisableAllocatorDualWrite on) lifts that limit`,
        SRC.apiserver,
      );
    }
  } else {
    const usable = c.family === 'IPv4' ? size - 2n : size - 1n;
    if (usable <= 0n) {
      out.warning(
        ref,
        field,
        `ServiceCIDR ${cidrText(c)} has no address kube-apiserver can hand out (it skips the network address${c.family === 'IPv4' ? ' and the broadcast address' : ''})`,
        SRC.apiserver,
      );
    } else if (size < 8n) {
      out.warning(
        ref,
        field,
        `ServiceCIDR ${cidrText(c)} holds only ${addressCount(size)} (${usable} usable ClusterIPs)`,
        SRC.apiserver,
      );
    }
  }
}

function checkFamilies(
  out: Sink,
  ref: string,
  cluster: Cluster,
  families: readonly IpFamily[],
  clusterCidrs: readonly ClusterCidrInfo[],
  serviceCidrs: readonly ServiceCidrInfo[],
): void {
  const nodesNeed = (f: IpFamily): boolean =>
    cluster.nodes.length === 0 ||
    cluster.nodes.some((n) => !(n.podCIDRs ?? []).some((t) => cidrFrom(t)?.family === f));
  if (clusterCidrs.length === 0 && cluster.clusterCIDRs.length === 0) {
    if (cluster.nodes.some((n) => n.podCIDRs === undefined || n.podCIDRs.length === 0)) {
      out.warning(
        ref,
        'clusterCIDRs',
        'no cluster CIDR: node IPAM has nothing to hand out, so nodes without podCIDRs get no pod range',
        SRC.kcm,
      );
    }
  } else if (clusterCidrs.length > 0) {
    for (const f of families) {
      if (clusterCidrs.some((c) => c.cidr.family === f)) continue;
      if (!nodesNeed(f)) continue;
      out.error(
        ref,
        'clusterCIDRs',
        families.length === 2
          ? `the cluster is dual-stack but none of its cluster CIDRs is ${f}, so nodes get no ${f} pod range and pods no ${f} address`
          : `the cluster is ${f} but none of its cluster CIDRs is ${f}`,
        SRC.model,
      );
    }
  }
  const primary = families[0];
  const flagFirst = serviceCidrs.find((s) => s.flag);
  if (primary && flagFirst && flagFirst.cidr.family !== primary) {
    out.warning(
      ref,
      flagFirst.field,
      `the first service range is ${flagFirst.cidr.family}, which makes ${flagFirst.cidr.family} kube-apiserver's primary family for Services, but the cluster lists ${primary} first`,
      SRC.apiserver,
    );
  }
  if (families.length === 2 && serviceCidrs.length > 0) {
    const flagFamilies = new Set(serviceCidrs.filter((s) => s.flag).map((s) => s.cidr.family));
    if (flagFamilies.size === 1) {
      out.info(
        ref,
        'serviceCIDRs[0].cidrs',
        'the pod network is dual-stack but the service range has one family: Services are single-stack (kube-apiserver refuses RequireDualStack)',
        SRC.apiserver,
      );
    }
  }
}

function checkBlockOverlaps(
  out: Sink,
  ref: string,
  clusterCidrs: readonly ClusterCidrInfo[],
  serviceCidrs: readonly ServiceCidrInfo[],
): void {
  for (const s of serviceCidrs) {
    for (const c of clusterCidrs) {
      if (!cidrOverlaps(s.cidr, c.cidr)) continue;
      const both = `service range ${cidrText(s.cidr)} overlaps cluster CIDR ${cidrText(c.cidr)}`;
      if (s.flag && !c.selector) {
        if (cidrContainsCidr(s.cidr, c.cidr)) {
          out.error(
            ref,
            s.field,
            `${both} and covers all of it; kube-controller-manager marks every node range as used and fails ("no remaining CIDRs left to allocate")`,
            SRC.kcm,
          );
        } else {
          out.warning(
            ref,
            s.field,
            `${both}; kube-controller-manager marks the node ranges inside the service range as used and never hands them out`,
            SRC.kcm,
          );
        }
      } else {
        out.warning(
          ref,
          s.field,
          `${both}; node IPAM only skips the --service-cluster-ip-range, so it may hand out node ranges inside this one, where pod IPs would collide with ClusterIPs`,
          SRC.model,
        );
      }
    }
  }
}

function checkNodePortRange(out: Sink, ref: string, cluster: Cluster): void {
  const r = cluster.nodePortRange;
  if (r && r.min > r.max) {
    out.error(
      ref,
      'nodePortRange',
      `--service-node-port-range ${r.min}-${r.max} ends before it starts; kube-apiserver refuses it`,
      SRC.apiserver,
    );
  }
}

function checkNodes(
  out: Sink,
  cluster: Cluster,
  familySet: ReadonlySet<IpFamily>,
  clusterCidrs: readonly ClusterCidrInfo[],
): {
  nodes: NodeInfo[];
  nodeByName: Map<string, NodeInfo>;
  nodeAddresses: { ip: IpAddr; node: NodeInfo; field: string }[];
} {
  const nodes: NodeInfo[] = [];
  const nodeByName = new Map<string, NodeInfo>();
  const nodeAddresses: { ip: IpAddr; node: NodeInfo; field: string }[] = [];
  const addressOwner = new AddressMap<NodeInfo>();
  const dualStack = familySet.size === 2;

  cluster.nodes.forEach((node, index) => {
    const ref = nodeRef(cluster.name, node.name);
    const info: NodeInfo = { node, index, ref, ranges: {}, internal: [], all: [] };
    if (nodeByName.has(node.name)) {
      out.error(
        ref,
        'metadata.name',
        `a second node named ${quote(node.name)}; kube-apiserver refuses it (node names are unique in a cluster)`,
        SRC.apiserver,
      );
    } else nodeByName.set(node.name, info);
    nodes.push(info);

    node.addresses.forEach((a, k) => {
      if (a.type !== 'InternalIP' && a.type !== 'ExternalIP') return;
      const field = `status.addresses[${k}].address`;
      const ip = parseIp(out, ref, field, a.address, SRC.packetwalk, a.type);
      if (!ip) return;
      info.all.push(ip);
      if (a.type !== 'InternalIP') return;
      info.internal.push({ ip, field });
      nodeAddresses.push({ ip, node: info, field });
      const owner = addressOwner.get(ip);
      if (owner && owner !== info) {
        out.error(
          ref,
          field,
          `InternalIP ${ipText(ip)} is also node ${owner.node.name}'s; node addresses on one network must be unique`,
          SRC.model,
        );
      } else addressOwner.set(ip, info);
    });
    if (info.internal.length === 0 && !node.addresses.some((a) => a.type === 'InternalIP')) {
      out.warning(
        ref,
        'status.addresses',
        'node has no InternalIP; kubelet always reports one (--node-ip, or the address of its default route), and traffic to the node goes to it',
        SRC.kubelet,
      );
    } else if (dualStack && info.internal.length > 0) {
      for (const f of familySet) {
        if (!info.internal.some((a) => a.ip.family === f)) {
          out.info(
            ref,
            'status.addresses',
            `dual-stack cluster, but the node has no ${f} InternalIP (kubelet --node-ip takes one address per family), so its hostNetwork pods get no ${f} address`,
            SRC.kubelet,
          );
        }
      }
    }

    const podCIDRs = node.podCIDRs;
    if (!podCIDRs) return;
    if (podCIDRs.length > 2) {
      out.error(
        ref,
        'spec.podCIDRs',
        `${podCIDRs.length} podCIDRs; kube-apiserver allows at most two, one per family`,
        SRC.apiserver,
      );
    }
    podCIDRs.forEach((text, k) => {
      const field = `spec.podCIDRs[${k}]`;
      const c = parseCidr(
        out,
        ref,
        field,
        text,
        SRC.apiserver,
        { kind: 'warned', source: SRC.apiserver },
        'podCIDR',
      );
      if (!c) return;
      if (info.ranges[c.family]) {
        out.error(
          ref,
          field,
          `a second ${c.family} podCIDR; kube-apiserver allows one per family ("may specify no more than one CIDR for each IP family")`,
          SRC.apiserver,
        );
        return;
      }
      info.ranges[c.family] = { cidr: c, last: cidrLast(c), field };
      if (!familySet.has(c.family)) {
        out.warning(
          ref,
          field,
          `${c.family} podCIDR ${cidrText(c)} in a cluster whose ipFamilies are ${[...familySet].join(', ')}`,
          SRC.model,
        );
      }
      const sameFamily = clusterCidrs.filter((cc) => cc.cidr.family === c.family);
      if (sameFamily.length > 0) {
        const home = sameFamily.find((cc) => cidrContainsCidr(cc.cidr, c));
        if (!home) {
          out.warning(
            ref,
            field,
            `podCIDR ${cidrText(c)} is outside the cluster's ${c.family} cluster CIDRs (${sameFamily.map((cc) => cidrText(cc.cidr)).join(', ')}); kube-controller-manager never hands it out`,
            SRC.kcm,
          );
        } else if (home.entry.nodeMaskSize !== c.prefix) {
          out.warning(
            ref,
            field,
            `podCIDR ${cidrText(c)} is a /${c.prefix}, but cluster CIDR ${cidrText(home.cidr)} is split into /${home.entry.nodeMaskSize} node ranges; kube-controller-manager hands out /${home.entry.nodeMaskSize} only`,
            SRC.kcm,
          );
        }
      }
      const bits = familyBits(c.family);
      if (c.prefix > bits - 2) {
        out.warning(
          ref,
          field,
          `podCIDR ${cidrText(c)} is too small for pods: CNI host-local refuses /${bits - 1} and /${bits} ranges ("too small to allocate from")`,
          SRC.hostLocal,
        );
      }
    });
  });
  return { nodes, nodeByName, nodeAddresses };
}

/** Node ranges against each other and the service ranges; node addresses against pods/services. */
function checkNodeBlocks(out: Sink, ctx: ClusterCtx): void {
  sweepOverlaps(ctx.nodeRangeIndex.list('IPv4').concat(ctx.nodeRangeIndex.list('IPv6')), (a, b) => {
    const ra = a.item.ranges[a.family];
    const rb = b.item.ranges[b.family];
    if (!ra || !rb) return;
    out.error(
      b.item.ref,
      rb.field,
      `podCIDR ${cidrText(rb.cidr)} overlaps node ${a.item.node.name}'s podCIDR ${cidrText(ra.cidr)}; kube-controller-manager never hands out a range twice, and the network could not tell which node holds a pod`,
      SRC.model,
    );
  });
  for (const n of ctx.nodes) {
    for (const f of FAMILIES) {
      const r = n.ranges[f];
      if (!r) continue;
      for (const s of ctx.serviceCidrs) {
        if (!cidrOverlaps(r.cidr, s.cidr)) continue;
        out.error(
          n.ref,
          r.field,
          `podCIDR ${cidrText(r.cidr)} overlaps the service range ${cidrText(s.cidr)}; pod IPs there would collide with ClusterIPs${s.flag ? ' (kube-controller-manager never hands out such a node range)' : ''}`,
          SRC.model,
        );
      }
    }
  }
  for (const a of ctx.nodeAddresses) {
    const run = ctx.podRuns.findContaining(a.ip.family, a.ip.value);
    if (run) {
      const block = findBlockFor(ctx, a.ip) ?? run.item;
      if (block.object !== ctx.ref) {
        out.error(
          a.node.ref,
          a.field,
          `InternalIP ${ipText(a.ip)} is inside ${block.label}; packets to the node would be routed to that node's pods`,
          SRC.model,
        );
      } else {
        out.warning(
          a.node.ref,
          a.field,
          `InternalIP ${ipText(a.ip)} is inside the ${block.label}; kube-controller-manager may hand out the node range that holds it, and pod routes would then capture traffic to the node`,
          SRC.model,
        );
      }
    }
    for (const s of ctx.serviceCidrs) {
      if (!cidrContainsIp(s.cidr, a.ip)) continue;
      out.error(
        a.node.ref,
        a.field,
        `InternalIP ${ipText(a.ip)} is inside the service range ${cidrText(s.cidr)}; kube-apiserver may give a Service that address, and kube-proxy would then capture traffic meant for the node`,
        SRC.model,
      );
    }
  }
}

/** The most specific pod block (node range first, then cluster CIDR) holding an address. */
export function findBlockFor(ctx: ClusterCtx, ip: IpAddr): PodBlock | null {
  const nodeRange = ctx.nodeRangeIndex.findContaining(ip.family, ip.value);
  if (nodeRange) {
    const r = nodeRange.item.ranges[ip.family];
    if (r) {
      return {
        ctx,
        cidr: r.cidr,
        object: nodeRange.item.ref,
        field: r.field,
        label: `node ${nodeRange.item.node.name}'s podCIDR ${cidrText(r.cidr)}`,
      };
    }
  }
  const cc = ctx.clusterCidrs.find((c) => cidrContainsIp(c.cidr, ip));
  return cc
    ? {
        ctx,
        cidr: cc.cidr,
        object: ctx.ref,
        field: cc.field,
        label: `cluster CIDR ${cidrText(cc.cidr)}`,
      }
    : null;
}

function checkPods(out: Sink, ctx: ClusterCtx): void {
  const { cluster } = ctx;
  // Address -> owner: a pod key ("ns/name") or a NodeInfo.
  const podIpOwner = new AddressMap<string | NodeInfo>();
  for (const a of ctx.nodeAddresses) {
    if (!podIpOwner.has(a.ip)) podIpOwner.set(a.ip, a.node);
  }
  const podsOnNode = new Map<NodeInfo, number>();
  const podNetPodsOnNode = new Map<NodeInfo, number>();
  const hostPortOwner = new Map<string, string>();

  cluster.pods.forEach((pod) => {
    const ref = podRef(cluster.name, pod.namespace, pod.name);
    const key = podKey(pod.namespace, pod.name);
    if (ctx.podByKey.has(key)) {
      out.error(
        ref,
        'metadata.name',
        `a second pod ${key}; kube-apiserver refuses it (pod names are unique in a namespace)`,
        SRC.apiserver,
      );
    } else ctx.podByKey.set(key, pod);

    const node = ctx.nodeByName.get(pod.nodeName);
    if (!node) {
      out.error(
        ref,
        'spec.nodeName',
        `spec.nodeName ${quote(pod.nodeName)} names no node of cluster ${ctx.name}`,
        SRC.packetwalk,
      );
    } else {
      podsOnNode.set(node, (podsOnNode.get(node) ?? 0) + 1);
      if (!pod.hostNetwork) podNetPodsOnNode.set(node, (podNetPodsOnNode.get(node) ?? 0) + 1);
    }

    checkHostPorts(out, ref, pod, node, hostPortOwner);

    const podIPs = pod.podIPs;
    if (!podIPs) return;
    if (podIPs.length > 2) {
      out.error(
        ref,
        'status.podIPs',
        `${podIPs.length} podIPs; kube-apiserver allows at most two, one per family`,
        SRC.apiserver,
      );
    }
    let seen4 = false;
    let seen6 = false;
    podIPs.forEach((text, k) => {
      const field = POD_IP_FIELDS[k] ?? `status.podIPs[${k}]`;
      const ip = parseIp(out, ref, field, text, SRC.apiserver, 'pod IP');
      if (!ip) return;
      if (ip.family === 'IPv4' ? seen4 : seen6) {
        out.error(
          ref,
          field,
          `a second ${ip.family} pod IP; kube-apiserver allows one per family ("may specify no more than one IP for each IP family")`,
          SRC.apiserver,
        );
        return;
      }
      if (ip.family === 'IPv4') seen4 = true;
      else seen6 = true;
      if (pod.hostNetwork) {
        if (node && !node.all.some((a) => a.family === ip.family && a.value === ip.value)) {
          out.warning(
            ref,
            field,
            `hostNetwork pod IP ${ipText(ip)} is not an address of node ${node.node.name}; kubelet reports a hostNetwork pod's IPs as its node's IPs`,
            SRC.kubelet,
          );
        }
        return;
      }
      checkPodIp(out, ctx, ref, field, ip, node, podIpOwner, key);
    });
  });

  for (const [node, count] of podsOnNode) {
    if (count > ctx.maxPods) {
      out.error(
        node.ref,
        'status.capacity.pods',
        `${count} pods on node ${node.node.name}, more than maxPods ${ctx.maxPods}; kubelet admits at most ${ctx.maxPods} and rejects the rest ("OutOfpods")`,
        SRC.kubelet,
      );
    }
  }
  for (const [node, count] of podNetPodsOnNode) {
    for (const f of FAMILIES) {
      const r = node.ranges[f];
      if (!r) continue;
      const bits = familyBits(f);
      if (r.cidr.prefix > bits - 2) continue; // reported as too small
      const usable = cidrSize(r.cidr) - (f === 'IPv4' ? 3n : 2n);
      if (BigInt(count) > usable) {
        out.warning(
          node.ref,
          r.field,
          `${count} pods on node ${node.node.name} need ${f} addresses, but CNI host-local gets only ${usable} from ${cidrText(r.cidr)}; the rest fail to start ("no IP addresses available in range set")`,
          SRC.hostLocal,
        );
      }
    }
  }
}

function checkHostPorts(
  out: Sink,
  ref: string,
  pod: Pod,
  node: NodeInfo | undefined,
  owner: Map<string, string>,
): void {
  (pod.ports ?? []).forEach((p, i) => {
    if (pod.hostNetwork && p.hostPort !== undefined && p.hostPort !== p.containerPort) {
      out.error(
        ref,
        `ports[${i}].hostPort`,
        `hostPort ${p.hostPort} differs from containerPort ${p.containerPort} on a hostNetwork pod; kube-apiserver refuses it (they must match when hostNetwork is true)`,
        SRC.apiserver,
      );
    }
    const hostPort = p.hostPort ?? (pod.hostNetwork ? p.containerPort : undefined);
    if (hostPort === undefined || !node) return;
    const proto = p.protocol ?? DEFAULTS.protocol;
    const key = `${node.node.name}\u0000${proto}\u0000${hostPort}`;
    const me = podKey(pod.namespace, pod.name);
    const prior = owner.get(key);
    if (prior !== undefined && prior !== me) {
      out.error(
        ref,
        p.hostPort !== undefined ? `ports[${i}].hostPort` : `ports[${i}].containerPort`,
        `${pod.hostNetwork && p.hostPort === undefined ? 'hostNetwork port' : 'hostPort'} ${hostPort}/${proto} on node ${node.node.name} is already taken by pod ${prior}; kube-scheduler does not place a second pod there and kubelet rejects it`,
        SRC.kubelet,
      );
    } else owner.set(key, me);
  });
}

function checkPodIp(
  out: Sink,
  ctx: ClusterCtx,
  ref: string,
  field: string,
  ip: IpAddr,
  node: NodeInfo | undefined,
  owner: AddressMap<string | NodeInfo>,
  me: string,
): void {
  const text = (): string => ipText(ip);
  if (!ctx.familySet.has(ip.family)) {
    out.warning(
      ref,
      field,
      `${ip.family} pod IP ${text()} in a cluster whose ipFamilies are ${[...ctx.familySet].join(', ')}`,
      SRC.model,
    );
  }
  const prior = owner.get(ip);
  if (prior !== undefined && prior !== me) {
    const who = typeof prior === 'string' ? `pod ${prior}` : `node ${prior.node.name}`;
    out.error(
      ref,
      field,
      `pod IP ${text()} is also ${who}'s; an address belongs to one pod (the IP a pod sees itself as is the IP others see it as)`,
      SRC.model,
    );
  } else owner.set(ip, me);

  if (!node) return;
  const range = node.ranges[ip.family];
  if (range) {
    const r = range.cidr;
    if (ip.value >= r.base && ip.value <= range.last) {
      if (ip.value === r.base) {
        out.warning(
          ref,
          field,
          `pod IP ${text()} is the network address of node ${node.node.name}'s range ${cidrText(r)}; CNI host-local never hands it out`,
          SRC.hostLocal,
        );
      } else if (ip.family === 'IPv4' && ip.value === range.last) {
        out.warning(
          ref,
          field,
          `pod IP ${text()} is the broadcast address of node ${node.node.name}'s range ${cidrText(r)}; CNI host-local never hands it out`,
          SRC.hostLocal,
        );
      } else if (ip.value === r.base + 1n) {
        out.info(
          ref,
          field,
          `pod IP ${text()} is the first address of node ${node.node.name}'s range ${cidrText(r)}: CNI host-local reserves it as the gateway; other IPAMs such as Calico's hand it out`,
          SRC.hostLocal,
        );
      }
      return;
    }
    const other = ctx.nodeRangeIndex.findContaining(ip.family, ip.value, (n) => n !== node);
    if (other) {
      const or = other.item.ranges[ip.family];
      out.error(
        ref,
        field,
        `pod IP ${text()} is inside node ${other.item.node.name}'s range${or ? ` ${cidrText(or.cidr)}` : ''}, but the pod runs on node ${node.node.name}; the network delivers its packets to ${other.item.node.name}`,
        SRC.model,
      );
    } else {
      out.warning(
        ref,
        field,
        `pod IP ${text()} is outside node ${node.node.name}'s podCIDR ${cidrText(r)}; CNI host-local hands out addresses from the node's range only (IPAMs that ignore podCIDRs, such as cloud VPC CNIs, may not)`,
        SRC.hostLocal,
      );
    }
    return;
  }
  // The node has no range of this family (sparse, or not dual-stack): check the cluster CIDRs.
  const sameFamily = ctx.clusterCidrs.filter((c) => c.cidr.family === ip.family);
  if (sameFamily.length === 0) return;
  const other = ctx.nodeRangeIndex.findContaining(ip.family, ip.value, (n) => n !== node);
  if (other) {
    out.error(
      ref,
      field,
      `pod IP ${text()} is inside node ${other.item.node.name}'s range, but the pod runs on node ${node.node.name}; the network delivers its packets to ${other.item.node.name}`,
      SRC.model,
    );
  } else if (!sameFamily.some((c) => cidrContainsIp(c.cidr, ip))) {
    out.warning(
      ref,
      field,
      `pod IP ${text()} is outside the cluster's ${ip.family} cluster CIDRs (${sameFamily.map((c) => cidrText(c.cidr)).join(', ')}); node IPAM never gives a node a range there`,
      SRC.model,
    );
  }
}
