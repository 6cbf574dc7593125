/**
 * Node pod ranges (spec.podCIDRs), as kube-controller-manager's node IPAM hands them out
 * (pkg/controller/nodeipam/ipam/range_allocator.go + cidrset/cidr_set.go):
 * - service CIDRs overlapping a cluster CIDR are occupied first (filterOutServiceRange);
 * - every node that already has podCIDRs has them occupied (occupyCIDRs), before any node is
 *   allocated; such a node is left as it is, even if a family is missing (AllocateOrOccupyCIDR
 *   only allocates when `len(node.Spec.PodCIDRs) == 0`);
 * - each remaining node, in scenario order, gets one range per family, all or nothing.
 *
 * ClusterCIDR-style blocks with a nodeSelector (KEP-2593, the out-of-tree node-ipam-controller):
 * the blocks that apply to a node are tried in the KEP's order: most selector terms first, then
 * fewest node ranges, then the smallest node range, then scenario order; a block with no free
 * range falls through to the next, and the default (no selector) blocks come last. A KEP
 * ClusterCIDR object pairs an IPv4 and an IPv6 block; our blocks are per family, so each family
 * is chosen on its own.
 */
import { cidrFrom, cidrToString, type Cidr } from './cidr';
import type { Finding } from './findings';
import { ipText, withField } from './ipam-format';
import { NodeRangePool } from './ipam-node-pool';
import { NO_REMAINING_CIDRS, nodeSplitProblem } from './ipam-rules';
import { clusterRef, nodeRef } from './refs';
import type { Cluster, IpFamily, Node } from './schema';

const KCM = 'kube-controller-manager';

export interface NodePools {
  /** Valid blocks by family, in clusterCIDRs order. */
  readonly byFamily: Map<IpFamily, NodeRangePool[]>;
  /** Blocks that cannot be split (validation reports them; IPAM skips them). */
  readonly skipped: { index: number; cidr: string; family: IpFamily | null; problem: string }[];
  /** Families in allocation order: the cluster's ipFamilies first, then any other with a block. */
  readonly families: IpFamily[];
}

export function clusterFamilies(cluster: Cluster): IpFamily[] {
  const out: IpFamily[] = [];
  for (const f of cluster.ipFamilies) if (!out.includes(f)) out.push(f);
  return out;
}

/** Parsed service CIDRs of a cluster, in order (ServiceCIDR objects, then their cidrs). */
export function serviceCidrsOf(cluster: Cluster): { cidr: Cidr; name: string | undefined }[] {
  const out: { cidr: Cidr; name: string | undefined }[] = [];
  for (const sc of cluster.serviceCIDRs) {
    for (const text of sc.cidrs) {
      const c = cidrFrom(text);
      if (c) out.push({ cidr: c, name: sc.name });
    }
  }
  return out;
}

/** Build the pools of a cluster with service ranges blocked and given node podCIDRs occupied. */
export function buildNodePools(cluster: Cluster): NodePools {
  const byFamily = new Map<IpFamily, NodeRangePool[]>();
  const skipped: NodePools['skipped'] = [];
  cluster.clusterCIDRs.forEach((cc, index) => {
    const c = cidrFrom(cc.cidr);
    if (!c) {
      skipped.push({ index, cidr: cc.cidr, family: null, problem: 'not a CIDR' });
      return;
    }
    const problem = nodeSplitProblem(c, cc.nodeMaskSize);
    if (problem) {
      skipped.push({ index, cidr: cc.cidr, family: c.family, problem });
      return;
    }
    const selector =
      cc.nodeSelector && Object.keys(cc.nodeSelector).length > 0 ? cc.nodeSelector : undefined;
    const pool = new NodeRangePool(c, cc.nodeMaskSize, index, selector);
    const list = byFamily.get(c.family) ?? [];
    list.push(pool);
    byFamily.set(c.family, list);
  });

  for (const { cidr } of serviceCidrsOf(cluster)) {
    for (const pool of byFamily.get(cidr.family) ?? []) pool.blockService(cidr);
  }
  for (const node of cluster.nodes) {
    for (const text of node.podCIDRs ?? []) {
      const c = cidrFrom(text);
      if (!c) continue;
      for (const pool of byFamily.get(c.family) ?? []) pool.occupy(c);
    }
  }

  const families = clusterFamilies(cluster);
  for (const f of byFamily.keys()) if (!families.includes(f)) families.push(f);
  return { byFamily, skipped, families };
}

/** The KEP-2593 order of the blocks that apply to a node. */
export function poolsForNode(
  pools: readonly NodeRangePool[],
  labels: Readonly<Record<string, string>> | undefined,
): NodeRangePool[] {
  return pools
    .filter((p) => p.matches(labels))
    .sort(
      (a, b) =>
        b.selectorTerms - a.selectorTerms ||
        (a.count < b.count ? -1 : a.count > b.count ? 1 : 0) ||
        b.nodeMask - a.nodeMask ||
        a.index - b.index,
    );
}

const needsRange = (node: Node): boolean => !node.podCIDRs || node.podCIDRs.length === 0;

/**
 * Fill missing node podCIDRs of one cluster. Returns the new nodes array (the input array when
 * nothing changed); adds findings and filled keys.
 */
export function fillNodeRanges(cluster: Cluster, findings: Finding[], filled: Set<string>): Node[] {
  if (!cluster.nodes.some(needsRange)) return cluster.nodes;
  const pools = buildNodePools(cluster);

  for (const s of pools.skipped) {
    if (s.family === null) continue; // not a CIDR: validation's finding is enough
    findings.push({
      severity: 'warning',
      object: clusterRef(cluster.name),
      field: `clusterCIDRs[${s.index}]`,
      message: `IPAM hands out no node ranges from ${s.cidr}: ${s.problem}.`,
      source: KCM,
    });
  }

  let changed = false;
  const nodes = cluster.nodes.map((node) => {
    if (!needsRange(node)) return node;
    const picks: { pool: NodeRangePool; index: bigint }[] = [];
    const full: string[] = [];
    for (const family of pools.families) {
      const candidates = poolsForNode(pools.byFamily.get(family) ?? [], node.labels);
      if (candidates.length === 0) continue;
      let pick: { pool: NodeRangePool; index: bigint } | null = null;
      for (const pool of candidates) {
        const index = pool.peek();
        if (index !== null) {
          pick = { pool, index };
          break;
        }
      }
      if (pick) picks.push(pick);
      else full.push(candidates.map((p) => cidrToString(p.cidr)).join(', '));
    }
    if (full.length > 0) {
      // range_allocator.go: one family failing fails the node ("CIDRNotAvailable").
      findings.push({
        severity: 'error',
        object: nodeRef(cluster.name, node.name),
        field: 'spec.podCIDRs',
        message: `${NO_REMAINING_CIDRS} (${full.join('; ')}): the node gets no pod range (event CIDRNotAvailable).`,
        source: KCM,
      });
      return node;
    }
    if (picks.length === 0) return node;
    const podCIDRs: string[] = [];
    for (const { pool, index } of picks) {
      const range = pool.take(index);
      // Blocks may overlap (KEP-2593 allows it): the range is used in all of them.
      for (const other of pools.byFamily.get(range.family) ?? []) {
        if (other !== pool) other.occupy(range);
      }
      podCIDRs.push(`${ipText(range.family, range.base)}/${range.prefix}`);
    }
    changed = true;
    filled.add(`${nodeRef(cluster.name, node.name)}#podCIDRs`);
    return withField(node, 'podCIDRs', podCIDRs);
  });
  return changed ? nodes : cluster.nodes;
}
