/**
 * d3-zoom attached to a ref, in one hook (d3 owns the math, React owns the DOM). The zoom
 * writes the transform attribute of the content group directly, so panning never re-renders
 * React; `onTransform` hears every change and decides whether the visible set changed.
 */
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { interpolateZoom } from 'd3-interpolate';
import type { Rect } from '../../core/layout/types';

export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface ZoomHandle {
  /** Frame `rect` (world units) in the viewport minus `insets`. */
  fit(rect: Rect, opts?: { animate?: boolean; maxScale?: number; insets?: Partial<Insets> }): void;
  zoomBy(factor: number): void;
  transform(): ZoomTransform;
  /** Jump to a transform (clamped to the scale extent). */
  set(v: { x: number; y: number; k: number }): void;
}

export const SCALE_EXTENT: [number, number] = [0.01, 5];

const prefersReducedMotion = () =>
  typeof window !== 'undefined' &&
  window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

/**
 * `onTransform(t, gesture)`: `gesture` is true while a person is panning or zooming (not for
 * programmatic fits); when the gesture ends it is called once more with `gesture` false.
 */
export function useZoom(
  svgRef: RefObject<SVGSVGElement | null>,
  gRef: RefObject<SVGGElement | null>,
  onTransform: (t: ZoomTransform, gesture: boolean) => void,
): RefObject<ZoomHandle | null> {
  const handle = useRef<ZoomHandle | null>(null);
  const cb = useRef(onTransform);
  useEffect(() => {
    cb.current = onTransform;
  }, [onTransform]);

  // A layout effect, so the handle exists before the first fit (also a layout effect).
  useLayoutEffect(() => {
    const svg = svgRef.current;
    const g = gRef.current;
    if (!svg || !g) return undefined;
    const sel = select<SVGSVGElement, unknown>(svg);
    const z: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
      .scaleExtent(SCALE_EXTENT)
      // Only a real pan or zoom turns off hit-testing (a plain click must still hit its box).
      .on('end', (e: { transform: ZoomTransform }) => {
        if (!svg.classList.contains('moving')) return;
        svg.classList.remove('moving');
        cb.current(e.transform, false);
      })
      .on('zoom', (e: { transform: ZoomTransform; sourceEvent: Event | null }) => {
        const gesture = e.sourceEvent !== null && e.sourceEvent !== undefined;
        if (gesture && !svg.classList.contains('moving')) svg.classList.add('moving');
        g.setAttribute('transform', e.transform.toString());
        cb.current(e.transform, gesture);
      });
    sel.call(z).on('dblclick.zoom', null);
    let raf = 0;

    const size = () => {
      const r = svg.getBoundingClientRect();
      return { w: r.width || 800, h: r.height || 600 };
    };

    handle.current = {
      transform: () => zoomTransform(svg),
      set(v) {
        cancelAnimationFrame(raf);
        if (![v.x, v.y, v.k].every(Number.isFinite) || v.k <= 0) return;
        const k = Math.max(SCALE_EXTENT[0], Math.min(SCALE_EXTENT[1], v.k));
        z.transform(sel, zoomIdentity.translate(v.x, v.y).scale(k));
      },
      zoomBy(factor) {
        cancelAnimationFrame(raf);
        const { w, h } = size();
        z.scaleBy(sel, factor, [w / 2, h / 2]);
      },
      fit(rect, opts = {}) {
        cancelAnimationFrame(raf);
        const { w, h } = size();
        const ins: Insets = { top: 16, right: 60, bottom: 16, left: 16, ...opts.insets };
        const aw = Math.max(50, w - ins.left - ins.right);
        const ah = Math.max(50, h - ins.top - ins.bottom);
        const k = Math.max(
          SCALE_EXTENT[0],
          Math.min(opts.maxScale ?? 1.25, aw / Math.max(1, rect.w), ah / Math.max(1, rect.h)),
        );
        const cx = rect.x + rect.w / 2;
        const cy = rect.y + rect.h / 2;
        // The centre of the free area, in screen coordinates.
        const sx = ins.left + aw / 2;
        const sy = ins.top + ah / 2;
        const target = zoomIdentity.translate(sx - cx * k, sy - cy * k).scale(k);
        if (!opts.animate || prefersReducedMotion()) {
          z.transform(sel, target);
          return;
        }
        const from = zoomTransform(svg);
        const view = (t: ZoomTransform): [number, number, number] => [
          (sx - t.x) / t.k,
          (sy - t.y) / t.k,
          w / t.k,
        ];
        const interp = interpolateZoom(view(from), view(target));
        const duration = Math.min(900, Math.max(300, interp.duration * 0.6));
        const t0 = performance.now();
        const tick = (now: number) => {
          const u = Math.min(1, (now - t0) / duration);
          if (u >= 1) {
            z.transform(sel, target);
            return;
          }
          const e = u < 0.5 ? 2 * u * u : 1 - (-2 * u + 2) ** 2 / 2;
          const [vx, vy, vw] = interp(e);
          const kk = w / vw;
          z.transform(sel, zoomIdentity.translate(sx - vx * kk, sy - vy * kk).scale(kk));
          raf = requestAnimationFrame(tick);
        };
        raf = requestAnimationFrame(tick);
      },
    };
    return () => {
      cancelAnimationFrame(raf);
      sel.on('.zoom', null);
      handle.current = null;
    };
  }, [svgRef, gRef]);

  return handle;
}
