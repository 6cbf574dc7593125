import { describe, expect, it } from 'vitest';
import {
  clockAdvance,
  clockAt,
  clockPlan,
  clockPosition,
  DWELL_MS,
  TRAVEL_MS,
  type ClockPlan,
} from './clock';

const hops = [
  { action: 'send' as const, changed: [] },
  { action: 'dnat' as const, changed: ['dst', 'dstPort'] },
  { action: 'route' as const, changed: [] },
  { action: 'deliver' as const, changed: [] },
];

describe('clockPlan', () => {
  it('dwells longer where the packet is rewritten, and at the end', () => {
    const p = clockPlan(hops, [300, 300, 300]);
    expect(p.dwell).toEqual([DWELL_MS.plain, DWELL_MS.rewrite, DWELL_MS.plain, DWELL_MS.end]);
  });
  it('travels in proportion to the wire, within bounds', () => {
    const p = clockPlan(hops, [0, 600, 100_000]);
    expect(p.travel[0]).toBe(TRAVEL_MS.min);
    expect(p.travel[1]).toBe(Math.max(TRAVEL_MS.min, 600 / TRAVEL_MS.pxPerMs));
    expect(p.travel[2]).toBe(TRAVEL_MS.max);
  });
  it('does not travel at all with reduced motion', () => {
    expect(clockPlan(hops, [300, 300, 300], { reducedMotion: true }).travel).toEqual([0, 0, 0]);
  });
});

describe('clockAdvance', () => {
  const plan: ClockPlan = { dwell: [100, 200, 100, 100], travel: [50, 50, 50] };

  it('stays dwelling until the dwell is over, then travels', () => {
    let c = clockAdvance(clockAt(0), plan, 99, 1);
    expect(c).toMatchObject({ hop: 0, phase: 'dwell', done: false });
    c = clockAdvance(c, plan, 2, 1);
    expect(c).toMatchObject({ hop: 0, phase: 'travel' });
    expect(clockPosition(c, plan)).toEqual({ hop: 0, moving: true, t: 1 / 50 });
  });

  it('arrives at the next hop after the travel time', () => {
    const c = clockAdvance(clockAt(0), plan, 100 + 50, 1);
    expect(c).toMatchObject({ hop: 1, phase: 'dwell', elapsed: 0 });
  });

  it('crosses several hops in one big step and stops at the end', () => {
    const c = clockAdvance(clockAt(0), plan, 10_000, 1);
    expect(c).toMatchObject({ hop: 3, done: true });
  });

  it('goes twice as far at speed 2', () => {
    const slow = clockAdvance(clockAt(0), plan, 120, 1);
    const fast = clockAdvance(clockAt(0), plan, 60, 2);
    expect(fast).toEqual(slow);
  });

  it('is a no-op when paused (speed 0) or done', () => {
    const c = clockAdvance(clockAt(1), plan, 500, 0);
    expect(c).toEqual(clockAt(1));
    const done = { hop: 3, phase: 'dwell' as const, elapsed: 100, done: true };
    expect(clockAdvance(done, plan, 500, 1).hop).toBe(3);
  });

  it('sums to the plan: the whole playback takes all dwells and travels', () => {
    const total = plan.dwell.reduce((a, b) => a + b, 0) + plan.travel.reduce((a, b) => a + b, 0);
    let c = clockAt(0);
    let t = 0;
    while (!c.done && t < 10_000) {
      c = clockAdvance(c, plan, 10, 1);
      t += 10;
    }
    expect(t).toBe(total);
  });
});
