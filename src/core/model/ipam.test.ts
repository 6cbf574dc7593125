import { describe, expect, it } from 'vitest';
import { fillScenario } from './ipam';
import { nodePortRangeOffset, serviceRangeOffset } from './ipam-rules';
import type { Cluster, Node, Pod, Scenario, Service } from './schema';

/** Talk 003's reference picture (copied: src/core may not import the lessons). */
const singleCluster: Scenario = {
  version: 1,
  model: 'flat',
  networks: [{ name: 'network', cidrs: ['10.0.0.0/8'] }],
  clusters: [
    {
      name: 'cluster',
      network: 'network',
      ipFamilies: ['IPv4'],
      clusterCIDRs: [{ cidr: '10.0.0.0/16', nodeMaskSize: 24 }],
      serviceCIDRs: [{ name: 'kubernetes', cidrs: ['10.96.0.0/12'] }],
      nodes: [
        {
          name: 'node1',
          addresses: [{ type: 'InternalIP', address: '10.240.0.1' }],
          podCIDRs: ['10.0.1.0/24'],
        },
        {
          name: 'node2',
          addresses: [{ type: 'InternalIP', address: '10.240.0.2' }],
          podCIDRs: ['10.0.2.0/24'],
        },
      ],
      pods: [
        { name: 'pod-a', nodeName: 'node1', podIPs: ['10.0.1.1'] },
        { name: 'pod-b', nodeName: 'node1', podIPs: ['10.0.1.2'] },
        { name: 'pod-c', nodeName: 'node2', podIPs: ['10.0.2.1'] },
        { name: 'pod-d', nodeName: 'node2', podIPs: ['10.0.2.2'] },
      ],
      services: [],
    },
  ],
  hosts: [{ name: 'other', network: 'network', addresses: ['10.128.1.1'] }],
};

function scenario(cluster: Partial<Cluster>): Scenario {
  return {
    version: 1,
    model: 'flat',
    networks: [],
    clusters: [
      {
        name: 'c1',
        ipFamilies: ['IPv4'],
        clusterCIDRs: [{ cidr: '10.0.0.0/16', nodeMaskSize: 24 }],
        serviceCIDRs: [{ name: 'kubernetes', cidrs: ['10.96.0.0/12'] }],
        nodes: [],
        pods: [],
        services: [],
        ...cluster,
      },
    ],
  };
}

const node = (name: string, extra: Partial<Node> = {}): Node => ({
  name,
  addresses: [{ type: 'InternalIP', address: `192.168.0.${name.replace(/\D/g, '') || '9'}` }],
  ...extra,
});
const pod = (name: string, nodeName: string, extra: Partial<Pod> = {}): Pod => ({
  name,
  nodeName,
  ...extra,
});
const svc = (name: string, extra: Partial<Service> = {}): Service => ({
  name,
  ports: [{ port: 80 }],
  ...extra,
});

function cluster0(s: Scenario): Cluster {
  const c = s.clusters[0];
  if (!c) throw new Error('no cluster');
  return c;
}
const nodeOf = (s: Scenario, name: string) => cluster0(s).nodes.find((n) => n.name === name);
const podOf = (s: Scenario, name: string) => cluster0(s).pods.find((p) => p.name === name);
const svcOf = (s: Scenario, name: string) => cluster0(s).services.find((p) => p.name === name);

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

describe('fillScenario: node pod ranges (kcm cidrset)', () => {
  it('keeps the talk 003 picture as given: nothing to fill, same object back', () => {
    const r = fillScenario(singleCluster);
    expect(r.scenario).toBe(singleCluster);
    expect(r.filled.size).toBe(0);
    expect(r.findings).toEqual([]);
  });

  it('hands out range i = base + (i << (32 - N)) in node order', () => {
    const r = fillScenario(scenario({ nodes: [node('node1'), node('node2'), node('node3')] }));
    expect(nodeOf(r.scenario, 'node1')?.podCIDRs).toEqual(['10.0.0.0/24']);
    expect(nodeOf(r.scenario, 'node2')?.podCIDRs).toEqual(['10.0.1.0/24']);
    expect(nodeOf(r.scenario, 'node3')?.podCIDRs).toEqual(['10.0.2.0/24']);
    expect(r.filled.has('cluster/c1/node/node2#podCIDRs')).toBe(true);
  });

  it('occupies given podCIDRs first, even on nodes listed later', () => {
    const r = fillScenario(
      scenario({
        nodes: [node('node1'), node('node2', { podCIDRs: ['10.0.0.0/24'] }), node('node3')],
      }),
    );
    expect(nodeOf(r.scenario, 'node1')?.podCIDRs).toEqual(['10.0.1.0/24']);
    expect(nodeOf(r.scenario, 'node2')?.podCIDRs).toEqual(['10.0.0.0/24']);
    expect(nodeOf(r.scenario, 'node3')?.podCIDRs).toEqual(['10.0.2.0/24']);
    expect(r.filled.has('cluster/c1/node/node2#podCIDRs')).toBe(false);
  });

  it('a given range wider than the node mask occupies every node range inside it', () => {
    const r = fillScenario(
      scenario({ nodes: [node('big', { podCIDRs: ['10.0.0.0/23'] }), node('n1')] }),
    );
    expect(nodeOf(r.scenario, 'n1')?.podCIDRs).toEqual(['10.0.2.0/24']);
  });

  it('never hands out node ranges that overlap the service range', () => {
    const r = fillScenario(
      scenario({
        clusterCIDRs: [{ cidr: '10.96.0.0/16', nodeMaskSize: 24 }],
        serviceCIDRs: [{ cidrs: ['10.96.0.0/20'] }],
        nodes: [node('n1'), node('n2')],
      }),
    );
    // 10.96.0.0/20 covers node ranges 0..15.
    expect(nodeOf(r.scenario, 'n1')?.podCIDRs).toEqual(['10.96.16.0/24']);
    expect(nodeOf(r.scenario, 'n2')?.podCIDRs).toEqual(['10.96.17.0/24']);
  });

  it('reports "no remaining CIDRs left to allocate" when the pool is exhausted', () => {
    const r = fillScenario(
      scenario({
        clusterCIDRs: [{ cidr: '10.0.0.0/23', nodeMaskSize: 24 }],
        nodes: [node('n1'), node('n2'), node('n3')],
      }),
    );
    expect(nodeOf(r.scenario, 'n2')?.podCIDRs).toEqual(['10.0.1.0/24']);
    expect(nodeOf(r.scenario, 'n3')?.podCIDRs).toBeUndefined();
    const f = r.findings.find((x) => x.object === 'cluster/c1/node/n3');
    expect(f?.severity).toBe('error');
    expect(f?.message).toContain('no remaining CIDRs left to allocate');
    expect(f?.source).toBe('kube-controller-manager');
  });

  it('gives one range per family on a dual-stack cluster (talk 002: /80 split in /96s)', () => {
    const r = fillScenario(
      scenario({
        ipFamilies: ['IPv4', 'IPv6'],
        clusterCIDRs: [
          { cidr: '10.0.0.0/16', nodeMaskSize: 24 },
          { cidr: 'fd00:1::/80', nodeMaskSize: 96 },
        ],
        serviceCIDRs: [{ cidrs: ['10.96.0.0/12', 'fd03::/112'] }],
        nodes: [node('n1'), node('n2')],
      }),
    );
    expect(nodeOf(r.scenario, 'n1')?.podCIDRs).toEqual(['10.0.0.0/24', 'fd00:1::/96']);
    // index 1 << (128 - 96) = 2^32
    expect(nodeOf(r.scenario, 'n2')?.podCIDRs).toEqual(['10.0.1.0/24', 'fd00:1::1:0:0/96']);
  });

  it('keeps a node that has some podCIDRs as it is (kcm only allocates when there are none)', () => {
    const r = fillScenario(
      scenario({
        ipFamilies: ['IPv4', 'IPv6'],
        clusterCIDRs: [
          { cidr: '10.0.0.0/16', nodeMaskSize: 24 },
          { cidr: 'fd00::/48', nodeMaskSize: 64 },
        ],
        nodes: [node('n1', { podCIDRs: ['10.0.5.0/24'] })],
      }),
    );
    expect(nodeOf(r.scenario, 'n1')?.podCIDRs).toEqual(['10.0.5.0/24']);
  });

  it('skips invalid splits with a clear finding (IPv6 more than 16 bits, N < C)', () => {
    const r = fillScenario(
      scenario({
        ipFamilies: ['IPv6'],
        clusterCIDRs: [
          { cidr: 'fd00::/32', nodeMaskSize: 64 },
          { cidr: 'fd01::/64', nodeMaskSize: 48 },
        ],
        serviceCIDRs: [{ cidrs: ['fd03::/112'] }],
        nodes: [node('n1')],
      }),
    );
    expect(nodeOf(r.scenario, 'n1')?.podCIDRs).toBeUndefined();
    const skips = r.findings.filter((f) => f.field.startsWith('clusterCIDRs['));
    expect(skips.map((f) => f.field)).toEqual(['clusterCIDRs[0]', 'clusterCIDRs[1]']);
    expect(skips[0]?.message).toContain('node CIDR size is too big');
  });

  it('KEP-2593: selector blocks first (most terms wins), full ones fall back to the default', () => {
    const r = fillScenario(
      scenario({
        clusterCIDRs: [
          { cidr: '10.0.0.0/16', nodeMaskSize: 24 },
          { cidr: '10.1.0.0/26', nodeMaskSize: 26, nodeSelector: { pool: 'small' } },
          {
            cidr: '10.2.0.0/25',
            nodeMaskSize: 26,
            nodeSelector: { pool: 'small', zone: 'a' },
          },
        ],
        nodes: [
          node('n1', { labels: { pool: 'small', zone: 'a' } }),
          node('n2', { labels: { pool: 'small', zone: 'a' } }),
          node('n3', { labels: { pool: 'small', zone: 'a' } }),
          node('n4', { labels: { pool: 'small', zone: 'a' } }),
          node('n5', { labels: { pool: 'big' } }),
        ],
      }),
    );
    expect(nodeOf(r.scenario, 'n1')?.podCIDRs).toEqual(['10.2.0.0/26']);
    expect(nodeOf(r.scenario, 'n2')?.podCIDRs).toEqual(['10.2.0.64/26']);
    expect(nodeOf(r.scenario, 'n3')?.podCIDRs).toEqual(['10.1.0.0/26']);
    expect(nodeOf(r.scenario, 'n4')?.podCIDRs).toEqual(['10.0.0.0/24']);
    expect(nodeOf(r.scenario, 'n5')?.podCIDRs).toEqual(['10.0.1.0/24']);
  });
});

describe('fillScenario: pod IPs (CNI host-local)', () => {
  it('skips the gateway: the first pod gets network + 2', () => {
    const r = fillScenario(
      scenario({
        nodes: [node('n1', { podCIDRs: ['10.0.1.0/24'] })],
        pods: [pod('a', 'n1'), pod('b', 'n1')],
      }),
    );
    expect(podOf(r.scenario, 'a')?.podIPs).toEqual(['10.0.1.2']);
    expect(podOf(r.scenario, 'b')?.podIPs).toEqual(['10.0.1.3']);
    expect(r.filled.has('cluster/c1/pod/default/a#podIPs')).toBe(true);
  });

  it('adds a fifth pod to the talk 003 picture after the given ones', () => {
    const s = structuredClone(singleCluster);
    cluster0(s).pods.push(pod('pod-e', 'node1'));
    const r = fillScenario(s);
    expect(podOf(r.scenario, 'pod-e')?.podIPs).toEqual(['10.0.1.3']);
    expect(podOf(r.scenario, 'pod-a')?.podIPs).toEqual(['10.0.1.1']);
  });

  it('never hands out a given IP, and continues after the last reserved one in pod order', () => {
    const r = fillScenario(
      scenario({
        nodes: [node('n1', { podCIDRs: ['10.0.1.0/24'] })],
        pods: [
          pod('a', 'n1'),
          pod('b', 'n1', { podIPs: ['10.0.1.2'] }),
          pod('c', 'n1'),
          pod('d', 'n1', { podIPs: ['10.0.1.50'] }),
          pod('e', 'n1'),
        ],
      }),
    );
    expect(podOf(r.scenario, 'a')?.podIPs).toEqual(['10.0.1.3']);
    expect(podOf(r.scenario, 'c')?.podIPs).toEqual(['10.0.1.4']);
    expect(podOf(r.scenario, 'e')?.podIPs).toEqual(['10.0.1.51']);
  });

  it('an IP given on another node is not handed out again either', () => {
    const r = fillScenario(
      scenario({
        nodes: [
          node('n1', { podCIDRs: ['10.0.1.0/24'] }),
          node('n2', { podCIDRs: ['10.0.2.0/24'] }),
        ],
        pods: [pod('stray', 'n2', { podIPs: ['10.0.1.2'] }), pod('a', 'n1')],
      }),
    );
    expect(podOf(r.scenario, 'a')?.podIPs).toEqual(['10.0.1.3']);
  });

  it('continues after a given IPv6 address far up a /64 (beyond 2^53)', () => {
    const r = fillScenario(
      scenario({
        ipFamilies: ['IPv6'],
        clusterCIDRs: [],
        serviceCIDRs: [],
        nodes: [node('n1', { podCIDRs: ['fd00:1234:1::/64'] })],
        pods: [
          pod('a', 'n1', { podIPs: ['fd00:1234:1:0:ffff:2:3:4'] }),
          pod('b', 'n1'),
          pod('c', 'n1', { podIPs: ['fd00:1234:1:0:ffff:ffff:ffff:ffff'] }),
          pod('d', 'n1'),
        ],
      }),
    );
    expect(podOf(r.scenario, 'b')?.podIPs).toEqual(['fd00:1234:1:0:ffff:2:3:5']);
    // after the last address host-local wraps to rangeStart, skipping the gateway
    expect(podOf(r.scenario, 'd')?.podIPs).toEqual(['fd00:1234:1::2']);
  });

  it('IPv4 loses network, gateway and broadcast: a /29 holds 5 pods, the 6th fails', () => {
    const pods = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((n) => pod(n, 'n1'));
    const r = fillScenario(scenario({ nodes: [node('n1', { podCIDRs: ['10.0.1.0/29'] })], pods }));
    expect(podOf(r.scenario, 'p1')?.podIPs).toEqual(['10.0.1.2']);
    expect(podOf(r.scenario, 'p5')?.podIPs).toEqual(['10.0.1.6']);
    expect(podOf(r.scenario, 'p6')?.podIPs).toBeUndefined();
    const f = r.findings.find((x) => x.object === 'cluster/c1/pod/default/p6');
    expect(f?.severity).toBe('error');
    expect(f?.message).toContain('no IP addresses available in range set: 10.0.1.1-10.0.1.6');
  });

  it('IPv6 keeps the last address: a /126 holds ::2 and ::3', () => {
    const r = fillScenario(
      scenario({
        ipFamilies: ['IPv6'],
        clusterCIDRs: [],
        serviceCIDRs: [],
        nodes: [node('n1', { podCIDRs: ['fd00::/126'] })],
        pods: [pod('a', 'n1'), pod('b', 'n1'), pod('c', 'n1')],
      }),
    );
    expect(podOf(r.scenario, 'a')?.podIPs).toEqual(['fd00::2']);
    expect(podOf(r.scenario, 'b')?.podIPs).toEqual(['fd00::3']);
    expect(podOf(r.scenario, 'c')?.podIPs).toBeUndefined();
  });

  it.each(['10.0.0.0/31', '10.0.0.4/32', 'fd00::/127', 'fd00::/128'])(
    '%s is too small to allocate from',
    (range) => {
      const r = fillScenario(
        scenario({
          clusterCIDRs: [],
          nodes: [node('n1', { podCIDRs: [range] })],
          pods: [pod('a', 'n1')],
        }),
      );
      expect(podOf(r.scenario, 'a')?.podIPs).toBeUndefined();
      const f = r.findings.find((x) => x.object === 'cluster/c1/pod/default/a');
      expect(f?.severity).toBe('error');
      expect(f?.message).toContain(`Network ${range} too small to allocate from`);
    },
  );

  it('a /30 holds exactly one pod', () => {
    const r = fillScenario(
      scenario({
        clusterCIDRs: [],
        nodes: [node('n1', { podCIDRs: ['10.0.0.4/30'] })],
        pods: [pod('a', 'n1'), pod('b', 'n1')],
      }),
    );
    expect(podOf(r.scenario, 'a')?.podIPs).toEqual(['10.0.0.6']);
    expect(podOf(r.scenario, 'b')?.podIPs).toBeUndefined();
  });

  it('dual-stack pods get one IP per family of their node, node primary family first', () => {
    const r = fillScenario(
      scenario({
        ipFamilies: ['IPv4', 'IPv6'],
        clusterCIDRs: [],
        nodes: [
          node('n1', { podCIDRs: ['10.0.0.0/24', 'fd00:1234:1::/64'] }),
          {
            name: 'n6',
            addresses: [{ type: 'InternalIP', address: 'fd01:789a:1::1' }],
            podCIDRs: ['10.0.1.0/24', 'fd00:1234:2::/64'],
          },
        ],
        pods: [pod('a', 'n1'), pod('b', 'n6')],
      }),
    );
    expect(podOf(r.scenario, 'a')?.podIPs).toEqual(['10.0.0.2', 'fd00:1234:1::2']);
    expect(podOf(r.scenario, 'b')?.podIPs).toEqual(['fd00:1234:2::2', '10.0.1.2']);
  });

  it('host-network pods take the node host IPs (InternalIP first, one per family)', () => {
    const r = fillScenario(
      scenario({
        ipFamilies: ['IPv4', 'IPv6'],
        nodes: [
          {
            name: 'n1',
            addresses: [
              { type: 'ExternalIP', address: '203.0.113.5' },
              { type: 'InternalIP', address: '10.240.0.1' },
              { type: 'InternalIP', address: '10.240.0.9' },
              { type: 'InternalIP', address: 'fd01:789a:1::1' },
            ],
            podCIDRs: ['10.0.1.0/24'],
          },
        ],
        pods: [pod('agent', 'n1', { hostNetwork: true }), pod('a', 'n1')],
      }),
    );
    expect(podOf(r.scenario, 'agent')?.podIPs).toEqual(['10.240.0.1', 'fd01:789a:1::1']);
    expect(podOf(r.scenario, 'a')?.podIPs).toEqual(['10.0.1.2']);
  });

  it('fills pods on nodes whose range IPAM just filled', () => {
    const r = fillScenario(scenario({ nodes: [node('n1')], pods: [pod('a', 'n1')] }));
    expect(podOf(r.scenario, 'a')?.podIPs).toEqual(['10.0.0.2']);
  });

  it('warns about pods on unknown nodes or nodes without a range', () => {
    const r = fillScenario(
      scenario({
        clusterCIDRs: [],
        nodes: [node('n1')],
        pods: [pod('a', 'ghost'), pod('b', 'n1')],
      }),
    );
    expect(podOf(r.scenario, 'a')?.podIPs).toBeUndefined();
    expect(podOf(r.scenario, 'b')?.podIPs).toBeUndefined();
    expect(r.findings.map((f) => f.object)).toEqual([
      'cluster/c1/pod/default/a',
      'cluster/c1/pod/default/b',
    ]);
  });
});

describe('fillScenario: Service ClusterIPs (kube-apiserver ipallocator)', () => {
  it('kubeadm 10.96.0.0/12: kubernetes 10.96.0.1, DNS 10.96.0.10, dynamic above the 256 static band', () => {
    const r = fillScenario(
      scenario({
        services: [
          svc('web'),
          svc('kube-dns', { namespace: 'kube-system', ports: [{ port: 53, protocol: 'UDP' }] }),
          svc('kubernetes', { namespace: 'default', ports: [{ port: 443 }] }),
          svc('api'),
        ],
      }),
    );
    expect(serviceRangeOffset(1n << 20n)).toBe(256n);
    expect(svcOf(r.scenario, 'kubernetes')?.clusterIPs).toEqual(['10.96.0.1']);
    expect(svcOf(r.scenario, 'kube-dns')?.clusterIPs).toEqual(['10.96.0.10']);
    // first = 10.96.0.1, + 256 = 10.96.1.1
    expect(svcOf(r.scenario, 'web')?.clusterIPs).toEqual(['10.96.1.1']);
    expect(svcOf(r.scenario, 'api')?.clusterIPs).toEqual(['10.96.1.2']);
    expect(svcOf(r.scenario, 'web')?.ipFamilyPolicy).toBe('SingleStack');
    expect(svcOf(r.scenario, 'web')?.ipFamilies).toEqual(['IPv4']);
    for (const f of ['clusterIPs', 'ipFamilies', 'ipFamilyPolicy']) {
      expect(r.filled.has(`cluster/c1/service/default/web#${f}`)).toBe(true);
    }
  });

  it('kube-system/coredns counts as cluster DNS too', () => {
    const r = fillScenario(
      scenario({ services: [svc('web'), svc('coredns', { namespace: 'kube-system' })] }),
    );
    expect(svcOf(r.scenario, 'coredns')?.clusterIPs).toEqual(['10.96.0.10']);
    expect(svcOf(r.scenario, 'web')?.clusterIPs).toEqual(['10.96.1.1']);
  });

  it('never hands out base+1 to anyone else, and skips given clusterIPs', () => {
    const r = fillScenario(
      scenario({
        serviceCIDRs: [{ cidrs: ['10.96.0.0/28'] }],
        services: [svc('a', { clusterIPs: ['10.96.0.2'] }), svc('b'), svc('c')],
      }),
    );
    // /28: 16 addresses, offset 0 (size <= 16): one band .1-.14, .1 reserved.
    expect(svcOf(r.scenario, 'a')?.clusterIPs).toEqual(['10.96.0.2']);
    expect(svcOf(r.scenario, 'b')?.clusterIPs).toEqual(['10.96.0.3']);
    expect(svcOf(r.scenario, 'c')?.clusterIPs).toEqual(['10.96.0.4']);
    expect(r.filled.has('cluster/c1/service/default/a#clusterIPs')).toBe(false);
    expect(r.filled.has('cluster/c1/service/default/a#ipFamilies')).toBe(true);
  });

  it('falls back to the static band only when the upper band is full (/27: offset 16)', () => {
    const services = Array.from({ length: 15 }, (_, i) => svc(`s${i}`));
    const r = fillScenario(scenario({ serviceCIDRs: [{ cidrs: ['10.96.0.0/27'] }], services }));
    expect(serviceRangeOffset(32n)).toBe(16n);
    // upper band: .17 .. .30 (14 addresses)
    expect(svcOf(r.scenario, 's0')?.clusterIPs).toEqual(['10.96.0.17']);
    expect(svcOf(r.scenario, 's13')?.clusterIPs).toEqual(['10.96.0.30']);
    // then the lowest free of the static band, .1 being kubernetes.default's
    expect(svcOf(r.scenario, 's14')?.clusterIPs).toEqual(['10.96.0.2']);
  });

  it('a service range under 8 addresses runs out fast: /30 has .1 (kubernetes) and .2', () => {
    const r = fillScenario(
      scenario({ serviceCIDRs: [{ cidrs: ['10.96.0.0/30'] }], services: [svc('a'), svc('b')] }),
    );
    expect(svcOf(r.scenario, 'a')?.clusterIPs).toEqual(['10.96.0.2']);
    expect(svcOf(r.scenario, 'b')?.clusterIPs).toBeUndefined();
    const f = r.findings.find((x) => x.object === 'cluster/c1/service/default/b');
    expect(f?.severity).toBe('error');
    expect(f?.message).toContain('range is full');
  });

  it('IPv6-only (talk 002 fd03::/112): kubernetes fd03::1, DNS fd03::a, dynamic from fd03::101', () => {
    const r = fillScenario(
      scenario({
        ipFamilies: ['IPv6'],
        clusterCIDRs: [{ cidr: 'fd00:1::/80', nodeMaskSize: 96 }],
        serviceCIDRs: [{ cidrs: ['fd03::/112'] }],
        services: [
          svc('kubernetes', { namespace: 'default' }),
          svc('kube-dns', { namespace: 'kube-system' }),
          svc('web'),
        ],
      }),
    );
    expect(svcOf(r.scenario, 'kubernetes')?.clusterIPs).toEqual(['fd03::1']);
    expect(svcOf(r.scenario, 'kube-dns')?.clusterIPs).toEqual(['fd03::a']);
    expect(svcOf(r.scenario, 'web')?.clusterIPs).toEqual(['fd03::101']);
    expect(svcOf(r.scenario, 'web')?.ipFamilies).toEqual(['IPv6']);
  });

  it('dual-stack defaulting: PreferDualStack gets both (primary first unless ipFamilies says)', () => {
    const r = fillScenario(
      scenario({
        ipFamilies: ['IPv4', 'IPv6'],
        serviceCIDRs: [{ cidrs: ['10.96.0.0/12', 'fd03::/112'] }],
        services: [
          svc('single'),
          svc('prefer', { ipFamilyPolicy: 'PreferDualStack' }),
          svc('v6first', { ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv6'] }),
          svc('partial', { ipFamilyPolicy: 'PreferDualStack', clusterIPs: ['10.96.5.5'] }),
        ],
      }),
    );
    expect(svcOf(r.scenario, 'single')?.clusterIPs).toEqual(['10.96.1.1']);
    expect(svcOf(r.scenario, 'prefer')?.ipFamilies).toEqual(['IPv4', 'IPv6']);
    expect(svcOf(r.scenario, 'prefer')?.clusterIPs).toEqual(['10.96.1.2', 'fd03::101']);
    expect(svcOf(r.scenario, 'v6first')?.ipFamilies).toEqual(['IPv6', 'IPv4']);
    expect(svcOf(r.scenario, 'v6first')?.clusterIPs).toEqual(['fd03::102', '10.96.1.3']);
    expect(svcOf(r.scenario, 'partial')?.clusterIPs).toEqual(['10.96.5.5', 'fd03::103']);
    expect(svcOf(r.scenario, 'partial')?.ipFamilies).toEqual(['IPv4', 'IPv6']);
  });

  it('PreferDualStack on a single-stack cluster gets one family; RequireDualStack is refused', () => {
    const r = fillScenario(
      scenario({
        services: [
          svc('prefer', { ipFamilyPolicy: 'PreferDualStack' }),
          svc('require', { ipFamilyPolicy: 'RequireDualStack' }),
        ],
      }),
    );
    expect(svcOf(r.scenario, 'prefer')?.clusterIPs).toEqual(['10.96.1.1']);
    expect(svcOf(r.scenario, 'prefer')?.ipFamilies).toEqual(['IPv4']);
    expect(svcOf(r.scenario, 'require')?.clusterIPs).toBeUndefined();
    const f = r.findings.find((x) => x.object === 'cluster/c1/service/default/require');
    expect(f?.message).toContain('not configured for dual-stack');
  });

  it('infers ipFamilies from given clusterIPs and leaves headless Services untouched', () => {
    const headless = svc('db', { clusterIPs: ['None'] });
    const r = fillScenario(
      scenario({
        ipFamilies: ['IPv4', 'IPv6'],
        serviceCIDRs: [{ cidrs: ['10.96.0.0/12', 'fd03::/112'] }],
        services: [svc('given6', { clusterIPs: ['fd03::42'] }), headless],
      }),
    );
    expect(svcOf(r.scenario, 'given6')?.ipFamilies).toEqual(['IPv6']);
    expect(svcOf(r.scenario, 'db')).toBe(headless);
  });
});

describe('fillScenario: NodePorts (KEP-3668)', () => {
  it('30000-32767: static band of 86, dynamic from 30086; ClusterIP Services get none', () => {
    expect(nodePortRangeOffset(32767 - 30000 + 1)).toBe(86);
    const r = fillScenario(
      scenario({
        services: [
          svc('a', { type: 'NodePort' }),
          svc('internal'),
          svc('b', { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 30087 }, { port: 443 }] }),
          svc('dns', {
            type: 'NodePort',
            ports: [
              { port: 53, protocol: 'UDP' },
              { port: 53, protocol: 'TCP' },
            ],
          }),
        ],
      }),
    );
    expect(svcOf(r.scenario, 'a')?.ports[0]?.nodePort).toBe(30086);
    expect(svcOf(r.scenario, 'internal')?.ports[0]?.nodePort).toBeUndefined();
    expect(svcOf(r.scenario, 'b')?.ports.map((p) => p.nodePort)).toEqual([30087, 30088]);
    // TCP and UDP on the same port share one NodePort (alloc.go initNodePorts)
    expect(svcOf(r.scenario, 'dns')?.ports.map((p) => p.nodePort)).toEqual([30089, 30089]);
    expect(r.filled.has('cluster/c1/service/default/b#ports[1].nodePort')).toBe(true);
    expect(r.filled.has('cluster/c1/service/default/b#ports[0].nodePort')).toBe(false);
  });

  it('a LoadBalancer with externalTrafficPolicy Local also uses up a healthCheckNodePort', () => {
    const r = fillScenario(
      scenario({
        services: [
          svc('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' }),
          svc('np', { type: 'NodePort' }),
        ],
      }),
    );
    expect(svcOf(r.scenario, 'lb')?.ports[0]?.nodePort).toBe(30086);
    expect(svcOf(r.scenario, 'np')?.ports[0]?.nodePort).toBe(30088);
  });

  it('reports exhaustion of a tiny NodePort range', () => {
    const r = fillScenario(
      scenario({
        nodePortRange: { min: 30000, max: 30001 },
        services: ['a', 'b', 'c'].map((n) => svc(n, { type: 'NodePort' })),
      }),
    );
    expect(svcOf(r.scenario, 'a')?.ports[0]?.nodePort).toBe(30000);
    expect(svcOf(r.scenario, 'b')?.ports[0]?.nodePort).toBe(30001);
    expect(svcOf(r.scenario, 'c')?.ports[0]?.nodePort).toBeUndefined();
    const f = r.findings.find((x) => x.object === 'cluster/c1/service/default/c');
    expect(f?.field).toBe('spec.ports[0].nodePort');
    expect(f?.message).toContain('range is full');
  });
});

describe('fillScenario: purity', () => {
  const sparse = () =>
    scenario({
      ipFamilies: ['IPv4', 'IPv6'],
      clusterCIDRs: [
        { cidr: '10.0.0.0/16', nodeMaskSize: 24 },
        { cidr: 'fd00::/48', nodeMaskSize: 64 },
      ],
      serviceCIDRs: [{ cidrs: ['10.96.0.0/12', 'fd03::/112'] }],
      nodes: [node('n1'), node('n2', { podCIDRs: ['10.0.7.0/24'] })],
      pods: [pod('a', 'n1'), pod('b', 'n2'), pod('h', 'n1', { hostNetwork: true })],
      services: [
        svc('web', { type: 'NodePort', ipFamilyPolicy: 'PreferDualStack' }),
        svc('kubernetes'),
      ],
    });

  it('never mutates its input (frozen input works, and is unchanged)', () => {
    const input = deepFreeze(sparse());
    const before = structuredClone(input);
    const r = fillScenario(input);
    expect(input).toEqual(before);
    expect(r.scenario).not.toBe(input);
    expect(r.filled.size).toBeGreaterThan(5);
  });

  it('is deterministic: the same input gives the same output', () => {
    const a = fillScenario(sparse());
    const b = fillScenario(sparse());
    expect(a.scenario).toEqual(b.scenario);
    expect([...a.filled]).toEqual([...b.filled]);
    expect(a.findings).toEqual(b.findings);
  });

  it('is idempotent: filling a filled scenario changes nothing', () => {
    const once = fillScenario(sparse()).scenario;
    const twice = fillScenario(once);
    expect(twice.scenario).toBe(once);
    expect(twice.filled.size).toBe(0);
  });

  it('never throws on garbage', () => {
    const bad = scenario({
      ipFamilies: ['IPv4'],
      clusterCIDRs: [
        { cidr: 'not-a-cidr', nodeMaskSize: 24 },
        { cidr: '10.0.0.0/8', nodeMaskSize: Number.NaN },
      ],
      serviceCIDRs: [{ cidrs: ['10.96.0.0/40', 'zzz'] }],
      nodes: [node('n1', { podCIDRs: ['bogus'] }), node('n2')],
      pods: [pod('a', 'n1', { podIPs: ['1.2.3'] }), pod('b', 'n1')],
      services: [svc('a', { clusterIPs: ['nope'], ipFamilyPolicy: 'PreferDualStack' })],
      nodePortRange: { min: 40000, max: 30000 },
    });
    expect(() => fillScenario(bad)).not.toThrow();
  });

  it('fills 1,000 nodes, 10,000 pods and 1,000 services (dual-stack) quickly', () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => ({
      name: `n${i}`,
      addresses: [{ type: 'InternalIP' as const, address: `192.168.${i >> 8}.${i & 255}` }],
    }));
    const pods = Array.from({ length: 10_000 }, (_, i) => pod(`p${i}`, `n${i % 1000}`));
    const services = Array.from({ length: 1000 }, (_, i) =>
      svc(`s${i}`, {
        type: i % 3 ? 'ClusterIP' : 'NodePort',
        ipFamilyPolicy: 'PreferDualStack',
      }),
    );
    const big = scenario({
      ipFamilies: ['IPv4', 'IPv6'],
      clusterCIDRs: [
        { cidr: '10.0.0.0/8', nodeMaskSize: 24 },
        { cidr: 'fd00::/48', nodeMaskSize: 64 },
      ],
      serviceCIDRs: [{ cidrs: ['10.96.0.0/12', 'fd03::/112'] }],
      nodes,
      pods,
      services,
    });
    fillScenario(big); // warm up
    const t0 = performance.now();
    const r = fillScenario(big);
    const ms = performance.now() - t0;
    expect(r.findings).toEqual([]);
    expect(nodeOf(r.scenario, 'n95')?.podCIDRs).toEqual(['10.0.95.0/24', 'fd00:0:0:5f::/64']);
    expect(nodeOf(r.scenario, 'n96')?.podCIDRs).toEqual(['10.0.96.0/24', 'fd00:0:0:60::/64']);
    expect(podOf(r.scenario, 'p9999')?.podIPs).toEqual(['10.3.231.11', 'fd00:0:0:3e7::b']);
    // podCIDRs, podIPs, clusterIPs + ipFamilies, and a nodePort for every third Service
    expect(r.filled.size).toBe(1000 + 10_000 + 2 * 1000 + 334);
    expect(ms).toBeLessThan(1000); // generous: the bench holds the real budget
  });
});
