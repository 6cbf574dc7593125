/**
 * IPv6 and dual-stack: the objects of "Kubernetes & IPv6" (talk 001), its ULA and GUA designs,
 * and the IPv6-only cluster of "Deploying Kubernetes with IPv6" (talk 002).
 */
import { IPV6_BUILD } from '../presets/ipv6-build';
import { EP, INTERNET_CLIENT_V6 } from '../presets';
import type { Lesson } from '../types';

const { pod, node, svc, gw, host, ip, lb } = EP;

export const dualStackLesson: Lesson = {
  id: 'ipv6-dual-stack',
  title: 'IPv6 and dual-stack',
  summary:
    'The same Node, Pod and Service in IPv4, IPv6 and dual-stack, and what global IPv6 addresses could remove.',
  topic: 'ipv6',
  steps: [
    {
      id: 'ipv4-objects',
      title: 'The IPv4 objects',
      preset: 'ipv6-ipv4',
      text: 'Start from IPv4: Node node1 has spec.podCIDR 10.0.0.0/24 and InternalIP 192.168.0.5, Pod app-http has status.podIP 10.0.0.5, and Service lb-app has a spec.clusterIP. The client pod looks lb-app up.',
      flow: { from: pod('client'), to: svc('lb-app') },
      expect: { verdict: 'delivered' },
      highlight: [
        'cluster/cluster/node/node1',
        'cluster/cluster/pod/default/app-http',
        'cluster/cluster/service/default/lb-app',
      ],
      challenge: { hop: 0, ask: 'dns-answer' },
      notes: 'Talk 001, slide "Kubernetes API: IPv4".',
    },
    {
      id: 'ipv6-objects',
      title: 'The same objects in IPv6',
      preset: 'ipv6-only',
      text: 'In IPv6 the fields stay and the addresses grow to 128 bits: podCIDR fd00:1234:1::/64, node fd01:789a:1::1, pod fd00:1234:1::1, ClusterIP fd12:789a:1::1. Subnets are typically /64.',
      flow: { from: pod('client'), to: svc('lb-app') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 2, ask: 'dest-after-dnat' },
      notes: 'Talk 001, slides "IPv6 Addressing Overview" and "Kubernetes API: IPv6".',
    },
    {
      id: 'ula-design',
      title: 'ULAs inside, a GUA outside',
      text: 'The common design copies IPv4: unique local addresses (fd00::/8, the IPv6 version of RFC 1918) everywhere inside, and a global address, 2001:db8:7:8::4, only on the load balancer.',
      flow: { from: ip(INTERNET_CLIENT_V6), to: lb('lb-app') },
      expect: { verdict: 'delivered' },
      highlight: ['cluster/cluster/service/default/lb-app'],
      challenge: { hop: 3, ask: 'dest-after-dnat' },
      notes:
        'Talk 001, slide "IPv6 support in Kubernetes": a well-understood model, the IPv6 architecture matches its IPv4 counterpart.',
    },
    {
      id: 'dual-stack',
      title: 'Dual-stack: one of each',
      preset: 'ipv6-dualstack',
      text: 'A dual-stack cluster gives objects one address per family: podCIDRs [10.0.0.0/24, fd00:1234:1::/64], podIPs [10.0.0.5, fd00:1234:1::1], clusterIPs with one IPv4 and one IPv6 address. The client asks for lb-app over IPv6.',
      flow: { from: pod('client'), to: svc('lb-app'), family: 'IPv6' },
      expect: { verdict: 'delivered' },
      challenge: { hop: 0, ask: 'dns-answer' },
      notes:
        'Talk 001, slide "Kubernetes API: Dual Stack". The primary family is the first of each list and never changes once set.',
    },
    {
      id: 'single-stack',
      title: 'A SingleStack Service',
      text: 'Service legacy has ipFamilyPolicy: SingleStack in this dual-stack cluster. The client tries it over IPv6.',
      flow: { from: pod('client'), to: svc('legacy'), family: 'IPv6' },
      expect: { verdict: 'dropped', reason: 'family' },
      highlight: ['cluster/cluster/service/default/legacy'],
      challenge: { hop: 0, ask: 'drop-reason' },
    },
    {
      id: 'gua-services',
      title: 'Services with global addresses',
      preset: 'ipv6-gua-services',
      text: 'What if the Service itself had a global address? 2600:1900::3:55 is routed straight to the node, with no load balancer translating global to local in front: one layer of translation goes.',
      flow: { from: ip(INTERNET_CLIENT_V6), to: gw('global') },
      expect: { verdict: 'delivered' },
      highlight: ['cluster/cluster/gateway/global', 'cluster/cluster/service/default/web'],
      challenge: { hop: 2, ask: 'source-ip-at-backend' },
      notes:
        'Talk 001, slide "Services with GUAs". The Service has externalTrafficPolicy Local, so the node does not SNAT.',
    },
    {
      id: 'gua-pods',
      title: 'Pods with global addresses',
      preset: 'ipv6-gua-pods',
      text: 'Give the pods global addresses too, from 2600:1900::/64, and use DNS to find them: a second layer of translation goes. app-http talks to www on the internet.',
      flow: { from: pod('app-http'), to: host('www') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 0, ask: 'who-snats' },
      notes: 'Talk 001, slides "Leveraging global IPv6 addresses" and "Pods with GUAs".',
    },
  ],
};

export const ipv6BuildLesson: Lesson = {
  id: 'ipv6-build',
  title: 'Building an IPv6-only cluster',
  summary:
    "The flags that set a cluster's address blocks, and the guestbook running on them (talk 002).",
  topic: 'ipv6',
  steps: [
    {
      id: 'service-range',
      title: 'The Service range',
      preset: 'ipv6-build',
      text: `kube-apiserver gets --service-cluster-ip-range ${IPV6_BUILD.serviceRange}: 16 host bits, 65,536 addresses for Services. kube-dns's address, ${IPV6_BUILD.kubeDns} here, comes from it and is given to every kubelet as --cluster-dns.`,
      highlight: ['cluster/cluster', 'cluster/cluster/service/kube-system/kube-dns'],
      notes:
        'Talk 002, 12:20 and 23:30. The speaker warns the option needed Kubernetes 1.8 for IPv6.',
    },
    {
      id: 'node-ranges',
      title: 'A /96 per node',
      text: `kube-controller-manager splits --cluster-cidr ${IPV6_BUILD.clusterCidr} with --node-cidr-mask-size ${IPV6_BUILD.nodeMask}: master got ${IPV6_BUILD.masterRange}, worker ${IPV6_BUILD.workerRange}. That is 65,536 node ranges of 2^32 addresses; for IPv6 the node mask may be at most 16 bits longer than the cluster CIDR.`,
      highlight: ['cluster/cluster/node/master', 'cluster/cluster/node/worker'],
      notes: 'Talk 002, 16:50-18:20. kube-controller-manager cidrset: clusterSubnetMaxDiff = 16.',
    },
    {
      id: 'service-translation',
      title: 'guestbook calls redis-master',
      text: "The guestbook looks up redis-master and sends to its ClusterIP. The translation happens on the client's own node; in the talk Cilium did it, in place of kube-proxy.",
      flow: { from: pod('guestbook'), to: svc('redis-master') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 2, ask: 'dest-after-dnat' },
      notes: 'Talk 002, 32:00-33:45 and 40:00: the ClusterIP "should not be on the wire".',
    },
    {
      id: 'routes',
      title: 'A route per node range',
      text: "Cilium installs a route for each node's pod range, so worker reaches master's pods via master's address, and pod IPs stay on the wire.",
      flow: { from: pod('guestbook'), to: svc('redis-master') },
      expect: { verdict: 'delivered' },
      stopAtHop: 3,
      highlight: ['cluster/cluster/node/worker', 'cluster/cluster/node/master'],
      notes:
        'Talk 002, 37:20-38:20: the auto-route option; "it should go via fd00::c" from the other node.',
    },
    {
      id: 'kube-dns',
      title: 'Asking kube-dns',
      text: "Every pod's resolver points at kube-dns's Service address. The guestbook sends a DNS query (UDP 53) there.",
      flow: {
        from: pod('guestbook'),
        to: svc('kube-dns', undefined, 'kube-system', 53),
        protocol: 'UDP',
      },
      expect: { verdict: 'delivered' },
      challenge: { hop: 2, ask: 'dest-after-dnat' },
      notes:
        "Talk 002, 26:50-27:30: kube-dns's probe had to ask for AAAA records, since the IPv6-only API server has no A record.",
    },
    {
      id: 'ingress',
      title: 'In through nginx',
      text: 'The user opens http://[fd00::b]/ with Host foo.bar.com. An IPv6 literal with a port needs brackets: http://[fd00::b]:80/. nginx answers on master and forwards to the guestbook.',
      flow: { from: host('user'), to: node('master', 80), host: 'foo.bar.com' },
      expect: { verdict: 'delivered' },
      challenge: { hop: 2, ask: 'source-ip-at-backend' },
      notes:
        'Talk 002, 29:50-32:00: a 502 Bad Gateway until the Host header said foo.bar.com; 35:00 on brackets.',
    },
  ],
};
