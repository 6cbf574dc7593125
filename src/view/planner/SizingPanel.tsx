/**
 * The sizing helper: from wanted nodes, pods per node and Services, sizing.ts proposes a
 * cluster CIDR, node mask and Service range per family, with its capacity and its reasons.
 * "Apply" gives the cluster the plan in one undo step; before that, the planner shows which
 * overlaps the plan would make on the address map (the core's map of the changed scenario).
 */
import { useMemo, useState } from 'react';
import { cidrFrom } from '../../core/model/cidr';
import type { FamilyCapacity } from '../../core/model/capacity';
import { clusterRef } from '../../core/model/refs';
import type { Cluster, IpFamily, Scenario } from '../../core/model/schema';
import { proposePlan, type FamilyPlan } from '../../core/model/sizing';
import { sizeText } from '../../core/plan/addressmap';
import type { GrowCounts } from '../../core/plan/grow';
import { useActions } from '../../store';
import { plannerData } from './data';
import { parseInputs } from './inputs';
import { PlanInputs } from './PlanInputs';
import { applyPlan, hasPlan } from './planEdits';
import { setTab, usePlanner, type SizeInputs } from './plannerState';
import { count } from './format';

interface Now {
  cap: FamilyCapacity | undefined;
  counts: GrowCounts | undefined;
  blocks: string[];
  masks: string[];
  services: string[];
}

/** One row of the table: the proposed value, and what the cluster has now (all from the core). */
const ROWS: {
  label: string;
  flag?: string;
  cell: (f: FamilyPlan) => string;
  now: (n: Now, f: FamilyPlan) => string | null;
}[] = [
  {
    label: 'Cluster CIDR',
    flag: '--cluster-cidr',
    cell: (f) => f.clusterCIDR,
    now: (n) => (n.blocks.length > 0 ? n.blocks.join(', ') : null),
  },
  {
    label: 'Node mask',
    flag: '--node-cidr-mask-size',
    cell: (f) => `/${f.nodeMaskSize}`,
    now: (n) => (n.masks.length > 0 ? n.masks.join(', ') : null),
  },
  {
    label: 'Service range',
    flag: '--service-cluster-ip-range',
    cell: (f) => f.serviceCIDR,
    now: (n) => (n.services.length > 0 ? n.services.join(', ') : null),
  },
  {
    label: 'Nodes that fit',
    cell: (f) => count(f.capacity.nodeRanges),
    now: (n) => (n.counts ? count(n.counts.nodeRanges) : null),
  },
  {
    label: 'Pod IPs per node',
    cell: (f) => sizeText(f.family, f.capacity.podAddressesPerNode),
    now: (n, f) =>
      n.cap?.pods.podAddressesPerNode != null
        ? sizeText(f.family, n.cap.pods.podAddressesPerNode)
        : null,
  },
  {
    label: 'Pods per node',
    cell: (f) => count(f.capacity.podsPerNode),
    now: (n) => (n.cap?.pods.podsPerNode != null ? count(n.cap.pods.podsPerNode) : null),
  },
  {
    label: 'Pods that fit',
    cell: (f) => count(f.capacity.maxPods),
    now: (n) => (n.cap ? count(n.cap.pods.maxInCluster) : null),
  },
  {
    label: 'Service IPs',
    cell: (f) => count(f.capacity.serviceIPs),
    now: (n) => (n.cap ? count(n.cap.services.usable) : null),
  },
  {
    label: 'Static band (KEP-3070)',
    cell: (f) => count(f.capacity.staticBand),
    now: (n) => (n.cap?.services.staticBand ? count(n.cap.services.staticBand.size) : null),
  },
];

function nowOf(
  c: Cluster,
  family: IpFamily,
  caps: readonly FamilyCapacity[],
  counts: ReadonlyMap<IpFamily, GrowCounts> | undefined,
): Now {
  const mine = c.clusterCIDRs.filter((b) => cidrFrom(b.cidr)?.family === family);
  return {
    cap: caps.find((x) => x.family === family),
    counts: counts?.get(family),
    blocks: mine.map((b) => b.cidr),
    masks: [...new Set(mine.map((b) => `/${b.nodeMaskSize}`))],
    services: c.serviceCIDRs.flatMap((x) => x.cidrs).filter((t) => cidrFrom(t)?.family === family),
  };
}

const EMPTY_NOW: Now = { cap: undefined, counts: undefined, blocks: [], masks: [], services: [] };

export function SizingPanel({
  source,
  cluster,
  inputs,
  caps,
  counts,
}: {
  source: Scenario;
  /** The cluster as IPAM filled it. */
  cluster: Cluster;
  inputs: SizeInputs;
  caps: readonly FamilyCapacity[];
  counts: ReadonlyMap<IpFamily, GrowCounts> | undefined;
}) {
  const actions = useActions();
  const globalId = usePlanner((s) => s.ulaGlobalId);
  const [applied, setApplied] = useState<string | null>(null);
  const p = parseInputs(inputs);
  const plan = useMemo(
    () =>
      proposePlan({
        nodes: p.nodes,
        podsPerNode: p.podsPerNode,
        services: p.services,
        families: p.families,
        ulaGlobalId: globalId,
        ...(p.ipv4Base ? { ipv4Base: p.ipv4Base } : {}),
      }),
    [p.nodes, p.podsPerNode, p.services, p.families, p.ipv4Base, globalId],
  );
  const sourceCluster = source.clusters.find((c) => c.name === cluster.name) ?? cluster;
  const nows = new Map(
    (['IPv4', 'IPv6'] as const).map((f) => [f, nowOf(sourceCluster, f, caps, counts)]),
  );
  // What the plan would do: the same edit on a copy, and the core's map of the result.
  const preview = useMemo(
    () => applyPlan(source, cluster.name, plan.cluster),
    [source, cluster.name, plan],
  );
  const marks = useMemo(() => {
    if (!preview.ok) return [];
    const ref = clusterRef(cluster.name);
    return plannerData(preview.scenario).map.marks.filter(
      (m) => m.a.ref === ref || m.b.ref === ref,
    );
  }, [preview, cluster.name]);
  const same = hasPlan(sourceCluster, plan.cluster);
  const canApply = plan.families.length > 0 && plan.errors.length === 0 && preview.ok;

  const apply = () => {
    const label = `apply plan to ${cluster.name}`;
    if (actions.edit(label, (s) => applyPlan(s, cluster.name, plan.cluster))) {
      setApplied(
        `Applied to cluster ${cluster.name}: ${plan.families
          .map((f) => `${f.clusterCIDR} in /${f.nodeMaskSize}s, Services ${f.serviceCIDR}`)
          .join('; ')}. One undo step.`,
      );
    }
  };

  return (
    <div className="pl-size">
      <div className="pl-size-in">
        <h3>What the cluster needs</h3>
        <p className="pl-muted">
          Plan for cluster <strong>{cluster.name}</strong>: nodes, pods per node and Services you
          expect; the plan fits them, rounded up to powers of two, and no more.
        </p>
        <PlanInputs inputs={inputs} forCluster={cluster.name} />
      </div>
      <div className="pl-size-out">
        <div className="pl-size-head">
          <h3 id="pl-proposal-h">Proposed plan</h3>
          {plan.families.length > 0 ? (
            <span className={`pl-badge ${plan.ok ? 'b-ok' : 'b-conflict'}`}>
              {plan.ok ? 'holds what you asked for' : 'does not hold everything'}
            </span>
          ) : null}
        </div>
        {plan.errors.length > 0 ? (
          <ul className="pl-errors" role="alert">
            {plan.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : null}
        {plan.families.length > 0 ? (
          <table className="pl-table" aria-labelledby="pl-proposal-h">
            <thead>
              <tr>
                <th scope="col">
                  <span className="sr-only">Field</span>
                </th>
                {plan.families.map((f) => (
                  <th key={f.family} scope="col">
                    {f.family}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ROWS.map((r) => (
                <tr key={r.label}>
                  <th scope="row">
                    {r.label}
                    {r.flag ? <span className="pl-flag mono">{r.flag}</span> : null}
                  </th>
                  {plan.families.map((f) => {
                    const before = r.now(nows.get(f.family) ?? EMPTY_NOW, f);
                    return (
                      <td key={f.family}>
                        <span className="mono pl-value">{r.cell(f)}</span>
                        {before !== null ? <span className="pl-now">now {before}</span> : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <div className="pl-apply">
          <button type="button" className="btn primary" disabled={!canApply} onClick={apply}>
            Apply to {cluster.name}
          </button>
          {same ? <span className="pl-muted">The cluster already uses this plan.</span> : null}
          {applied ? (
            <span className="pl-status" role="status">
              {applied}{' '}
              <button type="button" className="linkish" onClick={() => setTab('map')}>
                Show on the map
              </button>
            </span>
          ) : null}
        </div>
        {marks.length > 0 && !same ? (
          <div className="pl-preview">
            <h4>On the map after applying</h4>
            <ul className="pl-mark-list">
              {marks.map((m, i) => (
                <li key={i} className={`pl-mark m-${m.state}`}>
                  <span className={`pl-badge b-${m.state}`}>
                    {m.state === 'conflict' ? 'Conflict' : 'Reused'}
                  </span>
                  <span>{m.message}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {plan.families.length > 0 ? (
          <details className="pl-why" open>
            <summary>Why these sizes</summary>
            {plan.families.map((f) => (
              <div key={f.family}>
                <h5>{f.family}</h5>
                <ul>
                  {f.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </div>
            ))}
          </details>
        ) : null}
      </div>
    </div>
  );
}
