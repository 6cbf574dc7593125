/**
 * How pods on different nodes reach each other: a routed pod network against an overlay
 * ("Kubernetes Networking", talk 004, slides 17-20).
 */
import { EP, INTERNET_CLIENT_V4 } from '../presets';
import type { Lesson } from '../types';

const { pod, ip } = EP;

export const podNetworkLesson: Lesson = {
  id: 'routed-vs-overlay',
  title: 'Routed or overlay: pods across nodes',
  summary:
    'Either the network knows every node pod range, or packets travel encapsulated between node IPs.',
  topic: 'pod-network',
  steps: [
    {
      id: 'routed',
      title: 'Routed: program the routers',
      preset: 'weave-routed',
      text: 'If you have the IP space and control the network, give it a route per node pod range: 10.20.30.0/24 via 192.1.6.4, 10.20.9.0/24 via 192.1.6.3. bar, on node1, sends to foo on node2.',
      flow: { from: pod('bar'), to: pod('foo') },
      expect: { verdict: 'delivered' },
      highlight: ['cluster/cluster/node/node1', 'cluster/cluster/node/node2'],
      challenge: { hop: 1, ask: 'next-hop' },
      notes:
        "Talk 004, slides 17-19. A CNI plugin sets up each pod's interface (ADD) and, in routed mode, the routes.",
    },
    {
      id: 'routed-wire',
      title: 'Pod IPs on the wire',
      text: 'Pause on the wire between the nodes: the packet still says 10.20.9.1 to 10.20.30.42. The network itself carries pod addresses.',
      flow: { from: pod('bar'), to: pod('foo') },
      expect: { verdict: 'delivered' },
      stopAtHop: 1,
    },
    {
      id: 'overlay',
      title: 'Overlay: encapsulate',
      preset: 'weave-overlay',
      text: 'Now the network knows only node IPs. Packets between pods are encapsulated before they leave the machine.',
      flow: { from: pod('bar'), to: pod('foo') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 1, ask: 'outer-header' },
      notes: 'Talk 004, slide 20: 192.1.6.3->192.1.6.4 [10.20.9.1->10.20.30.42].',
    },
    {
      id: 'decapsulate',
      title: 'Unwrapping',
      text: 'The encapsulated packet crosses the network between the node IPs. Somewhere the outer header has to come off.',
      flow: { from: pod('bar'), to: pod('foo') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 1, ask: 'who-decapsulates' },
    },
    {
      id: 'no-nat',
      title: 'Still no NAT',
      text: 'Encapsulation wraps the packet; it does not translate it. What source does foo see?',
      flow: { from: pod('bar'), to: pod('foo') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 1, ask: 'source-ip-at-backend' },
    },
    {
      id: 'leaving',
      title: 'Leaving the overlay',
      text: 'Outside the overlay nobody knows 10.20.9.1. bar sends to a server on the internet.',
      flow: { from: pod('bar'), to: ip(INTERNET_CLIENT_V4, 443) },
      expect: { verdict: 'delivered' },
      challenge: { hop: 0, ask: 'who-snats' },
    },
  ],
};
