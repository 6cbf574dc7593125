/**
 * Import real cluster state: the output of
 *
 *     kubectl get nodes,pods,services,ingresses -A -o yaml     (or -o json)
 *
 * (a v1 `List`), typed lists (`PodList`, ...), single objects or multi-document YAML become a
 * one-cluster scenario. Addresses are taken as the API reports them (spec.podCIDRs,
 * status.podIPs, spec.clusterIPs, status.loadBalancer.ingress); what the API does not say
 * (the cluster CIDR, the service range, the node network) is inferred as the smallest block
 * covering what was seen, marked `inferred: true`, and said so in a warning.
 *
 * The input is untrusted: every field is checked against the schema's limits, and anything
 * that does not fit is skipped or cut with a warning. Nothing here throws.
 */
import {
  DEFAULTS,
  IpFamilyPolicySchema,
  LIMITS,
  NodeAddressTypeSchema,
  ProtocolSchema,
  SCENARIO_VERSION,
  TrafficPolicySchema,
  type Cluster,
  type ContainerPort,
  type Ingress,
  type IpFamily,
  type Node,
  type Pod,
  type Scenario,
  type Service,
  type ServiceCIDR,
  type ServicePort,
} from '../model/schema';
import { describeValue, shorten } from './issues';
import { inferClusterCIDRs, inferFamilies, inferNetwork, inferServiceCIDRs } from './kubectl-infer';

export interface KubectlImportOptions {
  /** Name of the one cluster. Default "cluster". */
  clusterName?: string;
  /** Name of the scenario. Default "Imported from kubectl". */
  scenarioName?: string;
}

export interface KubectlImport {
  scenario: Scenario;
  warnings: string[];
}

/** Most warnings kept about single objects; the rest are counted. */
export const MAX_IMPORT_WARNINGS = 100;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `o.a.b.c`, or undefined when any step is missing or not an object. Own properties only. */
function get(o: unknown, ...keys: string[]): unknown {
  let v = o;
  for (const k of keys) {
    if (!isObj(v) || !Object.hasOwn(v, k)) return undefined;
    v = v[k];
  }
  return v;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isPort = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;
const show = (s: string): string => JSON.stringify(shorten(s, 80));
/** A value in a warning: strings in quotes, anything else described ("the number 5"). */
const quoted = (v: unknown): string => (typeof v === 'string' ? show(v) : describeValue(v));

const MAX_ADDR = 64; // the schema's limit for an address or CIDR string
const MAX_PORT_NAME = 63;
const MAX_PATH = 1000;
const MAX_INGRESSES = LIMITS.listLength * 16;

class Notes {
  readonly lines: string[] = [];
  private dropped = 0;
  add(line: string): void {
    if (this.lines.length < MAX_IMPORT_WARNINGS) this.lines.push(line);
    else this.dropped++;
  }
  all(): string[] {
    return this.dropped > 0
      ? [...this.lines, `... and ${this.dropped} more warnings like these`]
      : [...this.lines];
  }
}

/** One Kubernetes object found in the input. */
interface K8sObject {
  kind: string;
  apiVersion: string | undefined;
  obj: Obj;
}

/** An object's identity for messages: `Pod kube-system/coredns-1`, `Node kind-worker`. */
interface Ident {
  kind: string;
  name: string;
  namespace: string | undefined;
  label: string;
}

export function importKubectl(docs: unknown[], opts: KubectlImportOptions = {}): KubectlImport {
  const notes = new Notes();
  const inferred: string[] = [];

  const objects = flatten(Array.isArray(docs) ? docs : [docs], notes);
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const known = new Set(['Node', 'Pod', 'Service', 'Ingress', 'ServiceCIDR']);
  for (const o of objects) {
    if (!known.has(o.kind)) {
      const id = identify(o, null);
      notes.add(
        `Skipped ${id ? id.label : `a ${shorten(o.kind, 60)}`}: ${shorten(o.kind, 60)} is not part of the network picture.`,
      );
    }
  }

  // Nodes first, then Services (Ingress backends are resolved against them), then Pods.
  const nodes = importAll(byKind('Node'), LIMITS.nodes, 'Nodes', notes, (o, id) =>
    importNode(o, id, notes),
  );
  const serviceCIDRs = importAll(
    byKind('ServiceCIDR'),
    LIMITS.listLength,
    'ServiceCIDRs',
    notes,
    (o, id) => importServiceCIDR(o, id, notes),
  );
  const services = importAll(byKind('Service'), LIMITS.services, 'Services', notes, (o, id) =>
    importService(o, id, notes),
  );
  const podsWithHosts = importAll(byKind('Pod'), LIMITS.pods, 'Pods', notes, (o, id) =>
    importPod(o, id, notes),
  );
  const ingresses = importAll(byKind('Ingress'), MAX_INGRESSES, 'Ingresses', notes, (o, id) =>
    importIngress(o, id, services, notes),
  );
  const pods = podsWithHosts.map((p) => p.pod);

  addMissingNodes(nodes, podsWithHosts, notes);

  const ipFamilies = inferFamilies(nodes, pods, services, inferred);
  const clusterCIDRs = inferClusterCIDRs(nodes, ipFamilies, inferred);
  const serviceRanges =
    serviceCIDRs.length > 0 ? serviceCIDRs : inferServiceCIDRs(services, ipFamilies, inferred);
  const network = inferNetwork(nodes, ipFamilies, inferred);

  const cluster: Cluster = {
    name: validName(opts.clusterName) ?? 'cluster',
    network: network.name,
    ipFamilies,
    clusterCIDRs,
    serviceCIDRs: serviceRanges,
    nodes,
    pods,
    services,
    ...(ingresses.length > 0 ? { ingresses } : {}),
  };

  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const scenario: Scenario = {
    version: SCENARIO_VERSION,
    name: opts.scenarioName?.slice(0, 200) ?? 'Imported from kubectl',
    description:
      `${count(nodes.length, 'node', 'nodes')}, ${count(pods.length, 'pod', 'pods')}, ` +
      `${count(services.length, 'service', 'services')} and ` +
      `${count(ingresses.length, 'ingress', 'ingresses')} read from kubectl output. ` +
      'The network model is assumed to be flat; address blocks marked "inferred" were guessed from the addresses in use.',
    model: 'flat',
    networks: [network],
    clusters: [cluster],
  };
  return { scenario, warnings: [...inferred, ...notes.all()] };
}

// ---------------------------------------------------------------------------------------------
// Reading the documents

function flatten(docs: readonly unknown[], notes: Notes): K8sObject[] {
  const out: K8sObject[] = [];
  docs.forEach((doc, d) => {
    const where = docs.length > 1 ? `Document ${d + 1}` : 'The document';
    if (!isObj(doc)) {
      notes.add(`${where} is not a Kubernetes object (it is ${describeValue(doc)}); skipped.`);
      return;
    }
    const kind = str(doc.kind);
    const apiVersion = str(doc.apiVersion);
    if (kind === undefined || kind === '') {
      notes.add(`${where} has no kind; skipped.`);
      return;
    }
    if (kind.endsWith('List') && Array.isArray(doc.items)) {
      // `kind: List` (kubectl) items carry their own kind; typed lists (PodList from the API)
      // leave kind and apiVersion off their items.
      const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
      doc.items.forEach((item, i) => {
        if (!isObj(item)) {
          notes.add(
            `Item ${i + 1} of the ${shorten(kind, 60)} is ${describeValue(item)}; skipped.`,
          );
          return;
        }
        const k = str(item.kind) ?? itemKind;
        if (k === undefined || k === '') {
          notes.add(`Item ${i + 1} of the ${shorten(kind, 60)} has no kind; skipped.`);
          return;
        }
        out.push({
          kind: k,
          apiVersion: str(item.apiVersion) ?? (itemKind ? apiVersion : undefined),
          obj: item,
        });
      });
      return;
    }
    out.push({ kind, apiVersion, obj: doc });
  });
  return out;
}

/** Name and namespace of an object, or null (with a warning) when they do not fit. */
function identify(o: K8sObject, notes: Notes | null): Ident | null {
  const kind = shorten(o.kind, 60);
  const name = get(o.obj, 'metadata', 'name');
  const namespace = get(o.obj, 'metadata', 'namespace');
  if (typeof name !== 'string' || name === '') {
    notes?.add(`Skipped a ${kind} without metadata.name.`);
    return null;
  }
  if (name.length > LIMITS.nameLength) {
    notes?.add(
      `Skipped ${kind} ${show(name)}: its name is longer than ${LIMITS.nameLength} characters.`,
    );
    return null;
  }
  if (
    namespace !== undefined &&
    (typeof namespace !== 'string' || namespace === '' || namespace.length > LIMITS.nameLength)
  ) {
    notes?.add(`Skipped ${kind} ${show(name)}: metadata.namespace is not a valid name.`);
    return null;
  }
  const label = namespace
    ? `${kind} ${shorten(namespace, 60)}/${shorten(name, 80)}`
    : `${kind} ${shorten(name, 80)}`;
  return { kind, name, namespace, label };
}

/** Imports every object of one kind, skipping duplicates and stopping at the schema's limit. */
function importAll<T>(
  objects: readonly K8sObject[],
  limit: number,
  plural: string,
  notes: Notes,
  one: (o: K8sObject, id: Ident) => T | null,
): T[] {
  const out: T[] = [];
  const seen = new Set<string>();
  let over = 0;
  for (const o of objects) {
    const id = identify(o, notes);
    if (!id) continue;
    const key = `${id.namespace ?? DEFAULTS.namespace}/${id.name}`;
    if (seen.has(key)) {
      notes.add(`Skipped ${id.label}: it appears more than once; the first one was kept.`);
      continue;
    }
    if (out.length >= limit) {
      over++;
      continue;
    }
    const item = one(o, id);
    if (item !== null) {
      seen.add(key);
      out.push(item);
    }
  }
  if (over > 0)
    notes.add(
      `Only the first ${limit} ${plural} were imported (the limit); ${over} more were skipped.`,
    );
  return out;
}

/** A label map (labels, selector), keeping only entries that fit the schema. */
function labelsOf(
  v: unknown,
  id: Ident,
  field: string,
  notes: Notes,
): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) {
    notes.add(`${id.label}: ${field} is ${describeValue(v)}, not a map; left out.`);
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (k === '__proto__' || k.length > LIMITS.nameLength) {
      notes.add(`${id.label}: ${field} key ${show(k)} is not a valid label key; dropped.`);
    } else if (typeof val !== 'string') {
      notes.add(
        `${id.label}: ${field}[${show(k)}] is ${describeValue(val)}, not a string; dropped.`,
      );
    } else if (val.length > LIMITS.nameLength) {
      notes.add(
        `${id.label}: ${field}[${show(k)}] is longer than ${LIMITS.nameLength} characters; dropped.`,
      );
    } else {
      out[k] = val;
    }
  }
  return out;
}

/** A list of address or CIDR strings that fit the schema (non-empty, at most 64 characters). */
function addressList(values: readonly unknown[], id: Ident, field: string, notes: Notes): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (typeof v === 'string' && v !== '' && v.length <= MAX_ADDR) {
      if (out.length < LIMITS.listLength) out.push(v);
      else {
        notes.add(
          `${id.label}: ${field} has more than ${LIMITS.listLength} entries; the rest were dropped.`,
        );
        break;
      }
    } else {
      notes.add(`${id.label}: ${field} entry ${describeValue(v)} is not an address; dropped.`);
    }
  }
  return out;
}

/** `[{ip: a}, {ip: b}]` (podIPs, hostIPs) or the single legacy field (podIP, hostIP). */
function ipsOf(wrapped: unknown, single: unknown): unknown[] {
  const ips = list(wrapped).map((e) => get(e, 'ip'));
  if (ips.length > 0) return ips;
  return single === undefined || single === '' ? [] : [single];
}

const validName = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' && v.length <= LIMITS.nameLength ? v : undefined;

// ---------------------------------------------------------------------------------------------
// Objects

function importNode(o: K8sObject, id: Ident, notes: Notes): Node {
  const labels = labelsOf(get(o.obj, 'metadata', 'labels'), id, 'metadata.labels', notes);
  const addresses: Node['addresses'] = [];
  for (const a of list(get(o.obj, 'status', 'addresses'))) {
    const type = NodeAddressTypeSchema.safeParse(get(a, 'type'));
    const address = get(a, 'address');
    if (!type.success) {
      notes.add(
        `${id.label}: status.addresses type ${quoted(get(a, 'type'))} is unknown; dropped.`,
      );
    } else if (typeof address !== 'string' || address === '' || address.length > MAX_ADDR) {
      notes.add(
        `${id.label}: status.addresses entry ${describeValue(address)} is not an address; dropped.`,
      );
    } else if (addresses.length >= LIMITS.listLength) {
      notes.add(
        `${id.label}: more than ${LIMITS.listLength} status.addresses; the rest were dropped.`,
      );
      break;
    } else {
      addresses.push({ type: type.data, address });
    }
  }
  // spec.podCIDRs (dual-stack era) wins over the older single spec.podCIDR.
  const specCidrs = list(get(o.obj, 'spec', 'podCIDRs'));
  const rawCidrs =
    specCidrs.length > 0 ? specCidrs : ipsOf(undefined, get(o.obj, 'spec', 'podCIDR'));
  const cidrs = addressList(rawCidrs, id, 'spec.podCIDRs', notes);
  return {
    name: id.name,
    ...(labels ? { labels } : {}),
    addresses,
    ...(cidrs.length > 0 ? { podCIDRs: cidrs } : {}),
  };
}

interface PodWithHost {
  pod: Pod;
  /** status.hostIPs: the node's address, used when the Node itself is not in the input. */
  hostIPs: string[];
}

function importPod(o: K8sObject, id: Ident, notes: Notes): PodWithHost | null {
  const phase = str(get(o.obj, 'status', 'phase'));
  const rawNodeName = get(o.obj, 'spec', 'nodeName');
  if (rawNodeName === undefined || rawNodeName === null || rawNodeName === '') {
    notes.add(
      `Skipped ${id.label}: not scheduled to a node yet (no spec.nodeName${phase ? `, phase ${shorten(phase, 20)}` : ''}).`,
    );
    return null;
  }
  const nodeName = validName(rawNodeName);
  if (nodeName === undefined) {
    notes.add(`Skipped ${id.label}: spec.nodeName is not a valid node name.`);
    return null;
  }
  if (phase === 'Succeeded' || phase === 'Failed') {
    // The kubelet tears down a finished pod's sandbox and the CNI plugin releases its IP, which
    // another pod may already hold; drawing it would show two pods with one address.
    notes.add(
      `Skipped ${id.label}: it has finished (phase ${phase}), so its IP is no longer its own.`,
    );
    return null;
  }
  const labels = labelsOf(get(o.obj, 'metadata', 'labels'), id, 'metadata.labels', notes);
  const hostNetwork = get(o.obj, 'spec', 'hostNetwork') === true;

  const ports: ContainerPort[] = [];
  let tooMany = false;
  for (const c of list(get(o.obj, 'spec', 'containers'))) {
    for (const p of list(get(c, 'ports'))) {
      const port = importContainerPort(p, id, notes);
      if (!port) continue;
      if (ports.length >= LIMITS.listLength) {
        tooMany = true;
        break;
      }
      ports.push(port);
    }
  }
  if (tooMany)
    notes.add(
      `${id.label}: more than ${LIMITS.listLength} container ports; the rest were dropped.`,
    );

  const podIPs = addressList(
    ipsOf(get(o.obj, 'status', 'podIPs'), get(o.obj, 'status', 'podIP')),
    id,
    'status.podIPs',
    notes,
  );
  if (podIPs.length === 0)
    notes.add(`${id.label} has no IP yet (status.podIPs is empty); IPAM will pick one.`);
  const hostIPs = addressList(
    ipsOf(get(o.obj, 'status', 'hostIPs'), get(o.obj, 'status', 'hostIP')),
    id,
    'status.hostIPs',
    notes,
  );

  const pod: Pod = {
    ...(id.namespace !== undefined ? { namespace: id.namespace } : {}),
    name: id.name,
    ...(labels ? { labels } : {}),
    nodeName,
    ...(podIPs.length > 0 ? { podIPs } : {}),
    ...(ports.length > 0 ? { ports } : {}),
    ...(hostNetwork ? { hostNetwork } : {}),
  };
  return { pod, hostIPs };
}

function importContainerPort(p: unknown, id: Ident, notes: Notes): ContainerPort | null {
  const containerPort = get(p, 'containerPort');
  if (!isPort(containerPort)) {
    notes.add(
      `${id.label}: containerPort ${describeValue(containerPort)} is not a port number; dropped.`,
    );
    return null;
  }
  const protocol = get(p, 'protocol');
  const proto = ProtocolSchema.safeParse(protocol);
  if (protocol !== undefined && !proto.success) {
    notes.add(
      `${id.label}: container port ${containerPort} has unknown protocol ${quoted(protocol)}; dropped.`,
    );
    return null;
  }
  const hostPort = get(p, 'hostPort');
  const name = portName(get(p, 'name'), id, `container port ${containerPort}`, notes);
  return {
    ...(name !== undefined ? { name } : {}),
    containerPort,
    ...(isPort(hostPort) ? { hostPort } : {}),
    ...(proto.success ? { protocol: proto.data } : {}),
  };
}

function portName(v: unknown, id: Ident, what: string, notes: Notes): string | undefined {
  if (v === undefined || v === '') return undefined;
  if (typeof v === 'string' && v.length <= MAX_PORT_NAME) return v;
  notes.add(`${id.label}: the name of ${what} is not a valid port name; dropped.`);
  return undefined;
}

function importService(o: K8sObject, id: Ident, notes: Notes): Service | null {
  const rawType = get(o.obj, 'spec', 'type');
  if (rawType === 'ExternalName') {
    notes.add(`Skipped ${id.label}: an ExternalName Service is a DNS alias with no IPs or ports.`);
    return null;
  }
  if (
    rawType !== undefined &&
    rawType !== 'ClusterIP' &&
    rawType !== 'NodePort' &&
    rawType !== 'LoadBalancer'
  ) {
    notes.add(`Skipped ${id.label}: unknown spec.type ${quoted(rawType)}.`);
    return null;
  }
  const selector = labelsOf(get(o.obj, 'spec', 'selector'), id, 'spec.selector', notes);

  const ports: ServicePort[] = [];
  for (const p of list(get(o.obj, 'spec', 'ports'))) {
    const port = importServicePort(p, id, notes);
    if (!port) continue;
    if (ports.length >= LIMITS.listLength) {
      notes.add(`${id.label}: more than ${LIMITS.listLength} spec.ports; the rest were dropped.`);
      break;
    }
    ports.push(port);
  }

  const clusterIPs = addressList(
    list(get(o.obj, 'spec', 'clusterIPs')).length > 0
      ? list(get(o.obj, 'spec', 'clusterIPs'))
      : ipsOf(undefined, get(o.obj, 'spec', 'clusterIP')),
    id,
    'spec.clusterIPs',
    notes,
  );
  const ipFamilies: IpFamily[] = [];
  for (const f of list(get(o.obj, 'spec', 'ipFamilies'))) {
    if ((f === 'IPv4' || f === 'IPv6') && ipFamilies.length < 2) ipFamilies.push(f);
    else notes.add(`${id.label}: spec.ipFamilies entry ${quoted(f)} dropped.`);
  }
  const policy = optionalEnum(
    IpFamilyPolicySchema,
    get(o.obj, 'spec', 'ipFamilyPolicy'),
    id,
    'spec.ipFamilyPolicy',
    notes,
  );
  const etp = optionalEnum(
    TrafficPolicySchema,
    get(o.obj, 'spec', 'externalTrafficPolicy'),
    id,
    'spec.externalTrafficPolicy',
    notes,
  );

  const lbIPs: unknown[] = [];
  for (const ing of list(get(o.obj, 'status', 'loadBalancer', 'ingress'))) {
    const ip = get(ing, 'ip');
    const hostname = get(ing, 'hostname');
    if (ip !== undefined && ip !== '') lbIPs.push(ip);
    else if (typeof hostname === 'string') {
      notes.add(`${id.label}: load balancer ${show(hostname)} is a hostname, not an IP; left out.`);
    }
  }
  const loadBalancerIngress = addressList(lbIPs, id, 'status.loadBalancer.ingress', notes);

  return {
    ...(id.namespace !== undefined ? { namespace: id.namespace } : {}),
    name: id.name,
    ...(rawType !== undefined ? { type: rawType } : {}),
    ...(selector ? { selector } : {}),
    ports,
    ...(clusterIPs.length > 0 ? { clusterIPs } : {}),
    ...(ipFamilies.length > 0 ? { ipFamilies } : {}),
    ...(policy ? { ipFamilyPolicy: policy } : {}),
    ...(etp ? { externalTrafficPolicy: etp } : {}),
    ...(loadBalancerIngress.length > 0 ? { loadBalancerIngress } : {}),
  };
}

function optionalEnum<T extends string>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  v: unknown,
  id: Ident,
  field: string,
  notes: Notes,
): T | undefined {
  if (v === undefined || v === null) return undefined;
  const r = schema.safeParse(v);
  if (r.success) return r.data;
  notes.add(`${id.label}: ${field} ${quoted(v)} is unknown; left out.`);
  return undefined;
}

function importServicePort(p: unknown, id: Ident, notes: Notes): ServicePort | null {
  const port = get(p, 'port');
  if (!isPort(port)) {
    notes.add(`${id.label}: service port ${describeValue(port)} is not a port number; dropped.`);
    return null;
  }
  const protocol = get(p, 'protocol');
  const proto = ProtocolSchema.safeParse(protocol);
  if (protocol !== undefined && !proto.success) {
    notes.add(`${id.label}: port ${port} has unknown protocol ${quoted(protocol)}; dropped.`);
    return null;
  }
  const target = get(p, 'targetPort');
  let targetPort: number | string | undefined;
  if (isPort(target)) targetPort = target;
  else if (typeof target === 'string' && target !== '' && target.length <= MAX_PORT_NAME)
    targetPort = target;
  else if (target !== undefined && target !== 0 && target !== '') {
    notes.add(
      `${id.label}: port ${port} has targetPort ${describeValue(target)}; dropped (defaults to the port).`,
    );
  }
  const nodePort = get(p, 'nodePort');
  const name = portName(get(p, 'name'), id, `port ${port}`, notes);
  return {
    ...(name !== undefined ? { name } : {}),
    ...(proto.success ? { protocol: proto.data } : {}),
    port,
    ...(targetPort !== undefined ? { targetPort } : {}),
    ...(isPort(nodePort) ? { nodePort } : {}),
  };
}

function importServiceCIDR(o: K8sObject, id: Ident, notes: Notes): ServiceCIDR | null {
  const cidrs = addressList(list(get(o.obj, 'spec', 'cidrs')), id, 'spec.cidrs', notes).slice(0, 2);
  if (cidrs.length === 0) {
    notes.add(`Skipped ${id.label}: spec.cidrs is empty.`);
    return null;
  }
  return { name: id.name, cidrs };
}

function importIngress(
  o: K8sObject,
  id: Ident,
  services: readonly Service[],
  notes: Notes,
): Ingress | null {
  if (o.apiVersion !== 'networking.k8s.io/v1') {
    notes.add(
      `Skipped ${id.label}: apiVersion ${quoted(o.apiVersion)} is not read (only networking.k8s.io/v1).`,
    );
    return null;
  }
  const ns = id.namespace ?? DEFAULTS.namespace;
  // The class (spec.ingressClassName, or the older kubernetes.io/ingress.class annotation)
  // names an IngressClass, not the proxy that serves it. A scenario's `controller` must name a
  // proxy gateway or a controller pod (ns/pod), which kubectl output does not tell, so the
  // class is reported and `controller` left for the user to set.
  const className =
    str(get(o.obj, 'spec', 'ingressClassName')) ??
    str(get(o.obj, 'metadata', 'annotations', 'kubernetes.io/ingress.class'));
  if (className !== undefined && className !== '') {
    notes.add(
      `${id.label}: ingress class ${show(className)} names an IngressClass, not the proxy that serves it; set controller to a proxy gateway or the controller pod (ns/pod).`,
    );
  }
  if (get(o.obj, 'spec', 'defaultBackend') !== undefined) {
    notes.add(`${id.label}: spec.defaultBackend is not modelled; left out.`);
  }
  const rules: Ingress['rules'] = [];
  for (const r of list(get(o.obj, 'spec', 'rules'))) {
    if (rules.length >= LIMITS.listLength) {
      notes.add(`${id.label}: more than ${LIMITS.listLength} rules; the rest were dropped.`);
      break;
    }
    const rawHost = get(r, 'host');
    let host: string | undefined;
    if (typeof rawHost === 'string' && rawHost !== '' && rawHost.length <= LIMITS.nameLength)
      host = rawHost;
    else if (rawHost !== undefined && rawHost !== '') {
      notes.add(
        `${id.label}: rule host ${describeValue(rawHost)} is not a valid host; rule skipped.`,
      );
      continue;
    }
    const paths: Ingress['rules'][number]['paths'] = [];
    for (const p of list(get(r, 'http', 'paths'))) {
      if (paths.length >= LIMITS.listLength) {
        notes.add(
          `${id.label}: more than ${LIMITS.listLength} paths in a rule; the rest were dropped.`,
        );
        break;
      }
      const path = importIngressPath(p, id, ns, services, notes);
      if (path) paths.push(path);
    }
    rules.push({ ...(host !== undefined ? { host } : {}), paths });
  }
  return {
    ...(id.namespace !== undefined ? { namespace: id.namespace } : {}),
    name: id.name,
    rules,
  };
}

function importIngressPath(
  p: unknown,
  id: Ident,
  ns: string,
  services: readonly Service[],
  notes: Notes,
): Ingress['rules'][number]['paths'][number] | null {
  const rawPath = get(p, 'path');
  const path = typeof rawPath === 'string' ? rawPath : undefined;
  const where = `${id.label}: path ${show(path ?? '(none)')}`;
  if (path !== undefined && path.length > MAX_PATH) {
    notes.add(`${id.label}: a path longer than ${MAX_PATH} characters was skipped.`);
    return null;
  }
  const pathTypeRaw = get(p, 'pathType');
  const pathType =
    pathTypeRaw === 'Prefix' || pathTypeRaw === 'Exact' || pathTypeRaw === 'ImplementationSpecific'
      ? pathTypeRaw
      : undefined;
  if (pathTypeRaw !== undefined && pathType === undefined) {
    notes.add(`${where} has unknown pathType ${quoted(pathTypeRaw)}; left out.`);
  }
  if (get(p, 'backend', 'resource') !== undefined) {
    notes.add(`${where} points to a resource backend, not a Service; skipped.`);
    return null;
  }
  const service = validName(get(p, 'backend', 'service', 'name'));
  if (service === undefined) {
    notes.add(`${where} has no valid backend.service.name; skipped.`);
    return null;
  }
  let port = get(p, 'backend', 'service', 'port', 'number');
  if (!isPort(port)) {
    const portName = get(p, 'backend', 'service', 'port', 'name');
    if (typeof portName !== 'string') {
      notes.add(`${where} has no backend.service.port; skipped.`);
      return null;
    }
    // A named port is the Service's port name (networking/v1 ServiceBackendPort).
    const svc = services.find(
      (s) => s.name === service && (s.namespace ?? DEFAULTS.namespace) === ns,
    );
    const match = svc?.ports.find((sp) => sp.name === portName);
    if (!svc || !match) {
      notes.add(
        `${where}: backend port ${show(portName)} cannot be resolved (${svc ? `Service ${shorten(service, 80)} has no port of that name` : `Service ${shorten(ns, 60)}/${shorten(service, 80)} is not in the input`}); skipped.`,
      );
      return null;
    }
    port = match.port;
  }
  return {
    ...(path !== undefined ? { path } : {}),
    ...(pathType !== undefined ? { pathType } : {}),
    service,
    port: port as number,
  };
}

/** Pods on nodes that are not in the input (`kubectl get pods` alone): make the node from status.hostIPs. */
function addMissingNodes(nodes: Node[], pods: readonly PodWithHost[], notes: Notes): void {
  const names = new Set(nodes.map((n) => n.name));
  for (const { pod, hostIPs } of pods) {
    if (names.has(pod.nodeName) || nodes.length >= LIMITS.nodes) continue;
    names.add(pod.nodeName);
    nodes.push({
      name: pod.nodeName,
      addresses: hostIPs.map((address) => ({ type: 'InternalIP', address })),
    });
    notes.add(
      `Node ${shorten(pod.nodeName, 80)} is not in the input; it was made from the status.hostIPs of its pods` +
        (hostIPs.length > 0 ? ` (${hostIPs.join(', ')}).` : ' (none known).'),
    );
  }
}
