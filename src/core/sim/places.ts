/**
 * Places a hop can happen at, named as the trace contract wants: `at` is `<kind>/<name>` (the
 * endpoint grammar, cluster-prefixed `c2:node/node1` in scenarios with several clusters),
 * `ref` the object ref, `label` the short name used in notes.
 */
import { DEFAULTS } from '../model/defaults';
import type { HopPlaceKind } from './types';
import type {
  ClusterEntry,
  GatewayEntry,
  HostEntry,
  NodeEntry,
  PodEntry,
  ScenarioIndex,
  ServiceEntry,
} from './scenario-index';

export interface Place {
  at: string;
  kind: HopPlaceKind;
  ref: string | null;
  label: string;
  /** The object behind the place, for the reply's notes. */
  node?: NodeEntry;
  pod?: PodEntry;
}

const prefix = (ix: ScenarioIndex, c: ClusterEntry) => (ix.multiCluster ? `${c.name}:` : '');

export function podPlace(ix: ScenarioIndex, p: PodEntry): Place {
  const ns = p.namespace === DEFAULTS.namespace ? '' : `${p.namespace}/`;
  return {
    at: `${prefix(ix, p.cluster)}pod/${ns}${p.name}`,
    kind: 'pod',
    ref: p.ref,
    label: p.name,
    pod: p,
  };
}

export function nodePlace(ix: ScenarioIndex, n: NodeEntry): Place {
  return {
    at: `${prefix(ix, n.cluster)}node/${n.name}`,
    kind: 'node',
    ref: n.ref,
    label: ix.multiCluster ? `${n.name} of ${n.cluster.name}` : n.name,
    node: n,
  };
}

export function hostPlace(h: HostEntry): Place {
  return { at: `host/${h.name}`, kind: 'host', ref: h.ref, label: h.name };
}

/** An address that belongs to nothing in the scenario: a client or server outside. */
export function outsidePlace(ip: string): Place {
  return { at: `host/${ip}`, kind: 'host', ref: null, label: ip };
}

export function routerPlace(network: string, ref: string | null): Place {
  return {
    at: `router/${network}`,
    kind: 'router',
    ref,
    label:
      network === 'network' || network === 'internet' ? `the ${network}` : `network ${network}`,
  };
}

export function lbPlace(ix: ScenarioIndex, s: ServiceEntry): Place {
  return {
    at: `${prefix(ix, s.cluster)}loadbalancer/${s.name}`,
    kind: 'loadbalancer',
    ref: s.ref,
    label: `the load balancer of Service ${s.name}`,
  };
}

export function gatewayPlace(ix: ScenarioIndex, g: GatewayEntry): Place {
  const proxy = g.gw.kind === 'proxy';
  return {
    at: `${prefix(ix, g.cluster)}${proxy ? 'proxy' : 'gateway'}/${g.name}`,
    kind: proxy ? 'proxy' : 'gateway',
    ref: g.ref,
    label: g.name.includes(proxy ? 'proxy' : 'gateway')
      ? g.name
      : `${proxy ? 'proxy' : 'gateway'} ${g.name}`,
  };
}

export function dnsPlace(ix: ScenarioIndex, c: ClusterEntry): Place {
  const kubeDns = c.servicesByKey.get('kube-system/kube-dns');
  return {
    at: `${prefix(ix, c)}dns/${kubeDns ? 'kube-dns' : 'cluster-dns'}`,
    kind: 'dns',
    ref: kubeDns ? kubeDns.ref : c.ref,
    label: 'cluster DNS',
  };
}

/** Sentence case for labels that start with a common word; names (pod-a, node1) stay as they are. */
export const cap = (s: string): string =>
  /^(the|gateway|proxy) /.test(s) ? `${s.charAt(0).toUpperCase()}${s.slice(1)}` : s;
