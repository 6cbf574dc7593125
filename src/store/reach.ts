/**
 * "What can it reach": trace from the selected object to a sample of the scenario's other
 * endpoints (pods on other nodes and clusters first, Services, outside hosts) and keep each
 * verdict. Capped, so a 1,000-node scenario costs a few dozen traces, not a million.
 */
import type { Scenario } from '../core/model/schema';
import { derive, type Rec } from './derive';
import { runTrace } from './engine';
import { pickToFlow } from './pick';
import type { FlowChoice } from './store';

export interface ReachRow {
  target: string;
  label: string;
  ok: boolean;
  reason: string | null;
  choice: FlowChoice;
}

export const REACH_LIMIT = 24;

const SOURCES = new Set<Rec['kind']>(['pod', 'node', 'host', 'gateway']);

function targets(scenario: Scenario, src: string): string[] {
  const { records } = derive(scenario);
  const srcRec = records.get(src);
  const srcNode = srcRec?.kind === 'pod' ? srcRec.pod.nodeName : null;
  const srcCluster = srcRec && 'cluster' in srcRec ? srcRec.cluster.name : null;
  const far: string[] = [];
  const near: string[] = [];
  const services: string[] = [];
  const hosts: string[] = [];
  for (const r of records.values()) {
    if (r.ref === src) continue;
    if (r.kind === 'pod') {
      const other = r.cluster.name !== srcCluster || r.pod.nodeName !== srcNode;
      (other ? far : near).push(r.ref);
    } else if (r.kind === 'service') {
      services.push(r.ref);
      if (r.service.type === 'LoadBalancer') services.push(`${r.ref}#lb`);
    } else if (r.kind === 'host') hosts.push(r.ref);
  }
  // A few of each, so the list shows every kind of destination.
  const pick = (list: string[], n: number) => list.slice(0, n);
  return [...pick(near, 2), ...pick(far, 8), ...pick(services, 8), ...pick(hosts, 6)].slice(
    0,
    REACH_LIMIT,
  );
}

const cache = new WeakMap<Scenario, Map<string, ReachRow[] | null>>();

/** Null when the object does not send packets (a network, a Service...). */
export function reachFrom(source: Scenario, ref: string): ReachRow[] | null {
  const d = derive(source);
  let m = cache.get(d.filled);
  if (!m) {
    m = new Map();
    cache.set(d.filled, m);
  }
  const hit = m.get(ref);
  if (hit !== undefined) return hit;
  const rec = d.records.get(ref);
  let rows: ReachRow[] | null = null;
  if (rec && SOURCES.has(rec.kind)) {
    rows = [];
    for (const t of targets(source, ref)) {
      const choice = pickToFlow(source, ref, t);
      if (typeof choice === 'string') continue;
      const r = runTrace(d.filled, choice.flow);
      const label = choice.label.replace(/^.* to /, '');
      if ('error' in r) {
        rows.push({ target: t, label, ok: false, reason: r.error, choice });
        continue;
      }
      // Delivered, but to whom? With reused addresses (island, air-gapped) a pod or host
      // target's IP may be someone else's here, even the sender's own.
      const last = r.hops[r.hops.length - 1];
      const exact = d.records.get(t)?.kind === 'pod' || d.records.get(t)?.kind === 'host';
      if (r.verdict === 'delivered' && exact && last?.ref && last.ref !== t) {
        const other = last.ref === ref ? 'the sender itself (same IP)' : `${last.at} (same IP)`;
        rows.push({
          target: t,
          label,
          ok: false,
          reason: `reaches ${other}, not this one`,
          choice,
        });
        continue;
      }
      rows.push({ target: t, label, ok: r.verdict === 'delivered', reason: r.reason, choice });
    }
  }
  m.set(ref, rows);
  return rows;
}
