/**
 * Address planning: "Where did all my IPs go?" (talk 000). Big allocations against allocate
 * small and grow, with multiple cluster CIDRs (KEP-2593) and multiple Service CIDRs (KEP-1880).
 * Its changes turn preset ips-small into ips-grow, step by step (the tests check they agree).
 */
import { PLANNING } from '../presets/address-planning';
import { EP } from '../presets';
import type { Lesson } from '../types';

const { pod, svc } = EP;

export const planningLesson: Lesson = {
  id: 'address-planning',
  title: 'Where did all my IPs go?',
  summary: 'Three blocks per cluster, what allocating big costs, and how to start small and grow.',
  topic: 'planning',
  steps: [
    {
      id: 'three-blocks',
      title: 'Three blocks per cluster',
      preset: 'ips-big',
      text: 'Every cluster needs at least three blocks of addresses: pods, nodes and Services. We started by allocating big: each cluster here got a /14 for pods and a /12 for Services.',
      highlight: ['cluster/prod', 'cluster/staging'],
      notes:
        "Talk 000, slide 3. A /14 is GKE's default pod range; 10.96.0.0/12 is kubeadm's default Service range.",
    },
    {
      id: 'big-cost',
      title: 'What big costs',
      text: 'In one flat 10.0.0.0/8 the blocks must not overlap. Two clusters of two nodes hold 2,621,440 addresses, about 16% of the /8: 1,024 node ranges each, two of them in use.',
      flow: { from: pod('pod-a', 'prod'), to: pod('pod-c', 'staging') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 2, ask: 'next-hop' },
      notes:
        '2 x 262,144 pod addresses + 2 x 1,048,576 Service addresses = 2,621,440 of 16,777,216.',
    },
    {
      id: 'start-small',
      title: 'Allocate small to start',
      preset: 'ips-small',
      text: `Start with what you need: ${PLANNING.smallPods} in /${PLANNING.smallNodeMask} node ranges gives four nodes of up to 32 pods, and Services get ${PLANNING.smallServices}, 254 usable addresses. pod-a looks up Service web.`,
      flow: { from: pod('pod-a'), to: svc('web') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 0, ask: 'dns-answer' },
      notes:
        'Talk 000, slide 6. GKE sizes a node range at twice max pods (32 pods: /26). The first 16 addresses of a /24 Service range are its static band (KEP-3070); this model hands out the first free address above it, where kube-apiserver picks at random in that upper band.',
    },
    {
      id: 'full',
      title: 'Out of node ranges',
      text: 'The cluster needs a fifth node, node5, for a new node pool. Four /26 ranges fit in the /24, and all four are taken.',
      change: [
        {
          addNode: {
            node: {
              name: 'node5',
              labels: { ...PLANNING.poolLabel },
              addresses: [{ type: 'InternalIP', address: '10.240.0.5' }],
            },
          },
        },
        {
          addPod: {
            pod: {
              name: 'pod-e',
              nodeName: 'node5',
              labels: { app: 'api' },
              ports: [{ name: 'http', containerPort: 8080 }],
            },
          },
        },
      ],
      expect: { finding: 'no remaining CIDRs left to allocate' },
      highlight: ['cluster/small/node/node5'],
      notes:
        'kube-controller-manager leaves node5 without spec.podCIDRs and records a CIDRNotAvailable event; its pods cannot start.',
    },
    {
      id: 'add-cluster-cidr',
      title: 'Grow: a second cluster CIDR',
      text: `Grow instead of renumbering: a ClusterCIDR object adds ${PLANNING.growPods} for nodes labelled node-pool=pool-2, and node5 gets its /${PLANNING.smallNodeMask} from it. pod-e on node5 calls pod-a.`,
      change: [
        {
          addClusterCIDR: {
            clusterCIDR: {
              name: 'pods-2',
              cidr: PLANNING.growPods,
              nodeMaskSize: PLANNING.smallNodeMask,
              nodeSelector: { ...PLANNING.poolLabel },
            },
          },
        },
      ],
      flow: { from: pod('pod-e'), to: pod('pod-a') },
      expect: { verdict: 'delivered' },
      highlight: ['cluster/small/node/node5'],
      challenge: { hop: 0, ask: 'source-ip-at-backend' },
      notes:
        'Talk 000, slide 4 (KEP-2593). Multiple cluster CIDRs left core Kubernetes in 2023 and live on in the out-of-tree node-ipam-controller.',
    },
    {
      id: 'add-service-cidr',
      title: 'Grow: a second Service CIDR',
      text: `Services grow the same way: a second ServiceCIDR object adds ${PLANNING.growServices}, and the new Service api asks for ${PLANNING.growApiIp} in it. pod-a looks api up.`,
      change: [
        { addServiceCIDR: { serviceCIDR: { name: 'services-2', cidrs: [PLANNING.growServices] } } },
        {
          addService: {
            service: {
              name: 'api',
              selector: { app: 'api' },
              ports: [{ port: 80, targetPort: 8080 }],
              clusterIPs: [PLANNING.growApiIp],
            },
          },
        },
      ],
      flow: { from: pod('pod-a'), to: svc('api') },
      expect: { verdict: 'delivered' },
      challenge: { hop: 0, ask: 'dns-answer' },
      notes:
        'Talk 000, slide 5 (KEP-1880): networking.k8s.io/v1 ServiceCIDR, GA in Kubernetes 1.33.',
    },
    {
      id: 'or-ipv6',
      title: 'Or leave the shortage behind',
      text: "The talk's other remedies are IPv6-only and dual-stack clusters, where a cluster gets more addresses than it can ever use. The IPv6 lessons show both.",
      notes: 'Talk 000, slides 4 and 6: "K8s workloads may be the big push to move to IPv6".',
    },
  ],
};
