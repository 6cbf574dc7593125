/**
 * One pass over a scenario that turns it into lookups the trace engine needs: objects by name,
 * addresses to owners, NodePorts and HostPorts by port, pod ranges to nodes, label -> pods.
 *
 * Built once per scenario object and cached by identity (a WeakMap), so a trace never scans
 * all pods: with 1,000 nodes a trace costs a few map lookups per hop. Scenarios are treated
 * as immutable (the store replaces them on every edit), which is what makes the cache safe.
 */
import {
  cidrContainsIp,
  cidrFrom,
  ipCanonical,
  ipFrom,
  ipString,
  familyBits,
  type Cidr,
  type IpAddr,
} from '../model/cidr';
import { clusterRef, gatewayRef, hostRef, nodeRef, podRef, serviceRef } from '../model/refs';
import type {
  Cluster,
  ContainerPort,
  Gateway,
  Host,
  Ingress,
  IpFamily,
  Node,
  Pod,
  Protocol,
  Scenario,
  Service,
  ServicePort,
} from '../model/schema';
import { DEFAULTS } from '../model/defaults';

/** Addresses of one object in its own order (primary family first). */
export type Addrs = ReadonlyArray<{ family: IpFamily; ip: string }>;

export interface NodeEntry {
  kind: 'node';
  cluster: ClusterEntry;
  node: Node;
  name: string;
  ref: string;
  /** InternalIP per family (ExternalIP when there is no InternalIP), in the order given. */
  addrs: Addrs;
  /** Every address of the node (all types), canonical. */
  allIps: Set<string>;
  ranges: Cidr[];
  pods: PodEntry[];
}

export interface PodEntry {
  kind: 'pod';
  cluster: ClusterEntry;
  pod: Pod;
  name: string;
  namespace: string;
  ref: string;
  node: NodeEntry | null;
  addrs: Addrs;
  hostNetwork: boolean;
}

export interface ServiceEntry {
  kind: 'service';
  cluster: ClusterEntry;
  svc: Service;
  name: string;
  namespace: string;
  ref: string;
  clusterIPs: Addrs;
  headless: boolean;
  lbIPs: Addrs;
}

export interface GatewayEntry {
  kind: 'gateway';
  cluster: ClusterEntry;
  gw: Gateway;
  name: string;
  ref: string;
  addrs: Addrs;
}

export interface HostEntry {
  kind: 'host';
  host: Host;
  name: string;
  ref: string;
  addrs: Addrs;
  network: string | null;
}

export interface IngressEntry {
  ingress: Ingress;
  namespace: string;
}

export interface ClusterEntry {
  name: string;
  cluster: Cluster;
  ref: string;
  network: string;
  archipelago: string | null;
  podNetwork: 'routed' | 'overlay';
  nodes: NodeEntry[];
  nodesByName: Map<string, NodeEntry>;
  pods: PodEntry[];
  /** `namespace/name` -> pod. */
  podsByKey: Map<string, PodEntry>;
  podsByName: Map<string, PodEntry[]>;
  services: ServiceEntry[];
  servicesByKey: Map<string, ServiceEntry>;
  servicesByName: Map<string, ServiceEntry[]>;
  /** `PROTOCOL/nodePort` -> the Service port that owns it. */
  nodePorts: Map<string, { svc: ServiceEntry; port: ServicePort }>;
  /** `node|PROTOCOL/hostPort` -> the pod and container port mapped there. */
  hostPorts: Map<string, { pod: PodEntry; port: ContainerPort }>;
  /** `key=value` -> pods carrying that label. */
  labelIndex: Map<string, PodEntry[]>;
  clusterCidrs: Cidr[];
  serviceCidrs: Cidr[];
  masqueradeEnabled: boolean;
  nonMasqueradeCidrs: Cidr[];
  gateways: GatewayEntry[];
  gatewaysByName: Map<string, GatewayEntry>;
  ingresses: IngressEntry[];
  /** Pod ranges by family and prefix: `family/prefix/base` -> node. */
  rangeIndex: Map<string, NodeEntry>;
  rangePrefixes: Record<IpFamily, number[]>;
  /** Cache of selected endpoints, filled on demand. */
  endpointCache: Map<string, BackendEndpoint[]>;
}

/** One backend of a Service port: what kube-proxy DNATs to. */
export interface BackendEndpoint {
  pod: PodEntry;
  ip: string;
  port: number;
}

export type Owner =
  | { kind: 'pod'; pod: PodEntry }
  | { kind: 'node'; node: NodeEntry }
  | { kind: 'clusterIP'; svc: ServiceEntry }
  | { kind: 'lb'; svc: ServiceEntry }
  | { kind: 'gateway'; gw: GatewayEntry }
  | { kind: 'host'; host: HostEntry };

export interface ScenarioIndex {
  scenario: Scenario;
  clusters: ClusterEntry[];
  clustersByName: Map<string, ClusterEntry>;
  hosts: HostEntry[];
  hostsByName: Map<string, HostEntry>;
  /** Canonical IP -> everything that holds it (more than one means overlap). */
  owners: Map<string, Owner[]>;
  networkCidrs: Map<string, Cidr[]>;
  multiCluster: boolean;
}

const cache = new WeakMap<Scenario, ScenarioIndex>();

/** The index of a scenario, built on first use and cached by object identity. */
export function indexScenario(s: Scenario): ScenarioIndex {
  const hit = cache.get(s);
  if (hit) return hit;
  const ix = buildIndex(s);
  cache.set(s, ix);
  return ix;
}

/** Canonical text of a parsed address; IPv4 text that parsed is already canonical. */
function canonicalText(text: string, ip: IpAddr): string {
  return ip.family === 'IPv4' && text === text.trim() ? text : ipString(ip.family, ip.value);
}

function addrsOf(list: readonly string[] | undefined): Addrs {
  const out: { family: IpFamily; ip: string }[] = [];
  for (const text of list ?? []) {
    const ip = ipFrom(text);
    if (!ip || out.some((a) => a.family === ip.family)) continue;
    out.push({ family: ip.family, ip: canonicalText(text, ip) });
  }
  return out;
}

function nodeAddrs(node: Node): Addrs {
  const internal = addrsOf(
    node.addresses.filter((a) => a.type === 'InternalIP').map((a) => a.address),
  );
  const external = addrsOf(
    node.addresses.filter((a) => a.type === 'ExternalIP').map((a) => a.address),
  );
  const out = [...internal];
  for (const e of external) if (!out.some((a) => a.family === e.family)) out.push(e);
  return out;
}

const key2 = (ns: string, name: string) => `${ns}/${name}`;

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function cidrs(list: readonly string[] | undefined): Cidr[] {
  const out: Cidr[] = [];
  for (const t of list ?? []) {
    const c = cidrFrom(t);
    if (c) out.push(c);
  }
  return out;
}

function buildIndex(s: Scenario): ScenarioIndex {
  const owners = new Map<string, Owner[]>();
  const own = (ip: string, o: Owner) => push(owners, ip, o);
  const archOf = new Map<string, string>();
  for (const a of s.archipelagos ?? []) for (const c of a.clusters) archOf.set(c, a.name);
  const defaultNetwork = s.networks[0]?.name ?? 'network';

  const clusters: ClusterEntry[] = [];
  for (const c of s.clusters) {
    const ce: ClusterEntry = {
      name: c.name,
      cluster: c,
      ref: clusterRef(c.name),
      network: c.network ?? defaultNetwork,
      archipelago: archOf.get(c.name) ?? null,
      podNetwork: c.podNetwork ?? DEFAULTS.podNetwork,
      nodes: [],
      nodesByName: new Map(),
      pods: [],
      podsByKey: new Map(),
      podsByName: new Map(),
      services: [],
      servicesByKey: new Map(),
      servicesByName: new Map(),
      nodePorts: new Map(),
      hostPorts: new Map(),
      labelIndex: new Map(),
      clusterCidrs: cidrs(c.clusterCIDRs.map((x) => x.cidr)),
      serviceCidrs: cidrs(c.serviceCIDRs.flatMap((x) => x.cidrs)),
      masqueradeEnabled: c.masquerade?.enabled ?? true,
      nonMasqueradeCidrs: cidrs(c.masquerade?.nonMasqueradeCIDRs),
      gateways: [],
      gatewaysByName: new Map(),
      ingresses: (c.ingresses ?? []).map((ingress) => ({
        ingress,
        namespace: ingress.namespace ?? DEFAULTS.namespace,
      })),
      rangeIndex: new Map(),
      rangePrefixes: { IPv4: [], IPv6: [] },
      endpointCache: new Map(),
    };
    clusters.push(ce);

    for (const n of c.nodes) {
      const ne: NodeEntry = {
        kind: 'node',
        cluster: ce,
        node: n,
        name: n.name,
        ref: nodeRef(c.name, n.name),
        addrs: nodeAddrs(n),
        allIps: new Set(),
        ranges: cidrs(n.podCIDRs),
        pods: [],
      };
      for (const a of n.addresses) {
        const ip = ipFrom(a.address);
        if (!ip) continue;
        const canon = canonicalText(a.address, ip);
        if (ne.allIps.has(canon)) continue;
        ne.allIps.add(canon);
        own(canon, { kind: 'node', node: ne });
      }
      for (const r of ne.ranges) {
        const k = `${r.family}/${r.prefix}/${r.base}`;
        if (!ce.rangeIndex.has(k)) ce.rangeIndex.set(k, ne);
        const ps = ce.rangePrefixes[r.family];
        if (!ps.includes(r.prefix)) ps.push(r.prefix);
      }
      ce.nodes.push(ne);
      if (!ce.nodesByName.has(n.name)) ce.nodesByName.set(n.name, ne);
    }

    for (const p of c.pods) {
      const ns = p.namespace ?? DEFAULTS.namespace;
      const node = ce.nodesByName.get(p.nodeName) ?? null;
      const hostNetwork = p.hostNetwork === true;
      const pe: PodEntry = {
        kind: 'pod',
        cluster: ce,
        pod: p,
        name: p.name,
        namespace: ns,
        ref: podRef(c.name, ns, p.name),
        node,
        addrs: hostNetwork ? (node?.addrs ?? []) : addrsOf(p.podIPs),
        hostNetwork,
      };
      ce.pods.push(pe);
      if (!ce.podsByKey.has(key2(ns, p.name))) ce.podsByKey.set(key2(ns, p.name), pe);
      push(ce.podsByName, p.name, pe);
      node?.pods.push(pe);
      if (!hostNetwork) for (const a of pe.addrs) own(a.ip, { kind: 'pod', pod: pe });
      for (const [k, v] of Object.entries(p.labels ?? {})) push(ce.labelIndex, `${k}=${v}`, pe);
      for (const port of p.ports ?? []) {
        if (port.hostPort === undefined || !node) continue;
        const k = `${node.name}|${port.protocol ?? DEFAULTS.protocol}/${port.hostPort}`;
        if (!ce.hostPorts.has(k)) ce.hostPorts.set(k, { pod: pe, port });
      }
    }

    for (const svc of c.services) {
      const ns = svc.namespace ?? DEFAULTS.namespace;
      const headless = (svc.clusterIPs ?? []).includes('None');
      const se: ServiceEntry = {
        kind: 'service',
        cluster: ce,
        svc,
        name: svc.name,
        namespace: ns,
        ref: serviceRef(c.name, ns, svc.name),
        clusterIPs: headless ? [] : addrsOf(svc.clusterIPs),
        headless,
        lbIPs: addrsOf(svc.loadBalancerIngress),
      };
      ce.services.push(se);
      if (!ce.servicesByKey.has(key2(ns, svc.name))) ce.servicesByKey.set(key2(ns, svc.name), se);
      push(ce.servicesByName, svc.name, se);
      for (const a of se.clusterIPs) own(a.ip, { kind: 'clusterIP', svc: se });
      for (const a of se.lbIPs) own(a.ip, { kind: 'lb', svc: se });
      const type = svc.type ?? DEFAULTS.serviceType;
      if (type !== 'ClusterIP') {
        for (const port of svc.ports) {
          if (port.nodePort === undefined) continue;
          const k = `${port.protocol ?? DEFAULTS.protocol}/${port.nodePort}`;
          if (!ce.nodePorts.has(k)) ce.nodePorts.set(k, { svc: se, port });
        }
      }
    }

    for (const g of c.gateways ?? []) {
      const ge: GatewayEntry = {
        kind: 'gateway',
        cluster: ce,
        gw: g,
        name: g.name,
        ref: gatewayRef(c.name, g.name),
        addrs: addrsOf(g.addresses),
      };
      ce.gateways.push(ge);
      if (!ce.gatewaysByName.has(g.name)) ce.gatewaysByName.set(g.name, ge);
      if (g.kind !== 'nodes') for (const a of ge.addrs) own(a.ip, { kind: 'gateway', gw: ge });
    }
  }

  const hosts: HostEntry[] = [];
  const hostsByName = new Map<string, HostEntry>();
  for (const h of s.hosts ?? []) {
    const he: HostEntry = {
      kind: 'host',
      host: h,
      name: h.name,
      ref: hostRef(h.name),
      addrs: addrsOf(h.addresses),
      network: h.network ?? null,
    };
    hosts.push(he);
    if (!hostsByName.has(h.name)) hostsByName.set(h.name, he);
    for (const a of he.addrs) own(a.ip, { kind: 'host', host: he });
  }

  const networkCidrs = new Map<string, Cidr[]>();
  for (const n of s.networks) networkCidrs.set(n.name, cidrs(n.cidrs));

  return {
    scenario: s,
    clusters,
    clustersByName: new Map(clusters.map((c) => [c.name, c])),
    hosts,
    hostsByName,
    owners,
    networkCidrs,
    multiCluster: clusters.length > 1,
  };
}

/* ---------------------------------------------------------------------------------------- */
/* Lookups                                                                                  */
/* ---------------------------------------------------------------------------------------- */

export function ownersOf(ix: ScenarioIndex, ip: string): Owner[] {
  return ix.owners.get(ipCanonical(ip)) ?? [];
}

/** The node of cluster `c` whose pod range holds `ip`, if any. */
export function nodeForPodIp(c: ClusterEntry, ip: IpAddr): NodeEntry | null {
  const bits = familyBits(ip.family);
  for (const prefix of c.rangePrefixes[ip.family]) {
    const host = BigInt(bits - prefix);
    const base = (ip.value >> host) << host;
    const hit = c.rangeIndex.get(`${ip.family}/${prefix}/${base}`);
    if (hit) return hit;
  }
  return null;
}

export const inAny = (list: readonly Cidr[], ip: IpAddr): boolean =>
  list.some((c) => cidrContainsIp(c, ip));

export function addrOf(addrs: Addrs, family: IpFamily): string | null {
  return addrs.find((a) => a.family === family)?.ip ?? null;
}

function matchesSelector(pod: PodEntry, sel: Record<string, string>): boolean {
  const labels = pod.pod.labels ?? {};
  for (const [k, v] of Object.entries(sel)) if (labels[k] !== v) return false;
  return true;
}

/** Pods a selector picks, in scenario order, through the label index. */
export function selectPods(
  c: ClusterEntry,
  namespace: string,
  sel: Record<string, string>,
): PodEntry[] {
  const terms = Object.entries(sel);
  if (terms.length === 0) return [];
  let smallest: PodEntry[] | undefined;
  for (const [k, v] of terms) {
    const list = c.labelIndex.get(`${k}=${v}`);
    if (!list) return [];
    if (!smallest || list.length < smallest.length) smallest = list;
  }
  return (smallest ?? []).filter((p) => p.namespace === namespace && matchesSelector(p, sel));
}

/**
 * The backends of one Service port in one family, as the EndpointSlice controller lists them:
 * pods the selector picks, with an address of the family, and (for a named targetPort) a
 * container port of that name; hostNetwork pods are listed with their node's address.
 * (pkg/controller/endpointslice: a pod without the named port is skipped.)
 */
export function serviceEndpoints(
  svc: ServiceEntry,
  port: ServicePort,
  family: IpFamily,
): BackendEndpoint[] {
  const c = svc.cluster;
  const key = `${svc.namespace}/${svc.name}|${port.port}/${port.protocol ?? DEFAULTS.protocol}|${family}`;
  const hit = c.endpointCache.get(key);
  if (hit) return hit;
  const out: BackendEndpoint[] = [];
  const target = port.targetPort ?? port.port;
  const protocol: Protocol = port.protocol ?? DEFAULTS.protocol;
  for (const pod of selectPods(c, svc.namespace, svc.svc.selector ?? {})) {
    const ip = addrOf(pod.addrs, family);
    if (!ip) continue;
    let p: number | null;
    if (typeof target === 'number') p = target;
    else {
      const named = (pod.pod.ports ?? []).find(
        (cp) => cp.name === target && (cp.protocol ?? DEFAULTS.protocol) === protocol,
      );
      p = named ? named.containerPort : null;
    }
    if (p !== null) out.push({ pod, ip, port: p });
  }
  c.endpointCache.set(key, out);
  return out;
}

/** The Service port matching a port number and protocol. */
export function servicePort(
  svc: ServiceEntry,
  port: number,
  protocol: Protocol,
): ServicePort | null {
  return (
    svc.svc.ports.find((p) => p.port === port && (p.protocol ?? DEFAULTS.protocol) === protocol) ??
    null
  );
}

/** Is this address a global unicast one (IPv6 2000::/3)? Pods with GUAs need no masquerade. */
export function isIpv6Global(ip: IpAddr): boolean {
  return ip.family === 'IPv6' && ip.value >> 125n === 1n;
}
