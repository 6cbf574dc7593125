/**
 * The playback clock, as a pure stepper (tldraw bans raw timers so tests can step a clock;
 * so do we). The animation loop owns one Clock in a ref and calls `clockAdvance` each frame;
 * only when `hop` changes does it tell the store. Tests drive it with fixed time steps.
 *
 * A playback is: dwell at hop 0, travel to hop 1, dwell at hop 1, ... dwell at the last hop,
 * done. Hops that rewrite the packet (NAT, encapsulation, a proxy) or drop it dwell longer,
 * so a person can read the changed header fields.
 */
import type { HopAction } from '../core/sim/types';

export interface ClockPlan {
  /** ms to stay at each hop, at speed 1. */
  dwell: number[];
  /** ms to travel from hop i to hop i + 1, at speed 1 (length = hops - 1). */
  travel: number[];
}

export interface Clock {
  hop: number;
  phase: 'dwell' | 'travel';
  /** ms spent in the current phase, in speed-1 time. */
  elapsed: number;
  done: boolean;
}

export const DWELL_MS = { plain: 900, rewrite: 2600, end: 1200 } as const;
export const TRAVEL_MS = { min: 450, max: 1600, pxPerMs: 0.6 } as const;
const REWRITES: ReadonlySet<HopAction> = new Set([
  'dnat',
  'snat',
  'encap',
  'decap',
  'proxy',
  'drop',
]);

export function clockPlan(
  hops: readonly { action: HopAction; changed: readonly string[] }[],
  segmentLengths: readonly number[],
  opts: { reducedMotion?: boolean } = {},
): ClockPlan {
  const dwell = hops.map((h, i) =>
    REWRITES.has(h.action) || h.changed.length > 0
      ? DWELL_MS.rewrite
      : i === hops.length - 1
        ? DWELL_MS.end
        : DWELL_MS.plain,
  );
  const travel: number[] = [];
  for (let i = 0; i + 1 < hops.length; i++) {
    const len = segmentLengths[i] ?? 0;
    travel.push(
      opts.reducedMotion
        ? 0
        : Math.min(TRAVEL_MS.max, Math.max(TRAVEL_MS.min, len / TRAVEL_MS.pxPerMs)),
    );
  }
  return { dwell, travel };
}

/** A clock standing at `hop`, at the start of its dwell. */
export const clockAt = (hop: number): Clock => ({ hop, phase: 'dwell', elapsed: 0, done: false });

/** Advance by `dtMs` of wall time at `speed` (1 = normal). Never skips past the end. */
export function clockAdvance(c: Clock, plan: ClockPlan, dtMs: number, speed: number): Clock {
  const last = plan.dwell.length - 1;
  if (c.done || last < 0) return { ...c, done: true };
  let { hop, phase, elapsed } = c;
  let left = Math.max(0, dtMs) * Math.max(0, speed);
  // Bounded: each pass consumes a phase or all of `left`.
  for (let guard = 0; guard < 4 * (last + 2); guard++) {
    const span = phase === 'dwell' ? (plan.dwell[hop] ?? 0) : (plan.travel[hop] ?? 0);
    if (elapsed + left < span) return { hop, phase, elapsed: elapsed + left, done: false };
    left -= span - elapsed;
    elapsed = 0;
    if (phase === 'dwell') {
      if (hop >= last) return { hop, phase: 'dwell', elapsed: plan.dwell[hop] ?? 0, done: true };
      phase = 'travel';
    } else {
      hop += 1;
      phase = 'dwell';
    }
  }
  return { hop, phase, elapsed, done: false };
}

/**
 * Where the packet is drawn: standing at `hop`, or a fraction `t` of the way along the
 * segment from `hop` to `hop + 1`.
 */
export function clockPosition(
  c: Clock,
  plan: ClockPlan,
): { hop: number; moving: boolean; t: number } {
  if (c.phase === 'dwell') return { hop: c.hop, moving: false, t: 0 };
  const span = plan.travel[c.hop] ?? 0;
  return { hop: c.hop, moving: true, t: span <= 0 ? 1 : Math.min(1, c.elapsed / span) };
}
