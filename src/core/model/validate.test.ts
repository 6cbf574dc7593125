import { describe, expect, it } from 'vitest';
// The talk-003 preset is lesson data; the test checks that the core accepts it.
import { singleCluster } from '../../lessons/presets/network-models';
import type { Finding } from './findings';
import type { Cluster, Scenario } from './schema';
import { findingsFor, validateScenario } from './validate';
import {
  baseCluster,
  find,
  node,
  pod,
  problems,
  scenarioOf,
  service,
  show,
  twoNodeCluster,
} from './validate-testkit';
import type { Match } from './validate-testkit';

function expectOne(fs: readonly Finding[], m: Match): Finding {
  const hits = find(fs, m);
  expect(
    hits.length,
    `expected a finding like ${JSON.stringify(m)} in:\n${show(fs)}`,
  ).toBeGreaterThan(0);
  return hits[0] as Finding;
}

function expectNone(fs: readonly Finding[], m: Match): void {
  const hits = find(fs, m);
  expect(hits, `unexpected findings:\n${show(hits)}`).toEqual([]);
}

function expectClean(fs: readonly Finding[]): void {
  expect(problems(fs), show(problems(fs))).toEqual([]);
}

const one = (c: Cluster, over: Partial<Scenario> = {}): Finding[] =>
  validateScenario(scenarioOf([c], over));

describe('presets and talk numbers', () => {
  it('the talk-003 single cluster has no errors or warnings', () => {
    const fs = validateScenario(singleCluster);
    expectClean(fs);
    // pod-a at 10.0.1.1 and pod-c at 10.0.2.1 sit on host-local's gateway: info only.
    expectOne(fs, {
      severity: 'info',
      object: 'cluster/cluster/pod/default/pod-a',
      field: 'status.podIPs[0]',
      says: ['10.0.1.1', 'gateway', 'Calico'],
      source: 'CNI host-local',
    });
  });

  it("talk 001's dual-stack node, pod and Service are clean", () => {
    const c = baseCluster('ds', {
      ipFamilies: ['IPv4', 'IPv6'],
      clusterCIDRs: [
        { cidr: '10.0.0.0/16', nodeMaskSize: 24 },
        { cidr: 'fd00:1234:1::/56', nodeMaskSize: 64 },
      ],
      serviceCIDRs: [{ name: 'kubernetes', cidrs: ['10.96.0.0/16', 'fd12:789a:1::/108'] }],
      nodes: [
        {
          name: 'n1',
          addresses: [
            { type: 'InternalIP', address: '10.240.0.1' },
            { type: 'InternalIP', address: 'fd01:789a:1::1' },
          ],
          podCIDRs: ['10.0.0.0/24', 'fd00:1234:1::/64'],
        },
      ],
      pods: [pod('p', 'n1', ['10.0.0.5', 'fd00:1234:1::5'], { labels: { app: 'p' } })],
      services: [
        service('s', {
          type: 'LoadBalancer',
          selector: { app: 'p' },
          ipFamilyPolicy: 'RequireDualStack',
          ipFamilies: ['IPv4', 'IPv6'],
          clusterIPs: ['10.96.0.13', 'fd12:789a:1::1'],
          loadBalancerIngress: ['192.168.21.8', '2001:db8:7:8::4'],
        }),
      ],
    });
    const net = { networks: [{ name: 'network', cidrs: ['10.0.0.0/8', 'fd01::/16'] }] };
    expectClean(one(c, net));
  });

  it("talk 002's IPv6-only cluster (fd03::/112 services, /80 split in /96) is clean", () => {
    const c = baseCluster('v6', {
      network: undefined,
      ipFamilies: ['IPv6'],
      clusterCIDRs: [{ cidr: 'fd02::/80', nodeMaskSize: 96 }],
      serviceCIDRs: [{ cidrs: ['fd03::/112'] }],
      nodes: [node('n1', 'fd01::1', ['fd02::/96'])],
      pods: [pod('p', 'n1', ['fd02::2'])],
    });
    expectClean(validateScenario(scenarioOf([c], { networks: [] })));
  });

  it('a sparse scenario (no podCIDRs, podIPs, clusterIPs) is clean', () => {
    const c = baseCluster('c1', {
      nodes: [node('n1', '10.240.0.1'), node('n2', '10.240.0.2')],
      pods: [pod('a', 'n1', undefined, { labels: { app: 'a' } }), pod('b', 'n2')],
      services: [service('s', { type: 'NodePort', selector: { app: 'a' } })],
    });
    expectClean(one(c));
  });
});

describe('bad input becomes findings, never exceptions', () => {
  const cases: [string, Cluster, Match][] = [
    [
      'unparseable cluster CIDR',
      baseCluster('c1', { clusterCIDRs: [{ cidr: 'banana', nodeMaskSize: 24 }] }),
      { severity: 'error', field: 'clusterCIDRs[0].cidr', says: '"banana"' },
    ],
    [
      'prefix out of range',
      baseCluster('c1', { clusterCIDRs: [{ cidr: '10.0.0.0/33', nodeMaskSize: 24 }] }),
      {
        severity: 'error',
        field: 'clusterCIDRs[0].cidr',
        says: ['/33', 'out of range', '/0 to /32'],
      },
    ],
    [
      'IPv6 prefix out of range',
      baseCluster('c1', { serviceCIDRs: [{ cidrs: ['fd03::/129'] }] }),
      { severity: 'error', field: 'serviceCIDRs[0].cidrs[0]', says: ['/129', '/0 to /128'] },
    ],
    [
      'an address where a CIDR belongs',
      baseCluster('c1', { nodes: [node('n1', '10.240.0.1', ['10.0.1.0'])] }),
      {
        severity: 'error',
        field: 'spec.podCIDRs[0]',
        says: 'needs a /prefix',
        source: 'kube-apiserver',
      },
    ],
    [
      'unparseable node address',
      baseCluster('c1', { nodes: [node('n1', '10.240.0.300')] }),
      { severity: 'error', field: 'status.addresses[0].address', says: '10.240.0.300' },
    ],
    [
      'unparseable pod IP',
      baseCluster('c1', {
        nodes: [node('n1', '10.240.0.1')],
        pods: [pod('p', 'n1', ['10.0.1.x'])],
      }),
      { severity: 'error', field: 'status.podIPs[0]', source: 'kube-apiserver' },
    ],
    [
      'IPv4 with leading zeros',
      baseCluster('c1', {
        nodes: [node('n1', '10.240.0.1')],
        pods: [pod('p', 'n1', ['010.0.1.5'])],
      }),
      { severity: 'error', field: 'status.podIPs[0]', says: 'leading zeros' },
    ],
    [
      'a CIDR where an address belongs',
      baseCluster('c1', { services: [service('s', { clusterIPs: ['10.96.0.0/24'] })] }),
      { severity: 'error', field: 'spec.clusterIPs[0]', says: 'is a CIDR' },
    ],
    [
      'unparseable load balancer IP',
      baseCluster('c1', {
        services: [service('s', { type: 'LoadBalancer', loadBalancerIngress: ['lb.example'] })],
      }),
      { severity: 'error', field: 'status.loadBalancer.ingress[0].ip' },
    ],
    [
      'unparseable gateway address',
      baseCluster('c1', { gateways: [{ name: 'g', kind: 'proxy', addresses: ['nope'] }] }),
      { severity: 'error', field: 'addresses[0]', object: 'cluster/c1/gateway/g' },
    ],
    [
      'an IPv6 cluster CIDR in an IPv4 cluster',
      baseCluster('c1', { clusterCIDRs: [{ cidr: 'fd00::/48', nodeMaskSize: 64 }] }),
      { severity: 'error', field: 'clusterCIDRs[0].cidr', says: ['IPv6', 'ipFamilies'] },
    ],
    [
      'an IPv4 address in an IPv6 position',
      baseCluster('c1', {
        ipFamilies: ['IPv4', 'IPv6'],
        clusterCIDRs: [
          { cidr: '10.0.0.0/16', nodeMaskSize: 24 },
          { cidr: 'fd00::/48', nodeMaskSize: 64 },
        ],
        serviceCIDRs: [{ cidrs: ['10.96.0.0/12', 'fd03::/112'] }],
        services: [service('s', { ipFamilies: ['IPv6'], clusterIPs: ['10.96.0.10'] })],
      }),
      { severity: 'error', field: 'spec.clusterIPs[0]', says: ['IPv4', 'ipFamilies[0] is IPv6'] },
    ],
    [
      'two podCIDRs of one family',
      baseCluster('c1', { nodes: [node('n1', '10.240.0.1', ['10.0.1.0/24', '10.0.2.0/24'])] }),
      { severity: 'error', field: 'spec.podCIDRs[1]', says: 'one per family' },
    ],
    [
      'three podCIDRs',
      baseCluster('c1', {
        nodes: [node('n1', '10.240.0.1', ['10.0.1.0/24', 'fd00::/64', '10.0.2.0/24'])],
      }),
      { severity: 'error', field: 'spec.podCIDRs', says: 'at most two' },
    ],
    [
      'two podIPs of one family',
      baseCluster('c1', {
        nodes: [node('n1', '10.240.0.1', ['10.0.1.0/24'])],
        pods: [pod('p', 'n1', ['10.0.1.5', '10.0.1.6'])],
      }),
      { severity: 'error', field: 'status.podIPs[1]', says: 'one per family' },
    ],
    [
      'two clusterIPs of one family',
      baseCluster('c1', {
        services: [
          service('s', {
            ipFamilyPolicy: 'PreferDualStack',
            clusterIPs: ['10.96.0.5', '10.96.0.6'],
          }),
        ],
      }),
      { severity: 'error', field: 'spec.clusterIPs[1]', says: 'one per family' },
    ],
    [
      'three clusterIPs',
      baseCluster('c1', {
        services: [service('s', { clusterIPs: ['10.96.0.5', 'fd03::5', '10.96.0.6'] })],
      }),
      { severity: 'error', field: 'spec.clusterIPs', says: 'at most two' },
    ],
  ];
  for (const [name, c, m] of cases) {
    it(name, () => {
      let fs: Finding[] = [];
      expect(() => {
        fs = one(c);
      }).not.toThrow();
      expectOne(fs, m);
    });
  }

  it('host bits: warned on flags and node podCIDRs, refused on ServiceCIDR objects', () => {
    const fs = one(
      baseCluster('c1', {
        clusterCIDRs: [{ cidr: '10.0.0.5/16', nodeMaskSize: 24 }],
        serviceCIDRs: [{ cidrs: ['10.96.0.1/12'] }, { name: 'more', cidrs: ['10.100.0.5/24'] }],
        nodes: [node('n1', '10.240.0.1', ['10.0.1.5/24'])],
      }),
    );
    expectOne(fs, {
      severity: 'warning',
      field: 'clusterCIDRs[0].cidr',
      says: ['host bits', '10.0.0.0/16'],
      source: 'kube-controller-manager',
    });
    expectOne(fs, { severity: 'warning', field: 'serviceCIDRs[0].cidrs[0]', says: '10.96.0.0/12' });
    expectOne(fs, {
      severity: 'error',
      field: 'serviceCIDRs[1].cidrs[0]',
      says: ['host bits', '10.100.0.0/24'],
      source: 'kube-apiserver',
    });
    expectOne(fs, {
      severity: 'warning',
      field: 'spec.podCIDRs[0]',
      says: ['ambiguous', '10.0.1.0/24'],
      source: 'kube-apiserver',
    });
  });

  it('input that does not match the schema shape yields a finding, not an exception', () => {
    const broken = { version: 1, model: 'flat', clusters: [{ name: 'x' }] } as unknown as Scenario;
    let fs: Finding[] = [];
    expect(() => {
      fs = validateScenario(broken);
    }).not.toThrow();
    expect(fs.some((f) => f.severity === 'error')).toBe(true);
  });
});

describe('cluster CIDRs and node masks', () => {
  const v6 = (cidr: string, nodeMaskSize: number, over: Partial<Cluster> = {}): Cluster =>
    baseCluster('c1', {
      ipFamilies: ['IPv6'],
      clusterCIDRs: [{ cidr, nodeMaskSize }],
      serviceCIDRs: [{ cidrs: ['fd03::/112'] }],
      ...over,
    });

  it('IPv6: a /96 node mask on a /79 is more than 16 bits; kube-controller-manager refuses it', () => {
    const f = expectOne(one(v6('fd02::/79', 96)), {
      severity: 'error',
      field: 'clusterCIDRs[0].nodeMaskSize',
      source: 'kube-controller-manager',
    });
    expect(f.message).toContain(
      'node mask /96 is more than 16 bits longer than the IPv6 cluster CIDR /79',
    );
    expect(f.message).toContain('kube-controller-manager refuses it');
  });

  it('IPv6: /96 on a /80 is exactly 16 bits and fine', () => {
    expectNone(one(v6('fd02::/80', 96)), {
      field: 'clusterCIDRs[0].nodeMaskSize',
      severity: 'error',
    });
  });

  it('IPv6: the default /64 node mask needs a /48 or longer', () => {
    expectOne(one(v6('fd00::/47', 64)), { severity: 'error', says: '/47' });
    expectNone(one(v6('fd00::/48', 64)), { severity: 'error' });
  });

  it('IPv4: more than 16 bits is only kubeadm’s limit (a warning)', () => {
    const fs = one(baseCluster('c1', { clusterCIDRs: [{ cidr: '10.0.0.0/8', nodeMaskSize: 28 }] }));
    expectOne(fs, { severity: 'warning', source: 'kubeadm', says: ['20 bits', '16'] });
    expectNone(fs, { severity: 'error', field: 'clusterCIDRs[0].nodeMaskSize' });
  });

  it('a node mask shorter than the cluster CIDR is refused', () => {
    expectOne(
      one(baseCluster('c1', { clusterCIDRs: [{ cidr: '10.0.0.0/24', nodeMaskSize: 16 }] })),
      {
        severity: 'error',
        source: 'kube-controller-manager',
        says: ['/16', 'shorter', '/24'],
      },
    );
  });

  it('a node mask longer than the address is refused', () => {
    expectOne(
      one(baseCluster('c1', { clusterCIDRs: [{ cidr: '10.0.0.0/16', nodeMaskSize: 40 }] })),
      {
        severity: 'error',
        says: ['/40', '32 bits'],
      },
    );
  });

  it('N = C is one node range: info, and a warning once there are two nodes', () => {
    const one1 = baseCluster('c1', {
      clusterCIDRs: [{ cidr: '10.0.1.0/24', nodeMaskSize: 24 }],
      nodes: [node('n1', '10.240.0.1')],
    });
    const fs1 = one(one1);
    expectOne(fs1, { severity: 'info', says: 'one node range' });
    expectNone(fs1, { severity: 'warning', says: 'node ranges' });
    const fs2 = one({ ...one1, nodes: [node('n1', '10.240.0.1'), node('n2', '10.240.0.2')] });
    expectOne(fs2, {
      severity: 'warning',
      says: ['1 node ranges', '2 nodes', 'no remaining CIDRs'],
    });
  });

  it('kubeadm wants at least 14 addresses in the pod subnet', () => {
    expectOne(
      one(baseCluster('c1', { clusterCIDRs: [{ cidr: '10.0.0.0/29', nodeMaskSize: 29 }] })),
      {
        severity: 'warning',
        source: 'kubeadm',
        says: ['8 addresses', '14'],
      },
    );
    expectNone(
      one(baseCluster('c1', { clusterCIDRs: [{ cidr: '10.0.0.0/28', nodeMaskSize: 28 }] })),
      {
        source: 'kubeadm',
      },
    );
  });

  it('host-local cannot allocate from /31 or /32 node ranges', () => {
    expectOne(
      one(baseCluster('c1', { clusterCIDRs: [{ cidr: '10.0.0.0/16', nodeMaskSize: 31 }] })),
      {
        severity: 'warning',
        source: 'CNI host-local',
        says: 'too small',
      },
    );
  });

  it('a node range smaller than maxPods is reported as info', () => {
    const fs = one(
      baseCluster('c1', { clusterCIDRs: [{ cidr: '10.0.0.0/16', nodeMaskSize: 26 }] }),
    );
    expectOne(fs, {
      severity: 'info',
      source: 'CNI host-local',
      says: ['61 addresses', 'maxPods 110'],
    });
  });

  it('at most two default cluster CIDRs, of different families', () => {
    const three = baseCluster('c1', {
      ipFamilies: ['IPv4', 'IPv6'],
      clusterCIDRs: [
        { cidr: '10.0.0.0/16', nodeMaskSize: 24 },
        { cidr: 'fd00::/48', nodeMaskSize: 64 },
        { cidr: '10.1.0.0/16', nodeMaskSize: 24 },
      ],
    });
    const fs = one(three);
    expectOne(fs, { severity: 'error', field: 'clusterCIDRs', says: 'at most two' });
    expectOne(fs, { severity: 'error', field: 'clusterCIDRs[2].cidr', says: 'second IPv4' });
  });

  it('dual-stack needs a cluster CIDR of each family', () => {
    const c = baseCluster('c1', {
      ipFamilies: ['IPv4', 'IPv6'],
      nodes: [node('n1', '10.240.0.1')],
    });
    expectOne(one(c), { severity: 'error', field: 'clusterCIDRs', says: ['dual-stack', 'IPv6'] });
  });

  it('ClusterCIDR objects (nodeSelector) may add blocks of a family, with perNodeHostBits >= 4', () => {
    const ok = baseCluster('c1', {
      clusterCIDRs: [
        { cidr: '10.0.0.0/16', nodeMaskSize: 24 },
        { cidr: '10.1.0.0/16', nodeMaskSize: 26, nodeSelector: { pool: 'b' } },
      ],
    });
    expectNone(one(ok), { severity: 'error' });
    const bad = baseCluster('c1', {
      clusterCIDRs: [{ cidr: '10.1.0.0/16', nodeMaskSize: 29, nodeSelector: { pool: 'b' } }],
    });
    expectOne(one(bad), {
      severity: 'error',
      source: 'node-ipam-controller',
      says: ['perNodeHostBits 3', 'at least 4'],
    });
  });

  it('a cluster without cluster CIDRs warns only when a node lacks a podCIDR', () => {
    const given = baseCluster('c1', {
      clusterCIDRs: [],
      nodes: [node('n1', '10.240.0.1', ['10.0.1.0/24'])],
    });
    expectNone(one(given), { field: 'clusterCIDRs' });
    expectOne(one({ ...given, nodes: [node('n1', '10.240.0.1')] }), {
      severity: 'warning',
      field: 'clusterCIDRs',
    });
  });
});

describe('service ranges', () => {
  const svc = (cidrs: string[][], over: Partial<Cluster> = {}): Finding[] =>
    one(
      baseCluster('c1', {
        serviceCIDRs: cidrs.map((c, i) => ({
          name: i === 0 ? 'kubernetes' : `extra${i}`,
          cidrs: c,
        })),
        ...over,
      }),
    );

  it('a service range under 8 addresses is refused', () => {
    expectOne(svc([['10.96.0.0/30']]), {
      severity: 'error',
      field: 'serviceCIDRs[0].cidrs[0]',
      source: 'kube-apiserver',
      says: ['4 addresses', 'at least 8'],
    });
  });

  it('8 addresses pass kube-apiserver but not kubeadm (10 for DNS)', () => {
    const fs = svc([['10.96.0.0/29']]);
    expectNone(fs, { severity: 'error', field: 'serviceCIDRs[0].cidrs[0]' });
    expectOne(fs, { severity: 'warning', source: 'kubeadm', says: ['8 addresses', '10'] });
  });

  it('the flag range has at most 20 host bits (IPv4 /12, IPv6 /108) before 1.34', () => {
    expectNone(svc([['10.96.0.0/12']]), { field: 'serviceCIDRs[0].cidrs[0]' });
    expectOne(
      svc([['10.0.0.0/11']], { clusterCIDRs: [{ cidr: '10.64.0.0/16', nodeMaskSize: 24 }] }),
      {
        severity: 'warning',
        says: ['21 host bits', '1.33', '1.34'],
      },
    );
    const v6 = (cidr: string): Finding[] =>
      svc([[cidr]], {
        ipFamilies: ['IPv6'],
        clusterCIDRs: [{ cidr: 'fd00::/48', nodeMaskSize: 64 }],
      });
    expectNone(v6('fd03::/108'), { field: 'serviceCIDRs[0].cidrs[0]' });
    expectOne(v6('fd03::/100'), { severity: 'warning', says: '28 host bits' });
  });

  it('extra ServiceCIDRs may be larger, but IPv6 shorter than /64 is refused', () => {
    const base: Partial<Cluster> = {
      ipFamilies: ['IPv4', 'IPv6'],
      clusterCIDRs: [
        { cidr: '10.0.0.0/16', nodeMaskSize: 24 },
        { cidr: 'fd00::/48', nodeMaskSize: 64 },
      ],
    };
    const big = svc(
      [
        ['10.96.0.0/12', 'fd03::/112'],
        ['10.128.0.0/10', 'fd04::/64'],
      ],
      base,
    );
    expectNone(big, { field: 'serviceCIDRs[1].cidrs[0]' });
    expectNone(big, { field: 'serviceCIDRs[1].cidrs[1]' });
    expectOne(svc([['10.96.0.0/12', 'fd03::/112'], ['fd04::/56']], base), {
      severity: 'error',
      field: 'serviceCIDRs[1].cidrs[0]',
      says: ['/56', '/64'],
      source: 'kube-apiserver',
    });
  });

  it('a tiny extra ServiceCIDR is a warning, not an error', () => {
    const fs = svc([['10.96.0.0/12'], ['10.100.0.0/30']]);
    expectOne(fs, { severity: 'warning', field: 'serviceCIDRs[1].cidrs[0]', says: '4 addresses' });
    expectNone(fs, { severity: 'error', field: 'serviceCIDRs[1].cidrs[0]' });
  });

  it('one range per family in the flag and in each ServiceCIDR', () => {
    expectOne(svc([['10.96.0.0/12', '10.112.0.0/12']]), {
      severity: 'error',
      field: 'serviceCIDRs[0].cidrs[1]',
      says: 'different IP family',
    });
    expectOne(svc([['10.96.0.0/12'], ['10.200.0.0/24', '10.201.0.0/24']]), {
      severity: 'error',
      field: 'serviceCIDRs[1].cidrs[1]',
      says: 'one per family',
    });
  });

  it('overlapping ServiceCIDRs are allowed (extending a range)', () => {
    const fs = svc([['10.96.0.0/28'], ['10.96.0.0/24']]);
    expectNone(fs, { field: 'serviceCIDRs[1].cidrs[0]' });
  });

  it('a service range inside the cluster CIDR: warning; covering it: error', () => {
    expectOne(svc([['10.0.128.0/20']]), {
      severity: 'warning',
      source: 'kube-controller-manager',
      says: 'marks the node ranges inside the service range as used',
    });
    expectOne(svc([['10.0.0.0/12']]), {
      severity: 'error',
      source: 'kube-controller-manager',
      says: 'no remaining CIDRs',
    });
  });

  it('a service range of a family the cluster does not have is refused', () => {
    expectOne(svc([['fd03::/112']]), { severity: 'error', says: ['IPv6', 'ipFamilies'] });
  });
});

describe('findingsFor', () => {
  it('returns the findings of one object, or of everything inside it', () => {
    const c = twoNodeCluster('c1', { pods: [pod('a', 'n1', ['10.0.9.9']), pod('b', 'nowhere')] });
    const fs = one(c);
    const forA = findingsFor(fs, 'cluster/c1/pod/default/a');
    expect(forA.length).toBeGreaterThan(0);
    expect(forA.every((f) => f.object === 'cluster/c1/pod/default/a')).toBe(true);
    const nested = findingsFor(fs, 'cluster/c1', { nested: true });
    expect(nested.length).toBe(fs.filter((f) => f.object.startsWith('cluster/c1')).length);
    expect(findingsFor(fs, 'cluster/c1').every((f) => f.object === 'cluster/c1')).toBe(true);
  });
});

describe('performance', () => {
  /** 1,000 nodes, 10,000 pods, 1,000 Services: the size the bench measures. */
  function large(): Scenario {
    const nodes = [];
    const pods = [];
    for (let i = 0; i < 1000; i++) {
      const hi = i >> 8;
      const lo = i & 255;
      nodes.push(
        node(`n${i}`, `10.240.${hi}.${lo + 1 > 255 ? 1 : lo + 1}`, [`10.${hi}.${lo}.0/24`]),
      );
      for (let j = 0; j < 10; j++) {
        pods.push(
          pod(`p${i}-${j}`, `n${i}`, [`10.${hi}.${lo}.${j + 2}`], {
            labels: { app: `app${(i * 10 + j) % 1000}` },
            ports: [{ name: 'http', containerPort: 8080 }],
          }),
        );
      }
    }
    // Node addresses must be unique: 10.240.<hi>.<lo+1> for lo < 255, else 10.241.<hi>.1.
    nodes.forEach((n, i) => {
      if ((i & 255) === 255) n.addresses = [{ type: 'InternalIP', address: `10.241.${i >> 8}.1` }];
    });
    const services = [];
    for (let k = 0; k < 1000; k++) {
      services.push(
        service(`s${k}`, {
          type: k % 2 === 0 ? 'NodePort' : 'ClusterIP',
          selector: { app: `app${k}` },
          ports: [
            { port: 80, targetPort: 'http', ...(k % 2 === 0 ? { nodePort: 30000 + k } : {}) },
          ],
          clusterIPs: [`10.96.${k >> 8}.${(k & 255) + 1 > 254 ? 254 : (k & 255) + 1}`],
        }),
      );
    }
    // ClusterIPs must be unique too: fix up the few that collided at .254.
    services.forEach((s, k) => {
      if ((k & 255) >= 253) s.clusterIPs = [`10.97.${k >> 8}.${(k & 255) - 200}`];
    });
    return scenarioOf([
      baseCluster('big', {
        clusterCIDRs: [{ cidr: '10.0.0.0/14', nodeMaskSize: 24 }],
        nodes,
        pods,
        services,
      }),
    ]);
  }

  it('validates 1,000 nodes, 10,000 pods and 1,000 Services cleanly and fast', () => {
    const s = large();
    validateScenario(s); // warm the parse caches, as an app that re-validates on edits does
    const times: number[] = [];
    let fs: Finding[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      fs = validateScenario(s);
      times.push(performance.now() - t0);
    }
    expectClean(fs);
    times.sort((a, b) => a - b);
    // The bench asserts the real budget (50 ms median); this only catches a gross regression
    // on a shared, slow CI machine.
    expect(times[3]).toBeLessThan(500);
  });
});
