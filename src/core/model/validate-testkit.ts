/**
 * Scenario builders and finding matchers for the validate*.test.ts files (test-only).
 */
import type { Finding, Severity } from './findings';
import type { Cluster, Node, Pod, Scenario, Service } from './schema';

/** A one-cluster IPv4 scenario in the talk-003 numbers, without nodes, pods or Services. */
export function baseCluster(name = 'c1', over: Partial<Cluster> = {}): Cluster {
  return {
    name,
    network: 'network',
    ipFamilies: ['IPv4'],
    clusterCIDRs: [{ cidr: '10.0.0.0/16', nodeMaskSize: 24 }],
    serviceCIDRs: [{ name: 'kubernetes', cidrs: ['10.96.0.0/12'] }],
    nodes: [],
    pods: [],
    services: [],
    ...over,
  };
}

export function scenarioOf(clusters: Cluster[], over: Partial<Scenario> = {}): Scenario {
  return {
    version: 1,
    model: 'flat',
    networks: [{ name: 'network', cidrs: ['10.0.0.0/8'] }],
    clusters,
    ...over,
  };
}

export function node(name: string, address: string, podCIDRs?: string[]): Node {
  return {
    name,
    addresses: [{ type: 'InternalIP', address }],
    ...(podCIDRs ? { podCIDRs } : {}),
  };
}

export function pod(
  name: string,
  nodeName: string,
  podIPs?: string[],
  over: Partial<Pod> = {},
): Pod {
  return { name, nodeName, ...(podIPs ? { podIPs } : {}), ...over };
}

export function service(name: string, over: Partial<Service> = {}): Service {
  return { name, ports: [{ port: 80 }], ...over };
}

/** Two nodes with /24 ranges and one pod each: a clean cluster to break one rule at a time. */
export function twoNodeCluster(name = 'c1', over: Partial<Cluster> = {}): Cluster {
  return baseCluster(name, {
    nodes: [node('n1', '10.240.0.1', ['10.0.1.0/24']), node('n2', '10.240.0.2', ['10.0.2.0/24'])],
    pods: [
      pod('a', 'n1', ['10.0.1.2'], { labels: { app: 'a' } }),
      pod('b', 'n2', ['10.0.2.2'], { labels: { app: 'b' } }),
    ],
    ...over,
  });
}

export interface Match {
  severity?: Severity;
  object?: string;
  field?: string;
  /** Substrings the message must contain. */
  says?: string | string[];
  source?: string;
}

export function matches(f: Finding, m: Match): boolean {
  if (m.severity !== undefined && f.severity !== m.severity) return false;
  if (m.object !== undefined && f.object !== m.object) return false;
  if (m.field !== undefined && f.field !== m.field) return false;
  if (m.source !== undefined && f.source !== m.source) return false;
  const says = m.says === undefined ? [] : Array.isArray(m.says) ? m.says : [m.says];
  return says.every((s) => f.message.includes(s));
}

export const find = (fs: readonly Finding[], m: Match): Finding[] =>
  fs.filter((f) => matches(f, m));

/** Errors and warnings only: what a clean scenario must not have. */
export const problems = (fs: readonly Finding[]): Finding[] =>
  fs.filter((f) => f.severity !== 'info');

/** Readable dump for assertion messages. */
export const show = (fs: readonly Finding[]): string =>
  fs.map((f) => `${f.severity} ${f.object} ${f.field}: ${f.message} [${f.source}]`).join('\n');
