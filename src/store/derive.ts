/**
 * Derived view data: scenario -> (IPAM fill, validation, layout, a record per object ref).
 * Computed once per scenario object (a WeakMap keyed by identity: the store replaces the
 * scenario on every edit and never mutates it), so every component that asks gets the same
 * objects and zustand's equality checks hold.
 */
import type { Finding, Severity } from '../core/model/findings';
import {
  archipelagoRef,
  clusterRef,
  gatewayRef,
  hostRef,
  ingressRef,
  networkRef,
  nodeRef,
  podRef,
  serviceRef,
} from '../core/model/refs';
import type {
  Archipelago,
  Cluster,
  Gateway,
  Host,
  Ingress,
  Network,
  Node,
  Pod,
  Scenario,
  Service,
} from '../core/model/schema';
import { layoutScenario } from '../core/layout/layout';
import type { Layout } from '../core/layout/types';
import { fill, validate } from './engine';

export type Rec =
  | { kind: 'network'; ref: string; network: Network }
  | { kind: 'archipelago'; ref: string; archipelago: Archipelago }
  | { kind: 'host'; ref: string; host: Host }
  | { kind: 'cluster'; ref: string; cluster: Cluster }
  | { kind: 'node'; ref: string; cluster: Cluster; node: Node; pods: number }
  | { kind: 'pod'; ref: string; cluster: Cluster; pod: Pod }
  | { kind: 'service'; ref: string; cluster: Cluster; service: Service }
  | { kind: 'ingress'; ref: string; cluster: Cluster; ingress: Ingress }
  | { kind: 'gateway'; ref: string; cluster: Cluster; gateway: Gateway };

export interface Derived {
  /** The scenario as the user wrote it. */
  source: Scenario;
  /** With IPAM's addresses filled in: what the diagram and the trace engine see. */
  filled: Scenario;
  /** `${ref}#${field}` of every value IPAM filled. */
  filledKeys: Set<string>;
  /** What IPAM could not allocate. */
  fillFindings: Finding[];
  records: Map<string, Rec>;
  layout: Layout;
}

/** Validation is kept apart so an edit redraws before the rules are re-checked. */
export interface Analysis {
  /** IPAM findings then validation findings, errors first. */
  findings: Finding[];
  findingsByObject: Map<string, Finding[]>;
}

const cache = new WeakMap<Scenario, Derived>();
const analysisCache = new WeakMap<Scenario, Analysis>();

export function indexRecords(s: Scenario): Map<string, Rec> {
  const m = new Map<string, Rec>();
  for (const n of s.networks)
    m.set(networkRef(n.name), { kind: 'network', ref: networkRef(n.name), network: n });
  for (const a of s.archipelagos ?? []) {
    m.set(archipelagoRef(a.name), {
      kind: 'archipelago',
      ref: archipelagoRef(a.name),
      archipelago: a,
    });
  }
  for (const h of s.hosts ?? [])
    m.set(hostRef(h.name), { kind: 'host', ref: hostRef(h.name), host: h });
  for (const c of s.clusters) {
    m.set(clusterRef(c.name), { kind: 'cluster', ref: clusterRef(c.name), cluster: c });
    const count = new Map<string, number>();
    for (const p of c.pods) {
      count.set(p.nodeName, (count.get(p.nodeName) ?? 0) + 1);
      const ref = podRef(c.name, p.namespace, p.name);
      m.set(ref, { kind: 'pod', ref, cluster: c, pod: p });
    }
    for (const n of c.nodes) {
      const ref = nodeRef(c.name, n.name);
      m.set(ref, { kind: 'node', ref, cluster: c, node: n, pods: count.get(n.name) ?? 0 });
    }
    for (const v of c.services) {
      const ref = serviceRef(c.name, v.namespace, v.name);
      m.set(ref, { kind: 'service', ref, cluster: c, service: v });
    }
    for (const i of c.ingresses ?? []) {
      const ref = ingressRef(c.name, i.namespace, i.name);
      m.set(ref, { kind: 'ingress', ref, cluster: c, ingress: i });
    }
    for (const g of c.gateways ?? []) {
      const ref = gatewayRef(c.name, g.name);
      m.set(ref, { kind: 'gateway', ref, cluster: c, gateway: g });
    }
  }
  return m;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function derive(source: Scenario): Derived {
  const hit = cache.get(source);
  if (hit) return hit;
  const f = fill(source);
  const d: Derived = {
    source,
    filled: f.scenario,
    filledKeys: f.filled,
    fillFindings: f.findings,
    records: indexRecords(f.scenario),
    layout: layoutScenario(f.scenario),
  };
  cache.set(source, d);
  return d;
}

/** Findings of a scenario (IPAM and validation), once per scenario object. */
export function analyze(source: Scenario): Analysis {
  const hit = analysisCache.get(source);
  if (hit) return hit;
  const d = derive(source);
  const findings = [...d.fillFindings, ...validate(d.filled)].sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
  );
  const findingsByObject = new Map<string, Finding[]>();
  for (const x of findings) {
    const list = findingsByObject.get(x.object);
    if (list) list.push(x);
    else findingsByObject.set(x.object, [x]);
  }
  const a: Analysis = { findings, findingsByObject };
  analysisCache.set(source, a);
  return a;
}

/** The worst severity among an object's findings, or null. */
export function worstSeverity(list: readonly Finding[] | undefined): Severity | null {
  if (!list || list.length === 0) return null;
  let best: Severity = 'info';
  for (const f of list) if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[best]) best = f.severity;
  return best;
}
