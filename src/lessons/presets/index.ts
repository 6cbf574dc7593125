/**
 * Every preset of every talk, in teaching order: the network models (talk 003), how Services
 * are reached and pods connected (talk 004), IPv6 objects and designs (talk 001), an IPv6-only
 * cluster built by hand (talk 002), and where the addresses go (talk 000).
 *
 * Ids are stable and URL-safe: they go into share links. Several presets may show the same
 * scenario with different flows (the Weave talk's one cluster shows ClusterIP, routing,
 * NodePort, HostPort and Ingress in turn).
 */
import type { Endpoint, Flow } from '../../core/sim/types';
import type { Preset, TalkId } from '../types';
import { ipsBig, ipsGrow, ipsSmall } from './address-planning';
import { dualStackCluster, ipv4Cluster, ipv6Cluster, ipv6GuaPods } from './ipv6';
import { ipv6Build } from './ipv6-build';
import { ipv6GuaServices } from './ipv6-designs';
import {
  airGappedTwoClusters,
  archipelagoClusters,
  flatTwoClusters,
  islandTwoClusters,
  singleCluster,
} from './network-models';
import { weaveOverlay, weaveRouted } from './weave';

export const TALKS: Record<TalkId, { title: string; speaker?: string; event: string }> = {
  '000': {
    title: 'Where did all my IPs go?',
    speaker: 'Cynthia Thomas',
    event: 'KubeCon NA 2022 (lightning talk)',
  },
  '001': { title: 'Kubernetes & IPv6', event: 'KubeCon EU 2023' },
  '002': {
    title: 'Our Experiences Deploying Kubernetes with IPv6',
    speaker: 'André Martins',
    event: 'Open Source Summit NA 2017',
  },
  '003': { title: 'Kubernetes Network Models', speaker: 'Tim Hockin', event: '2020' },
  '004': { title: 'Kubernetes Networking', speaker: 'Bryan Boreham', event: 'Weave' },
};

/** RFC 5737 documentation address standing for "a client on the internet". */
export const INTERNET_CLIENT_V4 = '198.51.100.7';
/** RFC 3849 documentation address standing for "a client on the internet". */
export const INTERNET_CLIENT_V6 = '2001:db8:ffff::7';

const pod = (name: string, cluster?: string, port?: number): Endpoint => ({
  kind: 'pod',
  name,
  ...(cluster !== undefined ? { cluster } : {}),
  ...(port !== undefined ? { port } : {}),
});
const node = (name: string, port: number, cluster?: string): Endpoint => ({
  kind: 'node',
  name,
  port,
  ...(cluster !== undefined ? { cluster } : {}),
});
const svc = (name: string, cluster?: string, namespace?: string, port?: number): Endpoint => ({
  kind: 'svc',
  name,
  ...(cluster !== undefined ? { cluster } : {}),
  ...(namespace !== undefined ? { namespace } : {}),
  ...(port !== undefined ? { port } : {}),
});
const gw = (name: string, cluster?: string, port?: number): Endpoint => ({
  kind: 'gw',
  name,
  ...(cluster !== undefined ? { cluster } : {}),
  ...(port !== undefined ? { port } : {}),
});
const host = (name: string, port?: number): Endpoint => ({
  kind: 'host',
  name,
  ...(port !== undefined ? { port } : {}),
});
const ip = (addr: string, port?: number): Endpoint => ({
  kind: 'ip',
  ip: addr,
  ...(port !== undefined ? { port } : {}),
});
const lb = (name: string, port?: number): Endpoint => ({
  kind: 'lb',
  name,
  ...(port !== undefined ? { port } : {}),
});

/** Endpoint builders for lessons and tests. */
export const EP = { pod, node, svc, gw, host, ip, lb };

const flow = (from: Endpoint, to: Endpoint, extra: Partial<Flow> = {}): Flow => ({
  from,
  to,
  ...extra,
});

export const PRESETS: Preset[] = [
  /* ---------------------------------- talk 003 ---------------------------------------- */
  {
    id: 'models-single',
    title: 'One cluster on a network',
    talk: '003',
    source: 'slides 7-20',
    summary:
      'Network 10.0.0.0/8, cluster 10.0.0.0/16, two nodes with a /24 pod range each, four pods, and a host "other" outside the cluster.',
    scenario: singleCluster,
    flows: [
      {
        id: 'pod-to-pod',
        label: 'pod-a to pod-c, across nodes',
        flow: flow(pod('pod-a'), pod('pod-c')),
        expect: 'delivered',
      },
      {
        id: 'pod-to-other',
        label: 'pod-a to other',
        flow: flow(pod('pod-a'), host('other')),
        expect: 'delivered',
      },
    ],
  },
  {
    id: 'models-flat',
    title: 'Flat (fully integrated)',
    talk: '003',
    source: 'slides 24-27',
    summary:
      'Pod IPs are routable on the whole network: two clusters with unique pod ranges talk directly, without NAT.',
    scenario: flatTwoClusters,
    flows: [
      {
        id: 'cross-cluster',
        label: 'c1 pod-a to c2 pod-c, directly',
        flow: flow(pod('pod-a', 'c1'), pod('pod-c', 'c2')),
        expect: 'delivered',
      },
      {
        id: 'other-to-pod',
        label: 'other to c1 pod-a',
        flow: flow(host('other'), pod('pod-a', 'c1')),
        expect: 'delivered',
      },
    ],
  },
  {
    id: 'models-air-gapped',
    title: 'Air-gapped (fully isolated)',
    talk: '003',
    source: 'slides 28-35',
    summary:
      'Each cluster is its own network and reuses every address, node IPs too; nothing crosses a cluster edge.',
    scenario: airGappedTwoClusters,
    flows: [
      {
        id: 'inside',
        label: 'c1 pod-a to c1 pod-c',
        flow: flow(pod('pod-a', 'c1'), pod('pod-c', 'c1')),
        expect: 'delivered',
      },
      {
        id: 'cross-cluster',
        label: 'c1 pod-a to c2 pod-c',
        flow: flow(pod('pod-a', 'c1'), pod('pod-c', 'c2')),
        expect: 'dropped',
      },
    ],
  },
  {
    id: 'models-island',
    title: 'Island (bridged), with its gateways',
    talk: '003',
    source: 'slides 36-72',
    summary:
      'Both clusters reuse 10.0.0.0/16 for pods, private to each island. In through the nodes (NodePort), a VIP or an L7 proxy; out by IP masquerade.',
    scenario: islandTwoClusters,
    flows: [
      {
        id: 'nodeport',
        label: 'other to NodePort 30080 on c1 node1',
        flow: flow(host('other'), node('node1', 30080, 'c1')),
        expect: 'delivered',
      },
      {
        id: 'vip',
        label: 'other to the VIP of c2',
        flow: flow(host('other'), gw('vip', 'c2')),
        expect: 'delivered',
      },
      {
        id: 'proxy',
        label: 'other to the proxy of c2',
        flow: flow(host('other'), gw('proxy', 'c2')),
        expect: 'delivered',
      },
      {
        id: 'egress',
        label: 'c1 pod-a to other (masquerade)',
        flow: flow(pod('pod-a', 'c1'), host('other')),
        expect: 'delivered',
      },
      {
        id: 'no-way-in',
        label: 'other to c1 pod-a',
        flow: flow(host('other'), pod('pod-a', 'c1')),
        expect: 'dropped',
      },
    ],
  },
  {
    id: 'models-archipelago',
    title: 'Archipelago (bigger islands)',
    talk: '003',
    source: 'slides 73-78',
    summary:
      'c1 and c2 share one flat pod space and together are an island; c3, in another archipelago, reuses 10.0.0.0/16 and is reached through its nodes.',
    scenario: archipelagoClusters,
    flows: [
      {
        id: 'inside-archipelago',
        label: 'c1 pod-a to c2 pod-c',
        flow: flow(pod('pod-a', 'c1'), pod('pod-c', 'c2')),
        expect: 'delivered',
      },
      {
        id: 'to-other-archipelago',
        label: 'c1 pod-a to NodePort 30080 on c3 node1',
        flow: flow(pod('pod-a', 'c1'), node('node1', 30080, 'c3')),
        expect: 'delivered',
      },
    ],
  },

  /* ---------------------------------- talk 004 ---------------------------------------- */
  {
    id: 'weave-clusterip',
    title: 'ClusterIP: a stable virtual IP',
    talk: '004',
    source: 'slide 16',
    summary:
      'kube-dns answers "where is foo?" with 100.96.0.30; kube-proxy translates it to the pod 10.20.30.42.',
    scenario: weaveRouted,
    flows: [
      {
        id: 'to-service',
        label: 'bar to Service foo',
        flow: flow(pod('bar'), svc('foo')),
        expect: 'delivered',
      },
    ],
  },
  {
    id: 'weave-routed',
    title: 'Routed pod network',
    talk: '004',
    source: 'slides 17-19',
    summary:
      'The network knows each node pod range ("10.20.30.0/24 via 192.1.6.4"), so pod IPs travel on the wire.',
    scenario: weaveRouted,
    flows: [
      {
        id: 'pod-to-pod',
        label: 'bar to foo',
        flow: flow(pod('bar'), pod('foo')),
        expect: 'delivered',
      },
    ],
  },
  {
    id: 'weave-overlay',
    title: 'Overlay pod network',
    talk: '004',
    source: 'slide 20',
    summary:
      'Packets are encapsulated between the nodes: outer 192.1.6.3 -> 192.1.6.4 around inner 10.20.9.1 -> 10.20.30.42.',
    scenario: weaveOverlay,
    flows: [
      {
        id: 'pod-to-pod',
        label: 'bar to foo',
        flow: flow(pod('bar'), pod('foo')),
        expect: 'delivered',
      },
    ],
  },
  {
    id: 'weave-nodeport',
    title: 'NodePort',
    talk: '004',
    source: 'slide 23',
    summary:
      'Port 30021 is open on every node and leads to 10.20.30.42:80; traffic can bounce from one node to another.',
    scenario: weaveRouted,
    flows: [
      {
        id: 'bounce',
        label: 'internet to 192.1.6.3:30021 (bounces to node2)',
        flow: flow(ip(INTERNET_CLIENT_V4), node('node1', 30021)),
        expect: 'delivered',
      },
      {
        id: 'direct',
        label: 'internet to 192.1.6.4:30021',
        flow: flow(ip(INTERNET_CLIENT_V4), node('node2', 30021)),
        expect: 'delivered',
      },
    ],
  },
  {
    id: 'weave-hostport',
    title: 'HostPort',
    talk: '004',
    source: 'slide 24',
    summary:
      'Port 8080 of one host, 192.1.6.4, maps to foo\'s 10.20.30.42:80. "Don\'t use hostPort unless it is absolutely necessary."',
    scenario: weaveRouted,
    flows: [
      {
        id: 'hostport',
        label: 'internet to 192.1.6.4:8080',
        flow: flow(ip(INTERNET_CLIENT_V4), node('node2', 8080)),
        expect: 'delivered',
      },
    ],
  },
  {
    id: 'weave-ingress',
    title: 'Ingress: host and path rules',
    talk: '004',
    source: 'slides 26-27',
    summary: 'An L7 proxy routes foo.bar.com/foo to Service s1 and foo.bar.com/bar to s2.',
    scenario: weaveRouted,
    flows: [
      {
        id: 'foo',
        label: 'internet to foo.bar.com/foo',
        flow: flow(ip(INTERNET_CLIENT_V4), gw('ingress'), { host: 'foo.bar.com', path: '/foo' }),
        expect: 'delivered',
      },
      {
        id: 'bar',
        label: 'internet to foo.bar.com/bar',
        flow: flow(ip(INTERNET_CLIENT_V4), gw('ingress'), { host: 'foo.bar.com', path: '/bar' }),
        expect: 'delivered',
      },
    ],
  },

  /* ---------------------------------- talk 001 ---------------------------------------- */
  {
    id: 'ipv6-ipv4',
    title: 'The IPv4 objects',
    talk: '001',
    source: 'slide "Kubernetes API: IPv4"',
    summary:
      'Node 192.168.0.5 with podCIDR 10.0.0.0/24, pod 10.0.0.5, Service lb-app: ClusterIP 10.96.0.13, load balancer 196.23.45.23.',
    scenario: ipv4Cluster,
    flows: [
      {
        id: 'to-service',
        label: 'client to Service lb-app',
        flow: flow(pod('client'), svc('lb-app')),
        expect: 'delivered',
      },
      {
        id: 'load-balancer',
        label: 'internet to the load balancer',
        flow: flow(ip(INTERNET_CLIENT_V4), lb('lb-app')),
        expect: 'delivered',
      },
    ],
  },
  {
    id: 'ipv6-only',
    title: 'The IPv6 objects: ULAs inside, a GUA on the load balancer',
    talk: '001',
    source: 'slides "Kubernetes API: IPv6", "IPv6 support in Kubernetes"',
    summary:
      'The common design: unique local addresses everywhere (fd00:1234:1::/64 pods, fd12:789a:1::1 ClusterIP), a global address 2001:db8:7:8::4 on the load balancer.',
    scenario: ipv6Cluster,
    flows: [
      {
        id: 'to-service',
        label: 'client to Service lb-app',
        flow: flow(pod('client'), svc('lb-app')),
        expect: 'delivered',
      },
      {
        id: 'load-balancer',
        label: 'internet to the load balancer',
        flow: flow(ip(INTERNET_CLIENT_V6), lb('lb-app')),
        expect: 'delivered',
      },
    ],
  },
  {
    id: 'ipv6-dualstack',
    title: 'The dual-stack objects',
    talk: '001',
    source: 'slide "Kubernetes API: Dual Stack"',
    summary:
      'One address of each family on every object: podCIDRs, podIPs, clusterIPs and load-balancer ingress.',
    scenario: dualStackCluster,
    flows: [
      {
        id: 'ipv4',
        label: 'client to Service lb-app over IPv4',
        flow: flow(pod('client'), svc('lb-app'), { family: 'IPv4' }),
        expect: 'delivered',
      },
      {
        id: 'ipv6',
        label: 'client to Service lb-app over IPv6',
        flow: flow(pod('client'), svc('lb-app'), { family: 'IPv6' }),
        expect: 'delivered',
      },
      {
        id: 'single-stack',
        label: 'client to SingleStack Service legacy over IPv6',
        flow: flow(pod('client'), svc('legacy'), { family: 'IPv6' }),
        expect: 'dropped',
      },
    ],
  },
  {
    id: 'ipv6-gua-services',
    title: 'Services with global addresses',
    talk: '001',
    source: 'slide "Services with GUAs"',
    summary:
      'Pods keep ULAs, the Service has the global address 2600:1900::3:55 routed to the node: one translation fewer.',
    scenario: ipv6GuaServices,
    flows: [
      {
        id: 'to-service',
        label: 'internet to 2600:1900::3:55',
        flow: flow(ip(INTERNET_CLIENT_V6), gw('global')),
        expect: 'delivered',
      },
      {
        id: 'egress',
        label: 'app to www (still masqueraded)',
        flow: flow(pod('app'), host('www')),
        expect: 'delivered',
      },
    ],
  },
  {
    id: 'ipv6-gua-pods',
    title: 'Pods with global addresses',
    talk: '001',
    source: 'slide "Pods with GUAs"',
    summary: 'Pods take global addresses from 2600:1900::/64: no translation on the way out.',
    scenario: ipv6GuaPods,
    flows: [
      {
        id: 'egress',
        label: 'app-http to www',
        flow: flow(pod('app-http'), host('www')),
        expect: 'delivered',
      },
    ],
  },

  /* ---------------------------------- talk 002 ---------------------------------------- */
  {
    id: 'ipv6-build',
    title: 'An IPv6-only cluster, flag by flag',
    talk: '002',
    source: 'captions 12:20-38:20',
    summary:
      'Services from fd03::/112, pods from fd02::/80 in a /96 per node, kube-dns at fd03::a, and an nginx ingress controller in front of the guestbook.',
    scenario: ipv6Build,
    flows: [
      {
        id: 'ingress',
        label: 'user to http://[fd00::b]/ with Host foo.bar.com',
        flow: flow(host('user'), node('master', 80), { host: 'foo.bar.com' }),
        expect: 'delivered',
      },
      {
        id: 'redis',
        label: 'guestbook to Service redis-master',
        flow: flow(pod('guestbook'), svc('redis-master')),
        expect: 'delivered',
      },
      {
        id: 'dns',
        label: 'guestbook to kube-dns (UDP 53)',
        flow: flow(pod('guestbook'), svc('kube-dns', undefined, 'kube-system', 53), {
          protocol: 'UDP',
        }),
        expect: 'delivered',
      },
    ],
  },

  /* ---------------------------------- talk 000 ---------------------------------------- */
  {
    id: 'ips-big',
    title: 'Allocating big',
    talk: '000',
    source: 'slide 3',
    summary:
      'Two clusters, each handed a /14 for pods and a /12 for Services out of 10.0.0.0/8, to run four nodes.',
    scenario: ipsBig,
    flows: [
      {
        id: 'cross-cluster',
        label: 'prod pod-a to staging pod-c',
        flow: flow(pod('pod-a', 'prod'), pod('pod-c', 'staging')),
        expect: 'delivered',
      },
    ],
  },
  {
    id: 'ips-small',
    title: 'Allocate small',
    talk: '000',
    source: 'slide 6',
    summary:
      'Just what is needed: 10.0.0.0/24 for pods in /26 node ranges, 10.96.0.0/24 for Services.',
    scenario: ipsSmall,
    flows: [
      {
        id: 'to-service',
        label: 'pod-a to Service web',
        flow: flow(pod('pod-a'), svc('web')),
        expect: 'delivered',
      },
    ],
  },
  {
    id: 'ips-grow',
    title: 'Grow when needed',
    talk: '000',
    source: 'slides 4-6',
    summary:
      'The small cluster grown: a ClusterCIDR 10.0.1.0/24 for a second node pool and a second ServiceCIDR 10.96.1.0/24.',
    scenario: ipsGrow,
    flows: [
      {
        id: 'new-pool',
        label: 'pod-e (pool-2) to pod-a',
        flow: flow(pod('pod-e'), pod('pod-a')),
        expect: 'delivered',
      },
      {
        id: 'new-range',
        label: 'pod-a to Service api (10.96.1.10)',
        flow: flow(pod('pod-a'), svc('api')),
        expect: 'delivered',
      },
    ],
  },
];

const BY_ID = new Map(PRESETS.map((p) => [p.id, p] as const));

/** A preset by id, or null. */
export function findPreset(id: string): Preset | null {
  return BY_ID.get(id) ?? null;
}
