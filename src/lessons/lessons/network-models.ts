/**
 * One lesson per network model of "Kubernetes Network Models" (talk 003): flat, air-gapped,
 * island (with its node, VIP and proxy gateways and SNAT egress) and archipelago. Slide
 * numbers are in the speaker notes; the good-when / bad-when lists are the talk's.
 */
import { EP, INTERNET_CLIENT_V4 } from '../presets';
import type { Lesson } from '../types';

const { pod, node, gw, host, ip } = EP;

export const flatLesson: Lesson = {
  id: 'flat',
  title: 'Flat: every pod IP is an address of the network',
  summary:
    'The reference cluster, the two rules of Kubernetes networking, and the fully integrated model.',
  topic: 'network-model',
  steps: [
    {
      id: 'the-picture',
      title: 'A normal cluster',
      preset: 'models-single',
      text: 'The network is 10.0.0.0/8 and the cluster takes 10.0.0.0/16 for pods. Each node gets a /24 of it: node1 (10.240.0.1) has 10.0.1.0/24, node2 (10.240.0.2) has 10.0.2.0/24, and pods get their IPs from their node.',
      highlight: ['network/network', 'cluster/cluster/node/node1', 'cluster/cluster/node/node2'],
      notes:
        'Slides 7-16. Neither a single cluster range nor per-node ranges are required, but both are very common and make the pictures easier (slides 9, 13).',
    },
    {
      id: 'pod-to-pod',
      title: 'Pod to pod, no NAT',
      text: 'Rule one: pods on a node can reach all pods on all nodes without NAT. Watch pod-a on node1 send to pod-c on node2.',
      flow: { from: pod('pod-a'), to: pod('pod-c') },
      expect: { verdict: 'delivered' },
      highlight: ['cluster/cluster/pod/default/pod-a', 'cluster/cluster/pod/default/pod-c'],
      challenge: { hop: 1, ask: 'source-ip-at-backend' },
      notes:
        'Slide 5. Rule two: agents on a node (kubelet, system daemons) can reach all pods on that node.',
    },
    {
      id: 'the-outside',
      title: 'What about the rest of the network?',
      text: 'Kubernetes says nothing about what is outside the cluster: how pod IPs fit into the larger network is the network model. In the flat model the network routes every node pod range. pod-a now talks to "other", a host that is not in any cluster.',
      flow: { from: pod('pod-a'), to: host('other') },
      expect: { verdict: 'delivered' },
      highlight: ['host/other'],
      challenge: { hop: 0, ask: 'who-snats' },
      notes: 'Slides 19-20.',
    },
    {
      id: 'two-clusters',
      title: 'A second cluster',
      preset: 'models-flat',
      text: 'In a flat network a second cluster needs a range of its own, 10.1.0.0/16, because every pod IP is an address of the one network. In return, pods of c1 reach pods of c2 directly.',
      flow: { from: pod('pod-a', 'c1'), to: pod('pod-c', 'c2') },
      expect: { verdict: 'delivered' },
      highlight: ['cluster/c1', 'cluster/c2'],
      challenge: { hop: 2, ask: 'next-hop' },
      notes: 'Slides 21-25: fully integrated, aka flat.',
    },
    {
      id: 'from-outside',
      title: 'In from outside',
      text: 'It works the other way too: "other" reaches pod-a of c1 by its pod IP, with no gateway and no translation in between.',
      flow: { from: host('other'), to: pod('pod-a', 'c1') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 0, ask: 'source-ip-at-backend' },
    },
    {
      id: 'trade-offs',
      title: 'When flat fits',
      text: 'Flat is good when IP space is plentiful, the network is programmable, you need integration or performance, and Kubernetes is a large part of your footprint. It is bad when IPs are scarce or fragmented, the network is hard to configure, or Kubernetes is a small part of it.',
      notes: 'Slides 26-27.',
    },
  ],
};

export const airGappedLesson: Lesson = {
  id: 'air-gapped',
  title: 'Air-gapped: clusters that share nothing',
  summary: 'Fully isolated clusters reuse every address, and nothing crosses their edge.',
  topic: 'network-model',
  steps: [
    {
      id: 'reuse-everything',
      title: 'Reuse all of the IPs',
      preset: 'models-air-gapped',
      text: "Fully isolated clusters are basically on different networks, so c2 reuses all of c1's addresses: pods in 10.0.0.0/16 and even the node IPs 10.240.0.1 and 10.240.0.2.",
      highlight: ['network/network-1', 'network/network-2', 'cluster/c1', 'cluster/c2'],
      notes: 'Slides 28-33.',
    },
    {
      id: 'inside',
      title: 'Inside, nothing changes',
      text: 'Within one cluster the rules hold as always: pod-a reaches pod-c on the other node without NAT.',
      flow: { from: pod('pod-a', 'c1'), to: pod('pod-c', 'c1') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 1, ask: 'next-hop' },
    },
    {
      id: 'the-edge',
      title: 'The edge',
      text: 'Now pod-a of c1 tries to reach pod-c of c2.',
      flow: { from: pod('pod-a', 'c1'), to: pod('pod-c', 'c2') },
      expect: { verdict: 'dropped', reason: 'air-gapped' },
      challenge: { hop: 0, ask: 'drop-reason' },
    },
    {
      id: 'no-way-in',
      title: 'No way in either',
      text: 'Service web has NodePort 30080 on every node of c1. Can "other" use it?',
      flow: { from: host('other'), to: node('node1', 30080, 'c1') },
      expect: { verdict: 'dropped' },
      challenge: { hop: 0, ask: 'drop-reason' },
    },
    {
      id: 'trade-offs',
      title: 'When air-gapped fits',
      text: 'Air-gapped is good when you need no integration, IP space is scarce or fragmented, the network is not programmable, and you want security boundaries that are easy to reason about. It is bad as soon as anything must cross the cluster edge.',
      notes: 'Slides 34-35.',
    },
  ],
};

export const islandLesson: Lesson = {
  id: 'island',
  title: 'Island: private pod IPs and gateways',
  summary:
    'Bridged clusters reuse pod IPs; traffic crosses the edge through nodes, a VIP or a proxy, and leaves by IP masquerade.',
  topic: 'network-model',
  steps: [
    {
      id: 'private-pods',
      title: 'Pod IPs are private',
      preset: 'models-island',
      text: 'In island mode both clusters reuse 10.0.0.0/16 for pods, a major motivation for this model. Those IPs mean nothing on the network: "other" tries to reach pod-a of c1 directly.',
      flow: { from: host('other'), to: pod('pod-a', 'c1') },
      expect: { verdict: 'dropped', reason: 'no route' },
      highlight: ['cluster/c1', 'cluster/c2'],
      challenge: { hop: 0, ask: 'drop-reason' },
      notes: 'Slides 36-41. Traffic crosses the edge only through gateways (slide 42).',
    },
    {
      id: 'nodeport-gateway',
      title: 'Gateway: the nodes',
      text: 'Service web has NodePort 30080, open on every node. "other" sends to node1 at 10.240.0.1:30080, and node1 uses the destination port to pick the Service.',
      flow: { from: host('other'), to: node('node1', 30080, 'c1') },
      expect: { verdict: 'delivered' },
      highlight: ['cluster/c1/service/default/web', 'cluster/c1/node/node1'],
      challenge: { hop: 2, ask: 'dest-after-dnat' },
      notes: 'Slides 43-51: ingress through Service NodePorts, DNAT by destination port.',
    },
    {
      id: 'nodeport-source',
      title: 'Who does pod-c think is calling?',
      text: 'pod-c runs on node2, so node1 has to forward the packet. The Service keeps the default externalTrafficPolicy, Cluster.',
      flow: { from: host('other'), to: node('node1', 30080, 'c1') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 2, ask: 'source-ip-at-backend' },
      notes:
        'Kubernetes docs, "Using Source IP": with Cluster, NodePort traffic is SNATed to the node so replies return through it.',
    },
    {
      id: 'vip-gateway',
      title: 'Gateway: a VIP',
      text: 'c2 offers a virtual IP, 10.240.0.100, routed to its nodes. It is like a NodePort, but the node picks the Service by destination IP instead of port.',
      flow: { from: host('other'), to: gw('vip', 'c2') },
      expect: { verdict: 'delivered' },
      highlight: ['cluster/c2/gateway/vip'],
      challenge: { hop: 1, ask: 'who-snats' },
      notes: 'Slides 62-65.',
    },
    {
      id: 'proxy-gateway',
      title: 'Gateway: a proxy',
      text: "c2 also has an L7 proxy at 10.240.0.200. It ends the client's connection and opens a new one, straight to a pod IP: it knows how to get onto the island.",
      flow: { from: host('other'), to: gw('proxy', 'c2') },
      expect: { verdict: 'delivered' },
      highlight: ['cluster/c2/gateway/proxy'],
      challenge: { hop: 1, ask: 'source-ip-at-backend' },
      notes:
        'Slides 66-69: a proxy can route to NodePorts or directly to pod IPs; it obscures the client IP.',
    },
    {
      id: 'egress',
      title: 'Going out: IP masquerade',
      text: 'Now the other direction. Pod IPs are not routable outside the island, so pod-a\'s packet to "other" cannot leave with its own source address.',
      flow: { from: pod('pod-a', 'c1'), to: host('other') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 0, ask: 'source-after-snat' },
      notes:
        "Slides 53-61: SNAT obscures the client IP; traffic from pods on a node appears to come from that node's IP. VIP and proxy ingress still need SNAT to egress (slides 65, 70).",
    },
    {
      id: 'island-to-island',
      title: 'From island to island',
      text: 'pod-a of c1 tries to reach pod-c of c2 by its pod IP, 10.0.2.1.',
      flow: { from: pod('pod-a', 'c1'), to: pod('pod-c', 'c2') },
      expect: { verdict: 'dropped', reason: 'ambiguous' },
      challenge: { hop: 0, ask: 'drop-reason' },
    },
    {
      id: 'through-the-gateways',
      title: 'Through the gateways',
      text: "The way between islands is out through masquerade and in through a gateway: pod-a sends to NodePort 30080 on c2's node1. Follow both translations.",
      flow: { from: pod('pod-a', 'c1'), to: node('node1', 30080, 'c2') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 0, ask: 'source-ip-at-backend' },
    },
    {
      id: 'trade-offs',
      title: 'When island fits',
      text: 'Island is good when you need some integration, IP space is scarce and the network is not programmable. It is bad when you must debug connectivity, reach endpoints directly, expose many (especially non-HTTP) services, rely on client IPs for firewalls, or run many nodes.',
      notes: 'Slides 40-41; "options for egress are poorly explored, so far" (slide 72).',
    },
  ],
};

export const archipelagoLesson: Lesson = {
  id: 'archipelago',
  title: 'Archipelago: bigger islands',
  summary: 'Several clusters share one flat pod space, and together they are an island.',
  topic: 'network-model',
  steps: [
    {
      id: 'shared-space',
      title: 'One pod space for c1 and c2',
      preset: 'models-archipelago',
      text: 'c1 (10.0.0.0/16) and c2 (10.1.0.0/16) form one archipelago: one flat pod space, so pods of c1 reach pods of c2 directly.',
      flow: { from: pod('pod-a', 'c1'), to: pod('pod-c', 'c2') },
      expect: { verdict: 'delivered' },
      highlight: ['archipelago/archipelago-1', 'cluster/c1', 'cluster/c2'],
      challenge: { hop: 1, ask: 'source-ip-at-backend' },
      notes: 'Slides 73-74.',
    },
    {
      id: 'reuse-between',
      title: 'Reuse between archipelagos',
      text: "c3 is in a second archipelago and reuses 10.0.0.0/16. Pod IPs cannot repeat inside an archipelago, but they can between archipelagos. pod-a of c1 tries c3's pod-c directly.",
      flow: { from: pod('pod-a', 'c1'), to: pod('pod-c', 'c3') },
      expect: { verdict: 'dropped' },
      highlight: ['archipelago/archipelago-2', 'cluster/c3'],
      challenge: { hop: 0, ask: 'drop-reason' },
      notes: 'Slide 75.',
    },
    {
      id: 'gateway-between',
      title: "Through c3's nodes",
      text: "Gateway options are the same as for a plain island: pod-a reaches c3 through NodePort 30080 on c3's node1.",
      flow: { from: pod('pod-a', 'c1'), to: node('node1', 30080, 'c3') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 0, ask: 'who-snats' },
      notes: 'Slide 78.',
    },
    {
      id: 'to-the-rest',
      title: 'To the rest of the network',
      text: 'To everything outside it, the archipelago is an island. pod-a of c2 talks to "other".',
      flow: { from: pod('pod-a', 'c2'), to: host('other') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 0, ask: 'source-ip-at-backend' },
    },
    {
      id: 'from-the-internet',
      title: 'In from the internet',
      text: "A client on the internet reaches c1 through a node's NodePort, as on any island.",
      flow: { from: ip(INTERNET_CLIENT_V4), to: node('node2', 30080, 'c1') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 2, ask: 'dest-after-dnat' },
    },
    {
      id: 'trade-offs',
      title: 'When an archipelago fits',
      text: "An archipelago is good when clusters need high integration with each other and some with non-Kubernetes systems, IP space is scarce and the network is not programmable. Its drawbacks are the island's, across all clusters: debugging, direct-to-endpoint traffic, many exposed services, client-IP firewalls, many nodes.",
      notes:
        'Slides 76-77. "There is no right answer. You have to consider the tradeoffs. Sorry." (slide 80)',
    },
  ],
};
