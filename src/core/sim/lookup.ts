/**
 * Name lookups shared by the endpoint grammar (parseEndpoint) and the engine: a pod, node,
 * Service, gateway or host by name, optionally qualified by cluster and namespace. A name that
 * exists in several clusters or namespaces is refused with the qualified names to choose from.
 */
import { DEFAULTS } from '../model/defaults';
import type {
  ClusterEntry,
  GatewayEntry,
  HostEntry,
  NodeEntry,
  PodEntry,
  ScenarioIndex,
  ServiceEntry,
} from './scenario-index';

export type Found<T> = { ok: true; value: T } | { ok: false; error: string };

const fail = <T>(error: string): Found<T> => ({ ok: false, error });

function clustersFor(ix: ScenarioIndex, cluster: string | undefined): Found<ClusterEntry[]> {
  if (cluster === undefined) {
    if (ix.clusters.length === 0) return fail('the scenario has no cluster');
    return { ok: true, value: ix.clusters };
  }
  const c = ix.clustersByName.get(cluster);
  if (!c) {
    const names = ix.clusters.map((x) => x.name).join(', ');
    return fail(`no cluster "${cluster}" (clusters: ${names || 'none'})`);
  }
  return { ok: true, value: [c] };
}

/** How an object is written in the endpoint grammar, cluster-prefixed when needed. */
export function qualified(
  ix: ScenarioIndex,
  cluster: ClusterEntry,
  kind: string,
  namespace: string | null,
  name: string,
): string {
  const ns = namespace !== null && namespace !== DEFAULTS.namespace ? `${namespace}/` : '';
  return `${ix.multiCluster ? `${cluster.name}:` : ''}${kind}/${ns}${name}`;
}

function pickOne<T extends { cluster: ClusterEntry }>(
  hits: T[],
  what: string,
  label: (t: T) => string,
): Found<T> {
  if (hits.length === 1 && hits[0]) return { ok: true, value: hits[0] };
  if (hits.length === 0) return fail(`no ${what}`);
  return fail(`${what} is ambiguous: it could be ${hits.map(label).join(' or ')}`);
}

function namespaced<T extends { cluster: ClusterEntry; namespace: string }>(
  ix: ScenarioIndex,
  kind: 'pod' | 'svc' | 'lb',
  cluster: string | undefined,
  namespace: string | undefined,
  name: string,
  byKey: (c: ClusterEntry) => Map<string, T>,
  byName: (c: ClusterEntry) => Map<string, T[]>,
): Found<T> {
  const cs = clustersFor(ix, cluster);
  if (!cs.ok) return cs;
  const noun = kind === 'pod' ? 'pod' : 'Service';
  const hits: T[] = [];
  if (namespace !== undefined) {
    for (const c of cs.value) {
      const hit = byKey(c).get(`${namespace}/${name}`);
      if (hit) hits.push(hit);
    }
  } else {
    // Unqualified: the default namespace wins inside a cluster (as kubectl's default), else
    // the only namespace that has the name.
    for (const c of cs.value) {
      const all = byName(c).get(name) ?? [];
      const def = all.find((x) => x.namespace === DEFAULTS.namespace);
      if (def) hits.push(def);
      else hits.push(...all);
    }
  }
  const label = (t: T) => qualified(ix, t.cluster, kind, t.namespace, name);
  const where = namespace !== undefined ? `${namespace}/${name}` : name;
  const what = `${noun} "${where}"${cluster !== undefined ? ` in cluster ${cluster}` : ''}`;
  return pickOne(hits, what, label);
}

export function findPod(
  ix: ScenarioIndex,
  cluster: string | undefined,
  namespace: string | undefined,
  name: string,
): Found<PodEntry> {
  return namespaced(
    ix,
    'pod',
    cluster,
    namespace,
    name,
    (c) => c.podsByKey,
    (c) => c.podsByName,
  );
}

export function findService(
  ix: ScenarioIndex,
  cluster: string | undefined,
  namespace: string | undefined,
  name: string,
  kind: 'svc' | 'lb' = 'svc',
): Found<ServiceEntry> {
  return namespaced(
    ix,
    kind,
    cluster,
    namespace,
    name,
    (c) => c.servicesByKey,
    (c) => c.servicesByName,
  );
}

export function findNode(
  ix: ScenarioIndex,
  cluster: string | undefined,
  name: string,
): Found<NodeEntry> {
  const cs = clustersFor(ix, cluster);
  if (!cs.ok) return cs;
  const hits = cs.value.flatMap((c) => {
    const n = c.nodesByName.get(name);
    return n ? [n] : [];
  });
  const what = `node "${name}"${cluster !== undefined ? ` in cluster ${cluster}` : ''}`;
  return pickOne(hits, what, (n) => qualified(ix, n.cluster, 'node', null, name));
}

export function findGateway(
  ix: ScenarioIndex,
  cluster: string | undefined,
  name: string,
): Found<GatewayEntry> {
  const cs = clustersFor(ix, cluster);
  if (!cs.ok) return cs;
  const hits = cs.value.flatMap((c) => {
    const g = c.gatewaysByName.get(name);
    return g ? [g] : [];
  });
  const what = `gateway "${name}"${cluster !== undefined ? ` in cluster ${cluster}` : ''}`;
  return pickOne(hits, what, (g) => qualified(ix, g.cluster, 'gw', null, name));
}

export function findHost(ix: ScenarioIndex, name: string): Found<HostEntry> {
  const h = ix.hostsByName.get(name);
  if (h) return { ok: true, value: h };
  const names = ix.hosts.map((x) => x.name).join(', ');
  return fail(`no host "${name}" (hosts: ${names || 'none'})`);
}

/** A Service named by a gateway or an Ingress: `ns/name` or `name` (the default namespace). */
export function serviceByRef(
  c: ClusterEntry,
  ref: string,
  defaultNamespace: string = DEFAULTS.namespace,
): ServiceEntry | null {
  const slash = ref.indexOf('/');
  const key = slash >= 0 ? ref : `${defaultNamespace}/${ref}`;
  return c.servicesByKey.get(key) ?? null;
}
