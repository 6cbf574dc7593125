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

/* ------------------------------------------------------------------------------------------ */
/* Two clusters under each network model (talk 003, slides 21-78).                            */
/*                                                                                            */
/* From the talk: network 10.0.0.0/8; "other" 10.128.1.1; cluster 1 10.0.0.0/16 with node1    */
/* 10.240.0.1 (10.0.1.0/24) and node2 10.240.0.2 (10.0.2.0/24), pod-a..pod-d 10.0.1.1,        */
/* 10.0.1.2, 10.0.2.1, 10.0.2.2; cluster 2 10.1.0.0/16 with node1 10.240.0.3 (10.1.1.0/24)    */
/* and node2 10.240.0.4 (10.1.2.0/24), pods 10.1.1.1 .. 10.1.2.2 (slide 22), or, where the    */
/* model allows it, the very same 10.0.0.0/16 again (slides 31, 39).                          */
/*                                                                                            */
/* Not in the talk, chosen here: cluster names c1/c2/c3, the Services (web: port 80 to        */
/* pod-c's 8080, NodePort 30080; web-local: the same with externalTrafficPolicy Local,       */
/* NodePort 30081) in the kubeadm-default range 10.96.0.0/12, the VIP 10.240.0.100, the       */
/* proxy 10.240.0.200 and its Ingress host web.example.com, and archipelago-2's node IPs      */
/* 10.240.0.5/.6.                                                                             */
/* ------------------------------------------------------------------------------------------ */

type ClusterShape = Scenario['clusters'][number];

/** One talk-003 cluster: `b` is the second octet of its /16, `n1`/`n2` its node IPs. */
function talkCluster(
  name: string,
  b: 0 | 1,
  n1: string,
  n2: string,
  network: string,
  extra: Partial<ClusterShape> = {},
): ClusterShape {
  const pods = (x: 1 | 2): string => `10.${b}.${x}`;
  return {
    name,
    network,
    ipFamilies: ['IPv4'],
    clusterCIDRs: [{ cidr: `10.${b}.0.0/16`, nodeMaskSize: 24 }],
    serviceCIDRs: [{ name: 'kubernetes', cidrs: ['10.96.0.0/12'] }],
    nodes: [
      {
        name: 'node1',
        addresses: [{ type: 'InternalIP', address: n1 }],
        podCIDRs: [`${pods(1)}.0/24`],
      },
      {
        name: 'node2',
        addresses: [{ type: 'InternalIP', address: n2 }],
        podCIDRs: [`${pods(2)}.0/24`],
      },
    ],
    pods: [
      { name: 'pod-a', nodeName: 'node1', podIPs: [`${pods(1)}.1`], labels: { app: 'a' } },
      { name: 'pod-b', nodeName: 'node1', podIPs: [`${pods(1)}.2`], labels: { app: 'b' } },
      {
        name: 'pod-c',
        nodeName: 'node2',
        podIPs: [`${pods(2)}.1`],
        labels: { app: 'c' },
        ports: [{ name: 'http', containerPort: 8080 }],
      },
      { name: 'pod-d', nodeName: 'node2', podIPs: [`${pods(2)}.2`], labels: { app: 'd' } },
    ],
    services: [
      {
        name: 'web',
        type: 'NodePort',
        selector: { app: 'c' },
        ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }],
        clusterIPs: ['10.96.0.20'],
      },
      {
        name: 'web-local',
        type: 'NodePort',
        selector: { app: 'c' },
        externalTrafficPolicy: 'Local',
        ports: [{ port: 80, targetPort: 8080, nodePort: 30081 }],
        clusterIPs: ['10.96.0.21'],
      },
    ],
    ...extra,
  };
}

const other = { name: 'other', network: 'network', addresses: ['10.128.1.1'] };

/**
 * Fully integrated, aka flat (talk 003, slides 24-27): pod IPs are routable on the whole
 * network, so pods of both clusters and "other" reach each other directly, no NAT.
 */
export const flatTwoClusters: Scenario = {
  version: 1,
  name: 'Kubernetes Network Models: flat',
  description:
    'Fully integrated: both clusters take pod ranges from the one network, which routes every node pod range. Pods, nodes and "other" talk directly, without NAT.',
  model: 'flat',
  networks: [{ name: 'network', cidrs: ['10.0.0.0/8'] }],
  clusters: [
    talkCluster('c1', 0, '10.240.0.1', '10.240.0.2', 'network'),
    talkCluster('c2', 1, '10.240.0.3', '10.240.0.4', 'network'),
  ],
  hosts: [other],
};

/**
 * Fully isolated, aka air-gapped (talk 003, slides 28-35): the clusters are basically on
 * different networks (slide 33) and reuse all of the IPs, even the node IPs (slides 30-31).
 * Nothing crosses a cluster edge.
 */
export const airGappedTwoClusters: Scenario = {
  version: 1,
  name: 'Kubernetes Network Models: air-gapped',
  description:
    'Fully isolated: each cluster is its own network and reuses every address, node IPs too. Nothing crosses a cluster edge.',
  model: 'air-gapped',
  networks: [
    { name: 'network-1', cidrs: ['10.0.0.0/8'] },
    { name: 'network-2', cidrs: ['10.0.0.0/8'] },
    { name: 'network', cidrs: ['10.0.0.0/8'] },
  ],
  clusters: [
    talkCluster('c1', 0, '10.240.0.1', '10.240.0.2', 'network-1'),
    talkCluster('c2', 0, '10.240.0.1', '10.240.0.2', 'network-2'),
  ],
  hosts: [other],
};

/**
 * Bridged, aka island mode (talk 003, slides 36-72): pod IPs are private to each cluster and
 * reused (slide 39: both clusters 10.0.0.0/16; nodes 10.240.0.1/.2 and 10.240.0.3/.4).
 * Traffic crosses the edge only through gateways: nodes (NodePort, DNAT by port, slides
 * 43-52), a VIP (by destination IP, slides 62-65), a proxy (slides 66-70); egress is IP
 * masquerade to the node's IP (slides 53-61).
 */
export const islandTwoClusters: Scenario = {
  version: 1,
  name: 'Kubernetes Network Models: island',
  description:
    'Bridged: both clusters reuse 10.0.0.0/16 for pods, private to each island. In through gateways (NodePort on the nodes, a VIP, an L7 proxy); out by IP masquerade to the node IP.',
  model: 'island',
  networks: [{ name: 'network', cidrs: ['10.0.0.0/8'] }],
  clusters: [
    talkCluster('c1', 0, '10.240.0.1', '10.240.0.2', 'network', {
      gateways: [
        { name: 'nodes', kind: 'nodes' },
        { name: 'egress', kind: 'egress' },
      ],
    }),
    talkCluster('c2', 0, '10.240.0.3', '10.240.0.4', 'network', {
      gateways: [
        { name: 'nodes', kind: 'nodes' },
        { name: 'vip', kind: 'vip', addresses: ['10.240.0.100'], service: 'web' },
        { name: 'proxy', kind: 'proxy', addresses: ['10.240.0.200'], upstream: 'pods' },
        { name: 'egress', kind: 'egress' },
      ],
      ingresses: [
        {
          name: 'web',
          controller: 'proxy',
          rules: [
            {
              host: 'web.example.com',
              paths: [{ path: '/', pathType: 'Prefix', service: 'web', port: 80 }],
            },
          ],
        },
      ],
    }),
  ],
  hosts: [other],
};

/**
 * Archipelago, aka bigger islands (talk 003, slides 73-78): c1 (10.0.0.0/16) and c2
 * (10.1.0.0/16) share one flat pod space, and together they are an island; pod IPs cannot be
 * reused between their clusters but can between archipelagos (slide 75), so c3 in a second
 * archipelago reuses 10.0.0.0/16. Gateway options are as for an island (slide 78).
 */
export const archipelagoClusters: Scenario = {
  version: 1,
  name: 'Kubernetes Network Models: archipelago',
  description:
    'c1 and c2 share one flat pod space (no NAT between them) and are an island to everything else; c3, in another archipelago, reuses 10.0.0.0/16 and is reached only through its gateways.',
  model: 'archipelago',
  networks: [{ name: 'network', cidrs: ['10.0.0.0/8'] }],
  clusters: [
    talkCluster('c1', 0, '10.240.0.1', '10.240.0.2', 'network', {
      gateways: [{ name: 'egress', kind: 'egress' }],
    }),
    talkCluster('c2', 1, '10.240.0.3', '10.240.0.4', 'network', {
      gateways: [{ name: 'egress', kind: 'egress' }],
    }),
    talkCluster('c3', 0, '10.240.0.5', '10.240.0.6', 'network', {
      gateways: [
        { name: 'nodes', kind: 'nodes' },
        { name: 'egress', kind: 'egress' },
      ],
    }),
  ],
  hosts: [other],
  archipelagos: [
    { name: 'archipelago-1', clusters: ['c1', 'c2'] },
    { name: 'archipelago-2', clusters: ['c3'] },
  ],
};
