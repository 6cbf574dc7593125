/**
 * The endpoint grammar of the trace CLI, reusable by the UI:
 *
 *   [CLUSTER:]pod/[NAMESPACE/]NAME[:PORT]
 *   [CLUSTER:]node/NAME[:PORT]
 *   [CLUSTER:]svc/[NAMESPACE/]NAME[:PORT]     a Service by name (PORT is the Service port)
 *   [CLUSTER:]lb/[NAMESPACE/]NAME[:PORT]      a Service's load-balancer IP
 *   [CLUSTER:]gw/NAME[:PORT]                  a cluster gateway's address
 *   host/NAME[:PORT]                          an outside host of the scenario
 *   IP | IP:PORT | [IPv6]:PORT                an address; one that belongs to nothing in the
 *                                             scenario is a client or server outside
 *
 * Names are checked against the scenario and come back qualified (cluster and namespace
 * filled), so a flow built from them is unambiguous.
 */
import { ipFrom, ipToString } from '../model/cidr';
import type { Scenario } from '../model/schema';
import { DEFAULTS } from '../model/defaults';
import { findGateway, findHost, findNode, findPod, findService, type Found } from './lookup';
import { indexScenario } from './scenario-index';
import type { Endpoint } from './types';

export type ParsedEndpoint = { ok: true; endpoint: Endpoint } | { ok: false; error: string };

const KINDS = ['pod', 'node', 'svc', 'lb', 'gw', 'host'] as const;

function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= 65535 ? n : null;
}

/** Splits `NAME:PORT` (the port optional). */
function splitPort(text: string): { name: string; port?: number } | { error: string } {
  const i = text.lastIndexOf(':');
  if (i < 0) return { name: text };
  const port = parsePort(text.slice(i + 1));
  if (port === null) return { error: `"${text.slice(i + 1)}" is not a port (1-65535)` };
  return { name: text.slice(0, i), port };
}

function parseIpLiteral(text: string): ParsedEndpoint | null {
  const bracket = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
  if (bracket) {
    const ip = ipFrom(bracket[1] ?? '');
    if (!ip || ip.family !== 'IPv6')
      return { ok: false, error: `"${bracket[1]}" is not an IPv6 address` };
    if (bracket[2] === undefined) return { ok: true, endpoint: { kind: 'ip', ip: ipToString(ip) } };
    const port = parsePort(bracket[2]);
    if (port === null) return { ok: false, error: `"${bracket[2]}" is not a port (1-65535)` };
    return { ok: true, endpoint: { kind: 'ip', ip: ipToString(ip), port } };
  }
  const whole = ipFrom(text);
  if (whole) return { ok: true, endpoint: { kind: 'ip', ip: ipToString(whole) } };
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):([^:]*)$/.exec(text);
  if (v4) {
    const ip = ipFrom(v4[1] ?? '');
    if (!ip) return { ok: false, error: `"${v4[1]}" is not an IPv4 address` };
    const port = parsePort(v4[2] ?? '');
    if (port === null) return { ok: false, error: `"${v4[2]}" is not a port (1-65535)` };
    return { ok: true, endpoint: { kind: 'ip', ip: ipToString(ip), port } };
  }
  if (/^[\d.]+$/.test(text) || /^[0-9a-fA-F:]+$/.test(text)) {
    return { ok: false, error: `"${text}" is not an IP address` };
  }
  return null;
}

const GRAMMAR =
  'expected pod/NAME, pod/NAMESPACE/NAME, node/NAME, svc/NAME:PORT, lb/NAME:PORT, gw/NAME, host/NAME (each with an optional :PORT and, in a scenario with several clusters, a CLUSTER: prefix) or an IP address such as 198.51.100.7, 10.96.0.10:53 or [2001:db8::1]:443';

/** Parses one endpoint against a scenario. Never throws. */
export function parseEndpoint(text: string, scenario: Scenario): ParsedEndpoint {
  const t = text.trim();
  if (t.length === 0) return { ok: false, error: `empty endpoint: ${GRAMMAR}` };
  if (t.length > 600) return { ok: false, error: 'endpoint is too long' };
  const lit = parseIpLiteral(t);
  if (lit) return lit;

  const m = /^(?:([^:/[\]]+):)?([a-z]+)\/(.+)$/.exec(t);
  const kind = m?.[2] as (typeof KINDS)[number] | undefined;
  if (!m || !kind || !KINDS.includes(kind)) return { ok: false, error: `"${t}": ${GRAMMAR}` };
  const cluster = m[1];
  const rest = splitPort(m[3] ?? '');
  if ('error' in rest) return { ok: false, error: `"${t}": ${rest.error}` };
  const ix = indexScenario(scenario);
  const port = rest.port !== undefined ? { port: rest.port } : {};
  const parts = rest.name.split('/');
  const bad = (e: string): ParsedEndpoint => ({ ok: false, error: `"${t}": ${e}` });
  const wrap = <T>(r: Found<T>, f: (v: T) => Endpoint): ParsedEndpoint =>
    r.ok ? { ok: true, endpoint: f(r.value) } : bad(r.error);
  if (parts.some((p) => p.length === 0)) return bad(GRAMMAR);

  switch (kind) {
    case 'pod':
    case 'svc':
    case 'lb': {
      if (parts.length > 2) return bad(GRAMMAR);
      const [a, b] = parts;
      const ns = b === undefined ? undefined : a;
      const name = (b ?? a) as string;
      if (kind === 'pod') {
        return wrap(findPod(ix, cluster, ns, name), (p) => ({
          kind: 'pod',
          cluster: p.cluster.name,
          namespace: p.namespace,
          name: p.name,
          ...port,
        }));
      }
      return wrap(findService(ix, cluster, ns, name, kind), (s) => ({
        kind,
        cluster: s.cluster.name,
        namespace: s.namespace,
        name: s.name,
        ...port,
      }));
    }
    case 'node':
    case 'gw': {
      if (parts.length > 1) return bad(GRAMMAR);
      const name = parts[0] as string;
      if (kind === 'node') {
        return wrap(findNode(ix, cluster, name), (n) => ({
          kind: 'node',
          cluster: n.cluster.name,
          name,
          ...port,
        }));
      }
      return wrap(findGateway(ix, cluster, name), (g) => ({
        kind: 'gw',
        cluster: g.cluster.name,
        name,
        ...port,
      }));
    }
    case 'host': {
      if (cluster !== undefined)
        return bad('hosts are outside every cluster: write host/NAME without a cluster prefix');
      if (parts.length > 1) return bad(GRAMMAR);
      const name = parts[0] as string;
      return wrap(findHost(ix, name), () => ({ kind: 'host', name, ...port }));
    }
  }
}

/** The grammar text of an endpoint (qualified as far as it is). */
export function endpointToString(e: Endpoint, multiCluster = false): string {
  const withPort = (s: string, p: number | undefined) => (p === undefined ? s : `${s}:${p}`);
  const pre = (c: string | undefined) => (multiCluster && c ? `${c}:` : '');
  const ns = (n: string | undefined) => (n && n !== DEFAULTS.namespace ? `${n}/` : '');
  switch (e.kind) {
    case 'pod':
    case 'svc':
    case 'lb':
      return withPort(`${pre(e.cluster)}${e.kind}/${ns(e.namespace)}${e.name}`, e.port);
    case 'node':
    case 'gw':
      return withPort(`${pre(e.cluster)}${e.kind}/${e.name}`, e.port);
    case 'host':
      return withPort(`host/${e.name}`, e.port);
    case 'ip':
      if (e.port === undefined) return e.ip;
      return e.ip.includes(':') ? `[${e.ip}]:${e.port}` : `${e.ip}:${e.port}`;
  }
}
