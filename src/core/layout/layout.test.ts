import { describe, expect, it } from 'vitest';
import { fillScenario } from '../model/ipam';
import { nodeRef, podRef } from '../model/refs';
import type { Scenario } from '../model/schema';
import { islandTwoClusters, singleCluster } from '../../lessons/presets/network-models';
import { dualStackCluster } from '../../lessons/presets/ipv6';
import { FONT, SIZES, itemsIn, layoutScenario } from './layout';
import { viewFit } from './viewport';
import { syntheticScenario } from './synthetic';
import { routeTable } from './routes';
import type { Box, Rect } from './types';

const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.w <= outer.x + outer.w &&
  inner.y + inner.h <= outer.y + outer.h;
const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const boxes = (l: ReturnType<typeof layoutScenario>, kind: Box['kind']) =>
  [...l.boxes.values()].filter((b) => b.kind === kind);

describe('layoutScenario on the talk-003 picture', () => {
  const l = layoutScenario(singleCluster);

  it('is deterministic: the same scenario gives the same geometry', () => {
    const again = layoutScenario(structuredClone(singleCluster));
    expect(JSON.stringify(again.items)).toBe(JSON.stringify(l.items));
  });

  it('nests pods in their node, nodes in their cluster, the cluster in its network', () => {
    const net = l.boxes.get('network/network') as Box;
    const cluster = l.boxes.get('cluster/cluster') as Box;
    expect(inside(cluster, net)).toBe(true);
    for (const node of boxes(l, 'node')) expect(inside(node, cluster)).toBe(true);
    for (const p of singleCluster.clusters[0]?.pods ?? []) {
      const pod = l.boxes.get(podRef('cluster', p.namespace, p.name)) as Box;
      const node = l.boxes.get(nodeRef('cluster', p.nodeName)) as Box;
      expect(pod.parent).toBe(node.id);
      expect(inside(pod, node)).toBe(true);
    }
  });

  it('never overlaps siblings: nodes, pods', () => {
    for (const kind of ['node', 'pod'] as const) {
      const list = boxes(l, kind);
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++)
          expect(overlap(list[i] as Box, list[j] as Box)).toBe(false);
      }
    }
  });

  it('draws the outside host, the router and the internet beyond it', () => {
    expect(l.boxes.get('host/other')?.kind).toBe('host');
    expect(l.boxes.get('network/network#router')?.kind).toBe('router');
    expect(l.boxes.get('internet')?.kind).toBe('internet');
    expect(l.boxes.get('internet#clients')?.kind).toBe('clients');
  });

  it('fits everything in the stated size', () => {
    for (const it of l.items) {
      expect(it.bbox.x).toBeGreaterThanOrEqual(0);
      expect(it.bbox.y).toBeGreaterThanOrEqual(0);
      expect(it.bbox.x + it.bbox.w).toBeLessThanOrEqual(l.width);
      expect(it.bbox.y + it.bbox.h).toBeLessThanOrEqual(l.height);
    }
  });
});

describe('layoutScenario sizes boxes to their text', () => {
  it('widens pods for long IPv6 addresses', () => {
    const v6: Scenario = structuredClone(singleCluster);
    const c = v6.clusters[0];
    if (!c) throw new Error('fixture');
    c.pods = c.pods.map((p) => ({
      ...p,
      podIPs: [...(p.podIPs ?? []), 'fd00:1234:abcd:ef01:2345:6789:abcd:ef01'],
    }));
    const narrow = layoutScenario(singleCluster).boxes.get(
      podRef('cluster', undefined, 'pod-a'),
    ) as Box;
    const wide = layoutScenario(v6).boxes.get(podRef('cluster', undefined, 'pod-a')) as Box;
    expect(wide.w).toBeGreaterThan(narrow.w);
    expect(wide.h).toBeGreaterThan(narrow.h); // a second address line
  });
});

describe('layoutScenario at scale', () => {
  const big = fillScenario(syntheticScenario({ nodes: 1000, podsPerNode: 10 })).scenario;
  const l = layoutScenario(big);

  it('places every node and pod', () => {
    expect(boxes(l, 'node')).toHaveLength(1000);
    expect(boxes(l, 'pod')).toHaveLength(10_000);
  });

  it('answers "what is on screen" with a small subset', () => {
    const view = { x: 0, y: 0, w: 2000, h: 1200 };
    const hits = itemsIn(l, view);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThan(l.items.length / 20);
    for (const i of hits)
      expect(overlap(l.items[i]?.bbox as Rect, { ...view, w: view.w + 1, h: view.h + 1 })).toBe(
        true,
      );
    // Drawing order is kept.
    expect([...hits].sort((a, b) => a - b)).toEqual(hits);
  });

  it('finds every item the grid should find (no misses against a scan)', () => {
    const view = { x: 5000, y: 3000, w: 1500, h: 900 };
    const scan = l.items.map((it, i) => (overlap(it.bbox, view) ? i : -1)).filter((i) => i >= 0);
    const grid = new Set(itemsIn(l, view));
    for (const i of scan) expect(grid.has(i)).toBe(true);
  });
});

describe('routeTable', () => {
  it('lists "range via node IP" per node, as talk 004 writes it', () => {
    const c = singleCluster.clusters[0];
    if (!c) throw new Error('fixture');
    const { lines, total } = routeTable(c);
    expect(total).toBe(2);
    expect(lines[0]).toEqual({
      dest: '10.0.1.0/24',
      via: '10.240.0.1',
      node: 'node1',
      encap: false,
    });
    expect(lines[1]?.via).toBe('10.240.0.2');
  });

  it('caps the lines but counts them all', () => {
    const big = fillScenario(syntheticScenario({ nodes: 40, podsPerNode: 1 })).scenario.clusters[0];
    if (!big) throw new Error('fixture');
    const r = routeTable(big, 6);
    expect(r.lines).toHaveLength(6);
    expect(r.total).toBe(40);
  });
});

describe('layoutScenario keeps type large for a projector', () => {
  it('fits the two-island picture in a 1280x720 diagram pane with 8 px+ addresses', () => {
    // The pane at 1280x720 is about 900 x 607 px, less the overlay strips (Diagram.tsx).
    const l = layoutScenario(fillScenario(islandTwoClusters).scenario);
    const v = viewFit(
      { x: 0, y: 0, w: l.width, h: l.height },
      {
        w: 900,
        h: 607,
        insets: { top: 56, right: 64, bottom: 16, left: 16 },
      },
    );
    // 7.1 px before the layout was tightened (SIZES at 16 px addresses, 28 px gaps).
    expect(v.k * FONT.mono).toBeGreaterThan(8);
  });

  it("leaves room under a pod's last address for the packet standing on its edge", () => {
    const s = fillScenario(dualStackCluster).scenario;
    const l = layoutScenario(s);
    const pod = l.boxes.get(podRef('cluster', 'default', 'app-http')) as Box;
    const lines = 1 + 2; // name, IPv4, IPv6
    const lastBaseline = pod.y + SIZES.firstLine + (lines - 1) * SIZES.line;
    const anchor = l.anchors.get(pod.id);
    // A hop marker (radius 13) centred on the anchor stays below the address.
    expect(anchor?.y).toBeCloseTo(pod.y + pod.h);
    expect((anchor?.y ?? 0) - 13).toBeGreaterThan(lastBaseline);
  });
});

describe('layoutScenario centres the node grid under a wider cluster header', () => {
  it.each([
    ['talk 003', singleCluster, 'cluster/cluster'],
    ['two islands', islandTwoClusters, 'cluster/c1'],
  ])(
    '%s: the cluster middle falls between nodes, so a click there picks the cluster',
    (_n, s, id) => {
      const l = layoutScenario(fillScenario(s).scenario);
      const c = l.boxes.get(id) as Box;
      const mid = { x: c.x + c.w / 2, y: c.y + c.h / 2, w: 0, h: 0 };
      const covering = boxes(l, 'node').filter(
        (n) => n.parent === id && overlap(n, { ...mid, w: 1, h: 1 }),
      );
      expect(covering.map((n) => n.id)).toEqual([]);
    },
  );
});
