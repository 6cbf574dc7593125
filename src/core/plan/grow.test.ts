import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { cidrContainsCidr, cidrContainsIp, cidrFrom, ipFrom } from '../model/cidr';
import { NO_REMAINING_CIDRS } from '../model/ipam-rules';
import type { Cluster } from '../model/schema';
import { validateScenario } from '../model/validate';
import { allocateSmallAndGrowExample, growClusterCIDR, growCounts, growServiceCIDR } from './grow';

function cluster(extra: Partial<Cluster> = {}): Cluster {
  return {
    name: 'c1',
    ipFamilies: ['IPv4'],
    clusterCIDRs: [{ cidr: '10.0.0.0/20', nodeMaskSize: 24 }],
    serviceCIDRs: [{ cidrs: ['10.96.0.0/24'] }],
    nodes: [],
    pods: [],
    services: [],
    ...extra,
  };
}

interface K8sObject {
  apiVersion: string;
  kind: string;
  spec: Record<string, unknown>;
}
const docs = (text: string): K8sObject[] =>
  parseAllDocuments(text).map((d) => d.toJS() as K8sObject);

describe('growClusterCIDR (KEP-2593 ClusterCIDR)', () => {
  it('adds 2^(N - C) node ranges for a disjoint block (cidr_set.go)', () => {
    const r = growClusterCIDR(cluster(), { cidr: '10.0.16.0/20', nodeMaskSize: 24 });
    expect(r.applied).toBe(true);
    expect(r.added.nodeRanges).toBe(1n << BigInt(24 - 20));
    expect(r.after.nodeRanges - r.before.nodeRanges).toBe(r.added.nodeRanges);
    expect(r.cluster.clusterCIDRs).toHaveLength(2);
  });

  it('makes a second block of a family a ClusterCIDR for every node (nodeSelector {}), which validation accepts', () => {
    const r = growClusterCIDR(cluster(), { cidr: '10.0.16.0/20', nodeMaskSize: 26 });
    expect(r.cluster.clusterCIDRs[1]?.nodeSelector).toEqual({});
    const findings = validateScenario({
      version: 1,
      model: 'flat',
      networks: [],
      clusters: [r.cluster],
    });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('keeps a given nodeSelector', () => {
    const r = growClusterCIDR(cluster(), {
      cidr: '10.0.16.0/20',
      nodeMaskSize: 26,
      nodeSelector: { pool: 'dense' },
    });
    expect(r.cluster.clusterCIDRs[1]?.nodeSelector).toEqual({ pool: 'dense' });
  });

  it('returns the ClusterCIDR objects to apply, the first block too (node-ipam-controller occupies existing podCIDRs only inside a ClusterCIDR)', () => {
    const r = growClusterCIDR(cluster(), { cidr: '10.0.16.0/20', nodeMaskSize: 24 });
    const list = docs(r.manifest);
    expect(list.map((d) => d.kind)).toEqual(['ClusterCIDR', 'ClusterCIDR']);
    expect(list.map((d) => d.spec.ipv4)).toEqual(['10.0.0.0/20', '10.0.16.0/20']);
  });

  it('refuses a block that overlaps one the cluster has, and leaves the cluster as it was', () => {
    const c = cluster();
    const r = growClusterCIDR(c, { cidr: '10.0.8.0/21', nodeMaskSize: 24 });
    expect(r.applied).toBe(false);
    expect(r.cluster).toBe(c);
    expect(r.added.nodeRanges).toBe(0n);
    expect(r.findings[0]?.severity).toBe('error');
  });

  it('refuses another family and text that is not a CIDR', () => {
    expect(growClusterCIDR(cluster(), { cidr: 'fd00::/56', nodeMaskSize: 64 }).applied).toBe(false);
    expect(growClusterCIDR(cluster(), { cidr: 'ten-dot', nodeMaskSize: 24 }).applied).toBe(false);
  });

  it('counts what the new block loses to an overlapping Service range (range_allocator.go filterOutServiceRange)', () => {
    const c = cluster({ serviceCIDRs: [{ cidrs: ['10.0.16.0/24'] }] });
    const r = growClusterCIDR(c, { cidr: '10.0.16.0/20', nodeMaskSize: 24 });
    expect(r.added.nodeRanges).toBe(16n - 1n);
  });
});

describe('growServiceCIDR (KEP-1880 ServiceCIDR)', () => {
  it('adds the usable addresses of the new range: 2^8 - 2 for an IPv4 /24 (ipallocator: no network, no broadcast)', () => {
    const r = growServiceCIDR(cluster(), '10.96.1.0/24', 'more');
    expect(r.applied).toBe(true);
    expect(r.added.serviceIPs).toBe(256n - 2n);
    expect(r.cluster.serviceCIDRs[1]).toEqual({ name: 'more', cidrs: ['10.96.1.0/24'] });
    const [d] = docs(r.manifest);
    expect(d?.apiVersion).toBe('networking.k8s.io/v1');
    expect(d?.kind).toBe('ServiceCIDR');
    expect(d?.spec).toEqual({ cidrs: ['10.96.1.0/24'] });
  });

  it('adds 2^16 - 1 for an IPv6 /112 (only the network address is lost)', () => {
    const c = cluster({
      ipFamilies: ['IPv6'],
      clusterCIDRs: [{ cidr: 'fd00:1::/56', nodeMaskSize: 64 }],
      serviceCIDRs: [{ cidrs: ['fd03::/112'] }],
    });
    expect(growServiceCIDR(c, 'fd03::1:0/112').added.serviceIPs).toBe((1n << 16n) - 1n);
  });

  it('warns when the range sits inside one the cluster has: it adds nothing', () => {
    const r = growServiceCIDR(cluster(), '10.96.0.128/25');
    expect(r.added.serviceIPs).toBe(0n);
    expect(r.findings.some((f) => f.severity === 'warning')).toBe(true);
  });

  it('passes on validation: IPv6 service ranges shorter than /64 are refused by kube-apiserver', () => {
    const c = cluster({
      ipFamilies: ['IPv6'],
      clusterCIDRs: [],
      serviceCIDRs: [{ cidrs: ['fd03::/112'] }],
    });
    const r = growServiceCIDR(c, 'fd04::/48');
    expect(r.findings.some((f) => f.severity === 'error' && f.message.includes('/64'))).toBe(true);
  });

  it('the first range of a cluster becomes the flag range, with no object to apply', () => {
    const r = growServiceCIDR(cluster({ serviceCIDRs: [] }), '10.96.0.0/24');
    expect(r.cluster.serviceCIDRs).toEqual([{ cidrs: ['10.96.0.0/24'] }]);
    expect(r.manifest).toBe('');
  });

  it('refuses a family the cluster does not serve', () => {
    const r = growServiceCIDR(cluster(), 'fd03::/112');
    expect(r.applied).toBe(false);
    expect(r.cluster.serviceCIDRs).toHaveLength(1);
  });
});

describe('allocateSmallAndGrowExample (talk 000: "allocate small to start, and build up")', () => {
  const steps = allocateSmallAndGrowExample();

  it('has five steps, each with a filled cluster and counts from capacity', () => {
    expect(steps).toHaveLength(5);
    for (const s of steps) {
      expect(s.counts).toEqual(growCounts(s.cluster, 'IPv4'));
      expect(s.text.length).toBeGreaterThan(20);
    }
  });

  it('step 1 starts with a /20 in /24s (16 node ranges) and a /24 of Services (254 ClusterIPs)', () => {
    expect(steps[0]?.counts.nodeRanges).toBe(1n << 4n);
    expect(steps[0]?.counts.serviceIPs).toBe(254n);
    expect(steps[0]?.findings).toEqual([]);
  });

  it('step 2: one node more than node ranges, and IPAM says "no remaining CIDRs"', () => {
    const s = steps[1]!;
    expect(BigInt(s.nodes)).toBe(s.counts.nodeRanges + 1n);
    expect(s.counts.nodeRangesFree).toBe(0n);
    const nodeFinding = s.findings.filter((f) => f.field === 'spec.podCIDRs');
    expect(nodeFinding).toHaveLength(1);
    expect(nodeFinding[0]?.message).toContain(NO_REMAINING_CIDRS);
    expect(s.cluster.nodes.filter((n) => !n.podCIDRs?.length)).toHaveLength(1);
  });

  it('step 3: the second block gives the waiting node a range and moves no existing one', () => {
    const before = steps[1]!.cluster;
    const after = steps[2]!.cluster;
    expect(steps[2]!.counts.nodeRanges).toBe(steps[1]!.counts.nodeRanges + 16n);
    before.nodes.forEach((n, i) => {
      if (n.podCIDRs?.length) expect(after.nodes[i]?.podCIDRs).toEqual(n.podCIDRs);
    });
    const waiting = after.nodes[before.nodes.findIndex((n) => !n.podCIDRs?.length)];
    const range = cidrFrom(waiting?.podCIDRs?.[0] ?? '');
    expect(range && cidrContainsCidr(cidrFrom('10.0.16.0/20')!, range)).toBe(true);
    expect(steps[2]!.manifest).toContain('ClusterCIDR');
    expect(steps[2]!.findings).toEqual([]);
  });

  it('step 4: the Services fill the range and one gets no ClusterIP', () => {
    const s = steps[3]!;
    expect(s.counts.serviceIPsFree).toBe(0n);
    expect(s.cluster.services.filter((x) => !x.clusterIPs?.length)).toHaveLength(1);
  });

  it('step 5: the second ServiceCIDR serves the waiting Service', () => {
    const s = steps[4]!;
    expect(s.added?.serviceIPs).toBe(254n);
    expect(s.cluster.services.every((x) => (x.clusterIPs?.length ?? 0) > 0)).toBe(true);
    const waiting =
      s.cluster.services[steps[3]!.cluster.services.findIndex((x) => !x.clusterIPs?.length)];
    expect(cidrContainsIp(cidrFrom('10.96.1.0/24')!, ipFrom(waiting?.clusterIPs?.[0] ?? '')!)).toBe(
      true,
    );
    expect(s.manifest).toContain('ServiceCIDR');
  });
});
