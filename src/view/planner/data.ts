/**
 * What the planner shows, derived from the scenario by the core and nothing else: IPAM's filled
 * scenario (ipam.ts, as the diagram sees it), each cluster's capacity (capacity.ts) and the
 * address map (plan/addressmap.ts), computed once per scenario object (the store replaces the
 * scenario on every edit and never mutates it).
 */
import { clusterCapacity, type FamilyCapacity } from '../../core/model/capacity';
import { fillScenario } from '../../core/model/ipam';
import type { Cluster, IpFamily, Scenario } from '../../core/model/schema';
import { addressMap, type AddressMap } from '../../core/plan/addressmap';
import { growCounts, type GrowCounts } from '../../core/plan/grow';

export interface PlannerData {
  /** The scenario as written. */
  source: Scenario;
  /** With IPAM's addresses filled in. */
  filled: Scenario;
  /** Capacity per cluster name, per family. */
  capacity: Map<string, FamilyCapacity[]>;
  /** grow.ts's counts per cluster name and family (node ranges IPAM can hand out, ...). */
  counts: Map<string, Map<IpFamily, GrowCounts>>;
  map: AddressMap;
}

const cache = new WeakMap<Scenario, PlannerData>();

export function plannerData(source: Scenario): PlannerData {
  const hit = cache.get(source);
  if (hit) return hit;
  const filled = fillScenario(source).scenario;
  const byCluster = new Map<Cluster, FamilyCapacity[]>();
  const capacity = new Map<string, FamilyCapacity[]>();
  const counts = new Map<string, Map<IpFamily, GrowCounts>>();
  for (const c of filled.clusters) {
    const caps = clusterCapacity(c);
    byCluster.set(c, caps);
    if (capacity.has(c.name)) continue;
    capacity.set(c.name, caps);
    counts.set(c.name, new Map(caps.map((f) => [f.family, growCounts(c, f.family)])));
  }
  const map = addressMap(filled, { capacity: (c) => byCluster.get(c) ?? clusterCapacity(c) });
  const d: PlannerData = { source, filled, capacity, counts, map };
  cache.set(source, d);
  return d;
}

/** The cluster the tools act on: the chosen one if it still exists, else the first. */
export function pickCluster(s: Scenario, chosen: string | null): Cluster | null {
  return s.clusters.find((c) => c.name === chosen) ?? s.clusters[0] ?? null;
}

/** The families a cluster's Service/Node objects carry, for labels. */
export const familiesText = (families: readonly IpFamily[]): string =>
  families.length === 2 ? `dual-stack (${families[0]} primary)` : (families[0] ?? 'no family');
