/**
 * "Kubernetes Networking", Bryan Boreham, Weave (talk 004, ../shared/seeds/004_*): the
 * talk's own numbers.
 * - Slide 16 "Kubernetes Cluster IPs": kube-dns answers "Where is foo?" with 100.96.0.30;
 *   kube-proxy translates 100.96.0.30 -> 10.20.30.42 on node 192.1.6.4.
 * - Slide 17 "Pod Networking": pod 10.20.9.1 on node 192.1.6.3 talks to pod 10.20.30.42 on
 *   node 192.1.6.4.
 * - Slide 19 "Pod Network: Routes": "10.20.30.0/24: via 192.1.6.4", "10.20.9.0/24: via
 *   192.1.6.3".
 * - Slide 20 "Pod Network: Overlay": outer 192.1.6.3->192.1.6.4 around [10.20.9.1->10.20.30.42].
 * - Slide 23 "NodePort": :30021 -> 10.20.30.42:80 on every node; "can bounce from one machine
 *   to another".
 * - Slide 24 "HostPort": 192.1.6.4 :8080 -> 10.20.30.42:80.
 * - Slide 27 "Example Ingress config": host foo.bar.com, /foo -> s1:80, /bar -> s2:80.
 *
 * Not in the talk, chosen here and named as such: node names (node1 = 192.1.6.3, node2 =
 * 192.1.6.4), the client pod's name "bar", the cluster CIDR 10.20.0.0/16 (it holds both pod
 * ranges), the Service range 100.96.0.0/12 (it holds 100.96.0.30), the ingress proxy's
 * address 192.1.6.10 and the backends of s1 and s2 (10.20.9.2, 10.20.30.43).
 */
import type { Scenario } from '../../core/model/schema';

function weave(podNetwork: 'routed' | 'overlay'): Scenario {
  return {
    version: 1,
    name: `Kubernetes Networking (Weave): ${podNetwork} pod network`,
    description:
      podNetwork === 'routed'
        ? 'Two nodes; the network has a route for each node pod range ("10.20.30.0/24 via 192.1.6.4"), so pod IPs travel on the wire. Service foo: ClusterIP 100.96.0.30, NodePort 30021, HostPort 8080.'
        : 'Two nodes; packets between pods are encapsulated between the node IPs (outer 192.1.6.3 -> 192.1.6.4 around inner 10.20.9.1 -> 10.20.30.42). Service foo: ClusterIP 100.96.0.30, NodePort 30021, HostPort 8080.',
    // Routed: pod IPs are routable on the network (flat). Overlay: only the nodes' are (island).
    model: podNetwork === 'routed' ? 'flat' : 'island',
    networks: [{ name: 'network', cidrs: ['192.1.6.0/24'] }],
    clusters: [
      {
        name: 'cluster',
        network: 'network',
        ipFamilies: ['IPv4'],
        podNetwork,
        clusterCIDRs: [{ cidr: '10.20.0.0/16', nodeMaskSize: 24 }],
        serviceCIDRs: [{ name: 'kubernetes', cidrs: ['100.96.0.0/12'] }],
        nodes: [
          {
            name: 'node1',
            addresses: [{ type: 'InternalIP', address: '192.1.6.3' }],
            podCIDRs: ['10.20.9.0/24'],
          },
          {
            name: 'node2',
            addresses: [{ type: 'InternalIP', address: '192.1.6.4' }],
            podCIDRs: ['10.20.30.0/24'],
          },
        ],
        pods: [
          { name: 'bar', nodeName: 'node1', podIPs: ['10.20.9.1'], labels: { app: 'bar' } },
          {
            name: 'foo',
            nodeName: 'node2',
            podIPs: ['10.20.30.42'],
            labels: { app: 'foo' },
            ports: [{ name: 'http', containerPort: 80, hostPort: 8080, protocol: 'TCP' }],
          },
          {
            name: 's1-backend',
            nodeName: 'node1',
            podIPs: ['10.20.9.2'],
            labels: { app: 's1' },
            ports: [{ containerPort: 80 }],
          },
          {
            name: 's2-backend',
            nodeName: 'node2',
            podIPs: ['10.20.30.43'],
            labels: { app: 's2' },
            ports: [{ containerPort: 80 }],
          },
        ],
        services: [
          {
            name: 'foo',
            type: 'NodePort',
            selector: { app: 'foo' },
            ports: [{ port: 80, targetPort: 80, nodePort: 30021, protocol: 'TCP' }],
            clusterIPs: ['100.96.0.30'],
            ipFamilies: ['IPv4'],
            ipFamilyPolicy: 'SingleStack',
          },
          {
            name: 's1',
            selector: { app: 's1' },
            ports: [{ port: 80, targetPort: 80 }],
            clusterIPs: ['100.96.0.31'],
          },
          {
            name: 's2',
            selector: { app: 's2' },
            ports: [{ port: 80, targetPort: 80 }],
            clusterIPs: ['100.96.0.32'],
          },
        ],
        ingresses: [
          {
            name: 'foo-bar',
            controller: 'ingress',
            rules: [
              {
                host: 'foo.bar.com',
                paths: [
                  { path: '/foo', pathType: 'Prefix', service: 's1', port: 80 },
                  { path: '/bar', pathType: 'Prefix', service: 's2', port: 80 },
                ],
              },
            ],
          },
        ],
        gateways: [{ name: 'ingress', kind: 'proxy', addresses: ['192.1.6.10'], upstream: 'pods' }],
      },
    ],
    hosts: [],
  };
}

/** Talk 004, slide 19: the routers know each node's pod range. */
export const weaveRouted: Scenario = weave('routed');

/** Talk 004, slide 20: encapsulated between node IPs. */
export const weaveOverlay: Scenario = weave('overlay');
