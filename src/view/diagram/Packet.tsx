/**
 * The moving packet. One requestAnimationFrame loop moves a transform; the store only hears
 * `arrive(hop)` when the packet reaches the next hop. The clock is the pure stepper in
 * store/clock.ts; this component only feeds it wall time and draws where it says.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { pointAlong, type TracePath } from '../../core/layout/path';
import type { Hop } from '../../core/sim/types';
import { appStore, selectPath, selectTrace } from '../../store';
import {
  clockAdvance,
  clockAt,
  clockPlan,
  clockPosition,
  type Clock,
  type ClockPlan,
} from '../../store/clock';

const reducedMotion = () =>
  typeof window !== 'undefined' &&
  window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

export function Packet({
  scaleRef,
  redrawRef,
}: {
  scaleRef: RefObject<number>;
  redrawRef: RefObject<(() => void) | null>;
}) {
  const gRef = useRef<SVGGElement>(null);

  useEffect(() => {
    const g = gRef.current;
    if (!g) return undefined;
    let clock: Clock = clockAt(0);
    let plan: ClockPlan = { dwell: [], travel: [] };
    let path: TracePath | null = null;
    let hops: Hop[] = [];
    let seq = -1;
    let raf = 0;
    let lastT = 0;

    const draw = () => {
      if (!path || hops.length === 0) {
        g.style.display = 'none';
        return;
      }
      g.style.display = '';
      const pos = clockPosition(clock, plan);
      const seg = path.segments[pos.hop];
      const p =
        pos.moving && seg ? pointAlong(seg.points, pos.t) : (path.stops[pos.hop] ?? { x: 0, y: 0 });
      const s = scaleRef.current ?? 1;
      g.setAttribute('transform', `translate(${p.x},${p.y}) scale(${s})`);
      const h = hops[pos.hop];
      const conn = pos.moving ? (hops[pos.hop + 1]?.connection ?? 1) : (h?.connection ?? 1);
      g.classList.toggle('encap', Boolean(h?.packet.outer));
      g.classList.toggle('conn-2', conn > 1);
      g.classList.toggle('dropped', !pos.moving && h?.action === 'drop');
    };

    const stop = () => {
      cancelAnimationFrame(raf);
      raf = 0;
    };

    const frame = (now: number) => {
      const st = appStore.getState();
      const dt = lastT === 0 ? 0 : Math.min(100, now - lastT);
      lastT = now;
      clock = clockAdvance(clock, plan, dt, st.playback.speed);
      if (clock.done) {
        st.actions.arrive(clock.hop, true);
        raf = 0;
        draw();
        return;
      }
      if (clock.hop !== st.playback.hop) st.actions.arrive(clock.hop);
      draw();
      raf = requestAnimationFrame(frame);
    };

    const sync = () => {
      const st = appStore.getState();
      const leg = selectTrace(st);
      const nextPath = selectPath(st);
      const nextHops = leg?.hops ?? [];
      if (nextPath !== path || nextHops !== hops) {
        path = nextPath;
        hops = nextHops;
        plan = clockPlan(
          hops,
          (path?.segments ?? []).map((x) => x.length),
          { reducedMotion: reducedMotion() },
        );
        clock = clockAt(st.playback.hop);
      }
      if (st.playback.seq !== seq) {
        seq = st.playback.seq;
        clock = clockAt(st.playback.hop);
      }
      if (st.playback.playing && raf === 0 && hops.length > 0) {
        lastT = 0;
        raf = requestAnimationFrame(frame);
      } else if (!st.playback.playing && raf !== 0) {
        stop();
      }
      draw();
    };

    redrawRef.current = draw;
    const unsub = appStore.subscribe(sync);
    sync();
    return () => {
      unsub();
      stop();
      redrawRef.current = null;
    };
  }, [scaleRef, redrawRef]);

  return (
    <g
      ref={gRef}
      className="packet"
      style={{ display: 'none' }}
      pointerEvents="none"
      aria-hidden="true"
    >
      <rect className="ring" x={-30} y={-21} width={60} height={42} rx={12} />
      <circle className="dot" r={12} />
    </g>
  );
}
