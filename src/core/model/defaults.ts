/**
 * Constants of the scenario format with no dependency on the schema library, so code that
 * only needs a default (the diagram, the trace engine) does not pull zod into the first load.
 */
export const SCENARIO_VERSION = 1 as const;

/** Limits checked before any work is done on untrusted input. */
export const LIMITS = {
  nameLength: 253,
  clusters: 64,
  nodes: 5_000,
  pods: 50_000,
  services: 10_000,
  listLength: 64,
} as const;

/** Kubernetes' defaults, named once. */
export const DEFAULTS = {
  namespace: 'default',
  maxPods: 110, // kubelet --max-pods
  nodePortRange: { min: 30000, max: 32767 }, // kube-apiserver --service-node-port-range
  nodeMaskSize: { IPv4: 24, IPv6: 64 }, // kube-controller-manager --node-cidr-mask-size-ipv4/-ipv6
  podNetwork: 'routed',
  serviceType: 'ClusterIP',
  externalTrafficPolicy: 'Cluster',
  protocol: 'TCP',
} as const;
