import { describe, expect, it } from 'vitest';
import { cidrContainsCidr, cidrContainsIp, cidrFrom, ipFrom } from '../model/cidr';
import { clusterCapacity } from '../model/capacity';
import { compareFamilies, type ObjectExample, type StackColumn } from './compare';
import { ulaPrefix } from './ula';

const input = { nodes: 100, podsPerNode: 110, services: 500 };
const ID = 0x123456789an;
const cmp = compareFamilies(input, { ulaGlobalId: ID });

const col = (stack: StackColumn['stack']): StackColumn => {
  const c = cmp.columns.find((x) => x.stack === stack);
  if (!c) throw new Error(stack);
  return c;
};
const field = (o: ObjectExample, path: string): unknown =>
  o.fields.find((f) => f.path === path)?.value;

describe('compareFamilies: the columns', () => {
  it('gives IPv4-only, dual-stack and IPv6-only in that order with their families', () => {
    expect(cmp.columns.map((c) => c.stack)).toEqual(['IPv4', 'dual-stack', 'IPv6']);
    expect(cmp.columns.map((c) => c.families)).toEqual([['IPv4'], ['IPv4', 'IPv6'], ['IPv6']]);
    for (const c of cmp.columns) expect(c.ok).toBe(true);
  });

  it('counts node ranges and Service IPs as capacity.ts does for the example cluster', () => {
    for (const c of cmp.columns) {
      expect(c.cluster).not.toBeNull();
      const caps = clusterCapacity(c.cluster ?? cmp.columns[0]!.cluster!);
      for (const f of c.perFamily) {
        const cap = caps.find((x) => x.family === f.family);
        expect(cap).toBeDefined();
        expect(f.nodeRanges).toBe(
          (cap?.nodeRanges.total ?? 0n) - (cap?.nodeRanges.blockedByServices ?? 0n),
        );
        expect(f.serviceIPs).toBe(cap?.services.usable);
        expect(f.podsPerNode).toBe(cap?.pods.podsPerNode);
      }
    }
  });

  it('a dual-stack node needs a range of each family (range_allocator.go: all or nothing): nodes that fit is the minimum', () => {
    const d = col('dual-stack');
    const ranges = d.perFamily.map((f) => f.nodeRanges);
    expect(d.nodesThatFit).toBe(ranges.reduce((a, b) => (b < a ? b : a)));
    expect(d.nodesThatFit).toBeGreaterThanOrEqual(BigInt(input.nodes));
    expect(d.servicesThatFit).toBe(d.serviceIPs - 2n);
  });

  it('puts the IPv6 blocks inside the ULA /48 of the given global ID', () => {
    const prefix = cidrFrom(ulaPrefix(ID) ?? '');
    for (const f of col('IPv6').perFamily) {
      expect(cidrContainsCidr(prefix!, cidrFrom(f.clusterCIDR)!)).toBe(true);
      expect(cidrContainsCidr(prefix!, cidrFrom(f.serviceCIDR)!)).toBe(true);
    }
  });

  it('names the binding limit by the highest share needed', () => {
    const manyServices = compareFamilies({ nodes: 10, podsPerNode: 32, services: 4000 });
    expect(manyServices.columns[0]?.bindingLimit?.kind).toBe('serviceIPs');
    const manyNodes = compareFamilies({ nodes: 4000, podsPerNode: 32, services: 10 });
    expect(manyNodes.columns[0]?.bindingLimit?.kind).toBe('nodeRanges');
    const b = manyNodes.columns[0]?.bindingLimit;
    expect(b?.fraction).toBeCloseTo(Number(b?.needed) / Number(b?.capacity), 6);
  });
});

describe('compareFamilies: the API fields (k8s.io/api/core/v1: Node, Pod, Service)', () => {
  it('IPv4-only: one podCIDR, one podIP, one clusterIP, SingleStack', () => {
    const c = col('IPv4');
    expect(field(c.node, 'spec.podCIDRs')).toHaveLength(1);
    expect(field(c.pod, 'status.podIPs')).toHaveLength(1);
    expect(field(c.service, 'spec.clusterIPs')).toHaveLength(1);
    expect(field(c.service, 'spec.ipFamilies')).toEqual(['IPv4']);
    expect(field(c.service, 'spec.ipFamilyPolicy')).toBe('SingleStack');
  });

  it('dual-stack: one value per family in every list, primary first, PreferDualStack (pkg/registry/core/service/storage/alloc.go)', () => {
    const c = col('dual-stack');
    const podCIDRs = field(c.node, 'spec.podCIDRs') as string[];
    expect(podCIDRs.map((t) => cidrFrom(t)?.family)).toEqual(['IPv4', 'IPv6']);
    const podIPs = field(c.pod, 'status.podIPs') as { ip: string }[];
    expect(podIPs.map((p) => ipFrom(p.ip)?.family)).toEqual(['IPv4', 'IPv6']);
    const clusterIPs = field(c.service, 'spec.clusterIPs') as string[];
    expect(clusterIPs.map((t) => ipFrom(t)?.family)).toEqual(['IPv4', 'IPv6']);
    expect(field(c.service, 'spec.ipFamilies')).toEqual(['IPv4', 'IPv6']);
    expect(field(c.service, 'spec.ipFamilyPolicy')).toBe('PreferDualStack');
    const addresses = field(c.node, 'status.addresses') as { type: string; address: string }[];
    expect(addresses.map((a) => [a.type, ipFrom(a.address)?.family])).toEqual([
      ['InternalIP', 'IPv4'],
      ['InternalIP', 'IPv6'],
    ]);
  });

  it('IPv6-only: every address is IPv6', () => {
    const c = col('IPv6');
    expect(ipFrom(String(field(c.pod, 'status.podIP')))?.family).toBe('IPv6');
    expect(ipFrom(String(field(c.service, 'spec.clusterIP')))?.family).toBe('IPv6');
    expect(cidrFrom(String(field(c.node, 'spec.podCIDR')))?.family).toBe('IPv6');
  });

  it('keeps the singular fields equal to the first of the plural ones', () => {
    for (const c of cmp.columns) {
      expect(field(c.node, 'spec.podCIDR')).toBe((field(c.node, 'spec.podCIDRs') as string[])[0]);
      expect(field(c.pod, 'status.podIP')).toBe(
        (field(c.pod, 'status.podIPs') as { ip: string }[])[0]?.ip,
      );
      expect(field(c.service, 'spec.clusterIP')).toBe(
        (field(c.service, 'spec.clusterIPs') as string[])[0],
      );
    }
  });

  it('takes the example addresses from the plan: pod IP in the node range (not its gateway), node range in the cluster CIDR, ClusterIP in the service range', () => {
    for (const c of cmp.columns) {
      const podCIDRs = (field(c.node, 'spec.podCIDRs') as string[]).map((t) => cidrFrom(t)!);
      const podIPs = (field(c.pod, 'status.podIPs') as { ip: string }[]).map((p) => ipFrom(p.ip)!);
      const clusterIPs = (field(c.service, 'spec.clusterIPs') as string[]).map((t) => ipFrom(t)!);
      c.perFamily.forEach((f, i) => {
        const range = podCIDRs[i]!;
        expect(range.family).toBe(f.family);
        expect(cidrContainsCidr(cidrFrom(f.clusterCIDR)!, range)).toBe(true);
        expect(range.prefix).toBe(f.nodeMaskSize);
        expect(cidrContainsIp(range, podIPs[i]!)).toBe(true);
        // CNI host-local: the gateway is network + 1 and is never a pod's address.
        expect(podIPs[i]!.value).not.toBe(range.base + 1n);
        expect(cidrContainsIp(cidrFrom(f.serviceCIDR)!, clusterIPs[i]!)).toBe(true);
        expect(
          cidrContainsIp(
            cidrFrom(f.nodeNetwork)!,
            ipFrom((field(c.node, 'status.addresses') as { address: string }[])[i]!.address)!,
          ),
        ).toBe(true);
      });
    }
  });

  it('uses the node networks given in the options', () => {
    const c = compareFamilies(input, { nodeNetworks: { IPv4: '192.168.10.0/24' } }).columns[0]!;
    expect(field(c.node, 'status.addresses')).toEqual([
      { type: 'InternalIP', address: '192.168.10.1' },
    ]);
  });
});

describe('compareFamilies: bad input', () => {
  it('returns columns with errors instead of throwing', () => {
    const bad = compareFamilies({ nodes: 0, podsPerNode: -1, services: Number.NaN });
    expect(bad.columns).toHaveLength(3);
    for (const c of bad.columns) {
      expect(c.ok).toBe(false);
      expect(c.errors.length).toBeGreaterThan(0);
      expect(c.cluster).toBeNull();
    }
  });

  it('reports a node network that overlaps a planned block', () => {
    const c = compareFamilies(input, { nodeNetworks: { IPv4: '10.0.0.0/16' } }).columns[0]!;
    expect(c.notes.some((n) => n.includes('overlaps the cluster CIDR'))).toBe(true);
  });
});
