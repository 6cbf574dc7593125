/**
 * The two-cluster picture of "Kubernetes Network Models" (talk 003): one network 10.0.0.0/8,
 * cluster 10.0.0.0/16 (node1 10.240.0.1 with 10.0.1.0/24, node2 10.240.0.2 with 10.0.2.0/24,
 * pod-a 10.0.1.1, pod-b 10.0.1.2, pod-c 10.0.2.1, pod-d 10.0.2.2), a second cluster
 * 10.1.0.0/16 (node1 10.240.0.3 with 10.1.1.0/24, node2 10.240.0.4 with 10.1.2.0/24, pods
 * 10.1.1.1, 10.1.1.2, 10.1.2.1, 10.1.2.2; the talk names them node1/node2 and pod-a..pod-d
 * again), service CIDR 10.96.0.0/12 in each, and the host "other" at 10.128.1.1.
 *
 * Kept here, frozen, rather than imported from the lesson presets: the v1 link fixture must
 * decode to exactly this, whatever the presets become.
 */
import type { Cluster, Scenario } from '../../model/schema';

function talkCluster(name: string, second: 0 | 1): Cluster {
  const pods = (node: 1 | 2) => `10.${second}.${node}`;
  return {
    name,
    network: 'network',
    ipFamilies: ['IPv4'],
    clusterCIDRs: [{ cidr: `10.${second}.0.0/16`, nodeMaskSize: 24 }],
    serviceCIDRs: [{ name: 'kubernetes', cidrs: ['10.96.0.0/12'] }],
    nodes: [
      {
        name: 'node1',
        addresses: [{ type: 'InternalIP', address: `10.240.0.${1 + 2 * second}` }],
        podCIDRs: [`${pods(1)}.0/24`],
      },
      {
        name: 'node2',
        addresses: [{ type: 'InternalIP', address: `10.240.0.${2 + 2 * second}` }],
        podCIDRs: [`${pods(2)}.0/24`],
      },
    ],
    pods: [
      { name: 'pod-a', nodeName: 'node1', podIPs: [`${pods(1)}.1`], labels: { app: 'a' } },
      { name: 'pod-b', nodeName: 'node1', podIPs: [`${pods(1)}.2`], labels: { app: 'b' } },
      { name: 'pod-c', nodeName: 'node2', podIPs: [`${pods(2)}.1`], labels: { app: 'c' } },
      { name: 'pod-d', nodeName: 'node2', podIPs: [`${pods(2)}.2`], labels: { app: 'd' } },
    ],
    services: [],
  };
}

export const twoClusterScenario: Scenario = {
  version: 1,
  name: 'Kubernetes Network Models: two clusters',
  description:
    'Two clusters on one flat network, each with two nodes with a /24 pod range each and four pods, and a host outside both clusters.',
  model: 'flat',
  networks: [{ name: 'network', cidrs: ['10.0.0.0/8'] }],
  clusters: [talkCluster('cluster-1', 0), talkCluster('cluster-2', 1)],
  hosts: [{ name: 'other', network: 'network', addresses: ['10.128.1.1'] }],
};

/** The same picture with a view: freezes the view's layout in the link format too. */
export const twoClusterWithView = {
  scenario: twoClusterScenario,
  view: {
    model: 'flat',
    flowId: 'pod-a-to-other',
    hop: 2,
    viewport: { x: -120, y: 35.5, k: 1.25 },
    lesson: { id: 'network-models', step: 3 },
    preset: 'network-models-two-clusters',
  },
} as const satisfies { scenario: Scenario; view: Record<string, unknown> };
