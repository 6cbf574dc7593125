/**
 * The four network models of "Kubernetes Network Models" (talk 003), with the talk's own
 * good-when / bad-when lists (domain brief, section 3).
 */
import type { NetworkModel } from '../core/model/schema';

export interface ModelInfo {
  title: string;
  what: string;
  reuse: string;
  good: string[];
  bad: string[];
}

export const MODEL_ORDER: NetworkModel[] = ['flat', 'air-gapped', 'island', 'archipelago'];

export const MODEL_INFO: Record<NetworkModel, ModelInfo> = {
  flat: {
    title: 'Flat (fully integrated)',
    what: 'Pod IPs are routable on the whole network.',
    reuse: 'Pod IPs cannot be reused across clusters.',
    good: [
      'IP space is plentiful',
      'the network is programmable',
      'you need integration or performance',
      'Kubernetes is a large part of the footprint',
    ],
    bad: [
      'IP space is fragmented or scarce',
      'the network is hard to configure',
      'Kubernetes is a small part of the footprint',
    ],
  },
  'air-gapped': {
    title: 'Air-gapped (fully isolated)',
    what: 'Each cluster is a separate network; nothing crosses the cluster edge.',
    reuse: 'Every IP can be reused across clusters, even node IPs.',
    good: [
      'no integration is needed',
      'IP space is scarce',
      'the network is not programmable',
      'you want simpler security boundaries',
    ],
    bad: ['any communication across the cluster edge'],
  },
  island: {
    title: 'Island (bridged)',
    what: 'Pod IPs are private to the cluster; traffic crosses the edge through gateways (NodePort, VIP, proxy in; SNAT out).',
    reuse: 'Pod IPs can be reused across clusters.',
    good: ['some integration is needed', 'IP space is scarce', 'the network is not programmable'],
    bad: [
      'debugging connectivity',
      'direct-to-endpoint traffic',
      'many (esp. non-HTTP) services are exposed',
      'firewalls keyed on client IP',
      'many nodes',
    ],
  },
  archipelago: {
    title: 'Archipelago',
    what: 'Several clusters share one flat pod space, and the group is an island.',
    reuse: 'Pod IPs are not reusable inside one archipelago, but are between archipelagos.',
    good: [
      'high integration across clusters',
      'some integration with non-Kubernetes',
      'IP space is scarce',
      'the network is not programmable',
    ],
    bad: ['as island, across all clusters'],
  },
};
