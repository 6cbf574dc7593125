/**
 * "Kubernetes Network Models" (talk 003, ../shared/seeds/003_*): the reference picture.
 * Network 10.0.0.0/8; cluster 10.0.0.0/16; node1 10.240.0.1 with pod range 10.0.1.0/24,
 * node2 10.240.0.2 with 10.0.2.0/24; pod-a 10.0.1.1, pod-b 10.0.1.2, pod-c 10.0.2.1,
 * pod-d 10.0.2.2; a non-Kubernetes host "other" at 10.128.1.1.
 */
import type { Scenario } from '../../core/model/schema';

export const singleCluster: Scenario = {
  version: 1,
  name: 'Kubernetes Network Models: one cluster',
  description:
    'The reference picture of the talk: one network, one cluster, two nodes with a /24 pod range each, four pods, and a host outside the cluster.',
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
        { name: 'pod-a', nodeName: 'node1', podIPs: ['10.0.1.1'], labels: { app: 'a' } },
        { name: 'pod-b', nodeName: 'node1', podIPs: ['10.0.1.2'], labels: { app: 'b' } },
        { name: 'pod-c', nodeName: 'node2', podIPs: ['10.0.2.1'], labels: { app: 'c' } },
        { name: 'pod-d', nodeName: 'node2', podIPs: ['10.0.2.2'], labels: { app: 'd' } },
      ],
      services: [],
    },
  ],
  hosts: [{ name: 'other', network: 'network', addresses: ['10.128.1.1'] }],
};
