/** Rules about nodes, pods, Services, Ingresses and gateways (validate-cluster/-services.ts). */
import { describe, expect, it } from 'vitest';
import type { Finding } from './findings';
import type { Cluster, Service } from './schema';
import { validateScenario } from './validate';
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

const run = (c: Cluster): Finding[] => validateScenario(scenarioOf([c]));

const N1 = 'cluster/c1/node/n1';
const N2 = 'cluster/c1/node/n2';
const podRefOf = (name: string): string => `cluster/c1/pod/default/${name}`;
const svcRefOf = (name: string): string => `cluster/c1/service/default/${name}`;

describe('nodes', () => {
  it('the two-node fixture is clean', () => {
    expect(problems(run(twoNodeCluster()))).toEqual([]);
  });

  it('a podCIDR outside the cluster CIDRs, or of another size than the node mask: warning', () => {
    const fs = run(
      baseCluster('c1', {
        nodes: [
          node('n1', '10.240.0.1', ['10.9.1.0/24']),
          node('n2', '10.240.0.2', ['10.0.2.0/25']),
        ],
      }),
    );
    expectOne(fs, { severity: 'warning', object: N1, field: 'spec.podCIDRs[0]', says: 'outside' });
    expectOne(fs, {
      severity: 'warning',
      object: N2,
      field: 'spec.podCIDRs[0]',
      says: ['/25', '/24'],
    });
  });

  it('a node without InternalIP: warning', () => {
    const c = twoNodeCluster();
    c.nodes[0] = {
      name: 'n1',
      addresses: [{ type: 'Hostname', address: 'n1' }],
      podCIDRs: ['10.0.1.0/24'],
    };
    expectOne(run(c), {
      severity: 'warning',
      object: N1,
      field: 'status.addresses',
      source: 'kubelet',
    });
  });

  it('node addresses are unique in a cluster', () => {
    const c = twoNodeCluster();
    c.nodes[1] = node('n2', '10.240.0.1', ['10.0.2.0/24']);
    expectOne(run(c), { severity: 'error', object: N2, says: ['10.240.0.1', 'n1'] });
  });

  it('node names are unique in a cluster', () => {
    const c = twoNodeCluster();
    c.nodes.push(node('n1', '10.240.0.9', ['10.0.9.0/24']));
    expectOne(run(c), {
      severity: 'error',
      object: N1,
      field: 'metadata.name',
      source: 'kube-apiserver',
    });
  });

  it('node podCIDRs must not overlap each other', () => {
    const c = twoNodeCluster();
    c.nodes[1] = node('n2', '10.240.0.2', ['10.0.1.0/24']);
    c.pods = [];
    expectOne(run(c), {
      severity: 'error',
      object: N2,
      field: 'spec.podCIDRs[0]',
      says: 'overlaps node n1',
    });
  });

  it('a node address inside a node range or the service range is an error; inside the cluster CIDR only a warning', () => {
    const c = twoNodeCluster();
    c.nodes[0] = node('n1', '10.0.2.50', ['10.0.1.0/24']);
    c.nodes[1] = node('n2', '10.96.0.50', ['10.0.2.0/24']);
    c.nodes.push(node('n3', '10.0.200.1'));
    const fs = run(c);
    expectOne(fs, { severity: 'error', object: N1, says: ["node n2's podCIDR 10.0.2.0/24"] });
    expectOne(fs, { severity: 'error', object: N2, says: ['service range', '10.96.0.0/12'] });
    expectOne(fs, {
      severity: 'warning',
      object: 'cluster/c1/node/n3',
      says: ['cluster CIDR 10.0.0.0/16', 'may hand out'],
    });
  });

  it('a node podCIDR overlapping the service range is an error', () => {
    const c = baseCluster('c1', {
      clusterCIDRs: [{ cidr: '10.0.0.0/8', nodeMaskSize: 24 }],
      nodes: [node('n1', '10.240.0.1', ['10.96.1.0/24'])],
    });
    expectOne(run(c), {
      severity: 'error',
      object: N1,
      says: ['overlaps the service range', 'ClusterIPs'],
    });
  });
});

describe('pods', () => {
  it('nodeName must name a node', () => {
    const c = twoNodeCluster();
    c.pods.push(pod('lost', 'n9'));
    expectOne(run(c), { severity: 'error', object: podRefOf('lost'), field: 'spec.nodeName' });
  });

  it("a pod IP inside another node's range is an error; outside every range a warning", () => {
    const c = twoNodeCluster();
    c.pods = [pod('a', 'n1', ['10.0.2.7']), pod('b', 'n2', ['10.0.50.7'])];
    const fs = run(c);
    expectOne(fs, {
      severity: 'error',
      object: podRefOf('a'),
      says: ["node n2's range", 'runs on node n1'],
    });
    expectOne(fs, {
      severity: 'warning',
      object: podRefOf('b'),
      says: 'outside node n2',
      source: 'CNI host-local',
    });
  });

  it('network + 1 is only info (host-local gateway); network and broadcast are warnings', () => {
    const c = twoNodeCluster();
    c.pods = [
      pod('gw', 'n1', ['10.0.1.1']),
      pod('net', 'n1', ['10.0.1.0']),
      pod('bc', 'n2', ['10.0.2.255']),
    ];
    const fs = run(c);
    expectOne(fs, { severity: 'info', object: podRefOf('gw'), says: 'gateway' });
    expectNone(fs, { severity: 'warning', object: podRefOf('gw') });
    expectOne(fs, { severity: 'warning', object: podRefOf('net'), says: 'network address' });
    expectOne(fs, { severity: 'warning', object: podRefOf('bc'), says: 'broadcast' });
  });

  it('IPv6 has no broadcast: the last address of a node range is fine', () => {
    const c = baseCluster('c1', {
      network: undefined,
      ipFamilies: ['IPv6'],
      clusterCIDRs: [{ cidr: 'fd00::/48', nodeMaskSize: 64 }],
      serviceCIDRs: [{ cidrs: ['fd03::/112'] }],
      nodes: [node('n1', 'fd01::1', ['fd00:0:0:1::/64'])],
      pods: [pod('p', 'n1', ['fd00:0:0:1:ffff:ffff:ffff:ffff'])],
    });
    expect(problems(validateScenario(scenarioOf([c], { networks: [] })))).toEqual([]);
  });

  it('duplicate pod IPs, and a pod IP equal to a node address, are errors', () => {
    const c = twoNodeCluster();
    c.pods = [pod('a', 'n1', ['10.0.1.5']), pod('b', 'n1', ['10.0.1.5'])];
    expectOne(run(c), { severity: 'error', object: podRefOf('b'), says: 'also pod default/a' });
    const c2 = baseCluster('c1', {
      clusterCIDRs: [{ cidr: '10.0.0.0/8', nodeMaskSize: 24 }],
      serviceCIDRs: [{ cidrs: ['192.168.0.0/16'] }],
      nodes: [node('n1', '10.240.0.1', ['10.0.1.0/24'])],
      pods: [pod('a', 'n1', ['10.240.0.1'])],
    });
    expectOne(validateScenario(scenarioOf([c2])), {
      severity: 'error',
      object: podRefOf('a'),
      says: 'node n1',
    });
  });

  it('more pods on a node than maxPods: kubelet refuses', () => {
    const c = twoNodeCluster('c1', { maxPods: 2 });
    c.pods = [pod('a', 'n1'), pod('b', 'n1'), pod('c', 'n1'), pod('d', 'n2')];
    const fs = run(c);
    expectOne(fs, {
      severity: 'error',
      object: N1,
      source: 'kubelet',
      says: ['3 pods', 'maxPods 2'],
    });
    expectNone(fs, { object: N2, says: 'maxPods' });
  });

  it('more pods than host-local addresses in the node range: warning', () => {
    const c = baseCluster('c1', {
      clusterCIDRs: [{ cidr: '10.0.0.0/16', nodeMaskSize: 29 }],
      nodes: [node('n1', '10.240.0.1', ['10.0.1.0/29'])],
      pods: Array.from({ length: 6 }, (_, i) => pod(`p${i}`, 'n1')),
    });
    expectOne(run(c), {
      severity: 'warning',
      object: N1,
      says: ['6 pods', 'only 5'],
      source: 'CNI host-local',
    });
  });

  it('hostPort duplicates on one node are refused, on two nodes or two protocols fine', () => {
    const c = twoNodeCluster();
    c.pods = [
      pod('a', 'n1', undefined, { ports: [{ containerPort: 80, hostPort: 8080 }] }),
      pod('b', 'n1', undefined, { ports: [{ containerPort: 80, hostPort: 8080 }] }),
      pod('c', 'n2', undefined, { ports: [{ containerPort: 80, hostPort: 8080 }] }),
      pod('d', 'n1', undefined, {
        ports: [{ containerPort: 80, hostPort: 8080, protocol: 'UDP' }],
      }),
    ];
    const fs = run(c);
    expectOne(fs, {
      severity: 'error',
      object: podRefOf('b'),
      field: 'ports[0].hostPort',
      source: 'kubelet',
    });
    expectNone(fs, { object: podRefOf('c'), says: 'hostPort' });
    expectNone(fs, { object: podRefOf('d'), says: 'hostPort' });
  });

  it('hostNetwork pods use node IPs and bind their container ports on the node', () => {
    const c = twoNodeCluster();
    c.pods = [
      pod('h1', 'n1', ['10.240.0.1'], { hostNetwork: true, ports: [{ containerPort: 9100 }] }),
      pod('h2', 'n1', ['10.240.0.9'], { hostNetwork: true, ports: [{ containerPort: 9100 }] }),
      pod('h3', 'n2', ['10.240.0.2'], {
        hostNetwork: true,
        ports: [{ containerPort: 80, hostPort: 81 }],
      }),
    ];
    const fs = run(c);
    expectNone(fs, { object: podRefOf('h1'), severity: 'error' });
    expectNone(fs, { object: podRefOf('h1'), severity: 'warning' });
    expectOne(fs, {
      severity: 'warning',
      object: podRefOf('h2'),
      says: 'not an address of node n1',
    });
    expectOne(fs, {
      severity: 'error',
      object: podRefOf('h2'),
      field: 'ports[0].containerPort',
      says: '9100/TCP',
    });
    expectOne(fs, { severity: 'error', object: podRefOf('h3'), says: 'must match' });
  });

  it('pod names are unique in a namespace', () => {
    const c = twoNodeCluster();
    c.pods.push(pod('a', 'n2'));
    c.pods.push(pod('a', 'n2', undefined, { namespace: 'other' }));
    const fs = run(c);
    expect(
      find(fs, { severity: 'error', field: 'metadata.name', object: podRefOf('a') }),
    ).toHaveLength(1);
  });
});

describe('Services', () => {
  const withServices = (...services: Service[]): Finding[] =>
    run(twoNodeCluster('c1', { services }));

  it('"None" stands alone, and only on ClusterIP Services', () => {
    expectNone(withServices(service('h', { clusterIPs: ['None'], selector: { app: 'a' } })), {
      severity: 'error',
    });
    expectOne(withServices(service('h', { clusterIPs: ['None', '10.96.0.5'] })), {
      severity: 'error',
      field: 'spec.clusterIPs[0]',
      says: 'first and only',
    });
    expectOne(withServices(service('h', { type: 'NodePort', clusterIPs: ['None'] })), {
      severity: 'error',
      says: 'cannot be headless',
    });
  });

  const dualCluster = (services: Service[], serviceCidrs: string[]): Cluster =>
    twoNodeCluster('c1', {
      ipFamilies: ['IPv4', 'IPv6'],
      clusterCIDRs: [
        { cidr: '10.0.0.0/16', nodeMaskSize: 24 },
        { cidr: 'fd00::/48', nodeMaskSize: 64 },
      ],
      serviceCIDRs: [{ cidrs: serviceCidrs }],
      services,
    });

  it('dual-stack: SingleStack refuses two families; RequireDualStack needs a dual-stack cluster', () => {
    const fs = run(
      dualCluster(
        [service('s', { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4', 'IPv6'] })],
        ['10.96.0.0/12', 'fd03::/112'],
      ),
    );
    expectOne(fs, { severity: 'error', field: 'spec.ipFamilyPolicy', says: 'SingleStack' });

    const single = run(
      dualCluster([service('s', { ipFamilyPolicy: 'RequireDualStack' })], ['10.96.0.0/12']),
    );
    expectOne(single, {
      severity: 'error',
      field: 'spec.ipFamilyPolicy',
      says: 'RequireDualStack',
    });

    // Two families without a policy default to RequireDualStack.
    const defaulted = run(
      dualCluster([service('s', { clusterIPs: ['10.96.0.5', 'fd03::5'] })], ['10.96.0.0/12']),
    );
    expectOne(defaulted, { severity: 'error', field: 'spec.ipFamilyPolicy', says: 'default' });

    // PreferDualStack on a single-stack service range is fine.
    const prefer = run(
      dualCluster([service('s', { ipFamilyPolicy: 'PreferDualStack' })], ['10.96.0.0/12']),
    );
    expectNone(prefer, { severity: 'error' });
  });

  it('dual-stack: ipFamilies[i] matches clusterIPs[i], and families must be configured', () => {
    const swapped = run(
      dualCluster(
        [
          service('s', {
            ipFamilyPolicy: 'RequireDualStack',
            ipFamilies: ['IPv4', 'IPv6'],
            clusterIPs: ['fd03::5', '10.96.0.5'],
          }),
        ],
        ['10.96.0.0/12', 'fd03::/112'],
      ),
    );
    expectOne(swapped, {
      severity: 'error',
      field: 'spec.clusterIPs[0]',
      says: 'ipFamilies[0] is IPv4',
    });
    expectOne(swapped, {
      severity: 'error',
      field: 'spec.clusterIPs[1]',
      says: 'ipFamilies[1] is IPv6',
    });

    const missing = run(dualCluster([service('s', { ipFamilies: ['IPv6'] })], ['10.96.0.0/12']));
    expectOne(missing, { severity: 'error', field: 'spec.ipFamilies[0]', says: 'not configured' });
  });

  it('clusterIPs come from a service range, never the network address, and are unique', () => {
    const fs = withServices(
      service('out', { clusterIPs: ['10.200.0.1'] }),
      service('net', { clusterIPs: ['10.96.0.0'] }),
      service('one', { clusterIPs: ['10.96.0.10'] }),
      service('two', { clusterIPs: ['10.96.0.10'] }),
    );
    expectOne(fs, {
      severity: 'error',
      object: svcRefOf('out'),
      says: 'outside the service ranges',
    });
    expectOne(fs, { severity: 'error', object: svcRefOf('net'), says: 'network address' });
    expectNone(fs, { severity: 'error', object: svcRefOf('one') });
    expectOne(fs, {
      severity: 'error',
      object: svcRefOf('two'),
      says: 'already belongs to Service default/one',
    });
  });

  it('nodePorts: in range, unique across the cluster whatever the protocol, never on ClusterIP', () => {
    const fs = withServices(
      service('low', { type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] }),
      service('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }),
      service('b', { type: 'NodePort', ports: [{ port: 53, nodePort: 30080, protocol: 'UDP' }] }),
      service('dns', {
        type: 'NodePort',
        ports: [
          { name: 'tcp', port: 53, nodePort: 30053 },
          { name: 'udp', port: 53, protocol: 'UDP', nodePort: 30053 },
        ],
      }),
      service('cip', { ports: [{ port: 80, nodePort: 30090 }] }),
    );
    expectOne(fs, { severity: 'error', object: svcRefOf('low'), says: ['8080', '30000-32767'] });
    expectOne(fs, {
      severity: 'error',
      object: svcRefOf('b'),
      says: 'already belongs to Service default/a',
    });
    expectNone(fs, { severity: 'error', object: svcRefOf('dns') });
    expectOne(fs, { severity: 'error', object: svcRefOf('cip'), says: 'ClusterIP' });
  });

  it('the cluster nodePortRange replaces the default', () => {
    const c = twoNodeCluster('c1', {
      nodePortRange: { min: 20000, max: 20100 },
      services: [service('s', { type: 'NodePort', ports: [{ port: 80, nodePort: 20050 }] })],
    });
    expectNone(run(c), { severity: 'error' });
    expectOne(run({ ...c, nodePortRange: { min: 20100, max: 20000 } }), {
      severity: 'error',
      field: 'nodePortRange',
    });
  });

  it('several ports need names and must not repeat', () => {
    const fs = withServices(
      service('s', { selector: { app: 'a' }, ports: [{ port: 80 }, { port: 80 }] }),
    );
    expectOne(fs, { severity: 'error', field: 'spec.ports[0].name' });
    expectOne(fs, { severity: 'error', field: 'spec.ports[1].port', says: '80/TCP' });
  });

  it('load balancer ingress only on LoadBalancer; externalTrafficPolicy not on ClusterIP', () => {
    const fs = withServices(
      service('cip', { externalTrafficPolicy: 'Local', loadBalancerIngress: ['192.168.21.8'] }),
      service('np', { type: 'NodePort', externalTrafficPolicy: 'Local', selector: { app: 'a' } }),
    );
    expectOne(fs, {
      severity: 'error',
      object: svcRefOf('cip'),
      field: 'spec.externalTrafficPolicy',
    });
    expectOne(fs, {
      severity: 'error',
      object: svcRefOf('cip'),
      field: 'status.loadBalancer.ingress',
    });
    expectNone(fs, { severity: 'error', object: svcRefOf('np') });
  });

  it('selectors: none is info, matching nothing is a warning; named targetPorts must resolve', () => {
    const c = twoNodeCluster();
    c.pods[0] = pod('a', 'n1', ['10.0.1.2'], {
      labels: { app: 'a' },
      ports: [{ name: 'http', containerPort: 8080 }],
    });
    c.services = [
      service('nosel'),
      service('nomatch', { selector: { app: 'zzz' } }),
      service('named', { selector: { app: 'a' }, ports: [{ port: 80, targetPort: 'http' }] }),
      service('badname', { selector: { app: 'a' }, ports: [{ port: 80, targetPort: 'grpc' }] }),
      service('otherns', { namespace: 'other', selector: { app: 'a' } }),
    ];
    const fs = run(c);
    expectOne(fs, { severity: 'info', object: svcRefOf('nosel'), field: 'spec.selector' });
    expectOne(fs, { severity: 'warning', object: svcRefOf('nomatch'), says: 'no endpoints' });
    expectNone(fs, { object: svcRefOf('named') });
    expectOne(fs, { severity: 'warning', object: svcRefOf('badname'), says: '"grpc"' });
    expectOne(fs, {
      severity: 'warning',
      object: 'cluster/c1/service/other/otherns',
      says: 'namespace other',
    });
  });

  it('Service names are unique in a namespace', () => {
    const fs = withServices(service('s'), service('s'));
    expectOne(fs, { severity: 'error', object: svcRefOf('s'), field: 'metadata.name' });
  });
});

describe('Ingresses and gateways', () => {
  const cluster = (over: Partial<Cluster>): Cluster =>
    twoNodeCluster('c1', {
      services: [service('web', { selector: { app: 'a' }, ports: [{ port: 80 }] })],
      ...over,
    });

  it('backends must exist and have the port; a given controller must exist', () => {
    const fs = run(
      cluster({
        gateways: [
          { name: 'edge', kind: 'proxy', addresses: ['10.128.0.5'] },
          { name: 'vip', kind: 'vip', addresses: ['10.128.0.6'], service: 'web' },
        ],
        ingresses: [
          {
            name: 'ok',
            controller: 'edge',
            rules: [{ host: 'a.example', paths: [{ path: '/', service: 'web', port: 80 }] }],
          },
          { name: 'pod', controller: 'default/a', rules: [] },
          {
            name: 'bad',
            controller: 'missing',
            rules: [
              {
                paths: [
                  { path: '/x', service: 'nope', port: 80 },
                  { path: '/y', service: 'web', port: 8080 },
                ],
              },
            ],
          },
          { name: 'notproxy', controller: 'vip', rules: [] },
        ],
      }),
    );
    const ok = 'cluster/c1/ingress/default/ok';
    const bad = 'cluster/c1/ingress/default/bad';
    expectNone(fs, { object: ok });
    expectNone(fs, { object: 'cluster/c1/ingress/default/pod' });
    expectOne(fs, { severity: 'error', object: bad, field: 'controller' });
    expectOne(fs, {
      severity: 'warning',
      object: bad,
      field: 'spec.rules[0].http.paths[0].backend.service.name',
      says: '503',
    });
    expectOne(fs, {
      severity: 'warning',
      object: bad,
      field: 'spec.rules[0].http.paths[1].backend.service.port.number',
    });
    expectOne(fs, {
      severity: 'error',
      object: 'cluster/c1/ingress/default/notproxy',
      says: 'vip gateway',
    });
  });

  it('a VIP needs an address and an existing Service; a proxy needs an address', () => {
    const fs = run(
      cluster({
        gateways: [
          { name: 'v1', kind: 'vip' },
          { name: 'v2', kind: 'vip', addresses: ['10.128.0.6'], service: 'default/nope' },
          { name: 'p', kind: 'proxy' },
          { name: 'eg', kind: 'egress' },
          { name: 'np', kind: 'nodes' },
        ],
      }),
    );
    expectOne(fs, { severity: 'error', object: 'cluster/c1/gateway/v1', field: 'addresses' });
    expectOne(fs, { severity: 'error', object: 'cluster/c1/gateway/v1', field: 'service' });
    expectOne(fs, {
      severity: 'error',
      object: 'cluster/c1/gateway/v2',
      field: 'service',
      says: 'default/nope',
    });
    expectOne(fs, { severity: 'error', object: 'cluster/c1/gateway/p', field: 'addresses' });
    expectNone(fs, { object: 'cluster/c1/gateway/eg' });
    expectNone(fs, { object: 'cluster/c1/gateway/np' });
  });
});

describe('node ranges against the node count, with ClusterCIDR-style blocks', () => {
  const five = ['10.240.0.1', '10.240.0.2', '10.240.0.3', '10.240.0.4', '10.240.0.5'].map((ip, i) =>
    node(`node${i + 1}`, ip),
  );
  const tooFew = /gives 4 node ranges.*but the cluster has 5 nodes/;
  it('warns when a /24 split in /26s (4 ranges) must serve 5 nodes', () => {
    const s = scenarioOf([
      baseCluster('c1', { clusterCIDRs: [{ cidr: '10.0.0.0/24', nodeMaskSize: 26 }], nodes: five }),
    ]);
    expect(validateScenario(s).some((f) => tooFew.test(f.message))).toBe(true);
  });
  it('counts the ranges of a second, node-selected block too (KEP-2593 ClusterCIDR)', () => {
    const s = scenarioOf([
      baseCluster('c1', {
        clusterCIDRs: [
          { cidr: '10.0.0.0/24', nodeMaskSize: 26 },
          { cidr: '10.0.1.0/24', nodeMaskSize: 26, nodeSelector: { pool: 'b' } },
        ],
        nodes: five,
      }),
    ]);
    expect(validateScenario(s).some((f) => tooFew.test(f.message))).toBe(false);
  });
});

describe('Services without a selector', () => {
  const svc = (name: string): Service => ({ name, ports: [{ port: 443 }] });
  it('says nothing of default/kubernetes: kube-apiserver writes its endpoints itself', () => {
    const s = scenarioOf([baseCluster('c1', { services: [svc('kubernetes')] })]);
    expect(validateScenario(s).filter((f) => f.field === 'spec.selector')).toEqual([]);
  });
  it('notes that any other has no endpoints, naming the EndpointSlice controller', () => {
    const s = scenarioOf([baseCluster('c1', { services: [svc('external-db')] })]);
    const f = validateScenario(s).find((x) => x.field === 'spec.selector');
    expect(f?.severity).toBe('info');
    expect(f?.source).toBe('kube-controller-manager');
    expect(f?.message).toContain('EndpointSlice controller');
  });
});
