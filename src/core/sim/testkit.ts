/**
 * Helpers for the engine's tests: build a flow from the CLI grammar and print hops one per
 * line, `at action src > dst [outer]`, so golden paths read like tcpdump notes.
 */
import { endpointString } from '../model/cidr';
import type { Scenario } from '../model/schema';
import { parseEndpoint } from './endpoint';
import { trace } from './trace';
import type { Flow, Hop, Trace } from './types';

export function flowOf(
  s: Scenario,
  from: string,
  to: string,
  extra: Omit<Flow, 'from' | 'to'> = {},
): Flow {
  const a = parseEndpoint(from, s);
  const b = parseEndpoint(to, s);
  if (!a.ok) throw new Error(`bad --from in test: ${a.error}`);
  if (!b.ok) throw new Error(`bad --to in test: ${b.error}`);
  return { from: a.endpoint, to: b.endpoint, ...extra };
}

export function traceOf(
  s: Scenario,
  from: string,
  to: string,
  extra: Omit<Flow, 'from' | 'to'> = {},
): Trace {
  return trace(s, flowOf(s, from, to, extra));
}

export function line(h: Hop): string {
  const p = h.packet;
  const outer = p.outer ? ` [${p.outer.src} > ${p.outer.dst}]` : '';
  return `${h.at} ${h.action} ${endpointString(p.src, p.srcPort)} > ${endpointString(p.dst, p.dstPort)}${outer}`;
}

export const lines = (hops: readonly Hop[] | null): string[] => (hops ?? []).map(line);

/** The note of the first hop with this action (and place, when given). */
export function noteOf(hops: readonly Hop[] | null, action: Hop['action'], at?: string): string {
  const h = (hops ?? []).find((x) => x.action === action && (at === undefined || x.at === at));
  return h ? h.note : '';
}
