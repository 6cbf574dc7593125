/**
 * One plan, three ways: IPv4-only, dual-stack and IPv6-only side by side (talk 000: "single-stack
 * IPv6-only support, dual-stack support"; talk 001: the Node, Pod and Service fields in each).
 *
 * Each column is sizing.ts's proposePlan for its families, so the numbers are the planner's own;
 * the example objects are a one-node, one-pod, one-Service cluster filled by ipam.ts, so the
 * example addresses are the ones Packetwalk's IPAM (and so the diagram) would hand out.
 *
 * API field names (k8s.io/api/core/v1 types.go): Node `spec.podCIDR`, `spec.podCIDRs`,
 * `status.addresses[{type, address}]`; Pod `status.podIP`, `status.podIPs[{ip}]`; Service
 * `spec.clusterIP`, `spec.clusterIPs`, `spec.ipFamilies`, `spec.ipFamilyPolicy`. Dual-stack rules
 * (pkg/registry/core/service/storage/alloc.go): a Service without ipFamilyPolicy is SingleStack
 * and gets the primary family only; PreferDualStack gets both on a dual-stack cluster.
 */
import { cidrFrom, cidrOverlaps, cidrToString, countString, ipString } from '../model/cidr';
import type { Finding } from '../model/findings';
import { fillScenario } from '../model/ipam';
import { ratio } from '../model/ipam-rules';
import type { Cluster, IpFamily, IpFamilyPolicy, Scenario } from '../model/schema';
import { proposePlan, type FamilyPlan, type Plan } from '../model/sizing';
import { ulaSubnet } from './ula';

export type StackKind = 'IPv4' | 'dual-stack' | 'IPv6';

export interface CompareInput {
  nodes: number;
  podsPerNode: number;
  services: number;
}

export interface CompareOptions {
  /** RFC 4193 40-bit Global ID for the IPv6 /48 (see ula.ts). Default 0: an example only. */
  ulaGlobalId?: bigint;
  /** Where IPv4 blocks go (sizing.ts `ipv4Base`). Default 10.0.0.0/8. */
  ipv4Base?: string;
  /**
   * The node network per family, for the example node's InternalIP (its first address after
   * the network address). Defaults: 10.240.0.0/16 (talk 003's node addresses) and the /64
   * subnet fffe of the plan's ULA /48.
   */
  nodeNetworks?: Partial<Record<IpFamily, string>>;
}

export interface FamilyCounts {
  family: IpFamily;
  clusterCIDR: string;
  nodeMaskSize: number;
  serviceCIDR: string;
  nodeNetwork: string;
  /** Node ranges IPAM can hand out. */
  nodeRanges: bigint;
  podAddressesPerNode: bigint;
  /** min(pod addresses, maxPods). */
  podsPerNode: bigint;
  /** Addresses the ClusterIP allocator hands out (kubernetes.default and DNS included). */
  serviceIPs: bigint;
  fits: boolean;
}

export type CompareLimitKind = 'nodeRanges' | 'podsPerNode' | 'serviceIPs';

export interface CompareLimit {
  kind: CompareLimitKind;
  family: IpFamily;
  needed: bigint;
  capacity: bigint;
  /** needed / capacity. */
  fraction: number;
  sentence: string;
}

export interface FieldRow {
  /** API path, e.g. "spec.podCIDRs". */
  path: string;
  /** The value as the Kubernetes API shows it (JSON). */
  value: unknown;
  /** One-line text of the value. */
  text: string;
}

export interface ObjectExample {
  kind: 'Node' | 'Pod' | 'Service';
  name: string;
  fields: FieldRow[];
}

export interface StackColumn {
  stack: StackKind;
  label: string;
  families: IpFamily[];
  /** The plan holds everything asked for. */
  ok: boolean;
  errors: string[];
  /** sizing.ts's reasons, per family. */
  reasons: string[];
  perFamily: FamilyCounts[];
  /** A node needs a range of every family (range_allocator.go: all or nothing): the minimum. */
  nodesThatFit: bigint;
  /** The smallest per-family pods per node. */
  podsPerNode: bigint;
  /** The smallest per-family Service IP count. */
  serviceIPs: bigint;
  /** serviceIPs minus kubernetes.default and the cluster DNS Service. */
  servicesThatFit: bigint;
  bindingLimit: CompareLimit | null;
  node: ObjectExample;
  pod: ObjectExample;
  service: ObjectExample;
  /** The filled example cluster (one node, one pod, one Service). */
  cluster: Cluster | null;
  notes: string[];
  /** IPAM findings for the example (exhaustion and the like). */
  findings: Finding[];
}

export interface FamilyComparison {
  input: CompareInput;
  columns: StackColumn[];
}

const STACKS: { stack: StackKind; label: string; families: IpFamily[] }[] = [
  { stack: 'IPv4', label: 'IPv4-only', families: ['IPv4'] },
  { stack: 'dual-stack', label: 'Dual-stack (IPv4 primary)', families: ['IPv4', 'IPv6'] },
  { stack: 'IPv6', label: 'IPv6-only', families: ['IPv6'] },
];

const DEFAULT_IPV4_NODE_NETWORK = '10.240.0.0/16';
/** The /64 of the plan's ULA /48 that holds the example node (see sizing.ts: ffff holds Services). */
const IPV6_NODE_SUBNET = 0xfffe;

const min = (xs: readonly bigint[]): bigint =>
  xs.length === 0 ? 0n : xs.reduce((a, b) => (b < a ? b : a));

const listText = (xs: readonly string[]): string => (xs.length > 0 ? xs.join(', ') : '(none)');

function nodeNetworkFor(
  family: IpFamily,
  opts: CompareOptions,
  ulaGlobalId: bigint,
): { text: string; address: string } | null {
  const given = opts.nodeNetworks?.[family];
  const t =
    given ??
    (family === 'IPv4' ? DEFAULT_IPV4_NODE_NETWORK : ulaSubnet(ulaGlobalId, IPV6_NODE_SUBNET));
  const c = t ? cidrFrom(t) : null;
  if (!c || c.family !== family || c.prefix > (family === 'IPv4' ? 30 : 126)) return null;
  // The first address after the network address.
  return { text: cidrToString(c), address: ipString(family, c.base + 1n) };
}

function exampleScenario(plan: Plan, families: IpFamily[], nodeAddrs: string[]): Scenario {
  const policy: IpFamilyPolicy | undefined = families.length === 2 ? 'PreferDualStack' : undefined;
  const cluster: Cluster = {
    name: 'plan',
    ipFamilies: plan.cluster.ipFamilies,
    clusterCIDRs: plan.cluster.clusterCIDRs,
    serviceCIDRs: plan.cluster.serviceCIDRs,
    ...(plan.cluster.maxPods !== undefined ? { maxPods: plan.cluster.maxPods } : {}),
    nodes: [
      {
        name: 'node-1',
        addresses: nodeAddrs.map((address) => ({ type: 'InternalIP' as const, address })),
      },
    ],
    pods: [{ name: 'pod-1', nodeName: 'node-1' }],
    services: [
      { name: 'web', ports: [{ port: 80 }], ...(policy ? { ipFamilyPolicy: policy } : {}) },
    ],
  };
  return { version: 1, model: 'flat', networks: [], clusters: [cluster] };
}

const row = (path: string, value: unknown, text: string): FieldRow => ({ path, value, text });

function objectsOf(cluster: Cluster | null): {
  node: ObjectExample;
  pod: ObjectExample;
  service: ObjectExample;
} {
  const n = cluster?.nodes[0];
  const p = cluster?.pods[0];
  const s = cluster?.services[0];
  const podCIDRs = n?.podCIDRs ?? [];
  const addresses = (n?.addresses ?? []).map((a) => ({ type: a.type, address: a.address }));
  const podIPs = p?.podIPs ?? [];
  const clusterIPs = s?.clusterIPs ?? [];
  const ipFamilies = s?.ipFamilies ?? [];
  const policy = s?.ipFamilyPolicy ?? 'SingleStack';
  return {
    node: {
      kind: 'Node',
      name: n?.name ?? 'node-1',
      fields: [
        row('spec.podCIDR', podCIDRs[0] ?? null, podCIDRs[0] ?? '(none)'),
        row('spec.podCIDRs', podCIDRs, listText(podCIDRs)),
        row(
          'status.addresses',
          addresses,
          listText(addresses.map((a) => `${a.type} ${a.address}`)),
        ),
      ],
    },
    pod: {
      kind: 'Pod',
      name: p?.name ?? 'pod-1',
      fields: [
        row('status.podIP', podIPs[0] ?? null, podIPs[0] ?? '(none)'),
        row(
          'status.podIPs',
          podIPs.map((ip) => ({ ip })),
          listText(podIPs),
        ),
      ],
    },
    service: {
      kind: 'Service',
      name: s?.name ?? 'web',
      fields: [
        row('spec.clusterIP', clusterIPs[0] ?? null, clusterIPs[0] ?? '(none)'),
        row('spec.clusterIPs', clusterIPs, listText(clusterIPs)),
        row('spec.ipFamilies', ipFamilies, listText(ipFamilies)),
        row('spec.ipFamilyPolicy', policy, policy),
      ],
    },
  };
}

function limitOf(input: CompareInput, perFamily: readonly FamilyCounts[]): CompareLimit | null {
  let best: CompareLimit | null = null;
  const consider = (c: Omit<CompareLimit, 'fraction' | 'sentence'>, what: string) => {
    const fraction = ratio(c.needed, c.capacity);
    if (best && fraction <= best.fraction) return;
    const pct =
      fraction === Infinity ? 'none available' : `${Math.round(fraction * 1000) / 10}% used`;
    best = {
      ...c,
      fraction,
      sentence: `${what}: ${countString(c.needed)} needed of ${countString(c.capacity)} (${pct}).`,
    };
  };
  const nodes = BigInt(Math.max(0, Math.ceil(input.nodes)));
  const pods = BigInt(Math.max(0, Math.ceil(input.podsPerNode)));
  const services = BigInt(Math.max(0, Math.ceil(input.services))) + 2n;
  for (const f of perFamily) {
    consider(
      { kind: 'nodeRanges', family: f.family, needed: nodes, capacity: f.nodeRanges },
      `${f.family} node ranges (/${f.nodeMaskSize} in ${f.clusterCIDR})`,
    );
    consider(
      { kind: 'serviceIPs', family: f.family, needed: services, capacity: f.serviceIPs },
      `${f.family} Service IPs in ${f.serviceCIDR} (kubernetes.default and DNS included)`,
    );
    // The plan sets maxPods to the pods asked for, so pods per node only binds when the node
    // range holds fewer addresses than that.
    if (f.podsPerNode < pods) {
      consider(
        { kind: 'podsPerNode', family: f.family, needed: pods, capacity: f.podsPerNode },
        `${f.family} pods per node in a /${f.nodeMaskSize}`,
      );
    }
  }
  return best;
}

function column(
  input: CompareInput,
  opts: CompareOptions,
  spec: (typeof STACKS)[number],
): StackColumn {
  const ulaGlobalId = opts.ulaGlobalId ?? 0n;
  const plan = proposePlan({
    nodes: input.nodes,
    podsPerNode: input.podsPerNode,
    services: input.services,
    families: spec.families,
    ...(opts.ulaGlobalId !== undefined ? { ulaGlobalId: opts.ulaGlobalId } : {}),
    ...(opts.ipv4Base !== undefined ? { ipv4Base: opts.ipv4Base } : {}),
  });
  const notes: string[] = [];
  const errors = [...plan.errors];
  const nodeNets = new Map<IpFamily, { text: string; address: string }>();
  for (const f of spec.families) {
    const net = nodeNetworkFor(f, opts, ulaGlobalId);
    if (net) nodeNets.set(f, net);
    else errors.push(`The ${f} node network "${opts.nodeNetworks?.[f] ?? ''}" is not usable.`);
  }
  const perFamily: FamilyCounts[] = plan.families.map((fp: FamilyPlan) => {
    const net = nodeNets.get(fp.family);
    const netCidr = net ? cidrFrom(net.text) : null;
    for (const [what, t] of [
      ['cluster CIDR', fp.clusterCIDR],
      ['service range', fp.serviceCIDR],
    ] as const) {
      const c = cidrFrom(t);
      if (netCidr && c && cidrOverlaps(netCidr, c)) {
        notes.push(
          `The ${fp.family} node network ${net?.text ?? ''} overlaps the ${what} ${t}: pick another node network (option nodeNetworks).`,
        );
      }
    }
    return {
      family: fp.family,
      clusterCIDR: fp.clusterCIDR,
      nodeMaskSize: fp.nodeMaskSize,
      serviceCIDR: fp.serviceCIDR,
      nodeNetwork: net?.text ?? '',
      nodeRanges: fp.capacity.nodeRanges,
      podAddressesPerNode: fp.capacity.podAddressesPerNode,
      podsPerNode: fp.capacity.podsPerNode,
      serviceIPs: fp.capacity.serviceIPs,
      fits: fp.fits,
    };
  });

  let cluster: Cluster | null = null;
  let findings: Finding[] = [];
  if (plan.families.length > 0) {
    const addrs = spec.families.map((f) => nodeNets.get(f)?.address).filter((a) => !!a);
    const filled = fillScenario(exampleScenario(plan, spec.families, addrs as string[]));
    cluster = filled.scenario.clusters[0] ?? null;
    findings = filled.findings;
  }
  if (spec.families.length === 2) {
    notes.push(
      'The example Service asks for PreferDualStack; without an ipFamilyPolicy it would be SingleStack and get only the primary family (IPv4).',
    );
  }
  if (spec.families.includes('IPv6') && opts.ulaGlobalId === undefined) {
    notes.push(
      'The IPv6 prefix uses Global ID 0 as an example: generate a random one (RFC 4193) before using the plan.',
    );
  }
  const nodeRanges = perFamily.map((f) => f.nodeRanges);
  const serviceIPs = min(perFamily.map((f) => f.serviceIPs));
  return {
    stack: spec.stack,
    label: spec.label,
    families: [...spec.families],
    ok: plan.ok && errors.length === 0,
    errors,
    reasons: plan.families.flatMap((f) => f.reasons.map((r) => `${f.family}: ${r}`)),
    perFamily,
    nodesThatFit: min(nodeRanges),
    podsPerNode: min(perFamily.map((f) => f.podsPerNode)),
    serviceIPs,
    servicesThatFit: serviceIPs > 2n ? serviceIPs - 2n : 0n,
    bindingLimit: limitOf(input, perFamily),
    ...objectsOf(cluster),
    cluster,
    notes,
    findings,
  };
}

/** The same plan as IPv4-only, dual-stack and IPv6-only, in that order. Never throws. */
export function compareFamilies(input: CompareInput, opts: CompareOptions = {}): FamilyComparison {
  const columns = STACKS.map((spec) => {
    try {
      return column(input, opts, spec);
    } catch (e) {
      return {
        stack: spec.stack,
        label: spec.label,
        families: [...spec.families],
        ok: false,
        errors: [`planning failed: ${e instanceof Error ? e.message : String(e)}`],
        reasons: [],
        perFamily: [],
        nodesThatFit: 0n,
        podsPerNode: 0n,
        serviceIPs: 0n,
        servicesThatFit: 0n,
        bindingLimit: null,
        ...objectsOf(null),
        cluster: null,
        notes: [],
        findings: [],
      };
    }
  });
  return { input: { ...input }, columns };
}
