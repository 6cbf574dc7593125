/**
 * "Kubernetes & IPv6", KubeCon EU 2023 (talk 001, ../shared/seeds/001_*): the Node, Pod and
 * Service objects of the slides "Kubernetes API: IPv4", "Kubernetes API: IPv6" and
 * "Kubernetes API: Dual Stack", with their exact addresses, plus the "Kubernetes Networking:
 * Services" slide (port 80 -> targetPort 8080, nodePort 32101, selector app: MyLocalApp, a
 * client pod at 10.0.0.12) and the "Pods with GUAs" slide (pod network 2600:1900::/64, pod
 * 2600:1900::a:7, node fd00:123::5 on node network fd00:123::/64).
 *
 * Not in the talk, chosen here: the client pod's IPv6 address fd00:1234:1::2, the cluster
 * CIDRs that hold the node ranges (10.0.0.0/16; fd00:1234:1::/48, the largest block a /64 node
 * mask allows), the Service ranges that hold the ClusterIPs (10.96.0.0/12, fd12:789a:1::/108), the
 * SingleStack Service "legacy" (10.96.0.14) of the dual-stack cluster, and the outside host
 * "www" (2001:db8:ffff::80) of the GUA cluster.
 */
import type { Scenario } from '../../core/model/schema';

const appHttp = {
  name: 'app-http',
  nodeName: 'node1',
  labels: { app: 'MyLocalApp' },
  ports: [{ name: 'http', containerPort: 8080 }],
};

const lbPorts = [{ port: 80, targetPort: 8080, nodePort: 32101, protocol: 'TCP' as const }];

/** Slide "Kubernetes API: IPv4". */
export const ipv4Cluster: Scenario = {
  version: 1,
  name: 'Kubernetes & IPv6: the IPv4 objects',
  description:
    'Node node1 (192.168.0.5, podCIDR 10.0.0.0/24), pod app-http 10.0.0.5, Service lb-app: ClusterIP 10.96.0.13, NodePort 32101, load balancer 196.23.45.23.',
  model: 'island',
  networks: [{ name: 'network', cidrs: ['192.168.0.0/24'] }],
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
          addresses: [{ type: 'InternalIP', address: '192.168.0.5' }],
          podCIDRs: ['10.0.0.0/24'],
        },
      ],
      pods: [
        { ...appHttp, podIPs: ['10.0.0.5'] },
        { name: 'client', nodeName: 'node1', podIPs: ['10.0.0.12'], labels: { app: 'client' } },
      ],
      services: [
        {
          name: 'lb-app',
          type: 'LoadBalancer',
          selector: { app: 'MyLocalApp' },
          ports: lbPorts,
          clusterIPs: ['10.96.0.13'],
          ipFamilies: ['IPv4'],
          ipFamilyPolicy: 'SingleStack',
          loadBalancerIngress: ['196.23.45.23'],
        },
      ],
    },
  ],
  hosts: [],
};

/** Slide "Kubernetes API: IPv6": ULAs inside, a global address on the load balancer. */
export const ipv6Cluster: Scenario = {
  version: 1,
  name: 'Kubernetes & IPv6: the IPv6 objects',
  description:
    'Node node1 (fd01:789a:1::1, podCIDR fd00:1234:1::/64), pod app-http fd00:1234:1::1, Service lb-app: ClusterIP fd12:789a:1::1, load balancer 2001:db8:7:8::4.',
  model: 'island',
  networks: [{ name: 'network', cidrs: ['fd01:789a:1::/64'] }],
  clusters: [
    {
      name: 'cluster',
      network: 'network',
      ipFamilies: ['IPv6'],
      clusterCIDRs: [{ cidr: 'fd00:1234:1::/48', nodeMaskSize: 64 }],
      serviceCIDRs: [{ name: 'kubernetes', cidrs: ['fd12:789a:1::/108'] }],
      nodes: [
        {
          name: 'node1',
          addresses: [{ type: 'InternalIP', address: 'fd01:789a:1::1' }],
          podCIDRs: ['fd00:1234:1::/64'],
        },
      ],
      pods: [
        { ...appHttp, podIPs: ['fd00:1234:1::1'] },
        {
          name: 'client',
          nodeName: 'node1',
          podIPs: ['fd00:1234:1::2'],
          labels: { app: 'client' },
        },
      ],
      services: [
        {
          name: 'lb-app',
          type: 'LoadBalancer',
          selector: { app: 'MyLocalApp' },
          ports: lbPorts,
          clusterIPs: ['fd12:789a:1::1'],
          ipFamilies: ['IPv6'],
          ipFamilyPolicy: 'SingleStack',
          loadBalancerIngress: ['2001:db8:7:8::4'],
        },
      ],
    },
  ],
  hosts: [],
};

/** Slide "Kubernetes API: Dual Stack": one address of each family on every object. */
export const dualStackCluster: Scenario = {
  version: 1,
  name: 'Kubernetes & IPv6: the dual-stack objects',
  description:
    'podCIDRs [10.0.0.0/24, fd00:1234:1::/64], podIPs [10.0.0.5, fd00:1234:1::1], clusterIPs [10.96.0.13, fd12:789a:1::1], load balancer [192.168.21.8, 2001:db8:7:8::4]; Service legacy is SingleStack IPv4.',
  model: 'island',
  networks: [{ name: 'network', cidrs: ['192.168.0.0/16', 'fd01:789a:1::/64'] }],
  clusters: [
    {
      name: 'cluster',
      network: 'network',
      ipFamilies: ['IPv4', 'IPv6'],
      clusterCIDRs: [
        { cidr: '10.0.0.0/16', nodeMaskSize: 24 },
        { cidr: 'fd00:1234:1::/48', nodeMaskSize: 64 },
      ],
      serviceCIDRs: [{ name: 'kubernetes', cidrs: ['10.96.0.0/12', 'fd12:789a:1::/108'] }],
      nodes: [
        {
          name: 'node1',
          addresses: [
            { type: 'InternalIP', address: '192.168.0.1' },
            { type: 'InternalIP', address: 'fd01:789a:1::1' },
          ],
          podCIDRs: ['10.0.0.0/24', 'fd00:1234:1::/64'],
        },
      ],
      pods: [
        { ...appHttp, podIPs: ['10.0.0.5', 'fd00:1234:1::1'] },
        {
          name: 'client',
          nodeName: 'node1',
          podIPs: ['10.0.0.12', 'fd00:1234:1::2'],
          labels: { app: 'client' },
        },
      ],
      services: [
        {
          name: 'lb-app',
          type: 'LoadBalancer',
          selector: { app: 'MyLocalApp' },
          ports: lbPorts,
          clusterIPs: ['10.96.0.13', 'fd12:789a:1::1'],
          ipFamilies: ['IPv4', 'IPv6'],
          ipFamilyPolicy: 'PreferDualStack',
          loadBalancerIngress: ['192.168.21.8', '2001:db8:7:8::4'],
        },
        {
          name: 'legacy',
          selector: { app: 'MyLocalApp' },
          ports: [{ port: 80, targetPort: 8080 }],
          clusterIPs: ['10.96.0.14'],
          ipFamilies: ['IPv4'],
          ipFamilyPolicy: 'SingleStack',
        },
      ],
    },
  ],
  hosts: [],
};

/**
 * Slide "Pods with GUAs": pods take global addresses (2600:1900::/64) and the nodes keep
 * ULAs; no NAT on the way out or in ("remove two layers of translation").
 */
export const ipv6GuaPods: Scenario = {
  version: 1,
  name: 'Kubernetes & IPv6: pods with global addresses',
  description:
    'Pod network 2600:1900::/64 (global unicast) on a node at fd00:123::5: pods reach the internet and are reached from it without any translation.',
  model: 'island',
  networks: [{ name: 'network', cidrs: ['fd00:123::/64'] }],
  clusters: [
    {
      name: 'cluster',
      network: 'network',
      ipFamilies: ['IPv6'],
      clusterCIDRs: [{ cidr: '2600:1900::/64', nodeMaskSize: 64 }],
      serviceCIDRs: [{ name: 'kubernetes', cidrs: ['fd12:789a:1::/108'] }],
      nodes: [
        {
          name: 'node1',
          addresses: [{ type: 'InternalIP', address: 'fd00:123::5' }],
          podCIDRs: ['2600:1900::/64'],
        },
      ],
      pods: [{ ...appHttp, podIPs: ['2600:1900::a:7'] }],
      services: [],
    },
  ],
  hosts: [{ name: 'www', addresses: ['2001:db8:ffff::80'] }],
};
