/**
 * Where the camera should be: pure pan/zoom targets for the diagram, computed from world
 * rectangles (boxes, hop places) and the screen. The view's d3-zoom hook only animates to
 * what these return. A view is `screen = world * k + (x, y)`, as d3-zoom's transform.
 *
 * Readability first: a frame never zooms out below the scale where body text (addresses,
 * FONT.mono) is READABLE_PX on screen; what does not fit is reached by panning.
 */
import type { Hop } from '../sim/types';
import { FONT, READABLE_PX } from './layout';
import { hopPlace } from './path';
import type { Layout, Point, Rect } from './types';

export interface View {
  x: number;
  y: number;
  k: number;
}

export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The screen: its size and the strips covered by overlays (toolbar cards, the hop card). */
export interface Screen {
  w: number;
  h: number;
  insets?: Partial<Insets>;
}

export const DEFAULT_INSETS: Insets = { top: 16, right: 16, bottom: 16, left: 16 };

/** The scale at which body text is `px` on screen. */
export const readableScale = (px: number = READABLE_PX): number => px / FONT.mono;

/** The free area of a screen, in screen pixels (never smaller than 40 x 40). */
export function freeArea(s: Screen): Rect {
  const i: Insets = { ...DEFAULT_INSETS, ...s.insets };
  const w = Math.max(40, s.w - i.left - i.right);
  const h = Math.max(40, s.h - i.top - i.bottom);
  return { x: i.left, y: i.top, w, h };
}

/** The union of some rectangles grown by `pad` on every side, or null for none. */
export function rectsBounds(rects: readonly Rect[], pad = 0): Rect | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const r of rects) {
    if (![r.x, r.y, r.w, r.h].every(Number.isFinite)) continue;
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.w);
    y1 = Math.max(y1, r.y + r.h);
  }
  if (x0 === Infinity) return null;
  return { x: x0 - pad, y: y0 - pad, w: x1 - x0 + 2 * pad, h: y1 - y0 + 2 * pad };
}

export interface FitOptions {
  /** Never zoom out below this (e.g. readableScale()); panning reaches the rest. */
  minScale?: number;
  /** Never zoom in above this. Wins over minScale. */
  maxScale?: number;
  /**
   * Where the world rectangle goes on an axis where it is larger than the screen: its start
   * (left / top edge visible: reading order), or its centre.
   */
  overflow?: 'start' | 'center';
}

const finite = (v: View): boolean =>
  Number.isFinite(v.x) && Number.isFinite(v.y) && Number.isFinite(v.k) && v.k > 0;

/**
 * The view that shows `rect` (world) as large as fits in the screen's free area, within
 * [minScale, maxScale]; centred on each axis where it fits, else placed by `overflow`.
 */
export function viewFit(rect: Rect, screen: Screen, opts: FitOptions = {}): View {
  const a = freeArea(screen);
  const rw = Math.max(1, rect.w);
  const rh = Math.max(1, rect.h);
  let k = Math.min(a.w / rw, a.h / rh);
  if (opts.minScale !== undefined) k = Math.max(k, opts.minScale);
  if (opts.maxScale !== undefined) k = Math.min(k, opts.maxScale);
  const axis = (start: number, size: number, free0: number, free: number): number => {
    if (size * k <= free || opts.overflow === 'center')
      return free0 + free / 2 - (start + size / 2) * k;
    return free0 - start * k;
  };
  const v = { x: axis(rect.x, rw, a.x, a.w), y: axis(rect.y, rh, a.y, a.h), k };
  return finite(v) ? v : { x: 0, y: 0, k: 1 };
}

/**
 * Pan only, and only if needed: the least move of `view` that brings `rect` (world) inside
 * the free area less `margin` (screen px). Returns `view` itself when it is already there.
 * A rectangle larger than the area is centred on that axis.
 */
export function viewKeep(view: View, rect: Rect, screen: Screen, margin = 24): View {
  const a = freeArea(screen);
  const m = Math.min(margin, a.w / 4, a.h / 4);
  const axis = (pos: number, start: number, size: number, free0: number, free: number): number => {
    const lo = free0 + m;
    const hi = free0 + free - m;
    const s0 = start * view.k + pos;
    const s1 = (start + size) * view.k + pos;
    if (s1 - s0 > hi - lo) return (lo + hi) / 2 - (start + size / 2) * view.k;
    if (s0 < lo) return pos + (lo - s0);
    if (s1 > hi) return pos - (s1 - hi);
    return pos;
  };
  const x = axis(view.x, rect.x, rect.w, a.x, a.w);
  const y = axis(view.y, rect.y, rect.h, a.y, a.h);
  if (x === view.x && y === view.y) return view;
  return { x, y, k: view.k };
}

/** Where each hop happens on the drawing: its place's box, or the place's point. */
export function hopRects(
  layout: Layout,
  hops: readonly Pick<Hop, 'at' | 'kind' | 'ref'>[],
): Rect[] {
  const out: Rect[] = [];
  for (const h of hops) {
    const id = hopPlace(layout, h);
    if (id === null) continue;
    const b = layout.boxes.get(id);
    const p = layout.graph.points.get(id);
    if (b) out.push({ x: b.x, y: b.y, w: b.w, h: b.h });
    else if (p) out.push({ x: p.x, y: p.y, w: 0, h: 0 });
  }
  return out;
}

export interface FlowFrameOptions {
  minScale?: number;
  maxScale?: number;
  /** World padding around the hops. */
  pad?: number;
}

/**
 * The view for a newly chosen flow: the hops' places (and the wires between them, passed
 * as `points`) framed with padding, at a readable scale. When that is still larger than the
 * screen, the first hop is kept in view, so the packet starts where a person is looking.
 */
export function viewFlow(
  rects: readonly Rect[],
  points: readonly Point[],
  screen: Screen,
  opts: FlowFrameOptions = {},
): View | null {
  const pad = opts.pad ?? 40;
  const all = rectsBounds(rects.concat(points.map((p) => ({ x: p.x, y: p.y, w: 0, h: 0 }))), pad);
  if (!all) return null;
  const v = viewFit(all, screen, {
    minScale: opts.minScale ?? readableScale(),
    maxScale: opts.maxScale ?? 1,
    overflow: 'center',
  });
  const first = rects[0];
  return first ? viewKeep(v, first, screen, pad * v.k) : v;
}
