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
import { viewFit, type Insets, type View } from '../../core/layout/viewport';

export type { Insets };

export interface ZoomHandle {
  /**
   * Frame `rect` (world units) in the viewport minus `insets` (see core/layout/viewport.ts
   * viewFit: never below `minScale`; what overflows shows from its start, to be panned).
   */
  fit(
    rect: Rect,
    opts?: {
      animate?: boolean;
      maxScale?: number;
      minScale?: number;
      overflow?: 'start' | 'center';
      insets?: Partial<Insets>;
    },
  ): void;
  /** Go to a view (animated unless the person prefers reduced motion). */
  to(v: View, opts?: { animate?: boolean }): void;
  /** The stage's size in CSS px. */
  size(): { w: number; h: number };
  /** Where the view is going: the end of a running animation, else the current view. */
  destination(): View;
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
        // A person's pan or zoom takes over from any framing animation.
        if (gesture && raf !== 0) stop();
        if (gesture && !svg.classList.contains('moving')) svg.classList.add('moving');
        g.setAttribute('transform', e.transform.toString());
        cb.current(e.transform, gesture);
      });
    sel.call(z).on('dblclick.zoom', null);
    let raf = 0;
    let dest: ZoomTransform | null = null;
    const stop = () => {
      cancelAnimationFrame(raf);
      raf = 0;
      dest = null;
    };

    const size = () => {
      const r = svg.getBoundingClientRect();
      return { w: r.width || 800, h: r.height || 600 };
    };

    handle.current = {
      transform: () => zoomTransform(svg),
      destination() {
        const t = dest ?? zoomTransform(svg);
        return { x: t.x, y: t.y, k: t.k };
      },
      set(v) {
        stop();
        if (![v.x, v.y, v.k].every(Number.isFinite) || v.k <= 0) return;
        const k = Math.max(SCALE_EXTENT[0], Math.min(SCALE_EXTENT[1], v.k));
        z.transform(sel, zoomIdentity.translate(v.x, v.y).scale(k));
      },
      zoomBy(factor) {
        stop();
        const { w, h } = size();
        z.scaleBy(sel, factor, [w / 2, h / 2]);
      },
      size,
      fit(rect, opts = {}) {
        const { w, h } = size();
        const insets: Insets = { top: 16, right: 60, bottom: 16, left: 16, ...opts.insets };
        const target = viewFit(
          rect,
          { w, h, insets },
          {
            maxScale: opts.maxScale ?? 1.25,
            minScale: Math.max(SCALE_EXTENT[0], opts.minScale ?? SCALE_EXTENT[0]),
            overflow: opts.overflow ?? 'start',
          },
        );
        this.to(target, { animate: opts.animate ?? false });
      },
      to(v, opts = {}) {
        stop();
        if (![v.x, v.y, v.k].every(Number.isFinite) || v.k <= 0) return;
        const k = Math.max(SCALE_EXTENT[0], Math.min(SCALE_EXTENT[1], v.k));
        const target = zoomIdentity.translate(v.x, v.y).scale(k);
        const from = zoomTransform(svg);
        if (from.k === target.k && from.x === target.x && from.y === target.y) return;
        if (!opts.animate || prefersReducedMotion()) {
          z.transform(sel, target);
          return;
        }
        const { w, h } = size();
        // Interpolate in "what is in the middle of the screen, and how wide" space (van Wijk
        // and Nuij, as d3-interpolate's interpolateZoom), so zoom and pan move as one.
        const sx = w / 2;
        const sy = h / 2;
        const view = (t: ZoomTransform): [number, number, number] => [
          (sx - t.x) / t.k,
          (sy - t.y) / t.k,
          w / t.k,
        ];
        const interp = interpolateZoom(view(from), view(target));
        const duration = Math.min(900, Math.max(300, interp.duration * 0.6));
        const t0 = performance.now();
        dest = target;
        const tick = (now: number) => {
          const u = Math.min(1, (now - t0) / duration);
          if (u >= 1) {
            raf = 0;
            dest = null;
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
