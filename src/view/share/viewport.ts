/**
 * The diagram's viewport as shared and saved: the centre of the view in diagram units and the
 * zoom, so a link opened on a screen of another size shows the same place at the same scale.
 * The diagram itself speaks d3-zoom transforms (screen = world * k + (x, y)); these convert.
 */
import type { Viewport } from '../../store/persist';

export interface Transform {
  x: number;
  y: number;
  k: number;
}

/** The size of the drawn diagram on screen. */
export function diagramSize(): { w: number; h: number } {
  const svg = typeof document !== 'undefined' ? document.querySelector('svg.diagram') : null;
  const r = svg?.getBoundingClientRect();
  return { w: r && r.width > 0 ? r.width : 800, h: r && r.height > 0 ? r.height : 600 };
}

export function centreOf(t: Transform, size: { w: number; h: number }): Viewport | null {
  if (![t.x, t.y, t.k].every(Number.isFinite) || t.k <= 0) return null;
  return {
    x: Math.round((size.w / 2 - t.x) / t.k),
    y: Math.round((size.h / 2 - t.y) / t.k),
    k: Math.round(t.k * 10_000) / 10_000,
  };
}

export function transformFor(v: Viewport, size: { w: number; h: number }): Transform {
  return { x: size.w / 2 - v.x * v.k, y: size.h / 2 - v.y * v.k, k: v.k };
}
