/**
 * The Packetwalk scenario format, version 1.
 *
 * One runtime schema (zod) is the source of truth; the TypeScript types are inferred from it
 * and `npm run schema` writes docs/scenario.schema.json from it.
 *
 * Field names follow the Kubernetes API wherever one exists (podCIDRs, podIPs, clusterIPs,
 * ipFamilies, ipFamilyPolicy, externalTrafficPolicy, nodePort, targetPort, nodeName, ...),
 * so a person who knows kubectl recognises them. Lists of addresses are plain strings
 * (Kubernetes' `status.podIPs` is `[{ip}]`; we keep the name and drop the wrapper) to keep
 * scenarios, and share links, short.
 *
 * Scenarios may be sparse: podCIDRs, podIPs, clusterIPs and nodePorts that are left out are
 * filled in by IPAM (see ipam.ts). The schema therefore checks shape only; every rule about
 * addresses is a validation finding (validate.ts), never a schema error, so one bad CIDR never
 * makes a whole scenario unreadable.
 */
import './zod-config'; // first: no eval under the CSP (see zod-config.ts)
import { z } from 'zod';
import { LIMITS, SCENARIO_VERSION } from './defaults';

export { DEFAULTS, LIMITS, SCENARIO_VERSION } from './defaults';

const name = z.string().min(1).max(LIMITS.nameLength);
const addr = z.string().min(1).max(64);
const cidr = z.string().min(1).max(64);
const labels = z.record(z.string().max(LIMITS.nameLength), z.string().max(LIMITS.nameLength));

export const IpFamilySchema = z.enum(['IPv4', 'IPv6']);
export const NetworkModelSchema = z.enum(['flat', 'air-gapped', 'island', 'archipelago']);
export const ProtocolSchema = z.enum(['TCP', 'UDP', 'SCTP']);

export const NetworkSchema = z.object({
  name,
  /** The address space(s) of this network, e.g. 10.0.0.0/8. */
  cidrs: z.array(cidr).max(LIMITS.listLength),
  /** Free text shown in the diagram, e.g. "corporate network". */
  description: z.string().max(500).optional(),
});

/**
 * A block pods are allocated from: `--cluster-cidr` with `--node-cidr-mask-size-ipv4/-ipv6`
 * (one per family, at most two), or a ClusterCIDR object of the out-of-tree
 * node-ipam-controller when `nodeSelector` is set (KEP-2593).
 */
export const ClusterCIDRSchema = z.object({
  name: name.optional(),
  cidr,
  /** Node mask size, e.g. 24 for IPv4 or 64 for IPv6 (kcm's --node-cidr-mask-size-*). */
  nodeMaskSize: z.number().int().min(0).max(128),
  /** ClusterCIDR-style: only nodes whose labels match get ranges from this block. */
  nodeSelector: labels.optional(),
  /** Set by the kubectl import: the block was inferred from node podCIDRs, not given. */
  inferred: z.boolean().optional(),
});

/** A networking.k8s.io/v1 ServiceCIDR: `spec.cidrs`, at most one per family. */
export const ServiceCIDRSchema = z.object({
  name: name.optional(),
  cidrs: z.array(cidr).min(1).max(2),
  inferred: z.boolean().optional(),
});

export const NodeAddressTypeSchema = z.enum([
  'InternalIP',
  'ExternalIP',
  'Hostname',
  'InternalDNS',
  'ExternalDNS',
]);

export const NodeSchema = z.object({
  name,
  labels: labels.optional(),
  /** Node `status.addresses[]`. */
  addresses: z
    .array(z.object({ type: NodeAddressTypeSchema, address: addr }))
    .max(LIMITS.listLength),
  /** Node `spec.podCIDRs`: at most one per family. Filled by IPAM when left out. */
  podCIDRs: z.array(cidr).max(LIMITS.listLength).optional(),
});

export const ContainerPortSchema = z.object({
  name: z.string().max(63).optional(),
  containerPort: z.number().int().min(1).max(65535),
  hostPort: z.number().int().min(1).max(65535).optional(),
  protocol: ProtocolSchema.optional(),
});

export const PodSchema = z.object({
  namespace: name.optional(),
  name,
  labels: labels.optional(),
  /** `spec.nodeName`. */
  nodeName: name,
  /** `status.podIPs[].ip`. Filled by IPAM when left out. */
  podIPs: z.array(addr).max(LIMITS.listLength).optional(),
  /** All containers' `ports`, flattened. */
  ports: z.array(ContainerPortSchema).max(LIMITS.listLength).optional(),
  /** `spec.hostNetwork`: the pod uses its node's addresses. */
  hostNetwork: z.boolean().optional(),
});

export const ServiceTypeSchema = z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']);
export const IpFamilyPolicySchema = z.enum(['SingleStack', 'PreferDualStack', 'RequireDualStack']);
export const TrafficPolicySchema = z.enum(['Cluster', 'Local']);

export const ServicePortSchema = z.object({
  name: z.string().max(63).optional(),
  protocol: ProtocolSchema.optional(),
  port: z.number().int().min(1).max(65535),
  /** A number, or a container port name. Defaults to `port`. */
  targetPort: z.union([z.number().int().min(1).max(65535), z.string().min(1).max(63)]).optional(),
  /** Filled from the NodePort range for NodePort and LoadBalancer Services when left out. */
  nodePort: z.number().int().min(1).max(65535).optional(),
});

export const ServiceSchema = z.object({
  namespace: name.optional(),
  name,
  /** `spec.type`; headless is `clusterIPs: ["None"]` with type ClusterIP. */
  type: ServiceTypeSchema.optional(),
  selector: labels.optional(),
  ports: z.array(ServicePortSchema).max(LIMITS.listLength),
  /** `spec.clusterIPs`; `["None"]` for headless. Filled by IPAM when left out. */
  clusterIPs: z.array(addr).max(LIMITS.listLength).optional(),
  ipFamilies: z.array(IpFamilySchema).max(LIMITS.listLength).optional(),
  ipFamilyPolicy: IpFamilyPolicySchema.optional(),
  externalTrafficPolicy: TrafficPolicySchema.optional(),
  /** `status.loadBalancer.ingress[].ip`. */
  loadBalancerIngress: z.array(addr).max(LIMITS.listLength).optional(),
});

export const IngressPathSchema = z.object({
  path: z.string().max(1000).optional(),
  pathType: z.enum(['Prefix', 'Exact', 'ImplementationSpecific']).optional(),
  /** `backend.service.name` and `backend.service.port.number`. */
  service: name,
  port: z.number().int().min(1).max(65535),
});

export const IngressSchema = z.object({
  namespace: name.optional(),
  name,
  /** The proxy that implements it: the name of a `proxy` gateway, or `ns/pod` of a controller pod. */
  controller: name.optional(),
  rules: z
    .array(
      z.object({
        host: z.string().max(LIMITS.nameLength).optional(),
        paths: z.array(IngressPathSchema).max(LIMITS.listLength),
      }),
    )
    .max(LIMITS.listLength),
});

/**
 * A gateway between a cluster and its network (talk 003, island model):
 * - `nodes`: ingress through the nodes' NodePorts (the node picks the Service by port);
 * - `vip`: ingress through a virtual IP; nodes pick the Service by destination IP;
 * - `proxy`: an L7 proxy with its own address that reaches pod IPs or NodePorts;
 * - `egress`: where pod traffic leaves the island, SNATed to `addresses` (or the node's IP).
 */
export const GatewaySchema = z.object({
  name,
  kind: z.enum(['nodes', 'vip', 'proxy', 'egress']),
  addresses: z.array(addr).max(LIMITS.listLength).optional(),
  /** For `vip`: the Service behind it, `ns/name` or `name`. */
  service: name.optional(),
  /** For `proxy`: reach backends by pod IP directly, or through a NodePort. */
  upstream: z.enum(['pods', 'nodePort']).optional(),
});

export const ClusterSchema = z.object({
  name,
  /** The network the cluster's nodes sit on (a `networks[].name`). */
  network: name.optional(),
  /** Primary family first. */
  ipFamilies: z.array(IpFamilySchema).min(1).max(2),
  clusterCIDRs: z.array(ClusterCIDRSchema).max(LIMITS.listLength),
  serviceCIDRs: z.array(ServiceCIDRSchema).max(LIMITS.listLength),
  /** kube-apiserver `--service-node-port-range`. Default 30000-32767. */
  nodePortRange: z
    .object({ min: z.number().int().min(1).max(65535), max: z.number().int().min(1).max(65535) })
    .optional(),
  /** How pod traffic crosses between nodes. Default `routed`. */
  podNetwork: z.enum(['routed', 'overlay']).optional(),
  /** ip-masq-agent style egress SNAT. Default: enabled, nothing exempt but the cluster CIDRs. */
  masquerade: z
    .object({
      enabled: z.boolean(),
      nonMasqueradeCIDRs: z.array(cidr).max(LIMITS.listLength).optional(),
    })
    .optional(),
  /** kubelet `maxPods`. Default 110. */
  maxPods: z.number().int().min(1).max(100_000).optional(),
  nodes: z.array(NodeSchema).max(LIMITS.nodes),
  pods: z.array(PodSchema).max(LIMITS.pods),
  services: z.array(ServiceSchema).max(LIMITS.services),
  ingresses: z
    .array(IngressSchema)
    .max(LIMITS.listLength * 16)
    .optional(),
  gateways: z.array(GatewaySchema).max(LIMITS.listLength).optional(),
});

export const HostSchema = z.object({
  name,
  network: name.optional(),
  addresses: z.array(addr).min(1).max(LIMITS.listLength),
  description: z.string().max(500).optional(),
});

export const ArchipelagoSchema = z.object({
  name,
  clusters: z.array(name).min(1).max(LIMITS.clusters),
});

export const ScenarioSchema = z.object({
  version: z.literal(SCENARIO_VERSION),
  name: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  /** The network model of the picture (talk 003). */
  model: NetworkModelSchema,
  networks: z.array(NetworkSchema).max(LIMITS.listLength),
  clusters: z.array(ClusterSchema).max(LIMITS.clusters),
  hosts: z
    .array(HostSchema)
    .max(LIMITS.listLength * 4)
    .optional(),
  archipelagos: z.array(ArchipelagoSchema).max(LIMITS.listLength).optional(),
});

export type IpFamily = z.infer<typeof IpFamilySchema>;
export type NetworkModel = z.infer<typeof NetworkModelSchema>;
export type Protocol = z.infer<typeof ProtocolSchema>;
export type Network = z.infer<typeof NetworkSchema>;
export type ClusterCIDR = z.infer<typeof ClusterCIDRSchema>;
export type ServiceCIDR = z.infer<typeof ServiceCIDRSchema>;
export type NodeAddressType = z.infer<typeof NodeAddressTypeSchema>;
export type Node = z.infer<typeof NodeSchema>;
export type ContainerPort = z.infer<typeof ContainerPortSchema>;
export type Pod = z.infer<typeof PodSchema>;
export type ServiceType = z.infer<typeof ServiceTypeSchema>;
export type IpFamilyPolicy = z.infer<typeof IpFamilyPolicySchema>;
export type TrafficPolicy = z.infer<typeof TrafficPolicySchema>;
export type ServicePort = z.infer<typeof ServicePortSchema>;
export type Service = z.infer<typeof ServiceSchema>;
export type Ingress = z.infer<typeof IngressSchema>;
export type Gateway = z.infer<typeof GatewaySchema>;
export type Cluster = z.infer<typeof ClusterSchema>;
export type Host = z.infer<typeof HostSchema>;
export type Archipelago = z.infer<typeof ArchipelagoSchema>;
export type Scenario = z.infer<typeof ScenarioSchema>;
