/**
 * The side panel's inspector: the selected object's fields as Kubernetes names them, its
 * addresses (marked when IPAM filled them), its findings, what it can reach, and edits in
 * place. Each edit is one undo step (store.edit).
 */
import type { ReactNode } from 'react';
import type { Finding } from '../../core/model/findings';
import type { NetworkModel, ServiceType, TrafficPolicy } from '../../core/model/schema';
import { DEFAULTS } from '../../core/model/defaults';
import {
  analyze,
  derive,
  edits,
  useActions,
  useAppStore,
  useDeferredScenario,
  type Rec,
} from '../../store';
import { portsText, serviceTypeLabel } from '../format';
import { MODEL_INFO } from '../modelInfo';
import { Choice, EditNumber, EditText, Row } from './fields';
import { Reach } from './Reach';

const SERVICE_TYPES: readonly ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer'];
const POLICIES: readonly TrafficPolicy[] = ['Cluster', 'Local'];

function Findings({ list }: { list: Finding[] | undefined }) {
  if (!list || list.length === 0) return null;
  return (
    <div role="list" aria-label="Findings for this object">
      {list.map((f, i) => (
        <div key={i} role="listitem" className={`finding ${f.severity}`}>
          <span className="sev">{f.severity}</span>
          <span className="obj">{f.field}</span>
          <span className="msg">{f.message}</span>
        </div>
      ))}
    </div>
  );
}

function Header({ kind, name, children }: { kind: string; name: string; children?: ReactNode }) {
  return (
    <>
      <div className="kind">{kind}</div>
      <h2 className="mono" style={{ overflowWrap: 'anywhere' }}>
        {name}
      </h2>
      {children}
    </>
  );
}

export function Inspector() {
  const selection = useAppStore((s) => s.selection);
  const rec = useAppStore((s) =>
    s.selection ? derive(s.scenario).records.get(s.selection.replace(/#.*$/, '')) : undefined,
  );
  const findings = analyze(useDeferredScenario()).findingsByObject.get(selection ?? '');
  if (!selection || !rec) return <ScenarioSummary />;
  return (
    <div>
      <Body rec={rec} isLb={selection.endsWith('#lb')} isRouter={selection.endsWith('#router')} />
      {findings && findings.length > 0 ? (
        <>
          <h3>Findings</h3>
          <Findings list={findings} />
        </>
      ) : null}
      <Reach ref_={selection} />
    </div>
  );
}

function Body({ rec, isLb, isRouter }: { rec: Rec; isLb: boolean; isRouter: boolean }) {
  switch (rec.kind) {
    case 'cluster':
      return <ClusterView rec={rec} />;
    case 'node':
      return <NodeView rec={rec} />;
    case 'pod':
      return <PodView rec={rec} />;
    case 'service':
      return isLb ? <LbView rec={rec} /> : <ServiceView rec={rec} />;
    case 'network':
      return isRouter ? <RouterView rec={rec} /> : <NetworkView rec={rec} />;
    case 'host':
      return <HostView rec={rec} />;
    case 'gateway':
      return <GatewayView rec={rec} />;
    case 'ingress':
      return (
        <Header kind="Ingress (networking.k8s.io/v1)" name={rec.ingress.name}>
          <dl className="fields">
            <Row k="spec.ingressClassName / controller">{rec.ingress.controller ?? '—'}</Row>
            {rec.ingress.rules.map((r, i) => (
              <Row key={i} k={`spec.rules[${i}]`}>
                {r.paths.map((p, j) => (
                  <span key={j}>
                    {r.host ?? '*'}
                    {p.path ?? '/'} → {p.service}:{p.port}
                  </span>
                ))}
              </Row>
            ))}
          </dl>
        </Header>
      );
    case 'archipelago':
      return (
        <Header kind="Archipelago" name={rec.archipelago.name}>
          <p>Clusters sharing one flat pod space: {rec.archipelago.clusters.join(', ')}.</p>
        </Header>
      );
    default:
      return null;
  }
}

function useFilled(key: string): boolean {
  return useAppStore((s) => derive(s.scenario).filledKeys.has(key));
}

function ScenarioSummary() {
  const s = useAppStore((st) => derive(st.scenario).filled);
  const actions = useActions();
  const pods = s.clusters.reduce((n, c) => n + c.pods.length, 0);
  const nodes = s.clusters.reduce((n, c) => n + c.nodes.length, 0);
  const info = MODEL_INFO[s.model];
  return (
    <div>
      <div className="kind">Scenario</div>
      <h2>{s.name ?? 'Untitled scenario'}</h2>
      {s.description ? <p>{s.description}</p> : null}
      <dl className="fields">
        <Row k="model">{info.title}</Row>
        <Row k="networks">
          {s.networks.map((n) => `${n.name} ${n.cidrs.join(', ')}`).join('; ') || '—'}
        </Row>
        <Row k="clusters">{s.clusters.length}</Row>
        <Row k="nodes">{nodes.toLocaleString('en-US')}</Row>
        <Row k="pods">{pods.toLocaleString('en-US')}</Row>
        <Row k="hosts">
          {(s.hosts ?? []).map((h) => `${h.name} ${h.addresses.join(', ')}`).join('; ') || '—'}
        </Row>
      </dl>
      <p className="hint">
        Click anything in the diagram to inspect and edit it. Drag to pan, scroll to zoom.
      </p>
      <div className="actions-row">
        <button
          type="button"
          className="btn"
          onClick={() => actions.edit('add cluster', (x) => edits.addCluster(x))}
        >
          + Add cluster
        </button>
      </div>
    </div>
  );
}

function ClusterView({ rec }: { rec: Extract<Rec, { kind: 'cluster' }> }) {
  const actions = useActions();
  const c = rec.cluster;
  const name = c.name;
  return (
    <Header kind="Cluster" name={name}>
      <dl className="fields">
        <Row k="name">
          <EditText
            label="cluster name"
            value={name}
            onCommit={(t) => actions.edit('rename cluster', (s) => edits.renameCluster(s, name, t))}
          />
        </Row>
        <Row k="network">{c.network ?? '—'}</Row>
        <Row k="ipFamilies">{c.ipFamilies.join(', ')}</Row>
        {c.clusterCIDRs.map((b, i) => (
          <ClusterCidrRows key={i} cluster={name} index={i} cidr={b.cidr} mask={b.nodeMaskSize} />
        ))}
        {c.serviceCIDRs.map((sc, i) =>
          sc.cidrs.map((t, j) => (
            <Row key={`${i}-${j}`} k={`serviceCIDRs[${i}].cidrs[${j}]`}>
              <EditText
                label={`serviceCIDRs[${i}].cidrs[${j}]`}
                value={t}
                onCommit={(v) =>
                  actions.edit('change service range', (s) =>
                    edits.setServiceCIDR(s, name, i, j, v),
                  )
                }
              />
            </Row>
          )),
        )}
        <Row k="podNetwork">
          <Choice
            label="podNetwork"
            value={c.podNetwork ?? 'routed'}
            options={['routed', 'overlay'] as const}
            onChange={(v) =>
              actions.edit(`pod network ${v}`, (s) => edits.setPodNetwork(s, name, v))
            }
          />
        </Row>
        <Row k="masquerade.enabled">
          <label className="field-row" style={{ fontFamily: 'var(--font-sans)' }}>
            <input
              type="checkbox"
              checked={c.masquerade?.enabled ?? true}
              onChange={(e) =>
                actions.edit('masquerade', (s) => edits.setMasquerade(s, name, e.target.checked))
              }
            />
            SNAT pod traffic leaving the cluster
          </label>
        </Row>
        <Row k="nodes / pods / Services">
          {c.nodes.length.toLocaleString('en-US')} / {c.pods.length.toLocaleString('en-US')} /{' '}
          {c.services.length.toLocaleString('en-US')}
        </Row>
      </dl>
      <div className="actions-row">
        <button
          type="button"
          className="btn"
          onClick={() => actions.edit('add node', (s) => edits.addNode(s, name))}
        >
          + Node
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => actions.edit('add Service', (s) => edits.addService(s, name))}
        >
          + Service
        </button>
        <button
          type="button"
          className="btn danger"
          onClick={() => actions.edit('remove cluster', (s) => edits.removeCluster(s, name))}
        >
          Remove cluster
        </button>
      </div>
    </Header>
  );
}

function ClusterCidrRows({
  cluster,
  index,
  cidr,
  mask,
}: {
  cluster: string;
  index: number;
  cidr: string;
  mask: number;
}) {
  const actions = useActions();
  return (
    <>
      <Row k={`clusterCIDRs[${index}].cidr`}>
        <EditText
          label={`clusterCIDRs[${index}].cidr`}
          value={cidr}
          onCommit={(v) =>
            actions.edit('change cluster CIDR', (s) => edits.setClusterCIDR(s, cluster, index, v))
          }
        />
      </Row>
      <Row k={`clusterCIDRs[${index}].nodeMaskSize`}>
        <EditNumber
          label={`clusterCIDRs[${index}].nodeMaskSize`}
          value={mask}
          min={0}
          max={128}
          onCommit={(n) =>
            n === null
              ? false
              : actions.edit('change node mask size', (s) =>
                  edits.setNodeMaskSize(s, cluster, index, n),
                )
          }
        />
      </Row>
    </>
  );
}

function NodeView({ rec }: { rec: Extract<Rec, { kind: 'node' }> }) {
  const actions = useActions();
  const cl = rec.cluster.name;
  const n = rec.node;
  const name = n.name;
  const rangesFilled = useFilled(`${rec.ref}#podCIDRs`);
  const slots = Math.max(n.podCIDRs?.length ?? 0, 1);
  return (
    <Header kind="Node" name={name}>
      <dl className="fields">
        <Row k="metadata.name">
          <EditText
            label="metadata.name"
            value={name}
            onCommit={(t) => actions.edit('rename node', (s) => edits.renameNode(s, cl, name, t))}
          />
        </Row>
        {n.addresses.map((a, i) => (
          <Row key={i} k={`status.addresses[${i}] ${a.type}`}>
            <EditText
              label={`status.addresses[${i}].address`}
              value={a.address}
              onCommit={(v) =>
                actions.edit('change node address', (s) => edits.setNodeAddress(s, cl, name, i, v))
              }
            />
          </Row>
        ))}
        {Array.from({ length: slots }, (_, i) => (
          <Row key={`c${i}`} k={`spec.podCIDRs[${i}]`}>
            <EditText
              label={`spec.podCIDRs[${i}]`}
              value={n.podCIDRs?.[i] ?? ''}
              placeholder="from IPAM"
              ipam={rangesFilled}
              onCommit={(v) =>
                actions.edit('change pod range', (s) => edits.setNodePodCIDR(s, cl, name, i, v))
              }
            />
          </Row>
        ))}
        <Row k="pods">{rec.pods.toLocaleString('en-US')}</Row>
        <Row k="cluster">{cl}</Row>
      </dl>
      <div className="actions-row">
        <button
          type="button"
          className="btn"
          onClick={() => actions.edit('add pod', (s) => edits.addPod(s, cl, name))}
        >
          + Pod
        </button>
        <button
          type="button"
          className="btn danger"
          onClick={() => actions.edit('remove node', (s) => edits.removeNode(s, cl, name))}
        >
          Remove node
        </button>
      </div>
    </Header>
  );
}

function PodView({ rec }: { rec: Extract<Rec, { kind: 'pod' }> }) {
  const actions = useActions();
  const cl = rec.cluster.name;
  const p = rec.pod;
  const ns = p.namespace;
  const name = p.name;
  const ipsFilled = useFilled(`${rec.ref}#podIPs`);
  const slots = Math.max(p.podIPs?.length ?? 0, 1);
  return (
    <Header kind="Pod" name={name}>
      <dl className="fields">
        <Row k="metadata.name">
          <EditText
            label="metadata.name"
            value={name}
            onCommit={(t) => actions.edit('rename pod', (s) => edits.renamePod(s, cl, ns, name, t))}
          />
        </Row>
        <Row k="metadata.namespace">{ns ?? DEFAULTS.namespace}</Row>
        <Row k="spec.nodeName">
          <Choice
            label="spec.nodeName"
            value={p.nodeName}
            options={
              rec.cluster.nodes.length <= 200 ? rec.cluster.nodes.map((x) => x.name) : [p.nodeName]
            }
            onChange={(v) => actions.edit('move pod', (s) => edits.movePod(s, cl, ns, name, v))}
          />
        </Row>
        {Array.from({ length: slots }, (_, i) => (
          <Row key={i} k={`status.podIPs[${i}]`}>
            <EditText
              label={`status.podIPs[${i}]`}
              value={p.podIPs?.[i] ?? ''}
              placeholder="from IPAM"
              ipam={ipsFilled}
              onCommit={(v) =>
                actions.edit('change pod IP', (s) => edits.setPodIP(s, cl, ns, name, i, v))
              }
            />
          </Row>
        ))}
        <Row k="spec.hostNetwork">{p.hostNetwork ? 'true' : 'false'}</Row>
        <Row k="metadata.labels">
          {Object.entries(p.labels ?? {})
            .map(([k, v]) => `${k}=${v}`)
            .join(', ') || '—'}
        </Row>
        <Row k="containers[].ports">
          {(p.ports ?? [])
            .map(
              (x) =>
                `${x.containerPort}${x.hostPort ? ` (hostPort ${x.hostPort})` : ''}/${x.protocol ?? 'TCP'}`,
            )
            .join(', ') || '—'}
        </Row>
      </dl>
      <div className="actions-row">
        <button
          type="button"
          className="btn"
          onClick={() =>
            actions.edit('add Service', (s) =>
              edits.addService(s, cl, { ...(ns ? { ns } : {}), name }),
            )
          }
        >
          + Service for this pod
        </button>
        <button
          type="button"
          className="btn danger"
          onClick={() => actions.edit('remove pod', (s) => edits.removePod(s, cl, ns, name))}
        >
          Remove pod
        </button>
      </div>
    </Header>
  );
}

function ServiceView({ rec }: { rec: Extract<Rec, { kind: 'service' }> }) {
  const actions = useActions();
  const cl = rec.cluster.name;
  const v = rec.service;
  const ns = v.namespace;
  const name = v.name;
  const type = v.type ?? 'ClusterIP';
  const ipsFilled = useFilled(`${rec.ref}#clusterIPs`);
  const filledKeys = useAppStore((s) => derive(s.scenario).filledKeys);
  const endpoints = rec.cluster.pods.filter(
    (p) =>
      (p.namespace ?? DEFAULTS.namespace) === (ns ?? DEFAULTS.namespace) &&
      v.selector !== undefined &&
      Object.entries(v.selector).every(([k, val]) => p.labels?.[k] === val),
  );
  return (
    <Header kind="Service" name={name}>
      <dl className="fields">
        <Row k="metadata.name">
          <EditText
            label="metadata.name"
            value={name}
            onCommit={(t) =>
              actions.edit('rename Service', (s) => edits.renameService(s, cl, ns, name, t))
            }
          />
        </Row>
        <Row k="spec.type">
          <Choice
            label="spec.type"
            value={type}
            options={SERVICE_TYPES}
            onChange={(t) =>
              actions.edit(`Service type ${t}`, (s) => edits.setServiceType(s, cl, ns, name, t))
            }
          />
        </Row>
        {type !== 'ClusterIP' ? (
          <Row k="spec.externalTrafficPolicy">
            <Choice
              label="spec.externalTrafficPolicy"
              value={v.externalTrafficPolicy ?? 'Cluster'}
              options={POLICIES}
              onChange={(t) =>
                actions.edit(`traffic policy ${t}`, (s) =>
                  edits.setTrafficPolicy(s, cl, ns, name, t),
                )
              }
            />
          </Row>
        ) : null}
        {(v.clusterIPs && v.clusterIPs.length > 0 ? v.clusterIPs : ['']).map((ip, i) => (
          <Row key={i} k={`spec.clusterIPs[${i}]`}>
            <EditText
              label={`spec.clusterIPs[${i}]`}
              value={ip}
              placeholder="from IPAM"
              ipam={ipsFilled}
              onCommit={(t) =>
                actions.edit('change ClusterIP', (s) => edits.setClusterIP(s, cl, ns, name, i, t))
              }
            />
          </Row>
        ))}
        <Row k="spec.ipFamilies">{(v.ipFamilies ?? []).join(', ') || '—'}</Row>
        <Row k="spec.ipFamilyPolicy">{v.ipFamilyPolicy ?? 'SingleStack'}</Row>
        {v.ports.map((p, i) => (
          <Row key={i} k={`spec.ports[${i}]`}>
            <span className="field-row">
              <EditNumber
                label={`spec.ports[${i}].port`}
                value={p.port}
                min={1}
                max={65535}
                onCommit={(n) =>
                  actions.edit('change port', (s) =>
                    edits.setServicePort(s, cl, ns, name, i, 'port', n),
                  )
                }
              />
              <span aria-hidden="true">→</span>
              <EditNumber
                label={`spec.ports[${i}].targetPort`}
                value={typeof p.targetPort === 'number' ? p.targetPort : null}
                placeholder={typeof p.targetPort === 'string' ? p.targetPort : String(p.port)}
                min={1}
                max={65535}
                onCommit={(n) =>
                  actions.edit('change targetPort', (s) =>
                    edits.setServicePort(s, cl, ns, name, i, 'targetPort', n),
                  )
                }
              />
            </span>
            {type !== 'ClusterIP' ? (
              <span className="field-row">
                <span style={{ fontFamily: 'var(--font-sans)', fontSize: 13 }}>nodePort</span>
                <EditNumber
                  label={`spec.ports[${i}].nodePort`}
                  value={p.nodePort ?? null}
                  placeholder="from IPAM"
                  min={1}
                  max={65535}
                  ipam={filledKeys.has(`${rec.ref}#ports[${i}].nodePort`)}
                  onCommit={(n) =>
                    actions.edit('change nodePort', (s) =>
                      edits.setServicePort(s, cl, ns, name, i, 'nodePort', n),
                    )
                  }
                />
              </span>
            ) : null}
          </Row>
        ))}
        <Row k="spec.selector">
          {Object.entries(v.selector ?? {})
            .map(([k, val]) => `${k}=${val}`)
            .join(', ') || '—'}
        </Row>
        <Row k="endpoints">
          {endpoints.map((p) => `${p.name} ${(p.podIPs ?? []).join(', ')}`).join('; ') ||
            'none selected'}
        </Row>
        {type === 'LoadBalancer' ? (
          <Row k="status.loadBalancer.ingress">
            {(v.loadBalancerIngress ?? []).join(', ') || 'pending'}
          </Row>
        ) : null}
      </dl>
      <p className="hint">
        {serviceTypeLabel(v)} · {portsText(v)}
      </p>
      <div className="actions-row">
        <button
          type="button"
          className="btn danger"
          onClick={() =>
            actions.edit('remove Service', (s) => edits.removeService(s, cl, ns, name))
          }
        >
          Remove Service
        </button>
      </div>
    </Header>
  );
}

function LbView({ rec }: { rec: Extract<Rec, { kind: 'service' }> }) {
  const v = rec.service;
  return (
    <Header kind="Load balancer" name={`${v.name} (LoadBalancer)`}>
      <dl className="fields">
        <Row k="status.loadBalancer.ingress">
          {(v.loadBalancerIngress ?? []).join(', ') || 'pending'}
        </Row>
        <Row k="spec.externalTrafficPolicy">{v.externalTrafficPolicy ?? 'Cluster'}</Row>
        <Row k="spec.ports">{portsText(v)}</Row>
      </dl>
      <p className="hint">
        An L4 load balancer outside the cluster: it sends to the nodes’ NodePorts.
      </p>
    </Header>
  );
}

function NetworkView({ rec }: { rec: Extract<Rec, { kind: 'network' }> }) {
  const actions = useActions();
  const n = rec.network;
  return (
    <Header kind="Network" name={n.name}>
      <dl className="fields">
        {n.cidrs.map((c, i) => (
          <Row key={i} k={`cidrs[${i}]`}>
            <EditText
              label={`cidrs[${i}]`}
              value={c}
              onCommit={(v) =>
                actions.edit('change network range', (s) => edits.setNetworkCIDR(s, n.name, i, v))
              }
            />
          </Row>
        ))}
        {n.description ? <Row k="description">{n.description}</Row> : null}
      </dl>
    </Header>
  );
}

function RouterView({ rec }: { rec: Extract<Rec, { kind: 'network' }> }) {
  const model = useAppStore((s) => s.scenario.model);
  const info: Record<NetworkModel, string> = {
    flat: 'In a flat network the routers know every node’s pod range, so pod IPs are reachable from anywhere on the network.',
    island:
      'Pod ranges are not routed here: outside hosts reach pods only through gateways, and pod traffic leaves SNATed to a node IP.',
    'air-gapped': 'Nothing is routed across a cluster edge: the clusters are separate networks.',
    archipelago:
      'Pod ranges are shared inside an archipelago but not routed on this network: gateways bridge it.',
  };
  return (
    <Header kind="Router" name={`router of ${rec.network.name}`}>
      <p>{info[model]}</p>
    </Header>
  );
}

function HostView({ rec }: { rec: Extract<Rec, { kind: 'host' }> }) {
  const actions = useActions();
  const h = rec.host;
  return (
    <Header kind="Host (not Kubernetes)" name={h.name}>
      <dl className="fields">
        <Row k="name">
          <EditText
            label="host name"
            value={h.name}
            onCommit={(t) => actions.edit('rename host', (s) => edits.renameHost(s, h.name, t))}
          />
        </Row>
        {h.addresses.map((a, i) => (
          <Row key={i} k={`addresses[${i}]`}>
            <EditText
              label={`addresses[${i}]`}
              value={a}
              onCommit={(v) =>
                actions.edit('change host address', (s) => edits.setHostAddress(s, h.name, i, v))
              }
            />
          </Row>
        ))}
        <Row k="network">{h.network ?? 'internet'}</Row>
        {h.description ? <Row k="description">{h.description}</Row> : null}
      </dl>
    </Header>
  );
}

function GatewayView({ rec }: { rec: Extract<Rec, { kind: 'gateway' }> }) {
  const actions = useActions();
  const g = rec.gateway;
  const cl = rec.cluster.name;
  const what: Record<typeof g.kind, string> = {
    nodes:
      'Ingress through the nodes: a NodePort; the node picks the Service by destination port and DNATs to a pod.',
    vip: 'Ingress through a VIP: like NodePort, but the node picks the Service by destination IP.',
    proxy:
      'An L7 proxy: it ends the client’s connection and opens its own to a NodePort or straight to pod IPs; the backend sees the proxy’s IP.',
    egress: 'Egress: pod traffic leaving the island is SNATed (IP masquerade), hiding pod IPs.',
  };
  return (
    <Header kind={`Gateway (${g.kind})`} name={g.name}>
      <p>{what[g.kind]}</p>
      <dl className="fields">
        {(g.addresses && g.addresses.length > 0 ? g.addresses : ['']).map((a, i) => (
          <Row key={i} k={`addresses[${i}]`}>
            <EditText
              label={`addresses[${i}]`}
              value={a}
              onCommit={(v) =>
                actions.edit('change gateway address', (s) =>
                  edits.setGatewayAddress(s, cl, g.name, i, v),
                )
              }
            />
          </Row>
        ))}
        {g.service ? <Row k="service">{g.service}</Row> : null}
        {g.upstream ? <Row k="upstream">{g.upstream}</Row> : null}
      </dl>
    </Header>
  );
}
