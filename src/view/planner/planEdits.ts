/**
 * The planner's edits, as pure functions in the store's shape (scenario in, scenario or a
 * refusal out), so `actions.edit(label, fn)` makes each one undo step.
 *
 * - applyPlan: a cluster takes a sizing plan's families, cluster CIDRs, node masks, service
 *   range and maxPods. What no longer fits is dropped for IPAM to hand out again, as
 *   Kubernetes would for re-created objects: a node range outside every new block (or of another
 *   size), a pod IP outside its node's remaining ranges, a ClusterIP outside the new service
 *   ranges, a Service's ipFamilies entry of a family the cluster no longer has.
 * - applyGrowth: a cluster takes the result of grow.ts (growClusterCIDR / growServiceCIDR),
 *   which only adds a block, so every address handed out stays where it is.
 */
import {
  cidrContainsCidr,
  cidrContainsIp,
  cidrFrom,
  ipFrom,
  type Cidr,
} from '../../core/model/cidr';
import type { Cluster, Scenario } from '../../core/model/schema';
import type { Plan } from '../../core/model/sizing';
import type { GrowResult } from '../../core/plan/grow';
import type { EditResult } from '../../store/edits';

export type PlanFields = Plan['cluster'];

function replaceCluster(s: Scenario, name: string, next: Cluster): Scenario {
  return { ...s, clusters: s.clusters.map((c) => (c.name === name ? next : c)) };
}

const parse = (texts: readonly string[]): Cidr[] =>
  texts.map((t) => cidrFrom(t)).filter((c): c is Cidr => c !== null);

/** The cluster with the plan's blocks, and whatever no longer fits them dropped. */
export function withPlan(c: Cluster, plan: PlanFields): Cluster {
  const blocks = plan.clusterCIDRs.map((b) => ({ cidr: cidrFrom(b.cidr), mask: b.nodeMaskSize }));
  const serviceRanges = parse(plan.serviceCIDRs.flatMap((sc) => sc.cidrs));
  const families = new Set(plan.ipFamilies);

  const nodeRanges = new Map<string, Cidr[]>();
  const nodes = c.nodes.map((n) => {
    const keep = (n.podCIDRs ?? []).filter((t) => {
      const r = cidrFrom(t);
      return (
        r !== null &&
        blocks.some((b) => b.cidr !== null && b.mask === r.prefix && cidrContainsCidr(b.cidr, r))
      );
    });
    nodeRanges.set(n.name, parse(keep));
    if (!n.podCIDRs || keep.length === n.podCIDRs.length) return n;
    const { podCIDRs: _drop, ...rest } = n;
    return keep.length > 0 ? { ...rest, podCIDRs: keep } : rest;
  });

  const pods = c.pods.map((p) => {
    if (p.hostNetwork || !p.podIPs) return p;
    const ranges = nodeRanges.get(p.nodeName) ?? [];
    const keep = p.podIPs.filter((t) => {
      const ip = ipFrom(t);
      return ip !== null && ranges.some((r) => cidrContainsIp(r, ip));
    });
    if (keep.length === p.podIPs.length) return p;
    const { podIPs: _drop, ...rest } = p;
    return keep.length > 0 ? { ...rest, podIPs: keep } : rest;
  });

  const services = c.services.map((v) => {
    let out = v;
    if (v.clusterIPs && v.clusterIPs[0] !== 'None') {
      const keep = v.clusterIPs.filter((t) => {
        const ip = ipFrom(t);
        return ip !== null && serviceRanges.some((r) => cidrContainsIp(r, ip));
      });
      if (keep.length !== v.clusterIPs.length) {
        const { clusterIPs: _drop, ...rest } = out;
        out = keep.length > 0 ? { ...rest, clusterIPs: keep } : rest;
      }
    }
    if (out.ipFamilies && out.ipFamilies.some((f) => !families.has(f))) {
      const keep = out.ipFamilies.filter((f) => families.has(f));
      const { ipFamilies: _drop, ...rest } = out;
      out = keep.length > 0 ? { ...rest, ipFamilies: keep } : rest;
    }
    return out;
  });

  const { maxPods: _old, ...base } = c;
  return {
    ...base,
    ipFamilies: [...plan.ipFamilies],
    clusterCIDRs: plan.clusterCIDRs.map((b) => ({ ...b })),
    serviceCIDRs: plan.serviceCIDRs.map((sc) => ({ ...sc, cidrs: [...sc.cidrs] })),
    ...(plan.maxPods !== undefined ? { maxPods: plan.maxPods } : {}),
    nodes,
    pods,
    services,
  };
}

/** Does the cluster already have exactly these blocks, families and maxPods? */
export const hasPlan = (c: Cluster, plan: PlanFields): boolean =>
  JSON.stringify([c.ipFamilies, c.clusterCIDRs, c.serviceCIDRs, c.maxPods ?? null]) ===
  JSON.stringify([plan.ipFamilies, plan.clusterCIDRs, plan.serviceCIDRs, plan.maxPods ?? null]);

export function applyPlan(s: Scenario, cluster: string, plan: PlanFields): EditResult {
  const c = s.clusters.find((x) => x.name === cluster);
  if (!c) return { ok: false, error: `There is no cluster "${cluster}".` };
  if (plan.clusterCIDRs.length === 0 || plan.serviceCIDRs.length === 0) {
    return { ok: false, error: 'The plan has no blocks to apply: check the sizing inputs.' };
  }
  if (hasPlan(c, plan)) {
    return { ok: false, error: `Cluster ${cluster} already uses this plan.` };
  }
  return { ok: true, scenario: replaceCluster(s, cluster, withPlan(c, plan)) };
}

/**
 * Apply a growth step. `grow` gets the cluster as written (not IPAM's filled copy, so no filled
 * address is pinned by the edit) and returns grow.ts's result.
 */
export function applyGrowth(
  s: Scenario,
  cluster: string,
  grow: (c: Cluster) => GrowResult,
): EditResult {
  const c = s.clusters.find((x) => x.name === cluster);
  if (!c) return { ok: false, error: `There is no cluster "${cluster}".` };
  const r = grow(c);
  if (!r.applied) return { ok: false, error: r.summary };
  return { ok: true, scenario: replaceCluster(s, cluster, r.cluster) };
}
