import { describe, expect, it } from 'vitest';
import { fillScenario } from '../model/ipam';
import { singleCluster } from '../../lessons/presets/network-models';
import { FONT, READABLE_PX, layoutScenario } from './layout';
import type { Rect } from './types';
import {
  freeArea,
  hopRects,
  readableScale,
  rectsBounds,
  viewFit,
  viewFlow,
  viewKeep,
  type Screen,
  type View,
} from './viewport';

/** Where a world rectangle lands on screen under a view. */
const onScreen = (v: View, r: Rect): Rect => ({
  x: r.x * v.k + v.x,
  y: r.y * v.k + v.y,
  w: r.w * v.k,
  h: r.h * v.k,
});
const within = (inner: Rect, outer: Rect, eps = 1e-6) =>
  inner.x >= outer.x - eps &&
  inner.y >= outer.y - eps &&
  inner.x + inner.w <= outer.x + outer.w + eps &&
  inner.y + inner.h <= outer.y + outer.h + eps;

const screen: Screen = { w: 900, h: 600, insets: { top: 50, right: 60, bottom: 20, left: 20 } };

describe('readableScale', () => {
  it('is the zoom at which body text is READABLE_PX on screen', () => {
    expect(FONT.mono * readableScale()).toBeCloseTo(READABLE_PX);
    expect(FONT.mono * readableScale(14)).toBeCloseTo(14);
  });
});

describe('viewFit', () => {
  it('shows a small picture whole, centred in the free area', () => {
    const r = { x: 100, y: 40, w: 400, h: 200 };
    const v = viewFit(r, screen, { maxScale: 5 });
    const s = onScreen(v, r);
    const a = freeArea(screen);
    expect(within(s, a)).toBe(true);
    // Touches the free area on the binding axis (width: 820/400 < 530/200).
    expect(s.w).toBeCloseTo(a.w);
    expect(s.y + s.h / 2).toBeCloseTo(a.y + a.h / 2);
  });

  it('caps the zoom at maxScale', () => {
    const v = viewFit({ x: 0, y: 0, w: 10, h: 10 }, screen, { maxScale: 1.25 });
    expect(v.k).toBe(1.25);
  });

  it('never zooms below minScale: a wide picture starts at its left edge, to be panned', () => {
    const r = { x: 16, y: 16, w: 3000, h: 500 };
    const min = readableScale();
    const v = viewFit(r, screen, { minScale: min, overflow: 'start' });
    expect(v.k).toBe(min);
    const s = onScreen(v, r);
    const a = freeArea(screen);
    expect(s.x).toBeCloseTo(a.x); // left edge visible
    expect(s.w).toBeGreaterThan(a.w); // the rest is off to the right
    // The height fits, so it is centred vertically.
    expect(s.y + s.h / 2).toBeCloseTo(a.y + a.h / 2);
  });

  it('without minScale, fits everything however small', () => {
    const r = { x: 0, y: 0, w: 30000, h: 20000 };
    const v = viewFit(r, screen);
    expect(within(onScreen(v, r), freeArea(screen))).toBe(true);
    expect(v.k).toBeLessThan(0.05);
  });

  it('survives degenerate input', () => {
    const v = viewFit({ x: 5, y: 5, w: 0, h: 0 }, { w: 0, h: 0 }, { maxScale: 2 });
    expect(Number.isFinite(v.x) && Number.isFinite(v.y) && v.k > 0).toBe(true);
  });
});

describe('viewKeep', () => {
  const v: View = { x: 0, y: 0, k: 1 };
  it('does not move when the rectangle is already on screen', () => {
    expect(viewKeep(v, { x: 200, y: 200, w: 50, h: 50 }, screen)).toBe(v);
  });

  it('pans the least amount that brings it in, never zooms', () => {
    const r = { x: 1500, y: 300, w: 40, h: 40 };
    const next = viewKeep(v, r, screen, 24);
    expect(next.k).toBe(1);
    expect(next.y).toBe(0); // vertically it was already fine
    const s = onScreen(next, r);
    const a = freeArea(screen);
    expect(s.x + s.w).toBeCloseTo(a.x + a.w - 24); // just inside the right margin
  });

  it('pans back left and up as well', () => {
    const r = { x: -400, y: -300, w: 40, h: 40 };
    const next = viewKeep({ x: 0, y: 0, k: 0.5 }, r, screen, 10);
    const s = onScreen(next, r);
    const a = freeArea(screen);
    expect(s.x).toBeCloseTo(a.x + 10);
    expect(s.y).toBeCloseTo(a.y + 10);
  });

  it('centres a rectangle larger than the screen', () => {
    const r = { x: 0, y: 0, w: 5000, h: 40 };
    const next = viewKeep(v, r, screen);
    const s = onScreen(next, r);
    const a = freeArea(screen);
    expect(s.x + s.w / 2).toBeCloseTo(a.x + a.w / 2);
  });
});

describe('rectsBounds', () => {
  it('unions rectangles and pads them', () => {
    expect(
      rectsBounds(
        [
          { x: 0, y: 10, w: 10, h: 10 },
          { x: 50, y: -5, w: 0, h: 0 },
        ],
        2,
      ),
    ).toEqual({ x: -2, y: -7, w: 54, h: 29 });
    expect(rectsBounds([])).toBeNull();
  });
});

describe('viewFlow on the talk-003 picture', () => {
  const filled = fillScenario(singleCluster).scenario;
  const l = layoutScenario(filled);
  const hops = [
    { at: 'pod-a', kind: 'pod', ref: 'cluster/cluster/pod/default/pod-a' },
    { at: 'node1', kind: 'node', ref: 'cluster/cluster/node/node1' },
    { at: 'node2', kind: 'node', ref: 'cluster/cluster/node/node2' },
    { at: 'pod-c', kind: 'pod', ref: 'cluster/cluster/pod/default/pod-c' },
  ] as const;

  it('maps hops to their boxes', () => {
    const rects = hopRects(l, hops);
    expect(rects).toHaveLength(4);
    const podA = l.boxes.get('cluster/cluster/pod/default/pod-a');
    expect(rects[0]).toEqual({ x: podA?.x, y: podA?.y, w: podA?.w, h: podA?.h });
  });

  it('frames every hop, padded, at a readable scale no larger than 1', () => {
    const rects = hopRects(l, hops);
    const v = viewFlow(rects, [], screen, { pad: 30 });
    if (!v) throw new Error('no view');
    expect(v.k).toBeGreaterThanOrEqual(readableScale());
    expect(v.k).toBeLessThanOrEqual(1);
    const a = freeArea(screen);
    for (const r of rects) expect(within(onScreen(v, r), a)).toBe(true);
  });

  it('on a small screen, keeps the first hop in view rather than zooming out', () => {
    const rects = hopRects(l, hops);
    const tiny: Screen = { w: 320, h: 240 };
    const v = viewFlow(rects, [], tiny, { pad: 10 });
    if (!v) throw new Error('no view');
    expect(v.k).toBeCloseTo(readableScale());
    expect(within(onScreen(v, rects[0] as Rect), freeArea(tiny))).toBe(true);
  });

  it('has nothing to frame without hops', () => {
    expect(viewFlow([], [], screen)).toBeNull();
  });
});
