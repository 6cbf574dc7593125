/**
 * One box of the diagram. Subscribes to its own record and selection state, so a
 * selection change re-renders two boxes, not ten thousand.
 */
import { memo, type ReactNode } from 'react';
import { SIZES } from '../../core/layout/layout';
import { routeTable } from '../../core/layout/routes';
import type { Box } from '../../core/layout/types';
import type { NetworkModel } from '../../core/model/schema';
import { derive, useAppStore, type Rec } from '../../store';
import { clip, serviceTypeLabel, portsText } from '../format';

export type Lod = 'near' | 'mid' | 'far';

const L = SIZES.line;
const MONO = SIZES.char.mono;
const MONO6 = SIZES.char.mono6;
const SANS = SIZES.char.title;
const SMALL = SIZES.char.small;
const TAG = SIZES.char.tag;

interface Line {
  text: string;
  cls: string;
  char?: number;
  /** Extra left indent (px), e.g. a dual-stack Service's second ClusterIP under the first. */
  indent?: number;
}

function Lines({
  box,
  lines,
  top = 0,
  inset = SIZES.textInset,
  right = 0,
}: {
  box: Box;
  lines: Line[];
  top?: number;
  inset?: number;
  right?: number;
}) {
  return (
    <>
      {lines.map((l, i) => (
        <text
          key={i}
          className={l.cls}
          x={box.x + inset + (l.indent ?? 0)}
          y={box.y + top + SIZES.firstLine + i * L}
        >
          {clip(l.text, box.w - 2 * inset - right - (l.indent ?? 0), l.char ?? MONO)}
        </text>
      ))}
    </>
  );
}

/** "cluster prod", but just "cluster" or "my-cluster" when the name already says it. */
export const titled = (kind: string, name: string) =>
  name.toLowerCase().includes(kind) ? name : `${kind} ${name}`;

const EDGE_NOTE: Record<NetworkModel, string> = {
  flat: 'flat: pod IPs routable on the network',
  island: 'island: pod IPs private; gateways cross',
  'air-gapped': 'air-gapped: nothing crosses this edge',
  archipelago: 'archipelago: pod IPs shared in the group',
};

const ROUTER_NOTE: Record<NetworkModel, string> = {
  flat: 'routes every pod range',
  island: 'knows nodes, not pod ranges',
  'air-gapped': 'no routes into the clusters',
  archipelago: 'knows nodes, not pod ranges',
};

function content(
  rec: Rec | undefined,
  box: Box,
  lod: Lod,
  model: NetworkModel,
  routesW: number,
): ReactNode {
  const far = lod === 'far';
  switch (box.kind) {
    case 'network': {
      if (rec?.kind !== 'network')
        return <Lines box={box} lines={[{ text: 'no network', cls: 't-big', char: 12 }]} />;
      const n = rec.network;
      if (far) return null; // FarTitles draws it, counter-scaled
      return (
        <>
          <text className="t-big" x={box.x + 18} y={box.y + 32}>
            {titled('network', n.name)}
            <tspan className="t-mono" dx={14} style={{ fontSize: 19, fontWeight: 600 }}>
              {n.cidrs.join(', ')}
            </tspan>
          </text>
          {n.description ? (
            <text className="t-sub" x={box.x + 18} y={box.y + 51}>
              {n.description}
            </text>
          ) : null}
        </>
      );
    }
    case 'internet':
      return (
        <text className="t-big" x={box.x + 18} y={box.y + 34}>
          internet
        </text>
      );
    case 'archipelago':
      return (
        <text
          className="t-title"
          x={box.x + 14}
          y={box.y + 24}
          style={{ fill: 'var(--arch-stroke)' }}
        >
          {`archipelago ${rec?.kind === 'archipelago' ? rec.archipelago.name : ''}: one pod space`}
        </text>
      );
    case 'cluster': {
      if (rec?.kind !== 'cluster') return null;
      const c = rec.cluster;
      if (far) return null; // FarTitles draws it, counter-scaled
      const title = titled('cluster', c.name);
      const room = box.w - 48 - routesW;
      return (
        <>
          <text className="t-big" x={box.x + 16} y={box.y + 32}>
            {clip(title, room, 12.6)}
          </text>
          <text className="t-mono" x={box.x + 16} y={box.y + 57}>
            {clip(
              `pods ${c.clusterCIDRs.map((b) => b.cidr).join(', ') || '—'} · ${c.podNetwork ?? 'routed'}`,
              room,
              MONO,
            )}
          </text>
          <text className="t-mono" x={box.x + 16} y={box.y + 80}>
            {clip(
              `services ${c.serviceCIDRs.flatMap((x) => x.cidrs).join(', ') || '—'}`,
              room,
              MONO,
            )}
          </text>
          <text className="edge-note" x={box.x + 16} y={box.y + 101}>
            {clip(EDGE_NOTE[model], room, 8.2)}
          </text>
        </>
      );
    }
    case 'services': {
      const n = rec?.kind === 'cluster' ? rec.cluster.services.length : 0;
      return (
        <text className="t-tag" x={box.x + 4} y={box.y + 16}>
          {`Services (${n}): virtual IPs, translated by kube-proxy on every node`}
        </text>
      );
    }
    case 'node': {
      if (rec?.kind !== 'node') return null;
      const n = rec.node;
      const addrs = n.addresses.filter((a) => a.type === 'InternalIP' || a.type === 'ExternalIP');
      const lines: Line[] = [{ text: n.name, cls: 't-title', char: SANS }];
      for (const a of addrs) lines.push({ text: `${a.type} ${a.address}`, cls: 't-mono' });
      if (addrs.length === 0) lines.push({ text: 'no InternalIP', cls: 't-mono6' });
      for (const c of n.podCIDRs ?? []) lines.push({ text: `podCIDR ${c}`, cls: 't-mono' });
      if ((n.podCIDRs ?? []).length === 0) lines.push({ text: 'podCIDR —', cls: 't-mono6' });
      // Far away a node is a shape; its cluster's title counts nodes and pods.
      if (far) return null;
      // Middle distance: the name and the pods as a count, in type big enough to read there.
      if (lod === 'mid') {
        return (
          <>
            <text className="t-title mid-name" x={box.x + 14} y={box.y + 44}>
              {clip(n.name, box.w - 28, 20)}
            </text>
            <text className="fold mid-count" x={box.x + 14} y={box.y + 92}>
              {`${rec.pods} ${rec.pods === 1 ? 'pod' : 'pods'}`}
            </text>
          </>
        );
      }
      return <Lines box={box} lines={lines} />;
    }
    case 'pod': {
      if (rec?.kind !== 'pod') return null;
      const p = rec.pod;
      const lines: Line[] = [{ text: p.name, cls: 't-title', char: SANS }];
      const ips = p.podIPs ?? [];
      // Dual-stack: every family in the same type, so the IPv6 address reads as well as the
      // IPv4 one.
      for (const ip of ips) lines.push({ text: ip, cls: 't-mono', char: MONO });
      if (ips.length === 0) lines.push({ text: 'no IP yet', cls: 't-mono6', char: MONO6 });
      if (p.hostNetwork) lines[0] = { text: `${p.name} (hostNetwork)`, cls: 't-title', char: SANS };
      return <Lines box={box} lines={lines} />;
    }
    case 'service': {
      if (rec?.kind !== 'service') return null;
      const v = rec.service;
      const lines: Line[] = [
        { text: `${v.name} · ${serviceTypeLabel(v)}`, cls: 't-title', char: SANS },
      ];
      const ips = v.clusterIPs ?? [];
      ips.forEach((ip, i) =>
        lines.push(
          i === 0
            ? { text: `ClusterIP ${ip}`, cls: 't-mono' }
            : { text: ip, cls: 't-mono', indent: 10 * MONO },
        ),
      );
      if (ips.length === 0) lines.push({ text: 'ClusterIP —', cls: 't-mono6' });
      lines.push({ text: portsText(v), cls: 't-mono6' });
      return <Lines box={box} lines={lines} />;
    }
    case 'ingress': {
      if (rec?.kind !== 'ingress') return null;
      const ing = rec.ingress;
      const lines: Line[] = [{ text: `${ing.name} · Ingress`, cls: 't-title', char: SANS }];
      for (const r of ing.rules) {
        for (const p of r.paths)
          lines.push({
            text: `${r.host ?? '*'}${p.path ?? '/'} → ${p.service}:${p.port}`,
            cls: 't-mono6',
          });
      }
      return <Lines box={box} lines={lines.slice(0, 4)} />;
    }
    case 'gateway': {
      if (rec?.kind !== 'gateway') return null;
      const g = rec.gateway;
      const kindText =
        g.kind === 'vip'
          ? 'VIP ingress'
          : g.kind === 'proxy'
            ? 'L7 proxy ingress'
            : g.kind === 'egress'
              ? 'egress SNAT'
              : 'NodePort ingress';
      const lines: Line[] = [
        { text: g.name, cls: 't-title', char: SANS },
        { text: kindText, cls: 't-tag', char: TAG },
      ];
      for (const a of g.addresses ?? []) lines.push({ text: a, cls: 't-mono' });
      lines.push({
        text:
          g.kind === 'proxy'
            ? `to ${g.upstream === 'nodePort' ? 'NodePorts' : 'pod IPs'}`
            : g.service
              ? `for ${g.service}`
              : g.kind === 'egress'
                ? 'to node IPs'
                : 'on every node',
        cls: 't-sub',
        char: SMALL,
      });
      return <Lines box={box} lines={lines} right={18} />;
    }
    case 'routes': {
      if (rec?.kind !== 'cluster') return null;
      const c = rec.cluster;
      const m = SIZES.maxRouteLines;
      const { lines: routes, total } = routeTable(c, m);
      const overlay = c.podNetwork === 'overlay';
      const lines: Line[] = [
        {
          text: overlay ? 'Overlay: encapsulate to the node' : 'Pod routes on the node network',
          cls: 't-tag',
          char: TAG,
        },
      ];
      for (const r of routes) {
        lines.push({
          text: `${r.dest} ${overlay ? 'to ' : 'via'} ${r.via ?? '?'}`,
          cls: 't-mono6',
          char: MONO6,
        });
      }
      if (total > routes.length)
        lines.push({
          text: `+ ${(total - routes.length).toLocaleString('en-US')} more`,
          cls: 't-mono6',
        });
      return <Lines box={box} lines={lines} />;
    }
    case 'loadbalancer': {
      if (rec?.kind !== 'service') return null;
      const v = rec.service;
      const lines: Line[] = [
        { text: 'LoadBalancer', cls: 't-title', char: SANS },
        { text: `for ${v.name}`, cls: 't-sub', char: SMALL },
      ];
      for (const ip of v.loadBalancerIngress ?? []) lines.push({ text: ip, cls: 't-mono' });
      if ((v.loadBalancerIngress ?? []).length === 0)
        lines.push({ text: 'ingress IP pending', cls: 't-mono6' });
      return <Lines box={box} lines={lines} />;
    }
    case 'host': {
      if (rec?.kind !== 'host') return null;
      const h = rec.host;
      const lines: Line[] = [{ text: h.name, cls: 't-title', char: SANS }];
      for (const a of h.addresses) lines.push({ text: a, cls: 't-mono' });
      if (h.description) lines.push({ text: h.description, cls: 't-sub', char: SMALL });
      return <Lines box={box} lines={lines} />;
    }
    case 'clients':
      return (
        <Lines
          box={box}
          lines={[
            { text: 'clients', cls: 't-title', char: SANS },
            { text: 'any other address', cls: 't-sub', char: SMALL },
          ]}
        />
      );
    case 'router': {
      const n = rec?.kind === 'network' ? rec.network : null;
      const lines: Line[] = [
        { text: 'router', cls: 't-title', char: SANS },
        { text: n ? n.cidrs.join(', ') : '', cls: 't-mono' },
        { text: ROUTER_NOTE[model], cls: 't-sub', char: SMALL },
      ];
      return <Lines box={box} lines={lines} />;
    }
    default:
      return null;
  }
}

/** The record a box shows: routes and the services band show their cluster, a router its network. */
export function recordRef(box: Box): string {
  const hash = box.id.indexOf('#');
  return hash < 0 ? box.id : box.id.slice(0, hash);
}

/** Which boxes can be selected (and are buttons for assistive tech). */
export const SELECTABLE = new Set<Box['kind']>([
  'network',
  'cluster',
  'node',
  'pod',
  'service',
  'ingress',
  'gateway',
  'loadbalancer',
  'host',
  'router',
  'archipelago',
]);

function ariaLabel(rec: Rec | undefined, box: Box): string {
  if (!rec) return box.id;
  switch (rec.kind) {
    case 'pod':
      return `Pod ${rec.pod.name} ${(rec.pod.podIPs ?? []).join(' ')}`;
    case 'node':
      return `Node ${rec.node.name} ${rec.node.addresses.map((a) => a.address).join(' ')} pod range ${(rec.node.podCIDRs ?? []).join(' ')}`;
    case 'service':
      return box.kind === 'loadbalancer'
        ? `Load balancer of Service ${rec.service.name}`
        : `Service ${rec.service.name} ${serviceTypeLabel(rec.service)} ${(rec.service.clusterIPs ?? []).join(' ')}`;
    case 'cluster':
      return `Cluster ${rec.cluster.name}`;
    case 'network':
      return box.kind === 'router'
        ? `Router of network ${rec.network.name}`
        : `Network ${rec.network.name} ${rec.network.cidrs.join(' ')}`;
    case 'host':
      return `Host ${rec.host.name} ${rec.host.addresses.join(' ')}`;
    case 'gateway':
      return `Gateway ${rec.gateway.name} (${rec.gateway.kind})`;
    case 'ingress':
      return `Ingress ${rec.ingress.name}`;
    case 'archipelago':
      return `Archipelago ${rec.archipelago.name}`;
    default:
      return box.id;
  }
}

const RADIUS: Partial<Record<Box['kind'], number>> = {
  network: 18,
  internet: 18,
  archipelago: 22,
  cluster: 14,
  node: 10,
  pod: 8,
  service: 20,
  loadbalancer: 10,
  gateway: 10,
  host: 8,
  router: 26,
  clients: 20,
  routes: 6,
  services: 10,
};

export const BoxView = memo(function BoxView({ box, lod }: { box: Box; lod: Lod }) {
  const ref = recordRef(box);
  const rec = useAppStore((s) => derive(s.scenario).records.get(ref));
  const model = useAppStore((s) => s.scenario.model);
  // A cluster's header shares its top row with the route table box.
  const routesW = useAppStore((s) =>
    box.kind === 'cluster' ? (derive(s.scenario).layout.boxes.get(`${box.id}#routes`)?.w ?? 0) : 0,
  );
  const selectable = SELECTABLE.has(box.kind);
  const selected = useAppStore((s) => selectable && s.selection === box.id);
  const pickedSrc = useAppStore((s) => s.picking.stage === 'dst' && s.picking.src === box.id);
  const cls = [
    `b-${box.kind}`,
    box.kind === 'cluster' ? `m-${model}` : '',
    selectable ? 'sel' : '',
    selected ? 'selected' : '',
    pickedSrc ? 'picked-src' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const r = RADIUS[box.kind] ?? 8;
  const props = selectable
    ? {
        role: 'button',
        tabIndex: 0,
        'aria-label': ariaLabel(rec, box),
        'aria-pressed': selected,
        'data-ref': box.id,
      }
    : {};
  return (
    <g className={cls} {...props}>
      <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={r} ry={r} />
      {content(rec, box, lod, model, routesW)}
    </g>
  );
});
