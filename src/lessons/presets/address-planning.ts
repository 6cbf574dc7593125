/**
 * "Where did all my IPs go?", Cynthia Thomas, KubeCon NA 2022 lightning talk (talk 000,
 * ../shared/seeds/000_*). The slides give the ideas, not addresses:
 * - slide 3: "At least 3 IP blocks: Pods, Nodes, Services"; "We started with allocating big";
 *   "Organizations face challenges assigning IP blocks for Kubernetes clusters";
 * - slide 4: "Multiple Cluster CIDRs Support for NodeIPAM" (KEP-2593);
 * - slide 5: "Support multiple Service CIDRs" (KEP-1880); static and dynamic bands (KEP-3070);
 * - slide 6: "allocate small to start, and build up".
 *
 * Every address here is therefore chosen, and each choice is a real default or a rule:
 * - the network 10.0.0.0/8 and node IPs 10.240.0.x are talk 003's reference picture;
 * - "big": GKE's default pod range is a /14 and kubelet's default maxPods 110 needs a /24 per
 *   node; kubeadm's default Service range is 10.96.0.0/12 (a second cluster gets the next /12,
 *   10.112.0.0/12, so the two do not collide in one flat network);
 * - "small": a /24 cluster CIDR split into /26 node ranges (GKE sizes a node range at twice
 *   max pods: 32 pods -> /26), so maxPods 32; a /24 ServiceCIDR;
 * - "grow": a ClusterCIDR object (the out-of-tree node-ipam-controller of KEP-2593) with
 *   nodeSelector node-pool=pool-2 and the next /24, 10.0.1.0/24, for a second node pool; a
 *   second networking.k8s.io/v1 ServiceCIDR (KEP-1880, GA in 1.33) 10.96.1.0/24, and a
 *   Service given 10.96.1.10 by hand, inside that range's static band (KEP-3070: the first
 *   min(max(16, 256/16), 256) = 16 addresses).
 * Workload names (pod-a .. pod-e, Service web, api) are talk 003's style.
 */
import type { Cluster, Node, Pod, Scenario } from '../../core/model/schema';

type PodSpec = Pick<Pod, 'name' | 'nodeName' | 'labels'>;

const nodeAt = (name: string, ip: string, labels?: Record<string, string>): Node => ({
  name,
  addresses: [{ type: 'InternalIP', address: ip }],
  ...(labels ? { labels } : {}),
});

const web: Cluster['services'][number] = {
  name: 'web',
  selector: { app: 'web' },
  ports: [{ port: 80, targetPort: 8080 }],
};

const webPod = (p: PodSpec): Pod => ({ ...p, ports: [{ name: 'http', containerPort: 8080 }] });

/** One "big" cluster: a /14 for pods and a /12 for Services, two nodes, IPAM fills the rest. */
function bigCluster(name: string, pods: string, services: string, n1: string, n2: string): Cluster {
  return {
    name,
    network: 'network',
    ipFamilies: ['IPv4'],
    clusterCIDRs: [{ cidr: pods, nodeMaskSize: 24 }],
    serviceCIDRs: [{ name: 'kubernetes', cidrs: [services] }],
    nodes: [nodeAt('node1', n1), nodeAt('node2', n2)],
    pods: [
      webPod({ name: 'pod-a', nodeName: 'node1', labels: { app: 'web' } }),
      webPod({ name: 'pod-c', nodeName: 'node2', labels: { app: 'web' } }),
    ],
    services: [web],
  };
}

/** The blocks the lessons name, in one place. */
export const PLANNING = {
  bigPods: ['10.0.0.0/14', '10.4.0.0/14'],
  bigServices: ['10.96.0.0/12', '10.112.0.0/12'],
  smallPods: '10.0.0.0/24',
  smallNodeMask: 26,
  smallServices: '10.96.0.0/24',
  growPods: '10.0.1.0/24',
  growServices: '10.96.1.0/24',
  growApiIp: '10.96.1.10',
  poolLabel: { 'node-pool': 'pool-2' },
} as const;

/**
 * "We started with allocating big" (talk 000, slide 3): two clusters, each handed GKE's default
 * /14 for pods (262,144 addresses, 1,024 node ranges of /24) and a kubeadm-sized /12 for
 * Services (1,048,576 addresses), to run two nodes each: 2,621,440 addresses of the /8 for four
 * nodes.
 */
export const ipsBig: Scenario = {
  version: 1,
  name: 'Where did all my IPs go? Allocating big',
  description:
    'Two clusters in one flat 10.0.0.0/8, each given a /14 for pods and a /12 for Services: over 2.6 million addresses, about 16% of the /8, for four nodes.',
  model: 'flat',
  networks: [{ name: 'network', cidrs: ['10.0.0.0/8'] }],
  clusters: [
    bigCluster('prod', '10.0.0.0/14', '10.96.0.0/12', '10.240.0.1', '10.240.0.2'),
    bigCluster('staging', '10.4.0.0/14', '10.112.0.0/12', '10.240.0.3', '10.240.0.4'),
  ],
  hosts: [{ name: 'other', network: 'network', addresses: ['10.128.1.1'] }],
};

function smallCluster(): Cluster {
  return {
    name: 'small',
    network: 'network',
    ipFamilies: ['IPv4'],
    maxPods: 32,
    clusterCIDRs: [
      { name: 'pods-1', cidr: PLANNING.smallPods, nodeMaskSize: PLANNING.smallNodeMask },
    ],
    serviceCIDRs: [{ name: 'kubernetes', cidrs: [PLANNING.smallServices] }],
    nodes: [
      nodeAt('node1', '10.240.0.1'),
      nodeAt('node2', '10.240.0.2'),
      nodeAt('node3', '10.240.0.3'),
      nodeAt('node4', '10.240.0.4'),
    ],
    pods: [
      webPod({ name: 'pod-a', nodeName: 'node1', labels: { app: 'web' } }),
      { name: 'pod-b', nodeName: 'node2', labels: { app: 'b' } },
      webPod({ name: 'pod-c', nodeName: 'node3', labels: { app: 'web' } }),
      { name: 'pod-d', nodeName: 'node4', labels: { app: 'd' } },
    ],
    services: [web],
  };
}

/**
 * "Allocate small to start" (talk 000, slide 6): a /24 for pods in /26 node ranges (four nodes
 * of up to 32 pods, and all four are taken) and a /24 for Services.
 */
export const ipsSmall: Scenario = {
  version: 1,
  name: 'Where did all my IPs go? Allocate small',
  description:
    'One cluster with just what it needs: pods from 10.0.0.0/24 in /26 node ranges (four nodes, up to 32 pods each, all four ranges in use) and Services from 10.96.0.0/24.',
  model: 'flat',
  networks: [{ name: 'network', cidrs: ['10.0.0.0/8'] }],
  clusters: [smallCluster()],
  hosts: [{ name: 'other', network: 'network', addresses: ['10.128.1.1'] }],
};

/**
 * "... and build up" (talk 000, slides 4-6): the small cluster grown without renumbering: a
 * second node pool takes its ranges from a ClusterCIDR object (KEP-2593) and a second
 * ServiceCIDR (KEP-1880) adds Service addresses.
 */
export const ipsGrow: Scenario = {
  version: 1,
  name: 'Where did all my IPs go? Grow when needed',
  description:
    'The small cluster grown: node5 of pool-2 takes its /26 from a ClusterCIDR 10.0.1.0/24 that selects node-pool=pool-2, and a second ServiceCIDR 10.96.1.0/24 holds the new Service api (10.96.1.10).',
  model: 'flat',
  networks: [{ name: 'network', cidrs: ['10.0.0.0/8'] }],
  clusters: [
    (() => {
      const c = smallCluster();
      return {
        ...c,
        clusterCIDRs: [
          ...c.clusterCIDRs,
          {
            name: 'pods-2',
            cidr: PLANNING.growPods,
            nodeMaskSize: PLANNING.smallNodeMask,
            nodeSelector: { ...PLANNING.poolLabel },
          },
        ],
        serviceCIDRs: [...c.serviceCIDRs, { name: 'services-2', cidrs: [PLANNING.growServices] }],
        nodes: [...c.nodes, nodeAt('node5', '10.240.0.5', { ...PLANNING.poolLabel })],
        pods: [...c.pods, webPod({ name: 'pod-e', nodeName: 'node5', labels: { app: 'api' } })],
        services: [
          ...c.services,
          {
            name: 'api',
            selector: { app: 'api' },
            ports: [{ port: 80, targetPort: 8080 }],
            clusterIPs: [PLANNING.growApiIp],
          },
        ],
      };
    })(),
  ],
  hosts: [{ name: 'other', network: 'network', addresses: ['10.128.1.1'] }],
};
