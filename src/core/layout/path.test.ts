import { describe, expect, it } from 'vitest';
import { fillScenario } from '../model/ipam';
import { singleCluster, islandTwoClusters } from '../../lessons/presets/network-models';
import { weaveOverlay } from '../../lessons/presets/weave';
import { suggestFlows, trace } from '../sim/index';
import { layoutScenario } from './layout';
import { hopPlace, pointAlong, tracePath, wirePath } from './path';

const l = layoutScenario(singleCluster);
const A = 'cluster/cluster/pod/default/pod-a';
const C = 'cluster/cluster/pod/default/pod-c';

describe('wirePath', () => {
  it('goes from pod-a through node1, along the node network, through node2 to pod-c', () => {
    const p = wirePath(l, A, C);
    expect(p).not.toBeNull();
    const pts = p ?? [];
    const node1 = l.anchors.get('cluster/cluster/node/node1');
    const node2 = l.anchors.get('cluster/cluster/node/node2');
    expect(pts[0]).toEqual(l.anchors.get(A));
    expect(pts[pts.length - 1]).toEqual(l.anchors.get(C));
    expect(pts).toContainEqual(node1);
    expect(pts).toContainEqual(node2);
  });

  it('only turns at right angles after leaving the pod (wires are orthogonal)', () => {
    const pts = wirePath(l, 'cluster/cluster/node/node1', 'host/other') ?? [];
    expect(pts.length).toBeGreaterThan(2);
    for (let i = 1; i < pts.length; i++) {
      const a = pts[i - 1];
      const b = pts[i];
      expect(a && b && (a.x === b.x || a.y === b.y)).toBe(true);
    }
  });

  it('returns null for unknown places', () => {
    expect(wirePath(l, A, 'pod/nowhere')).toBeNull();
  });
});

describe('hopPlace', () => {
  it('maps refs, routers and internet clients to drawn places', () => {
    expect(hopPlace(l, { at: 'pod/pod-a', kind: 'pod', ref: A })).toBe(A);
    expect(hopPlace(l, { at: 'router/network', kind: 'router', ref: 'network/network' })).toBe(
      'network/network#router',
    );
    expect(hopPlace(l, { at: 'host/198.51.100.7', kind: 'host', ref: null })).toBe(
      'internet#clients',
    );
    expect(hopPlace(l, { at: 'router/internet', kind: 'router', ref: null })).toBe(
      'internet#router',
    );
    expect(hopPlace(l, { at: 'dns/kube-dns', kind: 'dns', ref: null })).toBeNull();
  });
});

describe('tracePath over real traces', () => {
  const cases = [
    { s: singleCluster, id: 'cluster:egress-internet:pod-a' },
    { s: islandTwoClusters, id: 'c2:gw:proxy' },
    { s: weaveOverlay, id: 'cluster:nodeport:30021:node2' },
  ];
  for (const { s, id } of cases) {
    it(`places every hop of ${id} and joins them with drawn wires`, () => {
      const filled = fillScenario(s).scenario;
      const lay = layoutScenario(filled);
      const flow = suggestFlows(filled).find((f) => f.id === id);
      expect(flow).toBeDefined();
      const t = trace(
        filled,
        flow?.flow ?? { from: { kind: 'ip', ip: '1.1.1.1' }, to: { kind: 'ip', ip: '1.1.1.1' } },
      );
      const p = tracePath(lay, t.hops);
      expect(p.placeless.every((x) => !x)).toBe(true);
      expect(p.stops).toHaveLength(t.hops.length);
      expect(p.segments).toHaveLength(t.hops.length - 1);
      p.segments.forEach((seg, i) => {
        expect(seg.points[0]).toEqual(p.stops[i]);
        expect(seg.points[seg.points.length - 1]).toEqual(p.stops[i + 1]);
      });
    });
  }

  it('keeps the packet where it was for a hop with no place', () => {
    const p = tracePath(l, [
      { at: 'pod/pod-a', kind: 'pod', ref: A },
      { at: 'dns/kube-dns', kind: 'dns', ref: null },
      { at: 'pod/pod-c', kind: 'pod', ref: C },
    ]);
    expect(p.placeless).toEqual([false, true, false]);
    expect(p.stops[1]).toEqual(p.stops[0]);
  });
});

describe('pointAlong', () => {
  const line = [
    { x: 0, y: 0 },
    { x: 10, y: 0 },
    { x: 10, y: 10 },
  ];
  it('walks by length, not by vertex', () => {
    expect(pointAlong(line, 0)).toEqual({ x: 0, y: 0 });
    expect(pointAlong(line, 0.25)).toEqual({ x: 5, y: 0 });
    expect(pointAlong(line, 0.75)).toEqual({ x: 10, y: 5 });
    expect(pointAlong(line, 1)).toEqual({ x: 10, y: 10 });
  });
});

describe('gateways are ends, not crossings', () => {
  it('NodePort traffic from the internet to a node does not pass through a gateway box', () => {
    const filled = fillScenario(islandTwoClusters).scenario;
    const lay = layoutScenario(filled);
    const p = wirePath(lay, 'internet#router', 'cluster/c1/node/node1') ?? [];
    expect(p.length).toBeGreaterThan(0);
    for (const g of ['cluster/c1/gateway/egress', 'cluster/c1/gateway/nodes']) {
      expect(p).not.toContainEqual(lay.anchors.get(g));
    }
    // ...while traffic to the gateway itself reaches it.
    const q = wirePath(lay, 'host/other', 'cluster/c2/gateway/proxy') ?? [];
    expect(q[q.length - 1]).toEqual(lay.anchors.get('cluster/c2/gateway/proxy'));
  });
});
