/**
 * "Allocate small to start, and build up" (talk 000): grow a cluster's pod space with another
 * cluster CIDR block (KEP-2593, a ClusterCIDR of the out-of-tree node-ipam-controller) and its
 * Service space with another ServiceCIDR (KEP-1880, networking.k8s.io/v1). What each step adds is
 * the difference of capacity.ts's numbers before and after, so the planner, the capacity panel
 * and IPAM never disagree.
 *
 * Why a new block rather than a bigger one: a node's spec.podCIDRs cannot change once set, and
 * kube-controller-manager's --cluster-cidr and kube-apiserver's --service-cluster-ip-range
 * cannot be widened in place without re-creating the allocators; adding a block leaves every
 * allocated address where it is ("Extend Service IP Ranges", kubernetes.io).
 *
 * Scenario conventions (see export.ts): a block with `nodeSelector` (even `{}`, every node) is a
 * ClusterCIDR object; `serviceCIDRs[0]` is the flag range and later entries are ServiceCIDRs.
 */
import { cidrFrom, cidrOverlaps, cidrToString, countString } from '../model/cidr';
import { clusterCapacity, type FamilyCapacity } from '../model/capacity';
import type { Finding } from '../model/findings';
import { fillScenario } from '../model/ipam';
import { clusterRef } from '../model/refs';
import type { Cluster, ClusterCIDR, IpFamily, Scenario, Service } from '../model/schema';
import { validateScenario } from '../model/validate';
import { clusterCIDRObjects, objectName, serviceCIDRManifest } from './export';

export interface GrowCounts {
  /** Node ranges IPAM can hand out (service overlap excluded). */
  nodeRanges: bigint;
  nodeRangesUsed: bigint;
  nodeRangesFree: bigint;
  /** Pods if every assignable range held a full node. */
  maxPods: bigint;
  /** ClusterIPs the allocator hands out (top-level ranges). */
  serviceIPs: bigint;
  serviceIPsUsed: bigint;
  serviceIPsFree: bigint;
}

export interface GrowResult {
  /** The grown cluster, or the input cluster when the change was refused. */
  cluster: Cluster;
  applied: boolean;
  family: IpFamily | null;
  before: GrowCounts;
  after: GrowCounts;
  /** after - before. */
  added: { nodeRanges: bigint; maxPods: bigint; serviceIPs: bigint };
  /** Why it was refused, and validation's findings about the new entry. */
  findings: Finding[];
  /** What to apply: the ClusterCIDR objects, or the new ServiceCIDR. */
  manifest: string;
  /** One sentence for the planner. */
  summary: string;
}

const ZERO: GrowCounts = {
  nodeRanges: 0n,
  nodeRangesUsed: 0n,
  nodeRangesFree: 0n,
  maxPods: 0n,
  serviceIPs: 0n,
  serviceIPsUsed: 0n,
  serviceIPsFree: 0n,
};

function countsOf(caps: readonly FamilyCapacity[], family: IpFamily | null): GrowCounts {
  const c = caps.find((x) => x.family === family);
  if (!c) return { ...ZERO };
  return {
    nodeRanges: c.nodeRanges.total - c.nodeRanges.blockedByServices,
    nodeRangesUsed: c.nodeRanges.used,
    nodeRangesFree: c.nodeRanges.free,
    maxPods: c.pods.maxInCluster,
    serviceIPs: c.services.usable,
    serviceIPsUsed: c.services.used,
    serviceIPsFree: c.services.free,
  };
}

/** Capacity counts of one family of a cluster. */
export function growCounts(cluster: Cluster, family: IpFamily): GrowCounts {
  try {
    return countsOf(clusterCapacity(cluster), family);
  } catch {
    return { ...ZERO };
  }
}

const diff = (a: GrowCounts, b: GrowCounts) => ({
  nodeRanges: b.nodeRanges - a.nodeRanges,
  maxPods: b.maxPods - a.maxPods,
  serviceIPs: b.serviceIPs - a.serviceIPs,
});

const wrap = (cluster: Cluster): Scenario => ({
  version: 1,
  model: 'flat',
  networks: [],
  clusters: [cluster],
});

/** Validation's findings about one field prefix of the cluster (e.g. "clusterCIDRs[2]"). */
function findingsAbout(cluster: Cluster, fieldPrefix: string): Finding[] {
  const ref = clusterRef(cluster.name);
  return validateScenario(wrap(cluster)).filter(
    (f) => f.object === ref && (f.field === fieldPrefix || f.field.startsWith(`${fieldPrefix}.`)),
  );
}

function refused(
  cluster: Cluster,
  family: IpFamily | null,
  field: string,
  message: string,
  source: string,
): GrowResult {
  const counts = growCounts(cluster, family ?? cluster.ipFamilies[0] ?? 'IPv4');
  return {
    cluster,
    applied: false,
    family,
    before: counts,
    after: counts,
    added: { nodeRanges: 0n, maxPods: 0n, serviceIPs: 0n },
    findings: [{ severity: 'error', object: clusterRef(cluster.name), field, message, source }],
    manifest: '',
    summary: message,
  };
}

export interface GrowClusterCIDRInput {
  cidr: string;
  nodeMaskSize: number;
  /** Only nodes with these labels; default: every node (a ClusterCIDR with no selector). */
  nodeSelector?: Record<string, string>;
  name?: string;
}

/**
 * Add a cluster CIDR block. A second block of a family needs a ClusterCIDR object, so without a
 * nodeSelector it gets `{}` (every node). Refused (cluster unchanged, an error finding) when the
 * CIDR does not parse, its family is not one of the cluster's, or it overlaps a block of the
 * cluster (it would add no new range).
 */
export function growClusterCIDR(cluster: Cluster, input: GrowClusterCIDRInput): GrowResult {
  try {
    const index = cluster.clusterCIDRs.length;
    const field = `clusterCIDRs[${index}]`;
    const c = cidrFrom(input.cidr);
    if (!c) {
      return refused(cluster, null, field, `"${input.cidr}" is not a CIDR`, 'Packetwalk');
    }
    if (!cluster.ipFamilies.includes(c.family)) {
      return refused(
        cluster,
        c.family,
        field,
        `${cidrToString(c)} is ${c.family}, but cluster ${cluster.name} is ${cluster.ipFamilies.join('/')}: adding a family is a move to dual-stack, not growth`,
        'Packetwalk',
      );
    }
    const clash = cluster.clusterCIDRs.find((cc) => {
      const o = cidrFrom(cc.cidr);
      return o !== null && cidrOverlaps(o, c);
    });
    if (clash) {
      return refused(
        cluster,
        c.family,
        field,
        `${cidrToString(c)} overlaps the cluster's block ${clash.cidr}: it would add no new node range`,
        'node-ipam-controller',
      );
    }
    const hasFamilyBlock = cluster.clusterCIDRs.some(
      (cc) => cidrFrom(cc.cidr)?.family === c.family,
    );
    const selector = input.nodeSelector ?? (hasFamilyBlock ? {} : undefined);
    const entry: ClusterCIDR = {
      ...(input.name ? { name: input.name } : {}),
      cidr: cidrToString(c),
      nodeMaskSize: input.nodeMaskSize,
      ...(selector ? { nodeSelector: { ...selector } } : {}),
    };
    const next: Cluster = { ...cluster, clusterCIDRs: [...cluster.clusterCIDRs, entry] };
    const before = growCounts(cluster, c.family);
    const after = growCounts(next, c.family);
    const added = diff(before, after);
    const findings = findingsAbout(next, field);
    const perNode = after.maxPods > before.maxPods && added.nodeRanges > 0n;
    return {
      cluster: next,
      applied: true,
      family: c.family,
      before,
      after,
      added,
      findings,
      manifest: clusterCIDRObjects(next),
      summary: `${cidrToString(c)} in /${input.nodeMaskSize}s adds ${countString(added.nodeRanges)} ${c.family} node ranges (${countString(before.nodeRanges)} -> ${countString(after.nodeRanges)})${perNode ? `, room for ${countString(added.maxPods)} more pods` : ''}.`,
    };
  } catch (e) {
    return refused(
      cluster,
      null,
      'clusterCIDRs',
      `growing failed: ${e instanceof Error ? e.message : String(e)}`,
      'Packetwalk',
    );
  }
}

/**
 * Add a ServiceCIDR with one CIDR. The first range of a cluster becomes the flag range
 * (serviceCIDRs[0]) instead. Refused when the CIDR does not parse or its family is not one of
 * the cluster's.
 */
export function growServiceCIDR(cluster: Cluster, cidr: string, name?: string): GrowResult {
  try {
    const index = cluster.serviceCIDRs.length;
    const field = `serviceCIDRs[${index}]`;
    const c = cidrFrom(cidr);
    if (!c) return refused(cluster, null, field, `"${cidr}" is not a CIDR`, 'Packetwalk');
    if (!cluster.ipFamilies.includes(c.family)) {
      return refused(
        cluster,
        c.family,
        field,
        `${cidrToString(c)} is ${c.family}, but cluster ${cluster.name} serves ${cluster.ipFamilies.join('/')} Services`,
        'kube-apiserver',
      );
    }
    const objName = objectName(
      name ?? '',
      `${objectName(cluster.name, 'cluster')}-services-${index}`,
    );
    const next: Cluster = {
      ...cluster,
      serviceCIDRs: [
        ...cluster.serviceCIDRs,
        { ...(index > 0 ? { name: objName } : {}), cidrs: [cidrToString(c)] },
      ],
    };
    const before = growCounts(cluster, c.family);
    const after = growCounts(next, c.family);
    const added = diff(before, after);
    const findings = findingsAbout(next, field);
    if (added.serviceIPs <= 0n) {
      findings.push({
        severity: 'warning',
        object: clusterRef(cluster.name),
        field,
        message: `${cidrToString(c)} lies inside a range the cluster already has: it adds no Service IP`,
        source: 'kube-apiserver',
      });
    }
    return {
      cluster: next,
      applied: true,
      family: c.family,
      before,
      after,
      added,
      findings,
      manifest: index > 0 ? serviceCIDRManifest(objName, [cidrToString(c)]) : '',
      summary: `${cidrToString(c)} adds ${countString(added.serviceIPs > 0n ? added.serviceIPs : 0n)} ${c.family} Service IPs (${countString(before.serviceIPs)} -> ${countString(after.serviceIPs)}).`,
    };
  } catch (e) {
    return refused(
      cluster,
      null,
      'serviceCIDRs',
      `growing failed: ${e instanceof Error ? e.message : String(e)}`,
      'Packetwalk',
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The worked example.

export interface GrowStep {
  title: string;
  text: string;
  /** The cluster after this step, filled by IPAM. */
  cluster: Cluster;
  nodes: number;
  services: number;
  counts: GrowCounts;
  /** What the step added, for growth steps. */
  added: { nodeRanges: bigint; maxPods: bigint; serviceIPs: bigint } | null;
  /** IPAM's findings (a node without a range, a Service without an IP). */
  findings: Finding[];
  /** What to apply in this step. */
  manifest: string;
}

const EXAMPLE = {
  name: 'small',
  podBlock: '10.0.0.0/20',
  secondPodBlock: '10.0.16.0/20',
  nodeMask: 24,
  serviceRange: '10.96.0.0/24',
  secondServiceRange: '10.96.1.0/24',
  startNodes: 4,
  startServices: 20,
} as const;

const nodesUpTo = (n: number): Cluster['nodes'] =>
  Array.from({ length: n }, (_, i) => ({
    name: `node-${i + 1}`,
    addresses: [
      {
        type: 'InternalIP' as const,
        address: `10.240.${Math.floor((i + 1) / 256)}.${(i + 1) % 256}`,
      },
    ],
  }));

const servicesUpTo = (n: number): Service[] =>
  Array.from({ length: n }, (_, i) => ({ name: `svc-${i + 1}`, ports: [{ port: 80 }] }));

/** Keep what IPAM already handed out; add new nodes/Services without addresses. */
function withCounts(c: Cluster, nodes: number, services: number): Cluster {
  const keepNodes = c.nodes.slice(0, nodes);
  const moreNodes = nodesUpTo(nodes).slice(keepNodes.length);
  const keepSvcs = c.services.slice(0, services);
  const moreSvcs = servicesUpTo(services).slice(keepSvcs.length);
  return { ...c, nodes: [...keepNodes, ...moreNodes], services: [...keepSvcs, ...moreSvcs] };
}

function step(
  title: string,
  text: (counts: GrowCounts, findings: Finding[]) => string,
  cluster: Cluster,
  added: GrowStep['added'],
  manifest: string,
): GrowStep {
  const filled = fillScenario(wrap(cluster));
  const c = filled.scenario.clusters[0] ?? cluster;
  const counts = growCounts(c, 'IPv4');
  return {
    title,
    text: text(counts, filled.findings),
    cluster: c,
    nodes: c.nodes.length,
    services: c.services.length,
    counts,
    added,
    findings: filled.findings,
    manifest,
  };
}

/**
 * A worked example in five steps: start with a /20 for pods and a /24 for Services, fill the
 * node ranges, add a second /20 as a ClusterCIDR, fill the Service range, add a second
 * ServiceCIDR. Every number comes from IPAM and capacity.
 */
export function allocateSmallAndGrowExample(): GrowStep[] {
  const steps: GrowStep[] = [];
  try {
    const start: Cluster = {
      name: EXAMPLE.name,
      ipFamilies: ['IPv4'],
      clusterCIDRs: [{ cidr: EXAMPLE.podBlock, nodeMaskSize: EXAMPLE.nodeMask }],
      serviceCIDRs: [{ cidrs: [EXAMPLE.serviceRange] }],
      nodes: nodesUpTo(EXAMPLE.startNodes),
      pods: [],
      services: servicesUpTo(EXAMPLE.startServices),
    };
    const s1 = step(
      'Start small',
      (k) =>
        `Pods get ${EXAMPLE.podBlock} in /${EXAMPLE.nodeMask}s: ${countString(k.nodeRanges)} node ranges, ${countString(k.nodeRangesUsed)} in use. Services get ${EXAMPLE.serviceRange}: ${countString(k.serviceIPs)} ClusterIPs, ${countString(k.serviceIPsUsed)} in use (kubernetes.default included).`,
      start,
      null,
      '',
    );
    steps.push(s1);

    const fullNodes = Number(s1.counts.nodeRanges) + 1;
    const s2 = step(
      'The nodes fill the pod block',
      (k, f) =>
        `${fullNodes} nodes, ${countString(k.nodeRanges)} node ranges: ${countString(k.nodeRangesUsed)} nodes get one and ${f.filter((x) => x.field === 'spec.podCIDRs').length} gets none ("no remaining CIDRs left to allocate").`,
      withCounts(s1.cluster, fullNodes, EXAMPLE.startServices),
      null,
      '',
    );
    steps.push(s2);

    const grownPods = growClusterCIDR(s2.cluster, {
      cidr: EXAMPLE.secondPodBlock,
      nodeMaskSize: EXAMPLE.nodeMask,
      name: 'more-pods',
    });
    const s3 = step(
      'Add a second pod block (ClusterCIDR)',
      (k) =>
        `${EXAMPLE.secondPodBlock} as a ClusterCIDR adds ${countString(grownPods.added.nodeRanges)} node ranges (${countString(k.nodeRanges)} in all, ${countString(k.nodeRangesUsed)} in use): the waiting node gets its range; no existing node changes.`,
      grownPods.cluster,
      grownPods.added,
      grownPods.manifest,
    );
    steps.push(s3);

    const fullServices = Number(s3.counts.serviceIPs); // kubernetes.default holds one: one too many
    const s4 = step(
      'The Services fill the service range',
      (k, f) =>
        `${fullServices} Services plus kubernetes.default, ${countString(k.serviceIPs)} ClusterIPs: ${countString(k.serviceIPsUsed)} in use and ${f.filter((x) => x.field.startsWith('spec.clusterIP')).length} Service gets none (the range is full).`,
      withCounts(s3.cluster, fullNodes, fullServices),
      null,
      '',
    );
    steps.push(s4);

    const grownSvcs = growServiceCIDR(s4.cluster, EXAMPLE.secondServiceRange, 'more-services');
    const s5 = step(
      'Add a second ServiceCIDR',
      (k) =>
        `${EXAMPLE.secondServiceRange} adds ${countString(grownSvcs.added.serviceIPs)} ClusterIPs (${countString(k.serviceIPs)} in all, ${countString(k.serviceIPsUsed)} in use): the waiting Service gets an address from it.`,
      grownSvcs.cluster,
      grownSvcs.added,
      grownSvcs.manifest,
    );
    steps.push(s5);
  } catch {
    // Return the steps built so far.
  }
  return steps;
}
