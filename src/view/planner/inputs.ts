/**
 * The sizing inputs as plain data: where they start from (the cluster as it is), and what the
 * text fields mean as numbers. Parsing only; every count comes from the core.
 */
import { cidrFrom } from '../../core/model/cidr';
import { DEFAULTS } from '../../core/model/defaults';
import type { Cluster, IpFamily, Scenario } from '../../core/model/schema';
import { ulaGlobalIdOf } from '../../core/plan/ula';
import type { SizeInputs, Stack } from './plannerState';

export const STACK_FAMILIES: Record<Stack, IpFamily[]> = {
  IPv4: ['IPv4'],
  'dual-stack': ['IPv4', 'IPv6'],
  IPv6: ['IPv6'],
};

export const STACKS: { id: Stack; label: string }[] = [
  { id: 'IPv4', label: 'IPv4' },
  { id: 'dual-stack', label: 'Dual-stack' },
  { id: 'IPv6', label: 'IPv6' },
];

/** Inputs that start from what the cluster has now. */
export function inputsFrom(s: Scenario, c: Cluster | null): SizeInputs {
  const fams = c?.ipFamilies ?? ['IPv4'];
  const stack: Stack = fams.length === 2 ? 'dual-stack' : fams[0] === 'IPv6' ? 'IPv6' : 'IPv4';
  const net =
    s.networks.find((n) => n.name === c?.network) ??
    (s.networks.length === 1 ? s.networks[0] : undefined);
  const v4 = net?.cidrs.find((t) => cidrFrom(t)?.family === 'IPv4');
  return {
    nodes: String(Math.max(1, c?.nodes.length ?? 1)),
    podsPerNode: String(c?.maxPods ?? DEFAULTS.maxPods),
    services: String(c?.services.length ?? 0),
    stack,
    ipv4Base: v4 ?? '10.0.0.0/8',
  };
}

/** The Global ID of a ULA block the cluster already uses, if any. */
export function clusterGlobalId(c: Cluster | null): bigint | null {
  if (!c) return null;
  for (const t of [
    ...c.clusterCIDRs.map((b) => b.cidr),
    ...c.serviceCIDRs.flatMap((x) => x.cidrs),
  ]) {
    const id = ulaGlobalIdOf(t);
    if (id !== null) return id;
  }
  return null;
}

export interface ParsedInputs {
  nodes: number;
  podsPerNode: number;
  services: number;
  families: IpFamily[];
  ipv4Base: string | undefined;
}

export function parseInputs(i: SizeInputs): ParsedInputs {
  const num = (t: string) => (t.trim() === '' ? NaN : Number(t));
  return {
    nodes: num(i.nodes),
    podsPerNode: num(i.podsPerNode),
    services: num(i.services),
    families: STACK_FAMILIES[i.stack],
    ipv4Base: i.ipv4Base.trim() === '' ? undefined : i.ipv4Base.trim(),
  };
}

/** "node-pool=pool-2, zone=a" -> labels; null when a pair has no "=". */
export function parseSelector(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const t = part.trim();
    if (t === '') continue;
    const eq = t.indexOf('=');
    if (eq <= 0) return null;
    out[t.slice(0, eq).trim()] = t.slice(eq + 1).trim();
  }
  return out;
}
