/**
 * A cluster's capacity per family, as capacity.ts counts it: nodes that fit, pod IPs per node
 * against maxPods, Service IPs with kubernetes.default, the DNS address and the KEP-3070 static
 * band, NodePorts with the KEP-3668 band, the limit that binds first, and the warnings.
 */
import type { ReactNode } from 'react';
import type { FamilyCapacity, LimitKind } from '../../core/model/capacity';
import type { GrowCounts } from '../../core/plan/grow';
import { sizeText } from '../../core/plan/addressmap';
import { count } from './format';

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Card({
  title,
  binds,
  children,
  after,
}: {
  title: string;
  binds: boolean;
  children: ReactNode;
  after?: ReactNode;
}) {
  return (
    <div className={`pl-card${binds ? ' binds' : ''}`}>
      <h5>
        {title}
        {binds ? <span className="pl-badge b-binds">binds first</span> : null}
      </h5>
      <dl className="pl-dl">{children}</dl>
      {after}
    </div>
  );
}

/** A plain bar of two of the core's counts (the browser draws the ratio). */
function Meter({ used, total, label }: { used: bigint; total: bigint; label: string }) {
  if (total <= 0n) return null;
  return (
    <meter
      className="pl-meter"
      min={0}
      max={Number(total)}
      value={Number(used)}
      aria-label={label}
    />
  );
}

export function FamilyCapacityView({
  cap,
  counts,
  clusterName,
  showNodePorts,
}: {
  cap: FamilyCapacity;
  counts: GrowCounts | undefined;
  clusterName: string;
  showNodePorts: boolean;
}) {
  const f = cap.family;
  const binds = (k: LimitKind) => cap.bindingLimit.kind === k;
  const nr = cap.nodeRanges;
  const block = nr.blocks.find((b) => b.problem === null);
  const svc = cap.services;
  const np = cap.nodePorts;
  return (
    <section className="pl-cap" aria-label={`Capacity of ${clusterName}, ${f}`}>
      <h4>
        {f} <span className="pl-muted">capacity</span>
      </h4>
      <p className="pl-bind">{cap.bindingLimit.sentence}</p>
      <div className="pl-cap-grid">
        <Card
          title="Nodes"
          binds={binds('nodeRanges')}
          after={
            <>
              <Meter used={nr.used} total={nr.total} label={`${f} node ranges in use`} />
              {nr.blocks
                .filter((b) => b.problem)
                .map((b) => (
                  <p key={b.index} className="pl-warn-inline">
                    {b.cidr}: {b.problem}
                  </p>
                ))}
            </>
          }
        >
          <Item term="Nodes that fit">
            <strong>{counts ? count(counts.nodeRanges) : '—'}</strong>
            {block ? <span className="pl-muted"> node ranges of /{block.nodeMaskSize}</span> : null}
          </Item>
          <Item term="In use">
            {count(nr.used)} <span className="pl-muted">· free {count(nr.free)}</span>
          </Item>
          {nr.blockedByServices > 0n ? (
            <Item term="Inside the Service range">
              {count(nr.blockedByServices)} <span className="pl-muted">never handed out</span>
            </Item>
          ) : null}
          <Item term="Nodes now">
            {count(BigInt(nr.nodes))}{' '}
            <span className="pl-muted">
              ({count(BigInt(nr.nodesWithRange))} with an {f} range)
            </span>
          </Item>
        </Card>
        <Card title="Pods" binds={false}>
          <Item term="Pod IPs per node">
            {cap.pods.podAddressesPerNode !== null
              ? sizeText(f, cap.pods.podAddressesPerNode)
              : '—'}{' '}
            <span className="pl-muted">vs maxPods {cap.pods.maxPods}</span>
          </Item>
          <Item term="Pods per node">
            <strong>{cap.pods.podsPerNode !== null ? count(cap.pods.podsPerNode) : '—'}</strong>{' '}
            {cap.pods.limitedBy ? (
              <span className="pl-muted">
                limited by {cap.pods.limitedBy === 'maxPods' ? 'maxPods' : 'the range'}
              </span>
            ) : null}
          </Item>
          <Item term="Pods that fit">{count(cap.pods.maxInCluster)}</Item>
          <Item term="On today's nodes">
            {count(cap.pods.maxOnCurrentNodes)}{' '}
            <span className="pl-muted">· running {count(BigInt(cap.pods.running))}</span>
          </Item>
        </Card>
        <Card
          title="Service IPs"
          binds={binds('serviceIPs')}
          after={<Meter used={svc.used} total={svc.usable} label={`${f} Service IPs in use`} />}
        >
          <Item term="Usable">
            <strong>{count(svc.usable)}</strong>{' '}
            <span className="pl-muted">
              · used {count(svc.used)} · free {count(svc.free)}
            </span>
          </Item>
          {svc.kubernetesIP ? (
            <Item term="kubernetes.default">
              <span className="mono">{svc.kubernetesIP}</span>
            </Item>
          ) : null}
          {svc.dnsIP ? (
            <Item term="Cluster DNS">
              <span className="mono">{svc.dnsIP}</span>
            </Item>
          ) : null}
          {svc.staticBand ? (
            <Item term="Static band">
              <span className="mono">
                {svc.staticBand.first} – {svc.staticBand.last}
              </span>{' '}
              <span className="pl-muted">({count(svc.staticBand.size)})</span>
            </Item>
          ) : null}
          <Item term="Dynamic band">{count(svc.dynamicSize)}</Item>
        </Card>
        {showNodePorts ? (
          <Card
            title="NodePorts"
            binds={binds('nodePorts')}
            after={<Meter used={np.used} total={np.total} label="NodePorts in use" />}
          >
            <Item term="Range">
              <span className="mono">
                {np.min}–{np.max}
              </span>{' '}
              <span className="pl-muted">({count(np.total)})</span>
            </Item>
            <Item term="In use">
              {count(np.used)} <span className="pl-muted">· free {count(np.free)}</span>
            </Item>
            {np.staticBand ? (
              <Item term="Static band">
                <span className="mono">
                  {np.staticBand.first}–{np.staticBand.last}
                </span>{' '}
                <span className="pl-muted">({count(np.staticBand.size)})</span>
              </Item>
            ) : null}
            <Item term="Dynamic band">{count(np.dynamicSize)}</Item>
          </Card>
        ) : null}
      </div>
      {cap.warnings.length > 0 ? (
        <ul className="pl-warnings" aria-label={`Warnings for ${clusterName}, ${f}`}>
          {cap.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export function CapacityPanel({
  clusterName,
  caps,
  counts,
}: {
  clusterName: string;
  caps: readonly FamilyCapacity[];
  counts: ReadonlyMap<string, GrowCounts> | undefined;
}) {
  if (caps.length === 0) return <p className="pl-muted">No address blocks to count.</p>;
  return (
    <div className="pl-caps">
      {caps.map((cap, i) => (
        <FamilyCapacityView
          key={cap.family}
          cap={cap}
          counts={counts?.get(cap.family)}
          clusterName={clusterName}
          showNodePorts={i === 0}
        />
      ))}
    </div>
  );
}
