/**
 * Pure, deterministic diagram layout: the same scenario always gives the same picture, and
 * nothing here touches the DOM. Positions come from the scenario's own order (no force
 * simulation, no randomness), so a teacher's picture does not move between reloads.
 *
 * The picture (talk 003's drawing, made regular):
 *
 *   network 10.0.0.0/8 ────────────────────────────────────────────────
 *   │ cluster ───────────────────────┐   [LB]  [host]                  │
 *   │ │ [svc] [svc]                  │     │      │                    │
 *   │ │ [node [pod][pod]] [node ...] │     │      │                    │
 *   │ ├──┴─────────┴──── node bus    │     │      │                    │
 *   │ │ [routes]            [gw]     │     │      │                    │
 *   │ └──┬───────────────────┬───────┘     │      │                    │
 *   │ ═══╧═══════ backbone ══╧═════════════╧══════╧════[router]════ WAN ──── internet
 *
 * Nodes sit in rows; each row has its own bus (the node network), joined by a trunk on the
 * left that continues down to the network backbone. Gateways straddle the cluster's bottom
 * edge: one wire up to the node network, one down to the backbone, so ingress and egress
 * through them are drawn as crossing the edge.
 */
import type { Cluster, Scenario } from '../model/schema';
import {
  archipelagoRef,
  clusterRef,
  gatewayRef,
  hostRef,
  ingressRef,
  networkRef,
  nodeRef,
  podRef,
  serviceRef,
} from '../model/refs';
import type {
  Box,
  BoxKind,
  ClusterMetrics,
  GridIndex,
  Item,
  Layout,
  Link,
  LinkKind,
  Point,
  Rect,
} from './types';

/**
 * Type sizes of the diagram in world units (CSS px at zoom 1); view/styles.css uses the same
 * numbers (a view test checks). Names and addresses are the body text a room must read.
 */
export const FONT = { title: 20, mono: 18, mono6: 16, small: 15, tag: 13 } as const;

/** On-screen size (px) body text should never go below when the view frames something. */
export const READABLE_PX = 12;

/**
 * Sizes in world units, chosen so the type is large relative to its boxes: boxes hug their
 * text and gaps are tight, so a whole scenario fitted to a screen keeps its text readable.
 */
export const SIZES = {
  /** Average glyph widths of the diagram's type (wide fonts, DejaVu, to be safe). */
  char: {
    title: FONT.title * 0.578,
    mono: FONT.mono * 0.602,
    mono6: FONT.mono6 * 0.602,
    small: FONT.small * 0.605,
    tag: FONT.tag * 0.745,
  },
  line: 23,
  boxPadY: 10,
  /** Baseline of a box's first line below its top edge. */
  firstLine: 21,
  /** Horizontal text inset inside a box. */
  textInset: 11,
  podW: 184,
  podGap: 8,
  podPad: 10,
  /** Room between a node's header text and its pods (a finding badge sits there). */
  podTop: 4,
  /**
   * Room under a pod's last address: a packet and the hop markers stand on the pod's lower
   * edge (its eth0), and must not cover the address.
   */
  podFoot: 12,
  nodeMinW: 180,
  nodeGapX: 24,
  /** Vertical gap between node rows; the row's bus runs through it. */
  nodeGapY: 50,
  busOffset: 22,
  trunkInset: 12,
  gridInset: 24,
  svcW: 270,
  svcGap: 10,
  svcBandLabel: 30,
  gwW: 250,
  gwGap: 10,
  routesW: 340,
  clusterPad: 16,
  clusterHeader: 108,
  clusterGap: 44,
  archPad: 18,
  archLabel: 32,
  netPad: 22,
  netHeader: 56,
  netGap: 44,
  outsideW: 230,
  outsideGap: 24,
  backboneGap: 40,
  hangGap: 26,
  routerW: 250,
  internetGap: 28,
  internetW: 300,
  maxRouteLines: 6,
  gridCell: 512,
} as const;

export const boxHeight = (lines: number): number => SIZES.boxPadY + lines * SIZES.line;

interface ClusterPlan {
  cluster: Cluster;
  metrics: ClusterMetrics;
  nodeW: number;
  nodeH: number;
  podH: number;
  svcH: number;
  gwH: number;
  nodeRows: number;
  svcRows: number;
  svcCols: number;
  innerW: number;
  gridW: number;
  w: number;
  h: number;
  gateways: number;
  lbServices: { ref: string; lines: number; w: number }[];
  podW: number;
  svcW: number;
  gwW: number;
  routesW: number;
  routesH: number;
  headerH: number;
}

const C = SIZES.char;
const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
/** Width of a box whose widest line is `px` wide. */
const fitW = (px: number, lo: number, hi: number) =>
  clamp(Math.ceil(px + 2 * SIZES.textInset + 2), lo, hi);
const longest = (texts: Iterable<string>, px: number): number => {
  let m = 0;
  for (const t of texts) m = Math.max(m, t.length);
  return m * px;
};

function routeCount(c: Cluster): number {
  let n = 0;
  for (const node of c.nodes) n += Math.max(1, node.podCIDRs?.length ?? 0);
  return n;
}

function planCluster(c: Cluster): ClusterPlan {
  const podsPerNode = new Map<string, number>();
  let podLines = 1;
  for (const p of c.pods) {
    podsPerNode.set(p.nodeName, (podsPerNode.get(p.nodeName) ?? 0) + 1);
    podLines = Math.max(podLines, p.podIPs?.length ?? 1);
  }
  let maxPods = 0;
  for (const n of c.nodes) maxPods = Math.max(maxPods, podsPerNode.get(n.name) ?? 0);
  let addrLines = 1;
  let cidrLines = 1;
  let nodeText = 0;
  for (const n of c.nodes) {
    const internal = n.addresses.filter((a) => a.type === 'InternalIP' || a.type === 'ExternalIP');
    addrLines = Math.max(addrLines, internal.length);
    cidrLines = Math.max(cidrLines, n.podCIDRs?.length ?? 1);
    nodeText = Math.max(
      nodeText,
      n.name.length * C.title,
      longest(
        internal.map((a) => `${a.type} ${a.address}`),
        C.mono,
      ),
      longest(
        (n.podCIDRs ?? []).map((x) => `podCIDR ${x}`),
        C.mono,
      ),
    );
  }
  let podText = 0;
  for (const p of c.pods) {
    podText = Math.max(
      podText,
      (p.name.length + (p.hostNetwork ? 14 : 0)) * C.title,
      longest(p.podIPs ?? [], C.mono),
    );
  }
  const podW = fitW(podText, 96, 340);
  const podCols = maxPods <= 1 ? 1 : Math.min(6, Math.max(2, Math.ceil(Math.sqrt(maxPods))));
  const podRows = Math.ceil(maxPods / podCols);
  const podH = boxHeight(1 + podLines) + SIZES.podFoot;
  const nodeLines = 1 + addrLines + cidrLines;
  const nodeW = Math.max(
    fitW(nodeText, SIZES.nodeMinW, 420),
    podCols * podW + (podCols - 1) * SIZES.podGap + 2 * SIZES.podPad,
  );
  const nodeH =
    boxHeight(nodeLines) +
    (podRows > 0 ? SIZES.podTop + podRows * (podH + SIZES.podGap) + SIZES.podPad : 8);
  const nNodes = c.nodes.length;
  const nodeCols =
    nNodes <= 4
      ? Math.max(1, nNodes)
      : Math.max(1, Math.min(nNodes, Math.round(Math.sqrt((nNodes * 1.6 * nodeH) / nodeW))));
  const nodeRows = Math.max(1, Math.ceil(nNodes / nodeCols));
  const gridW = Math.max(nodeCols, 1) * nodeW + (Math.max(nodeCols, 1) - 1) * SIZES.nodeGapX;

  const gateways = c.gateways?.length ?? 0;
  // Lines: name; kind ("VIP ingress"); addresses; what it reaches (see BoxView.tsx).
  let gwLines = 3;
  let gwText = 18 * C.small;
  for (const g of c.gateways ?? []) {
    gwLines = Math.max(gwLines, 3 + (g.addresses?.length ?? 0));
    gwText = Math.max(
      gwText,
      g.name.length * C.title,
      longest(g.addresses ?? [], C.mono),
      ((g.service?.length ?? 0) + 8) * C.small,
    );
  }
  const gwW = fitW(gwText + 18, 150, 360); // + the wire along its right side
  const gwH = boxHeight(gwLines);
  const gwTotal = gateways * gwW + Math.max(0, gateways - 1) * SIZES.gwGap;

  const routes = routeCount(c);
  const routeLines = Math.min(routes, SIZES.maxRouteLines);
  const routesHidden = routes - routeLines;

  // "10.0.1.0/24 via 10.240.0.1" lines, as view/diagram/BoxView.tsx writes them.
  let routeText = 32 * C.tag;
  let shown = 0;
  for (const n of c.nodes) {
    if (shown >= SIZES.maxRouteLines) break;
    const via = Math.max(1, ...n.addresses.map((a) => a.address.length));
    for (const r of n.podCIDRs ?? []) {
      routeText = Math.max(routeText, (r.length + 5 + via) * C.mono6);
      shown++;
    }
  }
  const routesW = fitW(routeText, 240, 460);
  let ipLines = 1;
  let svcText = 0;
  for (const s of c.services) {
    ipLines = Math.max(ipLines, s.clusterIPs?.length ?? 1);
    svcText = Math.max(
      svcText,
      (s.name.length + 15) * C.title,
      longest(
        (s.clusterIPs ?? []).map((x) => `ClusterIP ${x}`),
        C.mono,
      ),
    );
  }
  for (const i of c.ingresses ?? []) svcText = Math.max(svcText, (i.name.length + 10) * C.title);
  const svcW = fitW(svcText, 200, 380);
  // Header: title, "pods ... · routed", "services ...", the model's edge note on the left;
  // the route table on the right.
  const headLeft = Math.max(
    (c.name.length + 8) * 12.6,
    `pods ${c.clusterCIDRs.map((b) => b.cidr).join(', ')} · overlay`.length * C.mono,
    `services ${c.serviceCIDRs.flatMap((x) => x.cidrs).join(', ')}`.length * C.mono,
    40 * 8.2,
  );
  const innerW = Math.max(gridW, gwTotal + 20, svcW, headLeft + 24 + routesW - SIZES.gridInset);
  const serviceLines = 2 + ipLines;
  const svcH = boxHeight(serviceLines);
  const nSvc = c.services.length + (c.ingresses?.length ?? 0);
  const svcCols = Math.max(1, Math.floor((innerW + SIZES.svcGap) / (svcW + SIZES.svcGap)));
  const svcRows = nSvc === 0 ? 0 : Math.ceil(nSvc / svcCols);

  const lbServices: { ref: string; lines: number; w: number }[] = [];
  for (const s of c.services) {
    if (s.type === 'LoadBalancer') {
      lbServices.push({
        ref: serviceRef(c.name, s.namespace, s.name),
        lines: 2 + Math.max(1, s.loadBalancerIngress?.length ?? 0),
        w: fitW(
          Math.max(
            (s.name.length + 4) * C.small,
            longest(s.loadBalancerIngress ?? [], C.mono),
            12 * C.title,
          ),
          160,
          340,
        ),
      });
    }
  }

  const bandH = svcRows > 0 ? SIZES.svcBandLabel + svcRows * (svcH + SIZES.svcGap) + 6 : 0;
  const gridH = nNodes === 0 ? 0 : nodeRows * nodeH + (nodeRows - 1) * SIZES.nodeGapY;
  const routesH = boxHeight(1 + routeLines + (routesHidden > 0 ? 1 : 0));
  const headerH = Math.max(SIZES.clusterHeader, routesH + 22);
  const lastBus = headerH + bandH + gridH + SIZES.busOffset;
  const bottom = gateways > 0 ? lastBus + 24 + gwH / 2 : lastBus + SIZES.clusterPad + 6;
  const w = SIZES.gridInset + innerW + 2 * SIZES.clusterPad;

  return {
    cluster: c,
    metrics: {
      podCols,
      nodeCols,
      nodeRows,
      podLines,
      nodeLines,
      serviceLines,
      routeLines,
      routesHidden,
    },
    nodeW,
    nodeH,
    podH,
    svcH,
    gwH,
    nodeRows,
    svcRows,
    svcCols,
    innerW,
    gridW,
    w,
    h: bottom,
    gateways,
    lbServices,
    podW,
    svcW,
    gwW,
    routesW,
    routesH,
    headerH,
  };
}

class Builder {
  items: Item[] = [];
  boxes = new Map<string, Box>();
  anchors = new Map<string, Point>();
  points = new Map<string, Point>();
  edges = new Map<string, string[]>();
  terminals = new Set<string>();
  containers: number[] = [];
  metrics = new Map<string, ClusterMetrics>();

  box(
    id: string,
    kind: BoxKind,
    r: Rect,
    parent: string | null,
    cluster: string | null,
    container = false,
  ): Box {
    const b: Box = { id, kind, x: r.x, y: r.y, w: r.w, h: r.h, parent, cluster };
    if (container) this.containers.push(this.items.length);
    this.items.push({ type: 'box', box: b, bbox: { x: b.x, y: b.y, w: b.w, h: b.h } });
    this.boxes.set(id, b);
    return b;
  }

  link(id: string, kind: LinkKind, points: Point[], cluster: string | null): void {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const p of points) {
      x0 = Math.min(x0, p.x);
      y0 = Math.min(y0, p.y);
      x1 = Math.max(x1, p.x);
      y1 = Math.max(y1, p.y);
    }
    const l: Link = { id, kind, points, cluster };
    this.items.push({ type: 'link', link: l, bbox: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } });
  }

  point(id: string, p: Point): string {
    this.points.set(id, p);
    return id;
  }

  edge(a: string, b: string): void {
    if (!this.points.has(a) || !this.points.has(b) || a === b) return;
    const la = this.edges.get(a) ?? [];
    const lb = this.edges.get(b) ?? [];
    if (!la.includes(b)) la.push(b);
    if (!lb.includes(a)) lb.push(a);
    this.edges.set(a, la);
    this.edges.set(b, lb);
  }

  /** Join points lying on one straight bus, in order along it. */
  chain(ids: string[], axis: 'x' | 'y'): void {
    const sorted = ids
      .filter((id) => this.points.has(id))
      .sort((a, b) => {
        const pa = this.points.get(a) as Point;
        const pb = this.points.get(b) as Point;
        return pa[axis] - pb[axis] || (a < b ? -1 : 1);
      });
    for (let i = 1; i < sorted.length; i++) this.edge(sorted[i - 1] as string, sorted[i] as string);
  }
}

/** Clusters of a network, grouped so the clusters of one archipelago sit together. */
function orderClusters(
  s: Scenario,
  clusters: Cluster[],
): { arch: string | null; list: Cluster[] }[] {
  const archOf = new Map<string, string>();
  for (const a of s.archipelagos ?? []) for (const c of a.clusters) archOf.set(c, a.name);
  const groups: { arch: string | null; list: Cluster[] }[] = [];
  for (const c of clusters) {
    const arch = archOf.get(c.name) ?? null;
    const g = arch === null ? undefined : groups.find((x) => x.arch === arch);
    if (g) g.list.push(c);
    else groups.push({ arch, list: [c] });
  }
  return groups;
}

function placeCluster(b: Builder, plan: ClusterPlan, x: number, y: number, parent: string): number {
  const c = plan.cluster;
  const cref = clusterRef(c.name);
  b.metrics.set(c.name, plan.metrics);
  b.box(cref, 'cluster', { x, y, w: plan.w, h: plan.h }, parent, c.name, true);
  const innerX = x + SIZES.clusterPad;
  const gridX = innerX + SIZES.gridInset;
  // Nodes are centred under a wider header, so a cluster's middle falls between its node
  // columns: clicking a cluster's centre selects the cluster, not one of its nodes.
  const nodesX = Math.max(gridX, Math.floor(x + (plan.w - plan.gridW) / 2));
  const trunkX = innerX + SIZES.trunkInset;
  let cy = y + plan.headerH;

  // Services and ingresses: cluster-wide virtual addresses, drawn in a band above the nodes.
  if (plan.svcRows > 0) {
    const bandH = SIZES.svcBandLabel + plan.svcRows * (plan.svcH + SIZES.svcGap) - SIZES.svcGap;
    b.box(
      `${cref}#services`,
      'services',
      { x: gridX, y: cy, w: plan.innerW, h: bandH },
      cref,
      c.name,
    );
    let i = 0;
    const place = (id: string, kind: BoxKind) => {
      const col = i % plan.svcCols;
      const row = Math.floor(i / plan.svcCols);
      b.box(
        id,
        kind,
        {
          x: gridX + col * (plan.svcW + SIZES.svcGap),
          y: cy + SIZES.svcBandLabel + row * (plan.svcH + SIZES.svcGap),
          w: plan.svcW,
          h: plan.svcH,
        },
        cref,
        c.name,
      );
      i++;
    };
    for (const s of c.services) place(serviceRef(c.name, s.namespace, s.name), 'service');
    for (const ing of c.ingresses ?? [])
      place(ingressRef(c.name, ing.namespace, ing.name), 'ingress');
    cy += bandH + 6 + SIZES.svcGap;
  }

  // Nodes in rows; pods inside nodes.
  const podsByNode = new Map<string, typeof c.pods>();
  for (const p of c.pods) {
    const list = podsByNode.get(p.nodeName);
    if (list) list.push(p);
    else podsByNode.set(p.nodeName, [p]);
  }
  const cols = plan.metrics.nodeCols;
  const busIds: string[][] = [];
  const headerH = boxHeight(plan.metrics.nodeLines) + SIZES.podTop;
  c.nodes.forEach((node, i) => {
    const col = i % cols;
    const row = Math.floor(i / cols);
    const nx = nodesX + col * (plan.nodeW + SIZES.nodeGapX);
    const ny = cy + row * (plan.nodeH + SIZES.nodeGapY);
    const nref = nodeRef(c.name, node.name);
    b.box(nref, 'node', { x: nx, y: ny, w: plan.nodeW, h: plan.nodeH }, cref, c.name);
    const port = { x: nx + plan.nodeW / 2, y: ny + plan.nodeH };
    b.anchors.set(nref, port);
    b.point(nref, port);
    const busY = ny + plan.nodeH + SIZES.busOffset;
    const drop = b.point(`${nref}#drop`, { x: port.x, y: busY });
    b.edge(nref, drop);
    b.link(`${nref}#drop`, 'drop', [port, { x: port.x, y: busY }], c.name);
    (busIds[row] ??= []).push(drop);
    const pods = podsByNode.get(node.name) ?? [];
    pods.forEach((p, j) => {
      const pc = j % plan.metrics.podCols;
      const pr = Math.floor(j / plan.metrics.podCols);
      const pref = podRef(c.name, p.namespace, p.name);
      const px = nx + SIZES.podPad + pc * (plan.podW + SIZES.podGap);
      const py = ny + headerH + pr * (plan.podH + SIZES.podGap);
      b.box(pref, 'pod', { x: px, y: py, w: plan.podW, h: plan.podH }, nref, c.name);
      // A pod's packets stand at its lower edge (its eth0), clear of its name and IPs.
      const eth0 = { x: px + plan.podW / 2, y: py + plan.podH };
      b.anchors.set(pref, eth0);
      b.point(pref, eth0);
      b.edge(pref, nref);
    });
  });

  // Row buses and the trunk joining them.
  const rows = Math.max(1, plan.nodeRows);
  const busYs: number[] = [];
  for (let r = 0; r < rows; r++) {
    const busY =
      c.nodes.length === 0
        ? cy + SIZES.busOffset
        : cy + r * (plan.nodeH + SIZES.nodeGapY) + plan.nodeH + SIZES.busOffset;
    busYs.push(busY);
    const t = b.point(`${cref}#trunk${r}`, { x: trunkX, y: busY });
    const ids = [t, ...(busIds[r] ?? [])];
    const lastX = Math.max(
      ...ids.map((id) => (b.points.get(id) as Point).x),
      r === rows - 1 ? x + plan.w - SIZES.clusterPad : trunkX,
    );
    b.link(
      `${cref}#bus${r}`,
      'bus',
      [
        { x: trunkX, y: busY },
        { x: lastX, y: busY },
      ],
      c.name,
    );
    const rowIds = busIds[r] ?? [];
    if (c.podNetwork === 'overlay' && rowIds.length > 1) {
      const first = b.points.get(rowIds[0] as string) as Point;
      const last = b.points.get(rowIds[rowIds.length - 1] as string) as Point;
      b.link(
        `${cref}#tunnel${r}`,
        'overlay',
        [
          { x: first.x, y: busY - 9 },
          { x: last.x, y: busY - 9 },
        ],
        c.name,
      );
    }
    if (r > 0) b.edge(`${cref}#trunk${r - 1}`, t);
  }
  const lastBusY = busYs[busYs.length - 1] as number;
  if (rows > 1) {
    b.link(
      `${cref}#trunk`,
      'bus',
      [
        { x: trunkX, y: busYs[0] as number },
        { x: trunkX, y: lastBusY },
      ],
      c.name,
    );
  }

  // Route table (routed) or tunnel table (overlay), top right.
  b.box(
    `${cref}#routes`,
    'routes',
    {
      x: x + plan.w - SIZES.clusterPad - plan.routesW,
      y: y + 14,
      w: plan.routesW,
      h: plan.routesH,
    },
    cref,
    c.name,
  );

  // Gateways straddle the bottom edge, right-aligned.
  const gwIds: string[] = [];
  const bottom = y + plan.h;
  (c.gateways ?? []).forEach((g, i) => {
    const gx = x + plan.w - SIZES.clusterPad - (i + 1) * plan.gwW - i * SIZES.gwGap;
    const gy = bottom - plan.gwH / 2;
    const gref = gatewayRef(c.name, g.name);
    b.box(gref, 'gateway', { x: gx, y: gy, w: plan.gwW, h: plan.gwH }, cref, c.name);
    // Wired to both the node network and the backbone, but only traffic *at* the gateway
    // goes through it: NodePort traffic to a node must not be drawn crossing the egress box.
    b.terminals.add(gref);
    // Its wires run along its right side, clear of its text; a packet there stands on its
    // lower edge, where the backbone's wire arrives.
    const wx = gx + plan.gwW - 16;
    const at = { x: wx, y: gy + plan.gwH };
    b.anchors.set(gref, at);
    b.point(gref, at);
    const up = b.point(`${gref}#bus`, { x: wx, y: lastBusY });
    b.edge(gref, up);
    b.link(
      `${gref}#up`,
      'drop',
      [
        { x: wx, y: gy },
        { x: wx, y: lastBusY },
      ],
      c.name,
    );
    gwIds.push(up);
  });
  b.chain([`${cref}#trunk${rows - 1}`, ...(busIds[rows - 1] ?? []), ...gwIds], 'x');
  b.point(`${cref}#edge`, { x: trunkX, y: bottom });
  b.edge(`${cref}#trunk${rows - 1}`, `${cref}#edge`);
  return bottom + (plan.gateways > 0 ? plan.gwH / 2 : 0);
}

interface NetworkPlan {
  id: string;
  name: string | null;
  clusters: Cluster[];
  hostIdx: number[];
}

/**
 * Lay out a scenario. Works on sparse scenarios too (missing addresses take one line);
 * the view usually passes the IPAM-filled scenario so every address has its line.
 */
export function layoutScenario(s: Scenario): Layout {
  const b = new Builder();
  const netNames = new Set(s.networks.map((n) => n.name));
  const plans: NetworkPlan[] = s.networks.map((n) => ({
    id: networkRef(n.name),
    name: n.name,
    clusters: [],
    hostIdx: [],
  }));
  const orphan: NetworkPlan = { id: 'network#none', name: null, clusters: [], hostIdx: [] };
  for (const c of s.clusters) {
    const p =
      c.network !== undefined && netNames.has(c.network)
        ? plans.find((x) => x.name === c.network)
        : undefined;
    (p ?? orphan).clusters.push(c);
  }
  const internetHosts: number[] = [];
  (s.hosts ?? []).forEach((h, i) => {
    const p = h.network !== undefined ? plans.find((x) => x.name === h.network) : undefined;
    if (p) p.hostIdx.push(i);
    else internetHosts.push(i);
  });
  if (orphan.clusters.length > 0) plans.push(orphan);

  const margin = 16;
  const y = margin;
  // Networks side by side, left to right; the internet spans below them all.
  let nx = margin;
  let maxRight = margin;
  let maxBottom = margin;
  const routers: { id: string; p: Point; bottom: number; right: number }[] = [];

  for (const net of plans) {
    const netIdx = b.items.length;
    const netBox = b.box(net.id, 'network', { x: nx, y, w: 0, h: 0 }, null, null, true);
    const groups = orderClusters(s, net.clusters);
    const hasArch = groups.some((g) => g.arch !== null);
    const top = y + SIZES.netHeader + (hasArch ? SIZES.archLabel : 0);
    let x = nx + SIZES.netPad;
    let contentBottom = top;
    const bbIds: string[] = [];
    const hang: { id: string; kind: BoxKind; lines: number; cluster: string | null; w: number }[] =
      [];
    for (const g of groups) {
      const gx0 = x;
      let gBottom = top;
      const archIdx = b.items.length;
      const archBox =
        g.arch !== null
          ? b.box(
              archipelagoRef(g.arch),
              'archipelago',
              { x: 0, y: 0, w: 0, h: 0 },
              net.id,
              null,
              true,
            )
          : null;
      if (archBox) x += SIZES.archPad;
      for (const c of g.list) {
        const plan = planCluster(c);
        const bottom = placeCluster(b, plan, x, top, net.id);
        gBottom = Math.max(gBottom, bottom);
        bbIds.push(`${clusterRef(c.name)}#edge`);
        for (const g2 of c.gateways ?? []) bbIds.push(gatewayRef(c.name, g2.name));
        x += plan.w + SIZES.clusterGap;
        for (const lb of plan.lbServices) {
          hang.push({
            id: `${lb.ref}#lb`,
            kind: 'loadbalancer',
            lines: lb.lines,
            cluster: c.name,
            w: lb.w,
          });
        }
      }
      if (archBox) {
        const right = x - SIZES.clusterGap + SIZES.archPad;
        archBox.x = gx0;
        archBox.y = top - SIZES.archLabel;
        archBox.w = right - gx0;
        archBox.h = gBottom - archBox.y + SIZES.archPad;
        const it = b.items[archIdx];
        if (it) it.bbox = { x: archBox.x, y: archBox.y, w: archBox.w, h: archBox.h };
        x = right + SIZES.clusterGap;
        gBottom += SIZES.archPad;
      }
      contentBottom = Math.max(contentBottom, gBottom);
    }
    // Hosts on this network.
    for (const hi of net.hostIdx) {
      const h = s.hosts?.[hi];
      if (!h) continue;
      hang.push({
        id: hostRef(h.name),
        kind: 'host',
        lines: 1 + h.addresses.length + (h.description ? 1 : 0),
        cluster: null,
        w: fitW(
          Math.max(
            h.name.length * C.title,
            longest(h.addresses, C.mono),
            (h.description?.length ?? 0) * C.small,
          ),
          150,
          320,
        ),
      });
    }
    if (net.name !== null) {
      const n = s.networks.find((x) => x.name === net.name);
      hang.push({
        id: `${net.id}#router`,
        kind: 'router',
        lines: 3,
        cluster: null,
        w: fitW(Math.max(28 * C.small, (n?.cidrs.join(', ').length ?? 0) * C.mono), 200, 400),
      });
    }
    const backboneY = contentBottom + SIZES.backboneGap;
    // Load balancers, hosts and the edge router hang below the backbone, left to right.
    const hangY = backboneY + SIZES.hangGap;
    let hx = nx + SIZES.netPad;
    let hangBottom = backboneY;
    for (const hg of hang) {
      const w = hg.w;
      const h = boxHeight(hg.lines);
      b.box(hg.id, hg.kind, { x: hx, y: hangY, w, h }, net.id, hg.cluster);
      const center = { x: hx + w / 2, y: hangY + h / 2 };
      b.anchors.set(hg.id, center);
      if (hg.kind === 'router') b.anchors.set(net.id, center);
      b.point(hg.id, center);
      bbIds.push(hg.id);
      hangBottom = Math.max(hangBottom, hangY + h);
      if (hg.kind === 'router')
        routers.push({ id: hg.id, p: center, bottom: hangY + h, right: hx + w });
      hx += w + SIZES.outsideGap;
    }
    // Every wire that joins the backbone runs straight to it.
    const bbPoints: string[] = [];
    for (const id of bbIds) {
      const p = b.points.get(id);
      const bx = b.boxes.get(id);
      if (!p) continue;
      const fromY = bx ? (bx.y > backboneY ? bx.y : bx.y + bx.h) : p.y;
      const q = { x: p.x, y: backboneY };
      const qid = b.point(`${id}#bb`, q);
      b.edge(id, qid);
      bbPoints.push(qid);
      const cl = bx?.cluster ?? (id.startsWith('cluster/') ? (id.split('/')[1] ?? null) : null);
      b.link(`${id}#bb`, id.endsWith('#edge') ? 'uplink' : 'drop', [{ x: p.x, y: fromY }, q], cl);
    }
    b.chain(bbPoints, 'x');
    // The trunk runs on from the last bus to the cluster edge; draw it as the uplink's start.
    for (const c of net.clusters) {
      const cref = clusterRef(c.name);
      const edge = b.points.get(`${cref}#edge`);
      const rows = b.metrics.get(c.name)?.nodeRows ?? 1;
      const last = b.points.get(`${cref}#trunk${rows - 1}`);
      if (edge && last) b.link(`${cref}#down`, 'uplink', [last, edge], c.name);
    }
    const right = Math.max(x - SIZES.clusterGap, hx - SIZES.outsideGap);
    const bottom = hangBottom + SIZES.netPad;
    netBox.w = Math.max(right + SIZES.netPad - nx, 420);
    netBox.h = bottom - y;
    if (bbPoints.length > 0) {
      // The backbone spans the whole network: everything on it can reach everything else.
      b.link(
        `${net.id}#backbone`,
        'backbone',
        [
          { x: netBox.x + SIZES.netPad / 2, y: backboneY },
          { x: netBox.x + netBox.w - SIZES.netPad / 2, y: backboneY },
        ],
        null,
      );
    }
    const it = b.items[netIdx];
    if (it) it.bbox = { x: netBox.x, y: netBox.y, w: netBox.w, h: netBox.h };
    maxRight = Math.max(maxRight, netBox.x + netBox.w);
    maxBottom = Math.max(maxBottom, bottom);
    nx = netBox.x + netBox.w + SIZES.netGap;
  }
  // Networks of one row share a bottom line, so their edges read as one.
  for (const i of b.containers) {
    const it = b.items[i];
    if (it?.type === 'box' && it.box.kind === 'network') {
      it.box.h = maxBottom - it.box.y;
      it.bbox = { ...it.bbox, h: it.box.h };
    }
  }

  let width = maxRight + margin;
  let height = maxBottom + margin;

  // The internet, below every network, joined to each edge router: named hosts on no
  // network, and "clients", where any address that belongs to nothing in the scenario
  // stands (a client at 198.51.100.7). Traces call its edge "router/internet".
  if (routers.length > 0 || internetHosts.length > 0) {
    const row: { id: string; kind: BoxKind; lines: number; w: number }[] = [
      { id: 'internet#clients', kind: 'clients', lines: 2, w: fitW(17 * C.small, 150, 300) },
    ];
    for (const hi of internetHosts) {
      const h = s.hosts?.[hi];
      if (!h) continue;
      row.push({
        id: hostRef(h.name),
        kind: 'host',
        lines: 1 + h.addresses.length + (h.description ? 1 : 0),
        w: fitW(
          Math.max(
            h.name.length * C.title,
            longest(h.addresses, C.mono),
            (h.description?.length ?? 0) * C.small,
          ),
          150,
          320,
        ),
      });
    }
    // Below the networks, or (one network, when that makes the picture closer to a
    // screen's shape) to its right.
    const rowW = row.reduce((t, x) => t + x.w + SIZES.outsideGap, 0);
    const netW = maxRight - margin;
    const netH = maxBottom - margin;
    const stackH = row.reduce((t, x) => t + boxHeight(x.lines) + SIZES.outsideGap, 0) + 60;
    // The diagram pane is about 1.4 times wider than tall at 1280x720 and 1440x900.
    const aspect = (w: number, h: number) => Math.abs(Math.log(w / h / 1.4));
    const side =
      plans.length === 1 &&
      routers.length === 1 &&
      aspect(netW + SIZES.internetGap + 280, Math.max(netH, stackH)) <
        aspect(Math.max(netW, rowW + 200), netH + 200);
    const idx = b.items.length;
    const ids: string[] = [];
    let ibox: Box;
    if (side) {
      const r = routers[0] as { id: string; p: Point; bottom: number; right: number };
      const ix = maxRight + SIZES.internetGap;
      const busX = ix + 22;
      const innerW = Math.max(...row.map((x) => x.w));
      const iy = Math.max(margin, maxBottom - stackH);
      ibox = b.box(
        'internet',
        'internet',
        { x: ix, y: iy, w: innerW + 22 + 30 + 20, h: maxBottom - iy },
        null,
        null,
        true,
      );
      let hy = iy + 52;
      for (const x of row) {
        const hh = boxHeight(x.lines);
        const hx = busX + 30;
        b.box(x.id, x.kind, { x: hx, y: hy, w: x.w, h: hh }, 'internet', null);
        const center = { x: hx + x.w / 2, y: hy + hh / 2 };
        b.anchors.set(x.id, center);
        b.point(x.id, center);
        const att = b.point(`${x.id}#wan`, { x: busX, y: center.y });
        b.edge(x.id, att);
        b.link(
          `${x.id}#wan`,
          'drop',
          [
            { x: hx, y: center.y },
            { x: busX, y: center.y },
          ],
          null,
        );
        ids.push(att);
        hy += hh + SIZES.outsideGap;
      }
      const att = b.point(`${r.id}#wan`, { x: busX, y: r.p.y });
      b.edge(r.id, att);
      b.link(
        `${r.id}#wan`,
        'wan',
        [
          { x: r.right, y: r.p.y },
          { x: busX, y: r.p.y },
        ],
        null,
      );
      ids.push(att);
      b.point('internet#router', { x: busX, y: r.p.y });
      b.anchors.set('internet#router', { x: busX, y: r.p.y });
      b.edge('internet#router', att);
      b.chain(ids, 'y');
      const ys = ids.map((id) => (b.points.get(id) as Point).y);
      b.link(
        'internet#bus',
        'wan',
        [
          { x: busX, y: Math.min(...ys) - 16 },
          { x: busX, y: Math.max(...ys) + 16 },
        ],
        null,
      );
      ibox.h = Math.max(ibox.h, hy - iy);
    } else {
      const iy = maxBottom + SIZES.internetGap;
      const busY = iy + 18;
      ibox = b.box('internet', 'internet', { x: margin, y: iy, w: 0, h: 0 }, null, null, true);
      // The row of internet boxes starts right of the routers' WAN drops, after the title.
      let hx = Math.max(margin + 170, Math.max(0, ...routers.map((r) => r.p.x)) + 60);
      const boxY = busY + 30;
      let rowBottom = boxY;
      for (const x of row) {
        const hh = boxHeight(x.lines);
        b.box(x.id, x.kind, { x: hx, y: boxY, w: x.w, h: hh }, 'internet', null);
        const center = { x: hx + x.w / 2, y: boxY + hh / 2 };
        b.anchors.set(x.id, center);
        b.point(x.id, center);
        const att = b.point(`${x.id}#wan`, { x: center.x, y: busY });
        b.edge(x.id, att);
        b.link(
          `${x.id}#wan`,
          'drop',
          [
            { x: center.x, y: boxY },
            { x: center.x, y: busY },
          ],
          null,
        );
        ids.push(att);
        rowBottom = Math.max(rowBottom, boxY + hh);
        hx += x.w + SIZES.outsideGap;
      }
      routers.forEach((r, i) => {
        const att = b.point(`${r.id}#wan`, { x: r.p.x, y: busY });
        b.edge(r.id, att);
        b.link(
          `${r.id}#wan`,
          'wan',
          [
            { x: r.p.x, y: r.bottom },
            { x: r.p.x, y: busY },
          ],
          null,
        );
        ids.push(att);
        if (i === 0) {
          b.point('internet#router', { x: r.p.x, y: busY });
          b.anchors.set('internet#router', { x: r.p.x, y: busY });
          b.edge('internet#router', att);
        }
      });
      b.chain(ids, 'x');
      const xs = ids.map((id) => (b.points.get(id) as Point).x);
      b.link(
        'internet#bus',
        'wan',
        [
          { x: Math.min(...xs) - 20, y: busY },
          { x: Math.max(...xs) + 20, y: busY },
        ],
        null,
      );
      ibox.w = Math.max(maxRight, hx - SIZES.outsideGap + 24) - margin;
      ibox.h = rowBottom + 24 - iy;
    }
    const it = b.items[idx];
    if (it) it.bbox = { x: ibox.x, y: ibox.y, w: ibox.w, h: ibox.h };
    width = Math.max(width, ibox.x + ibox.w + margin);
    height = Math.max(height, ibox.y + ibox.h + margin);
  }

  const index = buildIndex(b.items, b.containers);
  return {
    width,
    height,
    items: b.items,
    boxes: b.boxes,
    anchors: b.anchors,
    graph: { points: b.points, edges: b.edges, terminals: b.terminals },
    index,
    containers: b.containers,
    metrics: b.metrics,
  };
}

function buildIndex(items: Item[], containers: number[]): GridIndex {
  const cell = SIZES.gridCell;
  const cells = new Map<string, number[]>();
  const skip = new Set(containers);
  items.forEach((it, i) => {
    if (skip.has(i)) return;
    const { x, y, w, h } = it.bbox;
    const c0 = Math.floor(x / cell);
    const c1 = Math.floor((x + w) / cell);
    const r0 = Math.floor(y / cell);
    const r1 = Math.floor((y + h) / cell);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const k = `${c},${r}`;
        const list = cells.get(k);
        if (list) list.push(i);
        else cells.set(k, [i]);
      }
    }
  });
  return { cell, cells };
}

const intersects = (a: Rect, b: Rect) =>
  a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h;

/**
 * Indices (into `layout.items`, ascending = drawing order) of the items that intersect `rect`.
 * Containers are always tested; everything else goes through the grid.
 */
export function itemsIn(layout: Layout, rect: Rect): number[] {
  const { cell, cells } = layout.index;
  const out = new Set<number>();
  for (const i of layout.containers) {
    const it = layout.items[i];
    if (it && intersects(it.bbox, rect)) out.add(i);
  }
  const c0 = Math.floor(rect.x / cell);
  const c1 = Math.floor((rect.x + rect.w) / cell);
  const r0 = Math.floor(rect.y / cell);
  const r1 = Math.floor((rect.y + rect.h) / cell);
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const list = cells.get(`${c},${r}`);
      if (!list) continue;
      for (const i of list) {
        if (out.has(i)) continue;
        const it = layout.items[i];
        if (it && intersects(it.bbox, rect)) out.add(i);
      }
    }
  }
  return [...out].sort((a, b) => a - b);
}
