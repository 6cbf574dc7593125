/**
 * One lesson per way of exposing a Service: ClusterIP, NodePort (externalTrafficPolicy Cluster
 * and Local), HostPort, LoadBalancer and Ingress. Numbers from "Kubernetes Networking"
 * (talk 004, Weave) and "Kubernetes & IPv6" (talk 001); the source-IP behaviour is the
 * Kubernetes docs' "Using Source IP" (tutorials/services/source-ip).
 */
import { EP, INTERNET_CLIENT_V4 } from '../presets';
import type { Lesson } from '../types';

const { pod, node, svc, gw, host, ip, lb } = EP;
const client = ip(INTERNET_CLIENT_V4);

export const clusterIpLesson: Lesson = {
  id: 'cluster-ip',
  title: 'ClusterIP: a name and a virtual IP',
  summary:
    "DNS gives a Service one stable virtual IP; kube-proxy on the client's node translates it to a pod.",
  topic: 'service-exposure',
  steps: [
    {
      id: 'ask-dns',
      title: 'Where is foo?',
      preset: 'weave-clusterip',
      text: 'Pods come and go, so clients should not rely on pod IPs. A Service gives the pods behind it one stable name and virtual IP. bar asks cluster DNS: where is foo?',
      flow: { from: pod('bar'), to: svc('foo') },
      expect: { verdict: 'delivered' },
      highlight: ['cluster/cluster/service/default/foo'],
      challenge: { hop: 0, ask: 'dns-answer' },
      notes: 'Talk 004, slides 13-16.',
    },
    {
      id: 'translate',
      title: 'kube-proxy translates',
      text: "bar sends to the ClusterIP. kube-proxy on bar's own node has a rule for that address and rewrites the destination to one backend pod.",
      flow: { from: pod('bar'), to: svc('foo') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 2, ask: 'dest-after-dnat' },
    },
    {
      id: 'never-on-the-wire',
      title: 'The VIP never travels',
      text: "Look at the packet as it leaves node1: the destination is already the pod's IP. The ClusterIP exists only in kube-proxy's rules; no router ever sees it.",
      flow: { from: pod('bar'), to: svc('foo') },
      expect: { verdict: 'delivered' },
      stopAtHop: 3,
      highlight: ['cluster/cluster/node/node1', 'cluster/cluster/node/node2'],
    },
    {
      id: 'who-called',
      title: 'Does foo know who called?',
      text: 'The packet reaches foo on node2. Did anything change its source on the way?',
      flow: { from: pod('bar'), to: svc('foo') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 3, ask: 'source-ip-at-backend' },
    },
    {
      id: 'hairpin',
      title: 'Calling yourself',
      text: 'A special case: foo calls its own Service, and kube-proxy happens to pick foo itself as the backend.',
      flow: { from: pod('foo'), to: svc('foo') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 2, ask: 'source-ip-at-backend' },
      notes:
        'kube-proxy masquerades hairpin traffic (KUBE-SEP rule "-s <endpoint> -j KUBE-MARK-MASQ") so the reply comes back through the node and is un-DNATed.',
    },
  ],
};

export const nodePortLesson: Lesson = {
  id: 'nodeport',
  title: 'NodePort: one port on every node',
  summary:
    'A high port open on every node, the bounce to another node, and externalTrafficPolicy Cluster against Local.',
  topic: 'service-exposure',
  steps: [
    {
      id: 'every-node',
      title: 'One port, every node',
      preset: 'weave-nodeport',
      text: 'Service foo has NodePort 30021, from the default range 30000-32767, open on every node. A client on the internet sends to node2, 192.1.6.4:30021.',
      flow: { from: client, to: node('node2', 30021) },
      expect: { verdict: 'delivered' },
      highlight: ['cluster/cluster/service/default/foo'],
      challenge: { hop: 2, ask: 'dest-after-dnat' },
      notes: 'Talk 004, slide 23.',
    },
    {
      id: 'bounce',
      title: 'The bounce',
      text: 'Now the client picks node1, 192.1.6.3, where foo does not run. The port is open there too.',
      flow: { from: client, to: node('node1', 30021) },
      expect: { verdict: 'delivered' },
      challenge: { hop: 2, ask: 'next-hop' },
      notes: '"Can bounce from one machine to another" (slide 23).',
    },
    {
      id: 'cluster-policy',
      title: 'externalTrafficPolicy: Cluster',
      text: 'The Service has the default externalTrafficPolicy, Cluster: any node may forward to any backend. What does foo see as the source of the bounced packet?',
      flow: { from: client, to: node('node1', 30021) },
      expect: { verdict: 'delivered' },
      challenge: { hop: 2, ask: 'source-ip-at-backend' },
      notes: 'The SNAT makes the reply return through node1, which undoes both translations.',
    },
    {
      id: 'local-policy',
      title: 'externalTrafficPolicy: Local',
      text: 'Switch foo to externalTrafficPolicy: Local. A node now sends only to backends on itself, so there is no bounce and no reason to SNAT. The client sends to node2 again.',
      change: [{ setService: { name: 'foo', patch: { externalTrafficPolicy: 'Local' } } }],
      flow: { from: client, to: node('node2', 30021) },
      expect: { verdict: 'delivered' },
      challenge: { hop: 2, ask: 'source-ip-at-backend' },
    },
    {
      id: 'local-no-backend',
      title: 'The price of Local',
      text: 'Still with Local, the client sends to node1.',
      flow: { from: client, to: node('node1', 30021) },
      expect: { verdict: 'dropped', reason: 'Local' },
      challenge: { hop: 2, ask: 'drop-reason' },
      notes: 'Load balancers avoid such nodes with health checks (healthCheckNodePort).',
    },
  ],
};

export const hostPortLesson: Lesson = {
  id: 'hostport',
  title: 'HostPort: one port of one host',
  summary: 'A port of the node a pod runs on, mapped to that pod by the CNI portmap plugin.',
  topic: 'service-exposure',
  steps: [
    {
      id: 'one-host',
      title: "A port of the pod's own host",
      preset: 'weave-hostport',
      text: "foo asks for hostPort 8080: port 8080 of the node it runs on, 192.1.6.4, maps to foo's port 80. The CNI portmap plugin sets up the translation. A client sends to 192.1.6.4:8080.",
      flow: { from: client, to: node('node2', 8080) },
      expect: { verdict: 'delivered' },
      highlight: ['cluster/cluster/pod/default/foo', 'cluster/cluster/node/node2'],
      challenge: { hop: 2, ask: 'dest-after-dnat' },
      notes: 'Talk 004, slide 24.',
    },
    {
      id: 'client-kept',
      title: "The client's address",
      text: 'The packet goes straight from the host port to the local pod. What source does foo see?',
      flow: { from: client, to: node('node2', 8080) },
      expect: { verdict: 'delivered' },
      challenge: { hop: 2, ask: 'source-ip-at-backend' },
    },
    {
      id: 'only-that-host',
      title: 'Only where the pod runs',
      text: 'Unlike a NodePort, the port is open on one node only. The client tries node1, 192.1.6.3:8080.',
      flow: { from: client, to: node('node1', 8080) },
      expect: { verdict: 'dropped', reason: 'port not exposed' },
      challenge: { hop: 1, ask: 'drop-reason' },
      notes:
        '"Don\'t use hostPort unless it is absolutely necessary" (slide 24). The Kubernetes docs (concepts/configuration/overview) say the same: binding a pod to a hostPort limits the places it can be scheduled.',
    },
  ],
};

export const loadBalancerLesson: Lesson = {
  id: 'loadbalancer',
  title: 'LoadBalancer: an external IP from the cloud',
  summary:
    'An L4 load balancer hands traffic to nodes, where kube-proxy takes over as for a NodePort.',
  topic: 'service-exposure',
  steps: [
    {
      id: 'external-ip',
      title: 'An external address',
      preset: 'ipv6-ipv4',
      text: 'Service lb-app has type LoadBalancer: the cloud gives it 196.23.45.23, recorded in status.loadBalancer.ingress. The load balancer works at layer 4 and hands the packet to a node.',
      flow: { from: client, to: lb('lb-app') },
      expect: { verdict: 'delivered' },
      highlight: ['cluster/cluster/service/default/lb-app'],
      challenge: { hop: 3, ask: 'dest-after-dnat' },
      notes:
        'Talk 001, slide "Kubernetes Networking: Services"; talk 004, slide 25: layer 4, works for any TCP-based protocol, specific implementations (e.g. ELB).',
    },
    {
      id: 'cluster-policy',
      title: 'Who is calling?',
      text: 'Traffic from a load balancer follows the same externalTrafficPolicy as NodePort traffic. lb-app keeps the default, Cluster.',
      flow: { from: client, to: lb('lb-app') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 3, ask: 'source-ip-at-backend' },
    },
    {
      id: 'local-policy',
      title: 'Keep the client IP',
      text: "Set externalTrafficPolicy: Local. The cloud's health checks send traffic only to nodes with a backend, and the node need not SNAT.",
      change: [{ setService: { name: 'lb-app', patch: { externalTrafficPolicy: 'Local' } } }],
      flow: { from: client, to: lb('lb-app') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 3, ask: 'source-ip-at-backend' },
    },
    {
      id: 'nodeport-underneath',
      title: 'A NodePort underneath',
      text: 'By default a LoadBalancer Service gets a NodePort too: port 32101 on 192.168.0.5 leads to the same pod, and many load balancers send to it.',
      flow: { from: client, to: node('node1', 32101) },
      expect: { verdict: 'delivered' },
      challenge: { hop: 2, ask: 'dest-after-dnat' },
      notes:
        'spec.allocateLoadBalancerNodePorts (default true) can turn the NodePort off for load balancers that send straight to pods.',
    },
  ],
};

export const ingressLesson: Lesson = {
  id: 'ingress',
  title: 'Ingress: HTTP rules in an L7 proxy',
  summary:
    'Host and path rules, run by an ingress controller that opens its own connection to the pods.',
  topic: 'service-exposure',
  steps: [
    {
      id: 'host-and-path',
      title: 'Rules by host and path',
      preset: 'weave-ingress',
      text: 'An Ingress holds HTTP rules: foo.bar.com/foo goes to Service s1, foo.bar.com/bar to s2. An ingress controller, a proxy, carries them out. The client asks for foo.bar.com/foo.',
      flow: { from: client, to: gw('ingress'), host: 'foo.bar.com', path: '/foo' },
      expect: { verdict: 'delivered' },
      highlight: ['cluster/cluster/ingress/default/foo-bar', 'cluster/cluster/gateway/ingress'],
      challenge: { hop: 2, ask: 'dest-after-proxy' },
      notes:
        'Talk 004, slides 26-27: layer 7, defined for HTTP only, specific implementations (e.g. nginx, ALB).',
    },
    {
      id: 'other-path',
      title: 'Another path',
      text: 'Same host, path /bar.',
      flow: { from: client, to: gw('ingress'), host: 'foo.bar.com', path: '/bar' },
      expect: { verdict: 'delivered' },
      challenge: { hop: 2, ask: 'dest-after-proxy' },
    },
    {
      id: 'proxy-address',
      title: 'Two connections',
      text: "The proxy ends the client's connection and opens its own. What source does the backend see?",
      flow: { from: client, to: gw('ingress'), host: 'foo.bar.com', path: '/foo' },
      expect: { verdict: 'delivered' },
      challenge: { hop: 2, ask: 'source-ip-at-backend' },
      notes: 'The client address travels in the X-Forwarded-For header, not in the IP header.',
    },
    {
      id: 'no-rule',
      title: 'A host with no rule',
      text: 'Rules match names, not addresses. The client asks the same proxy for www.example.com.',
      flow: { from: client, to: gw('ingress'), host: 'www.example.com', path: '/' },
      expect: { verdict: 'dropped' },
      challenge: { hop: 2, ask: 'drop-reason' },
    },
    {
      id: 'in-cluster-controller',
      title: 'A controller inside the cluster',
      preset: 'ipv6-build',
      text: 'The controller can also be a pod: in the IPv6 cluster of talk 002, nginx answers on port 80 of master, fd00::b, and forwards by Host header. Layer 4 in, then layer 7.',
      flow: { from: host('user'), to: node('master', 80), host: 'foo.bar.com' },
      expect: { verdict: 'delivered' },
      highlight: ['cluster/cluster/pod/kube-system/nginx-ingress-controller'],
      challenge: { hop: 2, ask: 'source-ip-at-backend' },
      notes:
        'Talk 003, slide 52: "You can ingress L4 into an L7 proxy and forward from there (e.g. in-cluster ingress controllers)".',
    },
  ],
};
