/**
 * Applies a lesson step's declarative changes to a scenario. Pure: the input is never mutated
 * (changed objects are copied), nothing throws; a change that names something the scenario
 * does not have is an error value.
 */
import type { Cluster, Scenario } from '../../core/model/schema';
import { DEFAULTS } from '../../core/model/defaults';
import type { ScenarioChange } from '../types';

export type PatchResult = { ok: true; scenario: Scenario } | { ok: false; error: string };

type Clusters = Scenario['clusters'];

/** Shallow merge where an explicit `undefined` removes the field; the base's name is kept. */
function merge<T extends { name: string }>(base: T, patch: object): T {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  out['name'] = base.name;
  return out as T;
}

const nsOf = (ns: string | undefined): string => ns ?? DEFAULTS.namespace;

function clusterIndex(clusters: Clusters, name: string | undefined): number | string {
  if (name === undefined) {
    return clusters.length === 1
      ? 0
      : `name the cluster: the scenario has ${clusters.length} clusters`;
  }
  const i = clusters.findIndex((c) => c.name === name);
  return i >= 0 ? i : `no cluster named "${name}"`;
}

/** Replaces one cluster with `edit(cluster)`, or reports why it cannot. */
function onCluster(
  s: Scenario,
  name: string | undefined,
  edit: (c: Cluster) => Cluster | string,
): PatchResult {
  const i = clusterIndex(s.clusters, name);
  if (typeof i === 'string') return { ok: false, error: i };
  const c = s.clusters[i];
  if (!c) return { ok: false, error: 'no such cluster' };
  const next = edit(c);
  if (typeof next === 'string') return { ok: false, error: `${c.name}: ${next}` };
  const clusters = s.clusters.slice();
  clusters[i] = next;
  return { ok: true, scenario: { ...s, clusters } };
}

/** Replaces the one item matching `match` with `edit(item)`. */
function replaceIn<T>(list: readonly T[], match: (t: T) => boolean, edit: (t: T) => T): T[] | null {
  const i = list.findIndex(match);
  if (i < 0) return null;
  const out = list.slice();
  out[i] = edit(list[i] as T);
  return out;
}

function applyOne(s: Scenario, ch: ScenarioChange): PatchResult {
  if ('setModel' in ch) return { ok: true, scenario: { ...s, model: ch.setModel } };
  if ('addHost' in ch) {
    if ((s.hosts ?? []).some((h) => h.name === ch.addHost.name)) {
      return { ok: false, error: `a host named "${ch.addHost.name}" exists already` };
    }
    return { ok: true, scenario: { ...s, hosts: [...(s.hosts ?? []), ch.addHost] } };
  }
  if ('setCluster' in ch) {
    return onCluster(s, ch.setCluster.cluster, (c) => merge(c, ch.setCluster.patch));
  }
  if ('setService' in ch) {
    const { cluster, namespace, name, patch } = ch.setService;
    return onCluster(s, cluster, (c) => {
      const services = replaceIn(
        c.services,
        (x) => x.name === name && nsOf(x.namespace) === nsOf(namespace),
        (x) => merge(x, patch),
      );
      return services ? { ...c, services } : `no Service ${nsOf(namespace)}/${name}`;
    });
  }
  if ('setPod' in ch) {
    const { cluster, namespace, name, patch } = ch.setPod;
    return onCluster(s, cluster, (c) => {
      const pods = replaceIn(
        c.pods,
        (x) => x.name === name && nsOf(x.namespace) === nsOf(namespace),
        (x) => merge(x, patch),
      );
      return pods ? { ...c, pods } : `no pod ${nsOf(namespace)}/${name}`;
    });
  }
  if ('setNode' in ch) {
    const { cluster, name, patch } = ch.setNode;
    return onCluster(s, cluster, (c) => {
      const nodes = replaceIn(
        c.nodes,
        (x) => x.name === name,
        (x) => merge(x, patch),
      );
      return nodes ? { ...c, nodes } : `no node ${name}`;
    });
  }
  if ('addNode' in ch) {
    const { cluster, node } = ch.addNode;
    return onCluster(s, cluster, (c) =>
      c.nodes.some((n) => n.name === node.name)
        ? `a node named "${node.name}" exists already`
        : { ...c, nodes: [...c.nodes, node] },
    );
  }
  if ('addPod' in ch) {
    const { cluster, pod } = ch.addPod;
    return onCluster(s, cluster, (c) =>
      c.pods.some((p) => p.name === pod.name && nsOf(p.namespace) === nsOf(pod.namespace))
        ? `a pod ${nsOf(pod.namespace)}/${pod.name} exists already`
        : { ...c, pods: [...c.pods, pod] },
    );
  }
  if ('addService' in ch) {
    const { cluster, service } = ch.addService;
    return onCluster(s, cluster, (c) =>
      c.services.some(
        (x) => x.name === service.name && nsOf(x.namespace) === nsOf(service.namespace),
      )
        ? `a Service ${nsOf(service.namespace)}/${service.name} exists already`
        : { ...c, services: [...c.services, service] },
    );
  }
  if ('addIngress' in ch) {
    const { cluster, ingress } = ch.addIngress;
    return onCluster(s, cluster, (c) => ({ ...c, ingresses: [...(c.ingresses ?? []), ingress] }));
  }
  if ('addGateway' in ch) {
    const { cluster, gateway } = ch.addGateway;
    return onCluster(s, cluster, (c) =>
      (c.gateways ?? []).some((g) => g.name === gateway.name)
        ? `a gateway named "${gateway.name}" exists already`
        : { ...c, gateways: [...(c.gateways ?? []), gateway] },
    );
  }
  if ('addClusterCIDR' in ch) {
    const { cluster, clusterCIDR } = ch.addClusterCIDR;
    return onCluster(s, cluster, (c) => ({ ...c, clusterCIDRs: [...c.clusterCIDRs, clusterCIDR] }));
  }
  if ('addServiceCIDR' in ch) {
    const { cluster, serviceCIDR } = ch.addServiceCIDR;
    return onCluster(s, cluster, (c) => ({ ...c, serviceCIDRs: [...c.serviceCIDRs, serviceCIDR] }));
  }
  if ('removePod' in ch) {
    const { cluster, namespace, name } = ch.removePod;
    return onCluster(s, cluster, (c) => {
      const pods = c.pods.filter(
        (p) => !(p.name === name && nsOf(p.namespace) === nsOf(namespace)),
      );
      return pods.length < c.pods.length ? { ...c, pods } : `no pod ${nsOf(namespace)}/${name}`;
    });
  }
  if ('removeService' in ch) {
    const { cluster, namespace, name } = ch.removeService;
    return onCluster(s, cluster, (c) => {
      const services = c.services.filter(
        (x) => !(x.name === name && nsOf(x.namespace) === nsOf(namespace)),
      );
      return services.length < c.services.length
        ? { ...c, services }
        : `no Service ${nsOf(namespace)}/${name}`;
    });
  }
  return { ok: false, error: `unknown change ${JSON.stringify(Object.keys(ch as object))}` };
}

/** Applies the changes in order; the first one that cannot apply stops with its error. */
export function applyChanges(s: Scenario, changes: readonly ScenarioChange[]): PatchResult {
  let cur = s;
  for (const [i, ch] of changes.entries()) {
    let r: PatchResult;
    try {
      r = applyOne(cur, ch);
    } catch (e) {
      r = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    if (!r.ok) return { ok: false, error: `change ${i + 1}: ${r.error}` };
    cur = r.scenario;
  }
  return { ok: true, scenario: cur };
}
