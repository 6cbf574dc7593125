import { describe, expect, it } from 'vitest';
import { clusterCapacity, networkUsage, nodePortCapacity } from './capacity';
import { nodePortRangeOffset, serviceRangeOffset } from './ipam-rules';
import type { Cluster, Scenario } from './schema';

function cluster(extra: Partial<Cluster>): Cluster {
  return {
    name: 'c1',
    ipFamilies: ['IPv4'],
    clusterCIDRs: [{ cidr: '10.0.0.0/16', nodeMaskSize: 24 }],
    serviceCIDRs: [{ cidrs: ['10.96.0.0/12'] }],
    nodes: [],
    pods: [],
    services: [],
    ...extra,
  };
}

const nodes = (cidrs: string[]) =>
  cidrs.map((c, i) => ({ name: `n${i}`, addresses: [], podCIDRs: [c] }));

function family(c: Cluster, f: 'IPv4' | 'IPv6') {
  const x = clusterCapacity(c).find((y) => y.family === f);
  if (!x) throw new Error(`no ${f}`);
  return x;
}

describe('KEP-3070 and KEP-3668 band offsets', () => {
  it.each([
    [12, 256n], // 2^20 / 16 capped at 256
    [16, 256n],
    [20, 256n], // 4096 / 16
    [21, 128n],
    [24, 16n], // 256 / 16
    [27, 16n], // 32 / 16 = 2, raised to 16
    [28, 0n], // 16 addresses: no static band
    [29, 0n],
  ])('IPv4 /%i -> offset %s', (prefix, offset) => {
    expect(serviceRangeOffset(1n << BigInt(32 - prefix))).toBe(offset);
  });

  it('IPv6 /112 -> 256, /120 -> 16, /124 -> 0', () => {
    expect(serviceRangeOffset(1n << 16n)).toBe(256n);
    expect(serviceRangeOffset(1n << 8n)).toBe(16n);
    expect(serviceRangeOffset(1n << 4n)).toBe(0n);
  });

  it('NodePorts: 30000-32767 (2,768 ports) -> 86; 16 -> 0; 17 -> 16; 10,000 -> 128', () => {
    expect(nodePortRangeOffset(2768)).toBe(86);
    expect(nodePortRangeOffset(16)).toBe(0);
    expect(nodePortRangeOffset(17)).toBe(16);
    expect(nodePortRangeOffset(10_000)).toBe(128);
  });
});

describe('clusterCapacity', () => {
  it('talk 002: a /80 split in /96s is 65,536 node ranges of 2^32 addresses', () => {
    const c = family(
      cluster({
        ipFamilies: ['IPv6'],
        clusterCIDRs: [{ cidr: 'fd02::/80', nodeMaskSize: 96 }],
        serviceCIDRs: [{ cidrs: ['fd03::/112'] }],
      }),
      'IPv6',
    );
    expect(c.nodeRanges.total).toBe(65_536n);
    expect(c.nodeRanges.blocks[0]?.addressesPerRange).toBe(2n ** 32n);
    expect(c.pods.podAddressesPerNode).toBe(2n ** 32n - 2n); // network and gateway
    expect(c.pods.limitedBy).toBe('maxPods');
    expect(c.pods.maxInCluster).toBe(65_536n * 110n);
    // fd03::/112: 65,536 addresses, the network address is never handed out
    expect(c.services.ranges[0]?.size).toBe(65_536n);
    expect(c.services.usable).toBe(65_535n);
    expect(c.services.kubernetesIP).toBe('fd03::1');
    expect(c.services.dnsIP).toBe('fd03::a');
    expect(c.services.staticBand).toEqual({ first: 'fd03::1', last: 'fd03::100', size: 256n });
    expect(c.services.dynamicSize).toBe(65_535n - 256n);
  });

  it('kubeadm 10.96.0.0/12: kubernetes 10.96.0.1, DNS 10.96.0.10, static band of 256', () => {
    const c = family(cluster({}), 'IPv4');
    expect(c.services.kubernetesIP).toBe('10.96.0.1');
    expect(c.services.dnsIP).toBe('10.96.0.10');
    expect(c.services.usable).toBe(2n ** 20n - 2n); // network and broadcast
    expect(c.services.staticBand).toEqual({ first: '10.96.0.1', last: '10.96.1.0', size: 256n });
    expect(c.services.used).toBe(1n); // kubernetes.default is always there
  });

  it('IPv4 Service ranges lose network and broadcast, IPv6 only the network address', () => {
    const c = clusterCapacity(
      cluster({
        ipFamilies: ['IPv4', 'IPv6'],
        clusterCIDRs: [],
        serviceCIDRs: [{ cidrs: ['10.96.0.0/28', 'fd03::/124'] }],
      }),
    );
    expect(c.map((x) => x.services.usable)).toEqual([14n, 15n]);
    expect(c.map((x) => x.services.staticBand)).toEqual([null, null]);
  });

  it('counts node ranges: used by nodes, blocked by the service range, free', () => {
    const c = family(
      cluster({
        clusterCIDRs: [{ cidr: '10.96.0.0/16', nodeMaskSize: 24 }],
        serviceCIDRs: [{ cidrs: ['10.96.0.0/20'] }],
        nodes: nodes(['10.96.16.0/24', '10.96.17.0/24']),
      }),
      'IPv4',
    );
    expect(c.nodeRanges.total).toBe(256n);
    expect(c.nodeRanges.blockedByServices).toBe(16n);
    expect(c.nodeRanges.used).toBe(2n);
    expect(c.nodeRanges.free).toBe(238n);
    expect(c.pods.maxInCluster).toBe(240n * 110n);
    expect(
      c.warnings.some((w) => w.includes('16 IPv4 node range(s) overlap the Service range')),
    ).toBe(true);
  });

  it('warns when there are more nodes than ranges', () => {
    const c = family(
      cluster({
        clusterCIDRs: [{ cidr: '10.0.0.0/23', nodeMaskSize: 24 }],
        nodes: [...nodes(['10.0.0.0/24', '10.0.1.0/24']), { name: 'late', addresses: [] }],
      }),
      'IPv4',
    );
    expect(c.nodeRanges.free).toBe(0n);
    expect(c.nodeRanges.nodesWithRange).toBe(2);
    expect(c.warnings[0]).toContain('3 nodes but only 2 IPv4 node ranges');
    expect(c.bindingLimit.kind).toBe('nodeRanges');
    expect(c.bindingLimit.fraction).toBeCloseTo(1.5);
  });

  it('warns about waste: a /14 for three nodes uses under 1%', () => {
    const c = family(
      cluster({
        clusterCIDRs: [{ cidr: '10.0.0.0/14', nodeMaskSize: 24 }],
        nodes: nodes(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']),
      }),
      'IPv4',
    );
    expect(c.nodeRanges.total).toBe(1024n);
    expect(c.warnings.some((w) => w.startsWith('3 of 1,024 IPv4 node ranges in use'))).toBe(true);
  });

  it('compares pod addresses per node with maxPods: which is smaller binds', () => {
    const small = family(
      cluster({ clusterCIDRs: [{ cidr: '10.0.0.0/16', nodeMaskSize: 26 }] }),
      'IPv4',
    );
    expect(small.pods.podAddressesPerNode).toBe(61n); // 2^6 - 3
    expect(small.pods.podsPerNode).toBe(61n);
    expect(small.pods.limitedBy).toBe('addresses');
    expect(small.warnings.some((w) => w.includes('fewer than maxPods 110'))).toBe(true);
    expect(small.bindingLimit.sentence).toContain('pod addresses of a /26 bind before');

    const roomy = family(cluster({ maxPods: 30 }), 'IPv4');
    expect(roomy.pods.podsPerNode).toBe(30n);
    expect(roomy.pods.limitedBy).toBe('maxPods');
    expect(roomy.warnings.some((w) => w.includes('a longer node mask would waste less'))).toBe(
      true,
    );
  });

  it('finds Service IPs as the binding limit when they are nearly gone', () => {
    const services = Array.from({ length: 12 }, (_, i) => ({
      name: `s${i}`,
      ports: [{ port: 80 }],
      clusterIPs: [`10.96.0.${i + 2}`],
    }));
    const c = family(
      cluster({
        serviceCIDRs: [{ cidrs: ['10.96.0.0/28'] }],
        services,
        nodes: nodes(['10.0.0.0/24']),
      }),
      'IPv4',
    );
    expect(c.services.used).toBe(13n); // 12 + kubernetes.default
    expect(c.bindingLimit.kind).toBe('serviceIPs');
    expect(c.bindingLimit.sentence).toContain('13 of 14');
    expect(c.warnings.some((w) => w.includes('of the IPv4 Service IPs are in use'))).toBe(true);
  });

  it('reports NodePorts: total, used, static band', () => {
    const np = nodePortCapacity(
      cluster({
        services: [
          { name: 'a', type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] },
          { name: 'b', type: 'ClusterIP', ports: [{ port: 80 }] },
        ],
      }),
    );
    expect(np.total).toBe(2768n);
    expect(np.used).toBe(1n);
    expect(np.staticBand).toEqual({ first: '30000', last: '30085', size: 86n });
    expect(np.dynamicSize).toBe(2768n - 86n);
  });

  it('reports both families of a dual-stack cluster, primary first', () => {
    const c = clusterCapacity(
      cluster({
        ipFamilies: ['IPv6', 'IPv4'],
        clusterCIDRs: [
          { cidr: '10.0.0.0/16', nodeMaskSize: 24 },
          { cidr: 'fd00::/48', nodeMaskSize: 64 },
        ],
        serviceCIDRs: [{ cidrs: ['fd03::/112', '10.96.0.0/12'] }],
      }),
    );
    expect(c.map((x) => x.family)).toEqual(['IPv6', 'IPv4']);
    // kubernetes.default and DNS come from the primary family's range only
    expect(c.map((x) => x.services.kubernetesIP)).toEqual(['fd03::1', null]);
  });

  it('marks node blocks IPAM cannot split, with the reason', () => {
    const c = family(
      cluster({
        ipFamilies: ['IPv6'],
        clusterCIDRs: [{ cidr: 'fd00::/32', nodeMaskSize: 64 }],
        serviceCIDRs: [{ cidrs: ['fd03::/112'] }],
      }),
      'IPv6',
    );
    expect(c.nodeRanges.blocks[0]?.problem).toContain('node CIDR size is too big');
    expect(c.nodeRanges.total).toBe(0n);
  });

  it('is instant for 10.0.0.0/8 in /24s, 10.0.0.0/8 in /30s and fd00::/48 in /64s', () => {
    const t0 = performance.now();
    const c = clusterCapacity(
      cluster({
        ipFamilies: ['IPv4', 'IPv6'],
        clusterCIDRs: [
          { cidr: '10.0.0.0/8', nodeMaskSize: 24 },
          { cidr: '10.0.0.0/8', nodeMaskSize: 30, nodeSelector: { tiny: 'yes' } },
          { cidr: 'fd00::/48', nodeMaskSize: 64 },
        ],
        serviceCIDRs: [{ cidrs: ['10.96.0.0/12', 'fd03::/112'] }],
      }),
    );
    const ms = performance.now() - t0;
    const v4 = c.find((x) => x.family === 'IPv4');
    expect(v4?.nodeRanges.blocks.map((b) => b.total)).toEqual([65_536n, 2n ** 22n]);
    expect(v4?.nodeRanges.blocks.map((b) => b.blockedByServices)).toEqual([4096n, 2n ** 18n]);
    expect(c.find((x) => x.family === 'IPv6')?.nodeRanges.total).toBe(65_536n);
    expect(ms).toBeLessThan(50);
  });
});

describe('networkUsage', () => {
  const talk003: Scenario = {
    version: 1,
    model: 'flat',
    networks: [{ name: 'network', cidrs: ['10.0.0.0/8'] }],
    clusters: [
      cluster({
        name: 'cluster',
        network: 'network',
        nodes: [
          { name: 'node1', addresses: [{ type: 'InternalIP', address: '10.240.0.1' }] },
          { name: 'node2', addresses: [{ type: 'InternalIP', address: '10.240.0.2' }] },
        ],
      }),
    ],
    hosts: [{ name: 'other', network: 'network', addresses: ['10.128.1.1'] }],
  };

  it('charts talk 003: cluster /16, services /12, nodes, the outside host, and the rest free', () => {
    const u = networkUsage(talk003, 'network');
    expect(u.found).toBe(true);
    const net = u.cidrs[0];
    expect(net?.size).toBe(2n ** 24n);
    expect(net?.blocks.map((b) => [b.kind, b.cidr, b.size])).toEqual([
      ['clusterCIDR', '10.0.0.0/16', 65_536n],
      ['nodes', '10.240.0.0/30', 4n],
      ['serviceCIDR', '10.96.0.0/12', 2n ** 20n],
      ['host', '10.128.1.1/32', 1n],
    ]);
    expect(net?.blocks[0]?.fraction).toBeCloseTo(1 / 256, 12);
    expect(net?.blocks[2]?.fraction).toBeCloseTo(1 / 16, 12);
    const used = 65_536n + 4n + 2n ** 20n + 1n;
    expect(net?.used).toBe(used);
    expect(net?.free).toBe(2n ** 24n - used);
  });

  it('counts overlapping blocks once in used', () => {
    const s = structuredClone(talk003);
    s.clusters.push(cluster({ name: 'twin', network: 'network' })); // the very same 10.0.0.0/16
    const net = networkUsage(s, 'network').cidrs[0];
    expect(net?.blocks.filter((b) => b.kind === 'clusterCIDR')).toHaveLength(2);
    expect(net?.used).toBe(65_536n + 4n + 2n ** 20n + 1n);
  });

  it('handles IPv6 networks with exact tiny fractions, and unknown networks', () => {
    const s: Scenario = {
      version: 1,
      model: 'flat',
      networks: [{ name: 'ula', cidrs: ['fd00::/8'] }],
      clusters: [
        cluster({
          network: 'ula',
          ipFamilies: ['IPv6'],
          clusterCIDRs: [{ cidr: 'fd00::/48', nodeMaskSize: 64 }],
          serviceCIDRs: [],
        }),
      ],
    };
    const net = networkUsage(s, 'ula').cidrs[0];
    expect(net?.blocks[0]?.size).toBe(2n ** 80n);
    expect(net?.blocks[0]?.fraction).toBeGreaterThan(0);
    expect(net?.blocks[0]?.fraction).toBeCloseTo(2 ** -40, 15);
    expect(networkUsage(s, 'nope')).toEqual({ network: 'nope', found: false, cidrs: [] });
  });
});
