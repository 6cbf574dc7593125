import { describe, expect, it } from 'vitest';
import { clusterCapacity } from './capacity';
import { cidrFrom } from './cidr';
import { fillScenario } from './ipam';
import {
  clusterPrefixForNodes,
  nodeMaskForMaxPods,
  proposePlan,
  servicePrefixForServices,
} from './sizing';

describe('nodeMaskForMaxPods', () => {
  it.each([
    [8, 28],
    [16, 27],
    [32, 26],
    [64, 25],
    [110, 24],
    [256, 23],
  ])('GKE: %i pods -> /%i (twice the pods, rounded up to a power of two)', (pods, mask) => {
    expect(nodeMaskForMaxPods(pods, 'IPv4')).toBe(mask);
  });

  it('never gives a range host-local cannot fill with maxPods pods', () => {
    expect(nodeMaskForMaxPods(1, 'IPv4')).toBe(30); // /31 gives no pod IPs; /30 gives one
    expect(nodeMaskForMaxPods(2, 'IPv4')).toBe(29); // /30 gives one; /29 gives five
  });

  it('IPv6 is /64 by default, and the IPv4 rule when asked for a tight mask', () => {
    expect(nodeMaskForMaxPods(110, 'IPv6')).toBe(64);
    expect(nodeMaskForMaxPods(8, 'IPv6')).toBe(64);
    expect(nodeMaskForMaxPods(110, 'IPv6', { ipv6: 'tight' })).toBe(120);
    expect(nodeMaskForMaxPods(1, 'IPv6', { ipv6: 'tight' })).toBe(126); // ::2 and ::3
  });
});

describe('clusterPrefixForNodes', () => {
  it('gives 2^(N - C) >= nodes', () => {
    expect(clusterPrefixForNodes(1, 24, 'IPv4')).toBe(24);
    expect(clusterPrefixForNodes(3, 24, 'IPv4')).toBe(22);
    expect(clusterPrefixForNodes(1000, 24, 'IPv4')).toBe(14);
    expect(clusterPrefixForNodes(1024, 24, 'IPv4')).toBe(14);
    expect(clusterPrefixForNodes(1025, 24, 'IPv4')).toBe(13);
  });

  it('talk 002: 65,536 nodes of /96 need a /80', () => {
    expect(clusterPrefixForNodes(65_536, 96, 'IPv6')).toBe(80);
  });
});

describe('servicePrefixForServices', () => {
  it('holds the Services plus kubernetes.default and DNS, network and broadcast excluded', () => {
    expect(servicePrefixForServices(0, 'IPv4')).toBe(28); // DNS at base + 10 needs 16 addresses
    expect(servicePrefixForServices(12, 'IPv4')).toBe(28); // 12 + 2 + 2 = 16
    expect(servicePrefixForServices(13, 'IPv4')).toBe(27);
    expect(servicePrefixForServices(1000, 'IPv4')).toBe(22);
  });

  it('IPv6 loses only the network address', () => {
    expect(servicePrefixForServices(0, 'IPv6')).toBe(124);
    expect(servicePrefixForServices(65_533, 'IPv6')).toBe(112); // 65,533 + 2 + 1 = 2^16
    expect(servicePrefixForServices(65_534, 'IPv6')).toBe(111);
  });
});

describe('proposePlan', () => {
  it('plans a dual-stack cluster: 1,000 nodes, 110 pods each, 1,000 Services', () => {
    const p = proposePlan({
      nodes: 1000,
      podsPerNode: 110,
      services: 1000,
      families: ['IPv4', 'IPv6'],
      ulaGlobalId: 0x12_3456_7890n,
    });
    expect(p.ok).toBe(true);
    const [v4, v6] = p.families;
    expect(v4).toMatchObject({
      clusterCIDR: '10.0.0.0/14',
      nodeMaskSize: 24,
      serviceCIDR: '10.4.0.0/22',
      fits: true,
    });
    expect(v4?.capacity.nodeRanges).toBe(1024n);
    expect(v4?.capacity.podsPerNode).toBe(110n);
    expect(v4?.capacity.serviceIPs).toBe(1022n);
    expect(v4?.capacity.staticBand).toBe(64n); // 1,024 / 16
    expect(v6).toMatchObject({
      clusterCIDR: 'fd12:3456:7890::/54',
      nodeMaskSize: 64,
      serviceCIDR: 'fd12:3456:7890:ffff::/112',
      fits: true,
    });
    expect(v6?.capacity.serviceIPs).toBe(65_535n);
    expect(p.cluster).toEqual({
      ipFamilies: ['IPv4', 'IPv6'],
      clusterCIDRs: [
        { cidr: '10.0.0.0/14', nodeMaskSize: 24 },
        { cidr: 'fd12:3456:7890::/54', nodeMaskSize: 64 },
      ],
      serviceCIDRs: [{ name: 'kubernetes', cidrs: ['10.4.0.0/22', 'fd12:3456:7890:ffff::/112'] }],
      maxPods: 110,
    });
  });

  it('says the ULA prefix is only an example without a random global ID', () => {
    const p = proposePlan({ nodes: 3, podsPerNode: 110, services: 10, families: ['IPv6'] });
    expect(p.families[0]?.clusterCIDR).toBe('fd00::/62');
    expect(p.families[0]?.reasons.join(' ')).toContain('random 40-bit global ID');
  });

  it('refuses a global ID wider than 40 bits and bad numbers', () => {
    expect(
      proposePlan({
        nodes: 3,
        podsPerNode: 110,
        services: 1,
        families: ['IPv6'],
        ulaGlobalId: 1n << 40n,
      }).errors,
    ).toHaveLength(1);
    const bad = proposePlan({ nodes: 0, podsPerNode: 0, services: -1, families: [] });
    expect(bad.ok).toBe(false);
    expect(bad.errors).toHaveLength(4);
  });

  it('keeps IPv6 within 16 bits of node mask: 70,000 nodes do not fit one cluster CIDR', () => {
    const p = proposePlan({ nodes: 70_000, podsPerNode: 110, services: 10, families: ['IPv6'] });
    const v6 = p.families[0];
    expect(v6?.clusterCIDR).toBe('fd00::/48');
    expect(v6?.fits).toBe(false);
    // the service range's /64 sits in the /48: kcm never hands that node range out
    expect(v6?.capacity.nodeRanges).toBe(65_535n);
    expect(p.ok).toBe(false);
  });

  it('caps the Service range at the 20-bit flag limit and says so', () => {
    const p = proposePlan({ nodes: 10, podsPerNode: 110, services: 2_000_000, families: ['IPv4'] });
    const v4 = p.families[0];
    expect(cidrFrom(v4?.serviceCIDR ?? '')?.prefix).toBe(12);
    expect(v4?.fits).toBe(false);
    expect(v4?.reasons.join(' ')).toContain('KEP-1880');
  });

  it('stays inside ipv4Base, or says it does not fit', () => {
    const ok = proposePlan({
      nodes: 50,
      podsPerNode: 32,
      services: 100,
      families: ['IPv4'],
      ipv4Base: '192.168.0.0/16',
    });
    expect(ok.families[0]).toMatchObject({
      clusterCIDR: '192.168.0.0/20', // 64 x /26
      nodeMaskSize: 26,
      serviceCIDR: '192.168.16.0/25',
      fits: true,
    });
    const tooBig = proposePlan({
      nodes: 1000,
      podsPerNode: 110,
      services: 10,
      families: ['IPv4'],
      ipv4Base: '192.168.0.0/16',
    });
    expect(tooBig.families[0]?.fits).toBe(false);
    expect(tooBig.families[0]?.reasons.join(' ')).toContain('do not fit in 192.168.0.0/16');
  });

  it('respects the Kubernetes limits over a grid of inputs', () => {
    for (const nodes of [1, 7, 100, 5000, 65_536]) {
      for (const pods of [1, 8, 110, 250]) {
        for (const services of [0, 5, 300, 70_000]) {
          const p = proposePlan({ nodes, podsPerNode: pods, services, families: ['IPv4', 'IPv6'] });
          for (const f of p.families) {
            const c = cidrFrom(f.clusterCIDR);
            const s = cidrFrom(f.serviceCIDR);
            if (!c || !s) throw new Error('plan gave a bad CIDR');
            expect(f.nodeMaskSize).toBeGreaterThanOrEqual(c.prefix);
            if (f.family === 'IPv6') expect(f.nodeMaskSize - c.prefix).toBeLessThanOrEqual(16);
            const bits = f.family === 'IPv4' ? 32 : 128;
            expect(bits - s.prefix).toBeGreaterThanOrEqual(3); // at least 8 addresses
            expect(s.prefix).toBeGreaterThanOrEqual(f.family === 'IPv4' ? 12 : 108);
            expect(c.hostBitsSet || s.hostBitsSet).toBe(false);
          }
        }
      }
    }
  });

  it('a plan fills without findings and capacity agrees with it', () => {
    const p = proposePlan({ nodes: 6, podsPerNode: 64, services: 20, families: ['IPv4'] });
    const cluster = {
      name: 'c1',
      ...p.cluster,
      nodes: Array.from({ length: 6 }, (_, i) => ({ name: `n${i}`, addresses: [] })),
      pods: [{ name: 'a', nodeName: 'n5' }],
      services: Array.from({ length: 20 }, (_, i) => ({ name: `s${i}`, ports: [{ port: 80 }] })),
    };
    const r = fillScenario({ version: 1, model: 'flat', networks: [], clusters: [cluster] });
    expect(r.findings).toEqual([]);
    const filled = r.scenario.clusters[0];
    if (!filled) throw new Error('no cluster');
    expect(filled.nodes.every((n) => n.podCIDRs?.length === 1)).toBe(true);
    const cap = clusterCapacity(filled)[0];
    expect(cap?.nodeRanges.used).toBe(6n);
    expect(cap?.nodeRanges.free).toBe(p.families[0]!.capacity.nodeRanges - 6n);
    expect(cap?.services.used).toBe(21n);
  });
});
