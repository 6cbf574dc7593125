/**
 * Edits of a scenario, as pure functions: scenario in, scenario (or a refusal) out. The store
 * wraps each in one undo step. Edits work on the sparse scenario the user owns; IPAM fills the
 * rest afterwards, so "addresses are recomputed live": an edit that makes an address stale
 * (a pod IP outside its node's new range, a ClusterIP outside a new service range) drops it
 * and lets IPAM hand out a fresh one, as a re-created object would get in Kubernetes.
 * Rules that are not about shape (overlaps, sizes) are left to validation findings.
 */
import { cidrContainsCidr, cidrContainsIp, cidrFrom, ipFrom, ipString } from '../core/model/cidr';
import { clusterRef, hostRef, nodeRef, podRef, serviceRef } from '../core/model/refs';
import type {
  Cluster,
  Host,
  NetworkModel,
  Node,
  Pod,
  Scenario,
  Service,
  ServiceType,
  TrafficPolicy,
} from '../core/model/schema';
import { DEFAULTS, LIMITS } from '../core/model/defaults';

export type EditResult =
  { ok: true; scenario: Scenario; select?: string | null } | { ok: false; error: string };

const ok = (scenario: Scenario, select?: string | null): EditResult =>
  select === undefined ? { ok: true, scenario } : { ok: true, scenario, select };
const fail = (error: string): EditResult => ({ ok: false, error });

/** Kubernetes object names: RFC 1123 labels/subdomains (lowercase, digits, '-', '.'). */
const NAME_RE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

export function checkName(name: string): string | null {
  if (name.length === 0) return 'A name cannot be empty.';
  if (name.length > 63) return 'Keep names to 63 characters (a DNS label).';
  if (!NAME_RE.test(name)) {
    return 'Use lowercase letters, digits, "-" and "." (an RFC 1123 name, as Kubernetes requires).';
  }
  return null;
}

function updateCluster(
  s: Scenario,
  name: string,
  fn: (c: Cluster) => Cluster | null,
): Scenario | null {
  const i = s.clusters.findIndex((c) => c.name === name);
  const c = s.clusters[i];
  if (!c) return null;
  const next = fn(c);
  if (next === null) return null;
  const clusters = s.clusters.slice();
  clusters[i] = next;
  return { ...s, clusters };
}

function withCluster(s: Scenario, name: string, fn: (c: Cluster) => Cluster | string): EditResult {
  let err: string | null = null;
  const next = updateCluster(s, name, (c) => {
    const r = fn(c);
    if (typeof r === 'string') {
      err = r;
      return null;
    }
    return r;
  });
  if (err !== null) return fail(err);
  return next ? ok(next) : fail(`There is no cluster "${name}".`);
}

/** Pod IPs that no longer sit in one of their node's pod ranges are dropped for IPAM to refill. */
function dropStalePodIPs(c: Cluster, nodeNames?: ReadonlySet<string>): Cluster {
  const ranges = new Map<string, ReturnType<typeof cidrFrom>[]>();
  for (const n of c.nodes)
    ranges.set(
      n.name,
      (n.podCIDRs ?? []).map((t) => cidrFrom(t)),
    );
  let changed = false;
  const pods = c.pods.map((p) => {
    if (p.hostNetwork || !p.podIPs || (nodeNames && !nodeNames.has(p.nodeName))) return p;
    const rs = ranges.get(p.nodeName) ?? [];
    const keep = p.podIPs.filter((ipText) => {
      const ip = ipFrom(ipText);
      return ip !== null && rs.some((r) => r !== null && cidrContainsIp(r, ip));
    });
    if (keep.length === p.podIPs.length) return p;
    changed = true;
    const { podIPs: _drop, ...rest } = p;
    return keep.length > 0 ? { ...rest, podIPs: keep } : rest;
  });
  return changed ? { ...c, pods } : c;
}

/** Node ranges outside every cluster CIDR of their family, or of the wrong size, are dropped. */
function dropStaleNodeRanges(c: Cluster): Cluster {
  const blocks = c.clusterCIDRs.map((b) => ({ cidr: cidrFrom(b.cidr), mask: b.nodeMaskSize }));
  const touched = new Set<string>();
  const nodes = c.nodes.map((n) => {
    if (!n.podCIDRs) return n;
    const keep = n.podCIDRs.filter((t) => {
      const r = cidrFrom(t);
      return (
        r !== null &&
        blocks.some((b) => b.cidr !== null && b.mask === r.prefix && cidrContainsCidr(b.cidr, r))
      );
    });
    if (keep.length === n.podCIDRs.length) return n;
    touched.add(n.name);
    const { podCIDRs: _drop, ...rest } = n;
    return keep.length > 0 ? { ...rest, podCIDRs: keep } : rest;
  });
  if (touched.size === 0) return c;
  return dropStalePodIPs({ ...c, nodes }, touched);
}

function dropStaleClusterIPs(c: Cluster): Cluster {
  const ranges = c.serviceCIDRs.flatMap((sc) => sc.cidrs.map((t) => cidrFrom(t)));
  let changed = false;
  const services = c.services.map((svc) => {
    if (!svc.clusterIPs || svc.clusterIPs[0] === 'None') return svc;
    const keep = svc.clusterIPs.filter((t) => {
      const ip = ipFrom(t);
      return ip !== null && ranges.some((r) => r !== null && cidrContainsIp(r, ip));
    });
    if (keep.length === svc.clusterIPs.length) return svc;
    changed = true;
    const { clusterIPs: _drop, ...rest } = svc;
    return keep.length > 0 ? { ...rest, clusterIPs: keep } : rest;
  });
  return changed ? { ...c, services } : c;
}

// ---------------------------------------------------------------- scenario-wide

export function setModel(s: Scenario, model: NetworkModel): EditResult {
  return s.model === model ? fail('That is already the network model.') : ok({ ...s, model });
}

export function setNetworkCIDR(
  s: Scenario,
  network: string,
  index: number,
  text: string,
): EditResult {
  const t = text.trim();
  if (!cidrFrom(t)) return fail(`"${t}" is not a CIDR block (like 10.0.0.0/8 or fd00::/8).`);
  const i = s.networks.findIndex((n) => n.name === network);
  const n = s.networks[i];
  if (!n) return fail(`There is no network "${network}".`);
  const cidrs = n.cidrs.slice();
  cidrs[Math.min(index, cidrs.length)] = t;
  const networks = s.networks.slice();
  networks[i] = { ...n, cidrs };
  return ok({ ...s, networks });
}

// ---------------------------------------------------------------- clusters

function uniqueName(taken: (name: string) => boolean, stem: string): string {
  for (let i = 1; i < 100_000; i++) {
    const n = `${stem}${i}`;
    if (!taken(n)) return n;
  }
  return `${stem}${Date.now()}`;
}

export function addCluster(s: Scenario): EditResult {
  if (s.clusters.length >= LIMITS.clusters) return fail(`At most ${LIMITS.clusters} clusters.`);
  const name = uniqueName((n) => s.clusters.some((c) => c.name === n), 'cluster-');
  // The next free 10.N.0.0/16 as cluster CIDR, like the talk's second cluster 10.1.0.0/16.
  const used = new Set(s.clusters.flatMap((c) => c.clusterCIDRs.map((b) => b.cidr)));
  let k = 0;
  while (used.has(`10.${k}.0.0/16`) && k < 95) k++;
  const nodeIp = nextNodeAddress(s, 'IPv4');
  const cluster: Cluster = {
    name,
    ...(s.networks[0] ? { network: s.networks[0].name } : {}),
    ipFamilies: ['IPv4'],
    clusterCIDRs: [{ cidr: `10.${k}.0.0/16`, nodeMaskSize: 24 }],
    serviceCIDRs: [{ name: 'kubernetes', cidrs: ['10.96.0.0/12'] }],
    nodes: [{ name: 'node1', addresses: nodeIp ? [{ type: 'InternalIP', address: nodeIp }] : [] }],
    pods: [],
    services: [],
  };
  return ok({ ...s, clusters: [...s.clusters, cluster] }, clusterRef(name));
}

export function removeCluster(s: Scenario, name: string): EditResult {
  if (!s.clusters.some((c) => c.name === name)) return fail(`There is no cluster "${name}".`);
  const archipelagos = s.archipelagos
    ?.map((a) => ({ ...a, clusters: a.clusters.filter((c) => c !== name) }))
    .filter((a) => a.clusters.length > 0);
  return ok(
    {
      ...s,
      clusters: s.clusters.filter((c) => c.name !== name),
      ...(archipelagos ? { archipelagos } : {}),
    },
    null,
  );
}

export function renameCluster(s: Scenario, from: string, to: string): EditResult {
  const t = to.trim();
  const bad = checkName(t);
  if (bad) return fail(bad);
  if (t === from) return fail('That is already its name.');
  if (s.clusters.some((c) => c.name === t)) return fail(`A cluster "${t}" already exists.`);
  const r = withCluster(s, from, (c) => ({ ...c, name: t }));
  if (!r.ok) return r;
  const archipelagos = r.scenario.archipelagos?.map((a) => ({
    ...a,
    clusters: a.clusters.map((c) => (c === from ? t : c)),
  }));
  return ok({ ...r.scenario, ...(archipelagos ? { archipelagos } : {}) }, clusterRef(t));
}

/** Change `clusterCIDRs[index].cidr` (kube-controller-manager --cluster-cidr). */
export function setClusterCIDR(
  s: Scenario,
  cluster: string,
  index: number,
  text: string,
): EditResult {
  const t = text.trim();
  const c = cidrFrom(t);
  if (!c) return fail(`"${t}" is not a CIDR block (like 10.0.0.0/16 or fd00:10::/56).`);
  return withCluster(s, cluster, (cl) => {
    const b = cl.clusterCIDRs[index];
    if (!b) return `The cluster has no cluster CIDR #${index + 1}.`;
    const clusterCIDRs = cl.clusterCIDRs.slice();
    clusterCIDRs[index] = { ...b, cidr: t };
    return dropStaleNodeRanges({ ...cl, clusterCIDRs });
  });
}

/** Change `clusterCIDRs[index].nodeMaskSize` (--node-cidr-mask-size-ipv4/-ipv6). */
export function setNodeMaskSize(
  s: Scenario,
  cluster: string,
  index: number,
  mask: number,
): EditResult {
  if (!Number.isInteger(mask) || mask < 0 || mask > 128)
    return fail('A mask size is a whole number 0-128.');
  return withCluster(s, cluster, (cl) => {
    const b = cl.clusterCIDRs[index];
    if (!b) return `The cluster has no cluster CIDR #${index + 1}.`;
    const clusterCIDRs = cl.clusterCIDRs.slice();
    clusterCIDRs[index] = { ...b, nodeMaskSize: mask };
    return dropStaleNodeRanges({ ...cl, clusterCIDRs });
  });
}

/** Change `serviceCIDRs[index].cidrs[cidrIndex]` (--service-cluster-ip-range / ServiceCIDR). */
export function setServiceCIDR(
  s: Scenario,
  cluster: string,
  index: number,
  cidrIndex: number,
  text: string,
): EditResult {
  const t = text.trim();
  if (!cidrFrom(t)) return fail(`"${t}" is not a CIDR block (like 10.96.0.0/12 or fd03::/112).`);
  return withCluster(s, cluster, (cl) => {
    const sc = cl.serviceCIDRs[index];
    if (!sc) return `The cluster has no service range #${index + 1}.`;
    const cidrs = sc.cidrs.slice();
    cidrs[Math.min(cidrIndex, cidrs.length)] = t;
    const serviceCIDRs = cl.serviceCIDRs.slice();
    serviceCIDRs[index] = { ...sc, cidrs };
    return dropStaleClusterIPs({ ...cl, serviceCIDRs });
  });
}

export function setPodNetwork(
  s: Scenario,
  cluster: string,
  mode: 'routed' | 'overlay',
): EditResult {
  return withCluster(s, cluster, (cl) => ({ ...cl, podNetwork: mode }));
}

export function setMasquerade(s: Scenario, cluster: string, enabled: boolean): EditResult {
  return withCluster(s, cluster, (cl) => ({
    ...cl,
    masquerade: { ...(cl.masquerade ?? {}), enabled },
  }));
}

// ---------------------------------------------------------------- nodes

/** The address after the highest node address of that family in the scenario. */
function nextNodeAddress(s: Scenario, family: 'IPv4' | 'IPv6'): string | null {
  let max: bigint | null = null;
  for (const c of s.clusters) {
    for (const n of c.nodes) {
      for (const a of n.addresses) {
        const ip = ipFrom(a.address);
        if (ip && ip.family === family && (max === null || ip.value > max)) max = ip.value;
      }
    }
  }
  if (max === null) return family === 'IPv4' ? '10.240.0.1' : null;
  return ipString(family, max + 1n);
}

export function addNode(s: Scenario, cluster: string): EditResult {
  const cl = s.clusters.find((c) => c.name === cluster);
  if (!cl) return fail(`There is no cluster "${cluster}".`);
  if (cl.nodes.length >= LIMITS.nodes) return fail(`At most ${LIMITS.nodes} nodes.`);
  const name = uniqueName((n) => cl.nodes.some((x) => x.name === n), 'node');
  const addresses: Node['addresses'] = [];
  for (const fam of cl.ipFamilies) {
    const a = nextNodeAddress(s, fam);
    if (a) addresses.push({ type: 'InternalIP', address: a });
  }
  const r = withCluster(s, cluster, (c) => ({ ...c, nodes: [...c.nodes, { name, addresses }] }));
  return r.ok ? ok(r.scenario, nodeRef(cluster, name)) : r;
}

export function removeNode(s: Scenario, cluster: string, node: string): EditResult {
  const r = withCluster(s, cluster, (c) =>
    c.nodes.some((n) => n.name === node)
      ? {
          ...c,
          nodes: c.nodes.filter((n) => n.name !== node),
          // Its pods go with it (the picture has no scheduler to move them).
          pods: c.pods.filter((p) => p.nodeName !== node),
        }
      : `There is no node "${node}".`,
  );
  return r.ok ? ok(r.scenario, clusterRef(cluster)) : r;
}

export function renameNode(s: Scenario, cluster: string, from: string, to: string): EditResult {
  const t = to.trim();
  const bad = checkName(t);
  if (bad) return fail(bad);
  const r = withCluster(s, cluster, (c) => {
    if (!c.nodes.some((n) => n.name === from)) return `There is no node "${from}".`;
    if (t !== from && c.nodes.some((n) => n.name === t)) return `A node "${t}" already exists.`;
    return {
      ...c,
      nodes: c.nodes.map((n) => (n.name === from ? { ...n, name: t } : n)),
      pods: c.pods.map((p) => (p.nodeName === from ? { ...p, nodeName: t } : p)),
    };
  });
  return r.ok ? ok(r.scenario, nodeRef(cluster, t)) : r;
}

/** Set `status.addresses[index].address` (an InternalIP). An empty text removes it. */
export function setNodeAddress(
  s: Scenario,
  cluster: string,
  node: string,
  index: number,
  text: string,
): EditResult {
  const t = text.trim();
  if (t !== '' && !ipFrom(t)) return fail(`"${t}" is not an IP address.`);
  return withCluster(s, cluster, (c) => {
    const n = c.nodes.find((x) => x.name === node);
    if (!n) return `There is no node "${node}".`;
    let addresses = n.addresses.slice();
    if (t === '') addresses = addresses.filter((_, i) => i !== index);
    else if (index >= addresses.length) addresses.push({ type: 'InternalIP', address: t });
    else addresses[index] = { ...(addresses[index] as Node['addresses'][number]), address: t };
    return { ...c, nodes: c.nodes.map((x) => (x === n ? { ...n, addresses } : x)) };
  });
}

/** Set `spec.podCIDRs[index]`; empty text gives the range back to IPAM. */
export function setNodePodCIDR(
  s: Scenario,
  cluster: string,
  node: string,
  index: number,
  text: string,
): EditResult {
  const t = text.trim();
  if (t !== '' && !cidrFrom(t)) return fail(`"${t}" is not a CIDR block (like 10.0.1.0/24).`);
  return withCluster(s, cluster, (c) => {
    const n = c.nodes.find((x) => x.name === node);
    if (!n) return `There is no node "${node}".`;
    let podCIDRs = (n.podCIDRs ?? []).slice();
    if (t === '') podCIDRs = podCIDRs.filter((_, i) => i !== index);
    else podCIDRs[Math.min(index, podCIDRs.length)] = t;
    const { podCIDRs: _old, ...rest } = n;
    const next: Node = podCIDRs.length > 0 ? { ...rest, podCIDRs } : rest;
    return dropStalePodIPs(
      { ...c, nodes: c.nodes.map((x) => (x === n ? next : x)) },
      new Set([node]),
    );
  });
}

// ---------------------------------------------------------------- pods

/** A namespaced object (pod, Service) by namespace and name; no namespace means `default`. */
const sameObject = (
  o: { namespace?: string; name: string },
  ns: string | undefined,
  name: string,
) => (o.namespace ?? DEFAULTS.namespace) === (ns ?? DEFAULTS.namespace) && o.name === name;

/** Remove a pod or Service by namespace and name; the cluster is selected afterwards. */
function removeNamespaced(
  s: Scenario,
  cluster: string,
  key: 'pods' | 'services',
  what: string,
  ns: string | undefined,
  name: string,
): EditResult {
  const r = withCluster(s, cluster, (c) => {
    const list: ReadonlyArray<{ namespace?: string; name: string }> = c[key];
    return list.some((o) => sameObject(o, ns, name))
      ? { ...c, [key]: list.filter((o) => !sameObject(o, ns, name)) }
      : `There is no ${what} "${name}".`;
  });
  return r.ok ? ok(r.scenario, clusterRef(cluster)) : r;
}

export function addPod(s: Scenario, cluster: string, node: string): EditResult {
  const cl = s.clusters.find((c) => c.name === cluster);
  if (!cl) return fail(`There is no cluster "${cluster}".`);
  if (!cl.nodes.some((n) => n.name === node)) return fail(`There is no node "${node}".`);
  if (cl.pods.length >= LIMITS.pods) return fail(`At most ${LIMITS.pods} pods.`);
  const name = uniqueName((n) => cl.pods.some((p) => sameObject(p, undefined, n)), 'pod-');
  const pod: Pod = { name, nodeName: node, labels: { app: name } };
  const r = withCluster(s, cluster, (c) => ({ ...c, pods: [...c.pods, pod] }));
  return r.ok ? ok(r.scenario, podRef(cluster, undefined, name)) : r;
}

export function removePod(
  s: Scenario,
  cluster: string,
  ns: string | undefined,
  name: string,
): EditResult {
  return removeNamespaced(s, cluster, 'pods', 'pod', ns, name);
}

export function renamePod(
  s: Scenario,
  cluster: string,
  ns: string | undefined,
  from: string,
  to: string,
): EditResult {
  const t = to.trim();
  const bad = checkName(t);
  if (bad) return fail(bad);
  const r = withCluster(s, cluster, (c) => {
    if (!c.pods.some((p) => sameObject(p, ns, from))) return `There is no pod "${from}".`;
    if (t !== from && c.pods.some((p) => sameObject(p, ns, t)))
      return `A pod "${t}" already exists.`;
    return { ...c, pods: c.pods.map((p) => (sameObject(p, ns, from) ? { ...p, name: t } : p)) };
  });
  return r.ok ? ok(r.scenario, podRef(cluster, ns, t)) : r;
}

/** Set `status.podIPs[index]`; empty text gives the address back to IPAM. */
export function setPodIP(
  s: Scenario,
  cluster: string,
  ns: string | undefined,
  name: string,
  index: number,
  text: string,
): EditResult {
  const t = text.trim();
  if (t !== '' && !ipFrom(t)) return fail(`"${t}" is not an IP address.`);
  return withCluster(s, cluster, (c) => {
    const p = c.pods.find((x) => sameObject(x, ns, name));
    if (!p) return `There is no pod "${name}".`;
    let podIPs = (p.podIPs ?? []).slice();
    if (t === '') podIPs = podIPs.filter((_, i) => i !== index);
    else podIPs[Math.min(index, podIPs.length)] = t;
    const { podIPs: _old, ...rest } = p;
    const next: Pod = podIPs.length > 0 ? { ...rest, podIPs } : rest;
    return { ...c, pods: c.pods.map((x) => (x === p ? next : x)) };
  });
}

/** Move a pod to another node (`spec.nodeName`); it gets a new IP from that node's range. */
export function movePod(
  s: Scenario,
  cluster: string,
  ns: string | undefined,
  name: string,
  node: string,
): EditResult {
  return withCluster(s, cluster, (c) => {
    if (!c.nodes.some((n) => n.name === node)) return `There is no node "${node}".`;
    const p = c.pods.find((x) => sameObject(x, ns, name));
    if (!p) return `There is no pod "${name}".`;
    const { podIPs: _old, ...rest } = p;
    const next: Pod = p.hostNetwork ? { ...p, nodeName: node } : { ...rest, nodeName: node };
    return { ...c, pods: c.pods.map((x) => (x === p ? next : x)) };
  });
}

// ---------------------------------------------------------------- services

function withService(
  s: Scenario,
  cluster: string,
  ns: string | undefined,
  name: string,
  fn: (v: Service) => Service | string,
): EditResult {
  return withCluster(s, cluster, (c) => {
    const v = c.services.find((x) => sameObject(x, ns, name));
    if (!v) return `There is no Service "${name}".`;
    const next = fn(v);
    if (typeof next === 'string') return next;
    return { ...c, services: c.services.map((x) => (x === v ? next : x)) };
  });
}

/** Add a ClusterIP Service selecting a pod's `app` label (the first pod's when none given). */
export function addService(
  s: Scenario,
  cluster: string,
  forPod?: { ns?: string; name: string },
): EditResult {
  const cl = s.clusters.find((c) => c.name === cluster);
  if (!cl) return fail(`There is no cluster "${cluster}".`);
  if (cl.services.length >= LIMITS.services) return fail(`At most ${LIMITS.services} Services.`);
  const pod = forPod ? cl.pods.find((p) => sameObject(p, forPod.ns, forPod.name)) : cl.pods[0];
  const stem = pod ? `${pod.name}-svc` : 'svc';
  const name = cl.services.some((v) => sameObject(v, undefined, stem))
    ? uniqueName((n) => cl.services.some((v) => sameObject(v, undefined, n)), `${stem}-`)
    : stem;
  const target = pod?.ports?.[0]?.containerPort ?? 80;
  const svc: Service = {
    name,
    type: 'ClusterIP',
    ...(pod
      ? {
          selector:
            pod.labels && Object.keys(pod.labels).length > 0 ? pod.labels : { app: pod.name },
        }
      : {}),
    ports: [{ port: 80, targetPort: target, protocol: 'TCP' }],
  };
  // A pod with no labels needs one for the selector to match.
  const r = withCluster(s, cluster, (c) => ({
    ...c,
    pods:
      pod && (!pod.labels || Object.keys(pod.labels).length === 0)
        ? c.pods.map((p) => (p === pod ? { ...p, labels: { app: pod.name } } : p))
        : c.pods,
    services: [...c.services, svc],
  }));
  return r.ok ? ok(r.scenario, serviceRef(cluster, undefined, name)) : r;
}

export function removeService(
  s: Scenario,
  cluster: string,
  ns: string | undefined,
  name: string,
): EditResult {
  return removeNamespaced(s, cluster, 'services', 'Service', ns, name);
}

export function renameService(
  s: Scenario,
  cluster: string,
  ns: string | undefined,
  from: string,
  to: string,
): EditResult {
  const t = to.trim();
  const bad = checkName(t);
  if (bad) return fail(bad);
  const cl = s.clusters.find((c) => c.name === cluster);
  if (cl && t !== from && cl.services.some((v) => sameObject(v, ns, t)))
    return fail(`A Service "${t}" already exists.`);
  const r = withService(s, cluster, ns, from, (v) => ({ ...v, name: t }));
  return r.ok ? ok(r.scenario, serviceRef(cluster, ns, t)) : r;
}

/**
 * `spec.type`. Going to ClusterIP drops nodePorts and the load balancer status (Kubernetes
 * clears nodePort on such an update); NodePort and LoadBalancer get NodePorts from IPAM.
 */
export function setServiceType(
  s: Scenario,
  cluster: string,
  ns: string | undefined,
  name: string,
  type: ServiceType,
): EditResult {
  return withService(s, cluster, ns, name, (v) => {
    if ((v.type ?? 'ClusterIP') === type) return 'That is already its type.';
    if (v.clusterIPs?.[0] === 'None' && type !== 'ClusterIP')
      return 'A headless Service can only be ClusterIP.';
    const ports = type === 'ClusterIP' ? v.ports.map(({ nodePort: _n, ...p }) => p) : v.ports;
    const { loadBalancerIngress: _lb, externalTrafficPolicy: _etp, ...rest } = v;
    const base: Service = type === 'LoadBalancer' ? { ...v, ports } : { ...rest, ports };
    if (type === 'NodePort' && v.externalTrafficPolicy)
      base.externalTrafficPolicy = v.externalTrafficPolicy;
    return { ...base, type };
  });
}

/** `spec.externalTrafficPolicy` (NodePort and LoadBalancer only). */
export function setTrafficPolicy(
  s: Scenario,
  cluster: string,
  ns: string | undefined,
  name: string,
  policy: TrafficPolicy,
): EditResult {
  return withService(s, cluster, ns, name, (v) =>
    (v.type ?? 'ClusterIP') === 'ClusterIP'
      ? 'externalTrafficPolicy applies to NodePort and LoadBalancer Services only.'
      : { ...v, externalTrafficPolicy: policy },
  );
}

/** Set one field of `spec.ports[index]`. */
export function setServicePort(
  s: Scenario,
  cluster: string,
  ns: string | undefined,
  name: string,
  index: number,
  field: 'port' | 'targetPort' | 'nodePort',
  value: number | null,
): EditResult {
  if (value !== null && (!Number.isInteger(value) || value < 1 || value > 65535)) {
    return fail('A port is a whole number 1-65535.');
  }
  return withService(s, cluster, ns, name, (v) => {
    const p = v.ports[index];
    if (!p) return `The Service has no port #${index + 1}.`;
    if (field === 'port' && value === null) return 'A Service port needs a number.';
    const next = { ...p };
    if (value === null) delete next[field];
    else next[field] = value;
    const ports = v.ports.slice();
    ports[index] = next;
    return { ...v, ports };
  });
}

/** Set `spec.clusterIPs[index]`; empty text gives it back to IPAM. */
export function setClusterIP(
  s: Scenario,
  cluster: string,
  ns: string | undefined,
  name: string,
  index: number,
  text: string,
): EditResult {
  const t = text.trim();
  if (t !== '' && t !== 'None' && !ipFrom(t))
    return fail(`"${t}" is not an IP address (or "None").`);
  return withService(s, cluster, ns, name, (v) => {
    let ips = (v.clusterIPs ?? []).slice();
    if (t === '') ips = ips.filter((_, i) => i !== index);
    else ips[Math.min(index, ips.length)] = t;
    const { clusterIPs: _old, ...rest } = v;
    return ips.length > 0 ? { ...rest, clusterIPs: ips } : rest;
  });
}

// ---------------------------------------------------------------- hosts and gateways

export function renameHost(s: Scenario, from: string, to: string): EditResult {
  const t = to.trim();
  if (t.length === 0) return fail('A name cannot be empty.');
  const hosts = s.hosts ?? [];
  if (!hosts.some((h) => h.name === from)) return fail(`There is no host "${from}".`);
  if (t !== from && hosts.some((h) => h.name === t)) return fail(`A host "${t}" already exists.`);
  return ok(
    { ...s, hosts: hosts.map((h) => (h.name === from ? { ...h, name: t } : h)) },
    hostRef(t),
  );
}

export function setHostAddress(s: Scenario, host: string, index: number, text: string): EditResult {
  const t = text.trim();
  if (!ipFrom(t)) return fail(`"${t}" is not an IP address.`);
  const hosts = s.hosts ?? [];
  const h = hosts.find((x) => x.name === host);
  if (!h) return fail(`There is no host "${host}".`);
  const addresses = h.addresses.slice();
  addresses[Math.min(index, addresses.length)] = t;
  const next: Host = { ...h, addresses };
  return ok({ ...s, hosts: hosts.map((x) => (x === h ? next : x)) });
}

export function setGatewayAddress(
  s: Scenario,
  cluster: string,
  gw: string,
  index: number,
  text: string,
): EditResult {
  const t = text.trim();
  if (t !== '' && !ipFrom(t)) return fail(`"${t}" is not an IP address.`);
  return withCluster(s, cluster, (c) => {
    const g = (c.gateways ?? []).find((x) => x.name === gw);
    if (!g) return `There is no gateway "${gw}".`;
    let addresses = (g.addresses ?? []).slice();
    if (t === '') addresses = addresses.filter((_, i) => i !== index);
    else addresses[Math.min(index, addresses.length)] = t;
    return { ...c, gateways: (c.gateways ?? []).map((x) => (x === g ? { ...g, addresses } : x)) };
  });
}
