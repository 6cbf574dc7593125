/** References, names and overlaps across clusters under the four network models (talk 003). */
import { describe, expect, it } from 'vitest';
import type { Finding } from './findings';
import type { Cluster, NetworkModel, Scenario } from './schema';
import { validateScenario } from './validate';
import { baseCluster, find, node, pod, problems, scenarioOf, show } from './validate-testkit';
import type { Match } from './validate-testkit';

function expectOne(fs: readonly Finding[], m: Match): Finding {
  const hits = find(fs, m);
  expect(
    hits.length,
    `expected a finding like ${JSON.stringify(m)} in:\n${show(fs)}`,
  ).toBeGreaterThan(0);
  return hits[0] as Finding;
}

function expectClean(fs: readonly Finding[]): void {
  expect(problems(fs), show(problems(fs))).toEqual([]);
}

/** A cluster of two nodes with pod ranges n.1 and n.2 of `cidr` (a /16). */
function clusterAt(name: string, prefix16: string, nodeIps: [string, string]): Cluster {
  return baseCluster(name, {
    clusterCIDRs: [{ cidr: `${prefix16}.0.0/16`, nodeMaskSize: 24 }],
    nodes: [
      node('n1', nodeIps[0], [`${prefix16}.1.0/24`]),
      node('n2', nodeIps[1], [`${prefix16}.2.0/24`]),
    ],
    pods: [pod('a', 'n1', [`${prefix16}.1.2`]), pod('c', 'n2', [`${prefix16}.2.2`])],
  });
}

const two = (
  model: NetworkModel,
  a: Cluster,
  b: Cluster,
  over: Partial<Scenario> = {},
): Finding[] => validateScenario(scenarioOf([a, b], { model, ...over }));

// Talk 003: a second cluster uses 10.1.0.0/16 (nodes 10.240.0.3, .4) or, where the model
// allows it, the very same 10.0.0.0/16.
const secondOther = clusterAt('two', '10.1', ['10.240.0.3', '10.240.0.4']);
const secondSame = clusterAt('two', '10.0', ['10.240.0.3', '10.240.0.4']);
const secondSameNodes = clusterAt('two', '10.0', ['10.240.0.1', '10.240.0.2']);
const firstFixed = clusterAt('one', '10.0', ['10.240.0.1', '10.240.0.2']);

describe('the same pod range 10.0.0.0/16 in two clusters', () => {
  it('distinct ranges are clean under every model', () => {
    for (const model of ['flat', 'island', 'air-gapped', 'archipelago'] as const) {
      expectClean(two(model, firstFixed, secondOther));
    }
  });

  it('flat: an error (pod IPs are routable on the whole network)', () => {
    const fs = two('flat', firstFixed, secondSame);
    expectOne(fs, {
      severity: 'error',
      object: 'cluster/two',
      field: 'clusterCIDRs[0].cidr',
      says: ['cluster one', 'flat'],
      source: 'network model',
    });
  });

  it('island and air-gapped: fine (info only)', () => {
    for (const model of ['island', 'air-gapped'] as const) {
      const fs = two(model, firstFixed, secondSame);
      expectClean(fs);
      expectOne(fs, { severity: 'info', object: 'cluster/two', says: 'fine' });
    }
  });

  it('archipelago: an error inside one archipelago, fine between archipelagos or islands', () => {
    const inside = two('archipelago', firstFixed, secondSame, {
      archipelagos: [{ name: 'north', clusters: ['one', 'two'] }],
    });
    expectOne(inside, { severity: 'error', object: 'cluster/two', says: 'archipelago "north"' });

    const between = two('archipelago', firstFixed, secondSame, {
      archipelagos: [
        { name: 'north', clusters: ['one'] },
        { name: 'south', clusters: ['two'] },
      ],
    });
    expectClean(between);

    // A cluster outside any archipelago behaves as an island.
    const outside = two('archipelago', firstFixed, secondSame, {
      archipelagos: [{ name: 'north', clusters: ['one'] }],
    });
    expectClean(outside);
  });
});

describe('the same node IPs in two clusters', () => {
  it('are fine only when air-gapped', () => {
    expectClean(two('air-gapped', firstFixed, secondSameNodes));
    for (const model of ['flat', 'island', 'archipelago'] as const) {
      const fs = two(model, firstFixed, secondSameNodes);
      expectOne(fs, {
        severity: 'error',
        object: 'cluster/two/node/n1',
        says: ['10.240.0.1', 'cluster one', 'air-gapped'],
      });
    }
  });

  it('clusters on different networks may repeat node IPs', () => {
    const b = { ...secondSameNodes, clusterCIDRs: [{ cidr: '10.1.0.0/16', nodeMaskSize: 24 }] };
    b.nodes = [
      node('n1', '10.240.0.1', ['10.1.1.0/24']),
      node('n2', '10.240.0.2', ['10.1.2.0/24']),
    ];
    b.pods = [];
    b.network = 'other';
    const fs = two('island', firstFixed, b, {
      networks: [
        { name: 'network', cidrs: ['10.0.0.0/8'] },
        { name: 'other', cidrs: ['10.0.0.0/8'] },
      ],
    });
    expectClean(fs);
  });
});

describe('hosts and other clusters inside pod and service ranges', () => {
  const host = (address: string) => ({
    hosts: [{ name: 'other', network: 'network', addresses: [address] }],
  });

  it('a host inside a pod range: error under flat, fine under island', () => {
    const flat = validateScenario(scenarioOf([firstFixed], { model: 'flat', ...host('10.0.5.5') }));
    expectOne(flat, {
      severity: 'error',
      object: 'host/other',
      says: ['ambiguous', 'cluster one'],
    });
    const island = validateScenario(
      scenarioOf([firstFixed], { model: 'island', ...host('10.0.5.5') }),
    );
    expectClean(island);
  });

  it("the talk's host 10.128.1.1 is fine under flat", () => {
    expectClean(
      validateScenario(scenarioOf([firstFixed], { model: 'flat', ...host('10.128.1.1') })),
    );
  });

  it('a host inside a service range: warning', () => {
    const fs = validateScenario(
      scenarioOf([firstFixed], { model: 'island', ...host('10.96.3.3') }),
    );
    expectOne(fs, { severity: 'warning', object: 'host/other', says: 'service range' });
  });

  it('a host with a node address on the same network: error, except air-gapped', () => {
    expectOne(validateScenario(scenarioOf([firstFixed], host('10.240.0.1'))), {
      severity: 'error',
      object: 'host/other',
      says: 'node n1 of cluster one',
    });
    expectClean(
      validateScenario(scenarioOf([firstFixed], { model: 'air-gapped', ...host('10.240.0.1') })),
    );
  });

  it("another cluster's node inside a pod range: error under flat, warning under island", () => {
    const b = clusterAt('two', '10.1', ['10.0.9.1', '10.240.0.4']);
    expectOne(two('flat', firstFixed, b), {
      severity: 'error',
      object: 'cluster/two/node/n1',
      says: "cluster one's cluster CIDR 10.0.0.0/16",
    });
    expectOne(two('island', firstFixed, b), {
      severity: 'warning',
      object: 'cluster/two/node/n1',
      says: 'cannot reach this node',
    });
    expectClean(two('air-gapped', firstFixed, b));
  });

  it("flat: a service range over another cluster's pod range is a warning", () => {
    const b = clusterAt('two', '10.100', ['10.240.0.3', '10.240.0.4']);
    const fs = two('flat', firstFixed, b); // one's services 10.96.0.0/12 hold 10.100.0.0/16
    expectOne(fs, {
      severity: 'warning',
      object: 'cluster/one',
      field: 'serviceCIDRs[0].cidrs[0]',
      says: 'cluster two',
    });
    expect(
      find(two('island', firstFixed, b), {
        object: 'cluster/one',
        field: 'serviceCIDRs[0].cidrs[0]',
      }),
    ).toEqual([]);
  });

  it('addresses outside their network are warnings', () => {
    const fs = validateScenario(
      scenarioOf([clusterAt('one', '10', ['192.168.0.1', '10.240.0.2'])], host('172.16.0.1')),
    );
    expectOne(fs, {
      severity: 'warning',
      object: 'cluster/one/node/n1',
      says: 'outside network network',
    });
    expectOne(fs, { severity: 'warning', object: 'host/other', says: 'outside network network' });
  });
});

describe('references and names', () => {
  it('cluster and host networks must exist', () => {
    const fs = validateScenario(
      scenarioOf([{ ...firstFixed, network: 'lan' }], {
        hosts: [{ name: 'h', network: 'wan', addresses: ['192.0.2.1'] }],
      }),
    );
    expectOne(fs, { severity: 'error', object: 'cluster/one', field: 'network', says: '"lan"' });
    expectOne(fs, { severity: 'error', object: 'host/h', field: 'network', says: '"wan"' });
  });

  it('archipelagos name existing clusters, each cluster in at most one', () => {
    const fs = two('archipelago', firstFixed, secondOther, {
      archipelagos: [
        { name: 'a', clusters: ['one', 'ghost'] },
        { name: 'b', clusters: ['one', 'two'] },
      ],
    });
    expectOne(fs, {
      severity: 'error',
      object: 'archipelago/a',
      field: 'clusters[1]',
      says: '"ghost"',
    });
    expectOne(fs, {
      severity: 'error',
      object: 'archipelago/b',
      field: 'clusters[0]',
      says: 'already in archipelago "a"',
    });
  });

  it('names are unique per kind', () => {
    const fs = validateScenario({
      ...scenarioOf([firstFixed, { ...secondOther, name: 'one' }]),
      networks: [
        { name: 'network', cidrs: ['10.0.0.0/8'] },
        { name: 'network', cidrs: ['192.168.0.0/16'] },
      ],
      hosts: [
        { name: 'h', addresses: ['192.0.2.1'] },
        { name: 'h', addresses: ['192.0.2.2'] },
      ],
      archipelagos: [
        { name: 'x', clusters: ['one'] },
        { name: 'x', clusters: [] },
      ],
      model: 'archipelago',
    });
    expectOne(fs, { severity: 'error', object: 'cluster/one', field: 'name' });
    expectOne(fs, { severity: 'error', object: 'network/network', field: 'name' });
    expectOne(fs, { severity: 'error', object: 'host/h', field: 'name' });
    expectOne(fs, { severity: 'error', object: 'archipelago/x', field: 'name' });
  });

  it('archipelagos outside the archipelago model are only info', () => {
    const fs = two('island', firstFixed, secondOther, {
      archipelagos: [{ name: 'a', clusters: ['one'] }],
    });
    expectClean(fs);
    expectOne(fs, { severity: 'info', object: 'archipelago/a' });
  });

  it('a network with a bad CIDR is reported, the rest still validated', () => {
    const fs = validateScenario(
      scenarioOf([firstFixed], { networks: [{ name: 'network', cidrs: ['10.0.0.0/8', 'x/8'] }] }),
    );
    expectOne(fs, { severity: 'error', object: 'network/network', field: 'cidrs[1]' });
    expect(find(fs, { severity: 'error' })).toHaveLength(1);
  });
});
