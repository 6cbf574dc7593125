/**
 * One plan as IPv4-only, dual-stack and IPv6-only side by side (plan/compare.ts): what fits, what
 * binds first, and the address fields a Node, a Pod and a Service would carry (talk 001).
 */
import { useMemo } from 'react';
import { compareFamilies, type ObjectExample, type StackColumn } from '../../core/plan/compare';
import { parseInputs } from './inputs';
import { PlanInputs } from './PlanInputs';
import { usePlanner, type SizeInputs } from './plannerState';
import { count } from './format';

function ObjectFields({ o }: { o: ObjectExample }) {
  return (
    <div className="pl-obj">
      <h5>
        {o.kind} <span className="mono pl-muted">{o.name}</span>
      </h5>
      <dl className="pl-dl fields-dl">
        {o.fields.map((f) => (
          <div key={f.path} className="pl-dl-row">
            <dt className="mono">{f.path}</dt>
            <dd className="mono">{f.text}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function Column({ col }: { col: StackColumn }) {
  return (
    <section className="pl-col" aria-label={col.label}>
      <h3>
        {col.label}
        <span className={`pl-badge ${col.ok ? 'b-ok' : 'b-conflict'}`}>
          {col.ok ? 'fits' : 'does not fit'}
        </span>
      </h3>
      <dl className="pl-dl pl-counts">
        <dt>Nodes that fit</dt>
        <dd>{count(col.nodesThatFit)}</dd>
        <dt>Pods per node</dt>
        <dd>{count(col.podsPerNode)}</dd>
        <dt>Service IPs</dt>
        <dd>{count(col.serviceIPs)}</dd>
        <dt>Services that fit</dt>
        <dd>{count(col.servicesThatFit)}</dd>
      </dl>
      {col.bindingLimit ? (
        <p className="pl-bind">Binds first: {col.bindingLimit.sentence}</p>
      ) : null}
      <table className="pl-table small">
        <tbody>
          {col.perFamily.map((f) => (
            <tr key={f.family}>
              <th scope="row">{f.family}</th>
              <td className="mono">
                pods {f.clusterCIDR} in /{f.nodeMaskSize}s
                <br />
                Services {f.serviceCIDR}
                <br />
                nodes {f.nodeNetwork}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ObjectFields o={col.node} />
      <ObjectFields o={col.pod} />
      <ObjectFields o={col.service} />
      {col.errors.length > 0 ? (
        <ul className="pl-errors">
          {col.errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      {col.notes.length > 0 ? (
        <ul className="pl-notes">
          {col.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export function ComparePanel({
  inputs,
  forCluster,
}: {
  inputs: SizeInputs;
  forCluster: string | null;
}) {
  const globalId = usePlanner((s) => s.ulaGlobalId);
  const p = parseInputs(inputs);
  const cmp = useMemo(
    () =>
      compareFamilies(
        { nodes: p.nodes, podsPerNode: p.podsPerNode, services: p.services },
        { ulaGlobalId: globalId, ...(p.ipv4Base ? { ipv4Base: p.ipv4Base } : {}) },
      ),
    [p.nodes, p.podsPerNode, p.services, p.ipv4Base, globalId],
  );
  return (
    <div className="pl-compare">
      <PlanInputs inputs={inputs} forCluster={forCluster} compact />
      <p className="pl-muted">
        The same wants planned three ways. The example objects are one node, one pod and one
        Service, with the addresses IPAM would hand out.
      </p>
      <div className="pl-cols">
        {cmp.columns.map((c) => (
          <Column key={c.stack} col={c} />
        ))}
      </div>
    </div>
  );
}
