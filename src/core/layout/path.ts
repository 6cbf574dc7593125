/**
 * Where a packet travels on the drawing: hop places mapped to anchors, and the wires between
 * them found by shortest path over the drawn wiring, so the packet always follows a line a
 * person can see. Pure: the animation loop samples `pointAlong` each frame.
 */
import type { Hop } from '../sim/types';
import { hostRef, networkRef } from '../model/refs';
import type { Layout, Point } from './types';

const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/** A small binary heap keyed by distance, ties broken by id (deterministic). */
class Heap {
  private a: { d: number; id: string }[] = [];
  get size() {
    return this.a.length;
  }
  private less(i: number, j: number) {
    const x = this.a[i] as { d: number; id: string };
    const y = this.a[j] as { d: number; id: string };
    return x.d < y.d || (x.d === y.d && x.id < y.id);
  }
  private swap(i: number, j: number) {
    const t = this.a[i] as { d: number; id: string };
    this.a[i] = this.a[j] as { d: number; id: string };
    this.a[j] = t;
  }
  push(d: number, id: string) {
    this.a.push({ d, id });
    let i = this.a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  pop(): { d: number; id: string } | undefined {
    const top = this.a[0];
    const last = this.a.pop();
    if (this.a.length > 0 && last) {
      this.a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.a.length && this.less(l, m)) m = l;
        if (r < this.a.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}

/** The drawn wires from one point id to another, or null when they are not connected. */
export function wirePath(layout: Layout, from: string, to: string): Point[] | null {
  const { points, edges } = layout.graph;
  const start = points.get(from);
  const goal = points.get(to);
  if (!start || !goal) return null;
  if (from === to) return [start];
  const best = new Map<string, number>([[from, 0]]);
  const prev = new Map<string, string>();
  const heap = new Heap();
  heap.push(0, from);
  while (heap.size > 0) {
    const cur = heap.pop();
    if (!cur) break;
    if (cur.d > (best.get(cur.id) ?? Infinity)) continue;
    if (cur.id === to) break;
    if (cur.id !== from && layout.graph.terminals.has(cur.id)) continue;
    const p = points.get(cur.id) as Point;
    for (const n of edges.get(cur.id) ?? []) {
      const q = points.get(n);
      if (!q) continue;
      const d = cur.d + dist(p, q);
      if (d < (best.get(n) ?? Infinity)) {
        best.set(n, d);
        prev.set(n, cur.id);
        heap.push(d, n);
      }
    }
  }
  if (!best.has(to)) return null;
  const ids = [to];
  while (ids[ids.length - 1] !== from) {
    const p = prev.get(ids[ids.length - 1] as string);
    if (p === undefined) return null;
    ids.push(p);
  }
  ids.reverse();
  return simplify(ids.map((id) => points.get(id) as Point));
}

/** Drop repeated points and the middle of three collinear ones. */
function simplify(ps: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of ps) {
    const last = out[out.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    const before = out[out.length - 2];
    if (before && last) {
      const cross = (last.x - before.x) * (p.y - before.y) - (last.y - before.y) * (p.x - before.x);
      const back = (last.x - before.x) * (p.x - last.x) + (last.y - before.y) * (p.y - last.y);
      if (Math.abs(cross) < 1e-6 && back >= 0) out.pop();
    }
    out.push(p);
  }
  return out;
}

/**
 * The layout id a hop happens at, or null when the drawing has no such place.
 * Uses the hop's object ref first, then its `at` text (`router/NAME`, `host/NAME`, ...).
 */
export function hopPlace(layout: Layout, hop: Pick<Hop, 'at' | 'kind' | 'ref'>): string | null {
  const has = (id: string) => layout.graph.points.has(id);
  const ref = hop.ref;
  if (ref !== null) {
    if (hop.kind === 'loadbalancer' && has(`${ref}#lb`)) return `${ref}#lb`;
    if (has(ref)) return ref;
    if (ref.startsWith('network/') && has(`${ref}#router`)) return `${ref}#router`;
    if (has(`${ref}#lb`)) return `${ref}#lb`;
  }
  const slash = hop.at.indexOf('/');
  const kind = slash > 0 ? hop.at.slice(0, slash) : hop.at;
  const name = slash > 0 ? hop.at.slice(slash + 1) : '';
  if ((kind === 'router' || kind === 'network') && has(`${networkRef(name)}#router`)) {
    return `${networkRef(name)}#router`;
  }
  if (kind === 'host') {
    if (has(hostRef(name))) return hostRef(name);
    // An address that is nothing in the scenario: a client somewhere on the internet.
    if (ref === null && has('internet#clients')) return 'internet#clients';
  }
  if (kind === 'router' && name === 'internet' && has('internet#router')) return 'internet#router';
  if (has(hop.at)) return hop.at;
  return null;
}

export interface PathSegment {
  /** Hop index the segment starts at; it ends at hop `from + 1`. */
  from: number;
  points: Point[];
  length: number;
}

export interface TracePath {
  /** Where the packet stands at each hop. */
  stops: Point[];
  /** Which hops have no place of their own in the drawing (the packet waits where it was). */
  placeless: boolean[];
  /** segments[i] joins stop i to stop i + 1. */
  segments: PathSegment[];
}

const polyLength = (ps: Point[]) => {
  let l = 0;
  for (let i = 1; i < ps.length; i++) l += dist(ps[i - 1] as Point, ps[i] as Point);
  return l;
};

/** The drawn route of a whole trace: a stop per hop and the wires between them. */
export function tracePath(
  layout: Layout,
  hops: readonly Pick<Hop, 'at' | 'kind' | 'ref'>[],
): TracePath {
  const places = hops.map((h) => hopPlace(layout, h));
  const firstKnown = places.find((p) => p !== null) ?? null;
  const fallback: Point = firstKnown
    ? (layout.graph.points.get(firstKnown) as Point)
    : { x: 0, y: 0 };
  const stops: Point[] = [];
  const ids: (string | null)[] = [];
  let lastId: string | null = firstKnown;
  for (const p of places) {
    const id = p ?? lastId;
    ids.push(id);
    stops.push(id ? (layout.graph.points.get(id) as Point) : fallback);
    if (p) lastId = p;
  }
  const segments: PathSegment[] = [];
  for (let i = 0; i + 1 < hops.length; i++) {
    const a = ids[i] ?? null;
    const b = ids[i + 1] ?? null;
    const pa = stops[i] as Point;
    const pb = stops[i + 1] as Point;
    const wire = a && b ? wirePath(layout, a, b) : null;
    const points = wire && wire.length > 0 ? wire : [pa, pb];
    segments.push({ from: i, points, length: polyLength(points) });
  }
  return { stops, placeless: places.map((p) => p === null), segments };
}

/** The point at fraction t (0..1) of a polyline, by length. */
export function pointAlong(points: readonly Point[], t: number): Point {
  const first = points[0];
  if (!first) return { x: 0, y: 0 };
  if (points.length === 1 || t <= 0) return first;
  const total = polyLength(points as Point[]);
  if (total === 0) return first;
  let left = Math.min(1, t) * total;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    const d = dist(a, b);
    if (left <= d) {
      const f = d === 0 ? 0 : left / d;
      return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
    }
    left -= d;
  }
  return points[points.length - 1] as Point;
}

/** Bounding box of some points, padded. */
export function pointsBounds(points: readonly Point[], pad = 0) {
  if (points.length === 0) return null;
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
  return { x: x0 - pad, y: y0 - pad, w: x1 - x0 + 2 * pad, h: y1 - y0 + 2 * pad };
}
