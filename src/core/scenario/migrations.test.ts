import { describe, expect, it } from 'vitest';
import {
  CURRENT_FORMAT,
  MIGRATIONS,
  OLDEST_FORMAT,
  migrate,
  type MigrationStep,
} from './migrations';

// Fake formats 0 -> 1 -> 2: each step records itself, so the order can be checked.
const steps: Record<number, MigrationStep> = {
  0: (s) => ({ ok: true, state: { ...(s as object), trail: ['0->1'] } }),
  1: (s) => {
    const state = s as { trail: string[] };
    return { ok: true, state: { ...state, trail: [...state.trail, '1->2'] }, warnings: ['w1'] };
  },
};

describe('migrate', () => {
  it('leaves a current state alone', () => {
    const state = { scenario: { version: 1 } };
    const result = migrate(state, CURRENT_FORMAT);
    expect(result).toEqual({ ok: true, state, warnings: [], applied: [] });
  });

  it('runs every step from the link format up to the target, in order', () => {
    const result = migrate({}, 0, 2, steps);
    expect(result).toEqual({
      ok: true,
      state: { trail: ['0->1', '1->2'] },
      warnings: ['w1'],
      applied: [0, 1],
    });
  });

  it('starts from the link format, not from the oldest one', () => {
    const result = migrate({ trail: ['given'] }, 1, 2, steps);
    expect(result.ok && result.state).toEqual({ trail: ['given', '1->2'] });
  });

  it('refuses a gap in the chain', () => {
    expect(migrate({}, 0, 3, steps)).toEqual({
      ok: false,
      error: 'There is no upgrade from link format v2 to v3.',
    });
  });

  it('turns a failing or throwing step into an error', () => {
    const failing = { 0: () => ({ ok: false as const, error: 'no pods in v0' }) };
    expect(migrate({}, 0, 1, failing)).toEqual({ ok: false, error: 'no pods in v0' });
    const throwing = {
      0: () => {
        throw new Error('boom');
      },
    };
    expect(migrate({}, 0, 1, throwing)).toEqual({
      ok: false,
      error: 'Upgrading this link from format v0 to v1 failed.',
    });
  });

  it('refuses going backwards and nonsense versions', () => {
    expect(migrate({}, 2, 1, steps).ok).toBe(false);
    expect(migrate({}, Number.NaN, 1, steps).ok).toBe(false);
  });

  it('does not take steps from Object.prototype', () => {
    expect(
      migrate({}, 0, 1, Object.create({ 0: steps[0] }) as Record<number, MigrationStep>).ok,
    ).toBe(false);
  });

  it('has a step for every format between the oldest read and the current one', () => {
    for (let v = OLDEST_FORMAT; v < CURRENT_FORMAT; v++)
      expect(MIGRATIONS[v]).toBeTypeOf('function');
    expect(OLDEST_FORMAT).toBeLessThanOrEqual(CURRENT_FORMAT);
  });
});
