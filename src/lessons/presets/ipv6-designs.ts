/**
 * "Kubernetes & IPv6", KubeCon EU 2023 (talk 001, ../shared/seeds/001_*), the slide "Services
 * with GUAs" ("Leveraging global IPv6 addresses: Services with Global Unicast Addresses (GUAs),
 * remove one layer of translation!"). The IPv4, IPv6-only, dual-stack objects, the common ULA
 * design (ULAs inside, a global address on the load balancer) and "Pods with GUAs" are in
 * ipv6.ts; this file adds the one design it lacks.
 *
 * From the slide: pod network fd12:1234::/64 with pods fd12:1234::a:7 and fd12:1234::3:55, a
 * node fd00:123::5 on node network fd00:123::/64, and the Service's global address
 * 2600:1900::3:55.
 *
 * Not in the talk, chosen here and named as such: how the global address reaches the node (a
 * VIP gateway: the network routes 2600:1900::3:55 to the node, which picks the Service by
 * destination IP, as Cilium or MetalLB do when they announce Service addresses), the pod
 * names ("web" behind the Service, "app" the other one), the Service "web" (port 80 to 8080;
 * type LoadBalancer with externalTrafficPolicy Local, since kube-apiserver allows the policy
 * only on externally reachable Services, so the client address survives), its ULA ClusterIP range
 * fd12:789a:1::/108 (ipv6.ts's choice) and the cluster CIDR fd12:1234::/64 (one node range of
 * the default /64 node mask), and the outside host "www" 2001:db8:ffff::80 (ipv6.ts's choice).
 */
import type { Scenario } from '../../core/model/schema';

export const ipv6GuaServices: Scenario = {
  version: 1,
  name: 'Kubernetes & IPv6: Services with global addresses',
  description:
    'Pods keep ULAs (fd12:1234::/64) on a node at fd00:123::5, but the Service web has the global address 2600:1900::3:55, routed to the node: a client on the internet reaches it with one translation (the DNAT to the pod), no load balancer translating GUA to ULA in front.',
  model: 'island',
  networks: [{ name: 'network', cidrs: ['fd00:123::/64'] }],
  clusters: [
    {
      name: 'cluster',
      network: 'network',
      ipFamilies: ['IPv6'],
      clusterCIDRs: [{ cidr: 'fd12:1234::/64', nodeMaskSize: 64 }],
      serviceCIDRs: [{ name: 'kubernetes', cidrs: ['fd12:789a:1::/108'] }],
      nodes: [
        {
          name: 'node1',
          addresses: [{ type: 'InternalIP', address: 'fd00:123::5' }],
          podCIDRs: ['fd12:1234::/64'],
        },
      ],
      pods: [
        { name: 'app', nodeName: 'node1', podIPs: ['fd12:1234::a:7'], labels: { app: 'app' } },
        {
          name: 'web',
          nodeName: 'node1',
          podIPs: ['fd12:1234::3:55'],
          labels: { app: 'web' },
          ports: [{ name: 'http', containerPort: 8080 }],
        },
      ],
      services: [
        {
          name: 'web',
          type: 'LoadBalancer',
          selector: { app: 'web' },
          ports: [{ port: 80, targetPort: 8080 }],
          ipFamilies: ['IPv6'],
          ipFamilyPolicy: 'SingleStack',
          externalTrafficPolicy: 'Local',
        },
      ],
      gateways: [
        { name: 'global', kind: 'vip', addresses: ['2600:1900::3:55'], service: 'web' },
        { name: 'egress', kind: 'egress' },
      ],
    },
  ],
  hosts: [{ name: 'www', addresses: ['2001:db8:ffff::80'] }],
};
