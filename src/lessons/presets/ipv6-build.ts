/**
 * "Our Experiences Deploying Kubernetes with IPv6", André Martins, Open Source Summit NA 2017
 * (talk 002, ../shared/seeds/002_*; captions, cited by timestamp): an IPv6-only cluster built
 * flag by flag, with Cilium as the CNI plugin (and doing the Service translation in place of
 * kube-proxy).
 *
 * From the talk:
 * - 12:20 kube-apiserver `--service-cluster-ip-range fd03::/112` ("around 65,000 different
 *   services").
 * - 16:50-18:20 kube-controller-manager `--allocate-node-cidrs`, `--cluster-cidr fd02::/80`,
 *   `--node-cidr-mask-size 96`: the first node to register gets fd02::/96, the second
 *   fd02::1:0:0/96 ("fd02:0:0:0:0:1"), the last would be fd02::ffff:0:0/96: 65,536 node ranges
 *   of 2^32 ("four point three billion") addresses each.
 * - 23:30 kubelet `--cluster-dns`: kube-dns's Service IP, set beforehand, out of the service
 *   range; `--node-ip` per node.
 * - 29:50-30:20 `kubectl get ingress`: host foo.bar.com, served on fd00::b and fd00::c, the two
 *   machines (a master that also runs a kubelet, and a dedicated worker); 38:10 the route to
 *   the other node's pod range goes "via fd00::c".
 * - 32:00-33:45 the guestbook: nginx ingress controller -> Service guestbook -> the guestbook
 *   pod, which asks kube-dns for redis-master and redis-slave.
 * - 37:20 Cilium's auto-route option installs a route per node pod range: a routed pod network.
 *
 * Not in the talk, chosen here and named as such: the node names "master" (fd00::b, the one
 * that registered first) and "worker" (fd00::c); the node network fd00::/64; kube-dns's Service
 * IP fd03::a (the tenth address, kubeadm's convention, as 10.96.0.10 is in 10.96.0.0/12); which
 * node runs which pod and the pods' addresses (what CNI host-local would hand out: the range's
 * network + 1 is the gateway, so pods start at ::2); the guestbook's port 3000 (as in the
 * guestbook-go example); one controller pod with hostPort 80 on master (the talk's Ingress
 * answers on both fd00::b and fd00::c, so its controller ran on both machines; the scenario
 * format names one controller pod per Ingress, and the speaker typed one of the two
 * addresses); the "user" host fd00::1 standing for the speaker's browser. The other ClusterIPs
 * are left to IPAM. The `kubernetes` Service (fd03::1) is left out: it has no selector, its
 * endpoint is the API server.
 */
import type { Scenario } from '../../core/model/schema';

/** The talk's blocks, named once for lessons and tests. */
export const IPV6_BUILD = {
  serviceRange: 'fd03::/112',
  clusterCidr: 'fd02::/80',
  nodeMask: 96,
  masterRange: 'fd02::/96',
  workerRange: 'fd02::1:0:0/96',
  lastRange: 'fd02::ffff:0:0/96',
  master: 'fd00::b',
  worker: 'fd00::c',
  kubeDns: 'fd03::a',
} as const;

export const ipv6Build: Scenario = {
  version: 1,
  name: 'Deploying Kubernetes with IPv6: the guestbook cluster',
  description:
    'An IPv6-only cluster: Services from fd03::/112, pods from fd02::/80 split into a /96 per node (fd02::/96 on master, fd02::1:0:0/96 on worker), kube-dns, an nginx ingress controller for foo.bar.com and the guestbook with Redis.',
  // The talk's cluster routes each node's pod range (Cilium auto-routes), no NAT between pods
  // and the network: the pod IPs are addresses of the network.
  model: 'flat',
  networks: [{ name: 'network', cidrs: ['fd00::/64', IPV6_BUILD.clusterCidr] }],
  clusters: [
    {
      name: 'cluster',
      network: 'network',
      ipFamilies: ['IPv6'],
      podNetwork: 'routed',
      clusterCIDRs: [{ cidr: IPV6_BUILD.clusterCidr, nodeMaskSize: IPV6_BUILD.nodeMask }],
      serviceCIDRs: [{ name: 'kubernetes', cidrs: [IPV6_BUILD.serviceRange] }],
      nodes: [
        {
          name: 'master',
          addresses: [{ type: 'InternalIP', address: IPV6_BUILD.master }],
          podCIDRs: [IPV6_BUILD.masterRange],
        },
        {
          name: 'worker',
          addresses: [{ type: 'InternalIP', address: IPV6_BUILD.worker }],
          podCIDRs: [IPV6_BUILD.workerRange],
        },
      ],
      pods: [
        {
          namespace: 'kube-system',
          name: 'nginx-ingress-controller',
          nodeName: 'master',
          podIPs: ['fd02::2'],
          labels: { app: 'nginx-ingress' },
          ports: [{ name: 'http', containerPort: 80, hostPort: 80 }],
        },
        {
          name: 'redis-master',
          nodeName: 'master',
          podIPs: ['fd02::3'],
          labels: { app: 'redis', role: 'master' },
          ports: [{ name: 'redis', containerPort: 6379 }],
        },
        {
          namespace: 'kube-system',
          name: 'kube-dns',
          nodeName: 'worker',
          podIPs: ['fd02::1:0:2'],
          labels: { 'k8s-app': 'kube-dns' },
          ports: [
            { name: 'dns', containerPort: 53, protocol: 'UDP' },
            { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
          ],
        },
        {
          name: 'guestbook',
          nodeName: 'worker',
          podIPs: ['fd02::1:0:3'],
          labels: { app: 'guestbook' },
          ports: [{ name: 'http', containerPort: 3000 }],
        },
        {
          name: 'redis-slave',
          nodeName: 'worker',
          podIPs: ['fd02::1:0:4'],
          labels: { app: 'redis', role: 'slave' },
          ports: [{ name: 'redis', containerPort: 6379 }],
        },
      ],
      services: [
        {
          namespace: 'kube-system',
          name: 'kube-dns',
          selector: { 'k8s-app': 'kube-dns' },
          ports: [
            { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
            { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          ],
          clusterIPs: [IPV6_BUILD.kubeDns],
          ipFamilies: ['IPv6'],
          ipFamilyPolicy: 'SingleStack',
        },
        {
          name: 'guestbook',
          selector: { app: 'guestbook' },
          ports: [{ port: 80, targetPort: 'http' }],
        },
        {
          name: 'redis-master',
          selector: { app: 'redis', role: 'master' },
          ports: [{ port: 6379, targetPort: 'redis' }],
        },
        {
          name: 'redis-slave',
          selector: { app: 'redis', role: 'slave' },
          ports: [{ port: 6379, targetPort: 'redis' }],
        },
      ],
      ingresses: [
        {
          name: 'guestbook',
          controller: 'kube-system/nginx-ingress-controller',
          rules: [
            {
              host: 'foo.bar.com',
              paths: [{ path: '/', pathType: 'Prefix', service: 'guestbook', port: 80 }],
            },
          ],
        },
      ],
    },
  ],
  hosts: [
    {
      name: 'user',
      network: 'network',
      addresses: ['fd00::1'],
      description: "The speaker's browser: http://[fd00::b]/ with Host: foo.bar.com.",
    },
  ],
};
