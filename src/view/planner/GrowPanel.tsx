/**
 * Grow instead of renumbering (talk 000: "allocate small to start, and build up"): add a
 * ClusterCIDR-style pod block (KEP-2593, optionally for a node selector) or a ServiceCIDR
 * (KEP-1880), see what it adds before adding it (grow.ts: capacity before and after), and walk
 * through the worked example. Adding is one undo step.
 */
import { useId, useMemo, useState } from 'react';
import { cidrFrom } from '../../core/model/cidr';
import { DEFAULTS } from '../../core/model/defaults';
import type { Cluster, Scenario } from '../../core/model/schema';
import { addressMap } from '../../core/plan/addressmap';
import {
  allocateSmallAndGrowExample,
  growClusterCIDR,
  growServiceCIDR,
  type GrowResult,
  type GrowStep,
} from '../../core/plan/grow';
import { useActions } from '../../store';
import { MapRowView } from './AddressMapView';
import { CodeBlock } from './CodeBlock';
import { parseSelector } from './inputs';
import { applyGrowth } from './planEdits';
import { count } from './format';

/** The grown cluster's pod blocks or Service ranges on the core's address map. */
function AfterRows({ r, unit }: { r: GrowResult; unit: 'nodes' | 'services' }) {
  const rows = useMemo(() => {
    const s: Scenario = { version: 1, model: 'flat', networks: [], clusters: [r.cluster] };
    const key = unit === 'nodes' ? '#clusterCIDRs[' : '#serviceCIDRs[';
    return (addressMap(s).sections.find((x) => x.kind === 'cluster')?.rows ?? []).filter((row) =>
      row.id.includes(key),
    );
  }, [r, unit]);
  if (rows.length === 0) return null;
  return (
    <div className="pl-after">
      <h4>After adding it</h4>
      {rows.map((row) => (
        <MapRowView key={row.id} row={row} network={false} />
      ))}
    </div>
  );
}

function Outcome({ r, unit }: { r: GrowResult; unit: 'nodes' | 'services' }) {
  return (
    <div className="pl-outcome" role="status">
      <p className={r.applied ? 'pl-lead' : 'pl-error'}>{r.summary}</p>
      {r.applied ? (
        <table className="pl-table small">
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">Count</span>
              </th>
              <th scope="col">Now</th>
              <th scope="col">After</th>
              <th scope="col">Adds</th>
            </tr>
          </thead>
          <tbody>
            {unit === 'nodes' ? (
              <>
                <tr>
                  <th scope="row">Node ranges</th>
                  <td>{count(r.before.nodeRanges)}</td>
                  <td>{count(r.after.nodeRanges)}</td>
                  <td>{count(r.added.nodeRanges)}</td>
                </tr>
                <tr>
                  <th scope="row">Pods that fit</th>
                  <td>{count(r.before.maxPods)}</td>
                  <td>{count(r.after.maxPods)}</td>
                  <td>{count(r.added.maxPods)}</td>
                </tr>
              </>
            ) : (
              <tr>
                <th scope="row">Service IPs</th>
                <td>{count(r.before.serviceIPs)}</td>
                <td>{count(r.after.serviceIPs)}</td>
                <td>{count(r.added.serviceIPs)}</td>
              </tr>
            )}
          </tbody>
        </table>
      ) : null}
      {r.applied ? <AfterRows r={r} unit={unit} /> : null}
      {r.applied && r.findings.length > 0 ? (
        <ul className="pl-warnings">
          {r.findings.map((f, i) => (
            <li key={i}>
              {f.message} <span className="pl-muted">({f.source})</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function GrowPods({ cluster }: { cluster: Cluster }) {
  const id = useId();
  const actions = useActions();
  const [cidr, setCidr] = useState('');
  const [mask, setMask] = useState('');
  const [selector, setSelector] = useState('');
  const family = cidrFrom(cidr.trim())?.family ?? cluster.ipFamilies[0] ?? 'IPv4';
  const defaultMask =
    cluster.clusterCIDRs.find((b) => cidrFrom(b.cidr)?.family === family)?.nodeMaskSize ??
    DEFAULTS.nodeMaskSize[family];
  const nodeMask = mask.trim() === '' ? defaultMask : Number(mask);
  const labels = parseSelector(selector);
  const input = useMemo(
    () => ({
      cidr: cidr.trim(),
      nodeMaskSize: nodeMask,
      ...(labels && Object.keys(labels).length > 0 ? { nodeSelector: labels } : {}),
    }),
    // labels is rebuilt from `selector` each render
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [cidr, nodeMask, selector],
  );
  const r = useMemo(
    () => (input.cidr === '' ? null : growClusterCIDR(cluster, input)),
    [cluster, input],
  );
  const add = () => {
    if (
      actions.edit(`add ClusterCIDR ${input.cidr}`, (s) =>
        applyGrowth(s, cluster.name, (c) => growClusterCIDR(c, input)),
      )
    ) {
      setCidr('');
      setSelector('');
    }
  };
  return (
    <section className="pl-grow-box" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Add a pod block (ClusterCIDR)</h3>
      <p className="pl-muted">
        A second block for node pod ranges, for every node or for a node selector (KEP-2593, the
        node-ipam-controller). Nodes keep their ranges; new nodes get ranges from it.
      </p>
      <div className="pl-inputs">
        <div className="pl-field">
          <label htmlFor={`${id}-cidr`}>Pod block CIDR</label>
          <input
            id={`${id}-cidr`}
            className="field-input"
            value={cidr}
            placeholder={family === 'IPv6' ? 'fd00:1:2:100::/56' : '10.1.0.0/16'}
            spellCheck={false}
            onChange={(e) => setCidr(e.target.value)}
          />
        </div>
        <div className="pl-field">
          <label htmlFor={`${id}-mask`}>Node mask</label>
          <input
            id={`${id}-mask`}
            className="field-input"
            type="number"
            value={mask}
            placeholder={String(defaultMask)}
            onChange={(e) => setMask(e.target.value)}
          />
        </div>
        <div className="pl-field">
          <label htmlFor={`${id}-sel`}>Node selector</label>
          <input
            id={`${id}-sel`}
            className="field-input"
            value={selector}
            placeholder="node-pool=pool-2 (empty: every node)"
            aria-invalid={labels === null}
            spellCheck={false}
            onChange={(e) => setSelector(e.target.value)}
          />
        </div>
      </div>
      {labels === null ? (
        <p className="pl-error">Write the selector as key=value pairs, separated by commas.</p>
      ) : null}
      {r ? <Outcome r={r} unit="nodes" /> : null}
      <div className="pl-apply">
        <button
          type="button"
          className="btn primary"
          disabled={!r?.applied || labels === null}
          onClick={add}
        >
          Add ClusterCIDR
        </button>
      </div>
      {r?.applied && r.manifest ? (
        <details className="pl-manifest">
          <summary>The ClusterCIDR objects to apply</summary>
          <CodeBlock
            title="ClusterCIDR objects to apply"
            text={r.manifest}
            filename={`${cluster.name}-clustercidrs.yaml`}
          />
        </details>
      ) : null}
    </section>
  );
}

function GrowServices({ cluster }: { cluster: Cluster }) {
  const id = useId();
  const actions = useActions();
  const [cidr, setCidr] = useState('');
  const t = cidr.trim();
  const r = useMemo(() => (t === '' ? null : growServiceCIDR(cluster, t)), [cluster, t]);
  const add = () => {
    if (
      actions.edit(`add ServiceCIDR ${t}`, (s) =>
        applyGrowth(s, cluster.name, (c) => growServiceCIDR(c, t)),
      )
    ) {
      setCidr('');
    }
  };
  return (
    <section className="pl-grow-box" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Add a Service range (ServiceCIDR)</h3>
      <p className="pl-muted">
        A networking.k8s.io/v1 ServiceCIDR (KEP-1880, Kubernetes 1.33+): more ClusterIPs without
        touching --service-cluster-ip-range.
      </p>
      <div className="pl-inputs">
        <div className="pl-field">
          <label htmlFor={`${id}-cidr`}>Service range CIDR</label>
          <input
            id={`${id}-cidr`}
            className="field-input"
            value={cidr}
            placeholder={cluster.ipFamilies[0] === 'IPv6' ? 'fd03::1:0/112' : '10.97.0.0/24'}
            spellCheck={false}
            onChange={(e) => setCidr(e.target.value)}
          />
        </div>
      </div>
      {r ? <Outcome r={r} unit="services" /> : null}
      <div className="pl-apply">
        <button type="button" className="btn primary" disabled={!r?.applied} onClick={add}>
          Add ServiceCIDR
        </button>
      </div>
      {r?.applied && r.manifest ? (
        <details className="pl-manifest">
          <summary>The ServiceCIDR to apply</summary>
          <CodeBlock
            title="ServiceCIDR to apply"
            text={r.manifest}
            filename={`${cluster.name}-servicecidr.yaml`}
          />
        </details>
      ) : null}
    </section>
  );
}

let example: GrowStep[] | null = null;
const exampleSteps = (): GrowStep[] => (example ??= allocateSmallAndGrowExample());

function StepMap({ step }: { step: GrowStep }) {
  const rows = useMemo(() => {
    const s: Scenario = { version: 1, model: 'flat', networks: [], clusters: [step.cluster] };
    const m = addressMap(s);
    return (m.sections.find((x) => x.kind === 'cluster')?.rows ?? []).filter(
      (r) => !r.id.includes('#nodes.'),
    );
  }, [step]);
  return (
    <div className="pl-step-map">
      {rows.map((r) => (
        <MapRowView key={r.id} row={r} network={false} />
      ))}
    </div>
  );
}

function WorkedExample() {
  const steps = exampleSteps();
  const [i, setI] = useState(0);
  const step = steps[i];
  if (!step) return null;
  const c = step.counts;
  return (
    <section className="pl-grow-box pl-example" aria-labelledby="pl-example-h">
      <h3 id="pl-example-h">Worked example: allocate small and grow</h3>
      <div className="pl-stepper">
        <button
          type="button"
          className="btn"
          disabled={i === 0}
          onClick={() => setI(i - 1)}
          aria-label="Previous step"
        >
          ‹ Previous
        </button>
        <span className="pl-step-count" aria-live="polite">
          Step {i + 1} of {steps.length}: <strong>{step.title}</strong>
        </span>
        <button
          type="button"
          className="btn"
          disabled={i === steps.length - 1}
          onClick={() => setI(i + 1)}
          aria-label="Next step"
        >
          Next ›
        </button>
      </div>
      <p className="pl-lead">{step.text}</p>
      <p className="pl-muted">
        {step.nodes} nodes: {count(c.nodeRangesUsed)} of {count(c.nodeRanges)} node ranges in use ·{' '}
        {step.services} Services: {count(c.serviceIPsUsed)} of {count(c.serviceIPs)} ClusterIPs in
        use
      </p>
      <StepMap step={step} />
      {step.findings.length > 0 ? (
        <ul className="pl-warnings">
          {step.findings.slice(0, 3).map((f, k) => (
            <li key={k}>
              {f.object.replace(/^cluster\/[^/]+\//, '')}: {f.message}
            </li>
          ))}
        </ul>
      ) : null}
      {step.manifest ? (
        <details className="pl-manifest">
          <summary>What to apply in this step</summary>
          <CodeBlock
            title={`Step ${i + 1}: what to apply`}
            text={step.manifest}
            filename={`allocate-small-and-grow-step-${i + 1}.yaml`}
          />
        </details>
      ) : null}
    </section>
  );
}

export function GrowPanel({ cluster }: { cluster: Cluster }) {
  return (
    <div className="pl-grow">
      <div className="pl-grow-forms">
        <p className="pl-lead">
          Grow cluster <strong>{cluster.name}</strong> without renumbering: a node’s spec.podCIDRs
          never changes once set, so more space comes as another block.
        </p>
        <GrowPods cluster={cluster} />
        <GrowServices cluster={cluster} />
      </div>
      <WorkedExample />
    </div>
  );
}
