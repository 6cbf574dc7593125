/**
 * The address planner ("Where did all my IPs go?", talk 000): the address map per network and
 * per cluster with each cluster's capacity, a sizing helper, growth, the IPv4 / dual-stack /
 * IPv6 comparison and the export. Every number comes from the core (data.ts); this view
 * arranges them and sends edits to the store, one undo step each.
 */
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import type { FamilyCapacity } from '../../core/model/capacity';
import type { Cluster } from '../../core/model/schema';
import type { MapSection } from '../../core/plan/addressmap';
import type { GrowCounts } from '../../core/plan/grow';
import { edits, useActions, useAppStore } from '../../store';
import { MapLegend, MapRowView, MarksList, NetworkSectionView } from './AddressMapView';
import { installBenchHook, plannerRendered } from './benchHook';
import { CapacityPanel } from './CapacityPanel';
import { ComparePanel } from './ComparePanel';
import { count } from './format';
import { familiesText, pickCluster, plannerData, type PlannerData } from './data';
import { ExportPanel } from './ExportPanel';
import { GrowPanel } from './GrowPanel';
import { clusterGlobalId, inputsFrom } from './inputs';
import { setCluster, setGlobalId, setTab, usePlanner, type PlannerTab } from './plannerState';
import { SizingPanel } from './SizingPanel';
import { ViewSwitch } from './ViewSwitch';
import './planner.css';

const TABS: { id: PlannerTab; label: string }[] = [
  { id: 'map', label: 'Address map' },
  { id: 'size', label: 'Size' },
  { id: 'grow', label: 'Grow' },
  { id: 'compare', label: 'IPv4 / dual / IPv6' },
  { id: 'export', label: 'Export' },
];

const FOR_CLUSTER: ReadonlySet<PlannerTab> = new Set(['size', 'grow', 'export']);

function ClusterSectionView({
  section,
  cluster,
  caps,
  counts,
}: {
  section: MapSection;
  cluster: Cluster | undefined;
  caps: readonly FamilyCapacity[];
  counts: ReadonlyMap<string, GrowCounts> | undefined;
}) {
  const id = `pl-sec-${section.ref}`;
  const name = section.label;
  const go = (tab: PlannerTab) => {
    setCluster(name);
    setTab(tab);
  };
  return (
    <section className="pl-section pl-cluster" aria-labelledby={id}>
      <div className="pl-section-head">
        <h3 id={id}>
          <span className="pl-kind">Cluster</span> {name}
        </h3>
        {cluster ? (
          <span className="pl-muted">
            {familiesText(cluster.ipFamilies)} · {count(BigInt(cluster.nodes.length))} node
            {cluster.nodes.length === 1 ? '' : 's'} · {count(BigInt(cluster.services.length))}{' '}
            Service{cluster.services.length === 1 ? '' : 's'}
            {cluster.network ? ` · on ${cluster.network}` : ''}
          </span>
        ) : null}
        <span className="pl-spacer" />
        <button
          type="button"
          className="btn"
          onClick={() => go('size')}
          aria-label={`Size cluster ${name}`}
        >
          Size
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => go('grow')}
          aria-label={`Grow cluster ${name}`}
        >
          Grow
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => go('export')}
          aria-label={`Export cluster ${name}`}
        >
          Export
        </button>
      </div>
      <div className="pl-rows">
        {section.rows.map((r) => (
          <MapRowView key={r.id} row={r} network={false} />
        ))}
      </div>
      <CapacityPanel clusterName={name} caps={caps} counts={counts} />
    </section>
  );
}

function MapTab({ data }: { data: PlannerData }) {
  const actions = useActions();
  const { map } = data;
  const byName = new Map(data.filled.clusters.map((c) => [c.name, c]));
  return (
    <div className="pl-map">
      <div className="pl-map-head">
        <MapLegend />
        <span className="pl-spacer" />
        <button
          type="button"
          className="btn"
          onClick={() => actions.edit('add cluster', (s) => edits.addCluster(s))}
        >
          + Add cluster
        </button>
      </div>
      <p className="pl-muted pl-scale-note">
        Each block is drawn to scale inside its parent space; a tiny block keeps a minimum width and
        long free stretches are shortened, so a /24 inside a /8 stays visible. IPv6 sizes are powers
        of two.
      </p>
      {map.error ? (
        <p className="pl-error" role="alert">
          {map.error}
        </p>
      ) : null}
      <MarksList marks={map.marks} model={map.model} />
      {map.sections.map((sec) =>
        sec.kind === 'cluster' ? (
          <ClusterSectionView
            key={`c:${sec.ref}`}
            section={sec}
            cluster={byName.get(sec.label)}
            caps={data.capacity.get(sec.label) ?? []}
            counts={data.counts.get(sec.label)}
          />
        ) : (
          <NetworkSectionView key={`n:${sec.ref}`} section={sec} />
        ),
      )}
      {data.filled.clusters.length === 0 ? (
        <p className="pl-lead">No cluster yet: add one to plan its addresses.</p>
      ) : null}
    </div>
  );
}

function ClusterPicker({ clusters, value }: { clusters: readonly Cluster[]; value: string }) {
  return (
    <div className="tb-group">
      <label className="tb-label" htmlFor="pl-cluster">
        Cluster
      </label>
      <select
        id="pl-cluster"
        className="select"
        value={value}
        onChange={(e) => setCluster(e.target.value)}
      >
        {clusters.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function PlannerView() {
  const scenario = useAppStore((s) => s.scenario);
  const data = plannerData(scenario);
  const tab = usePlanner((s) => s.tab);
  const chosen = usePlanner((s) => s.cluster);
  const cluster = pickCluster(data.filled, chosen);
  const stored = usePlanner((s) => s.inputs);
  const storedFor = usePlanner((s) => s.inputsFor);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => installBenchHook(), []);
  useLayoutEffect(() => plannerRendered(scenario), [scenario]);

  // A cluster that already has a ULA block keeps its Global ID in new IPv6 plans.
  const sourceCluster = scenario.clusters.find((c) => c.name === cluster?.name) ?? null;
  const ulaOfCluster = clusterGlobalId(sourceCluster);
  const inputsKey = cluster?.name ?? null;
  const inputs = stored && storedFor === inputsKey ? stored : inputsFrom(scenario, sourceCluster);
  useEffect(() => {
    if (ulaOfCluster !== null) setGlobalId(ulaOfCluster);
  }, [ulaOfCluster]);

  const onKey = (e: KeyboardEvent) => {
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (d === 0) return;
    e.preventDefault();
    const i = TABS.findIndex((t) => t.id === tab);
    const next = (i + d + TABS.length) % TABS.length;
    const t = TABS[next];
    if (t) {
      setTab(t.id);
      tabRefs.current[next]?.focus();
    }
  };

  return (
    <main className="planner" aria-label="Address planner">
      <div className="pl-head">
        <ViewSwitch />
        <h2 className="sr-only">Address planner</h2>
        <div className="pl-tabs" role="tablist" aria-label="Planner" onKeyDown={onKey}>
          {TABS.map((t, i) => (
            <button
              key={t.id}
              ref={(el) => {
                tabRefs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`pl-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls="pl-panel"
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <span className="pl-spacer" />
        {FOR_CLUSTER.has(tab) && cluster ? (
          <ClusterPicker clusters={data.filled.clusters} value={cluster.name} />
        ) : null}
      </div>
      <div
        key={tab}
        className="pl-body"
        role="tabpanel"
        id="pl-panel"
        aria-labelledby={`pl-tab-${tab}`}
        data-tab={tab}
      >
        {tab === 'map' ? (
          <MapTab data={data} />
        ) : tab === 'compare' ? (
          <ComparePanel inputs={inputs} forCluster={inputsKey} />
        ) : !cluster || !sourceCluster ? (
          <p className="pl-lead">Add a cluster on the address map first.</p>
        ) : tab === 'size' ? (
          <SizingPanel
            key={cluster.name}
            source={scenario}
            cluster={cluster}
            inputs={inputs}
            caps={data.capacity.get(cluster.name) ?? []}
            counts={data.counts.get(cluster.name)}
          />
        ) : tab === 'grow' ? (
          <GrowPanel key={cluster.name} cluster={cluster} />
        ) : (
          <ExportPanel cluster={sourceCluster} />
        )}
      </div>
    </main>
  );
}
