import { describe, expect, it } from 'vitest';
import { formatTable, passes, quantile } from './bench-lib';

describe('bench-lib', () => {
  it('takes the median and p95 of sorted samples', () => {
    const s = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantile(s, 0.5)).toBe(5);
    expect(quantile(s, 0.95)).toBe(10);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });
  it('marks a row over budget as missed, and NaN as missed', () => {
    expect(passes({ name: 'a', median: 49, budget: 50, unit: 'ms' })).toBe(true);
    expect(passes({ name: 'a', median: 51, budget: 50, unit: 'ms' })).toBe(false);
    expect(passes({ name: 'a', median: NaN, budget: 50, unit: 'ms' })).toBe(false);
    const table = formatTable([{ name: 'slow thing', median: 51, budget: 50, unit: 'ms' }]);
    expect(table).toContain('slow thing');
    expect(table).toContain('MISSED');
  });
});

describe('bench-lib floors', () => {
  it('treats an atLeast budget as a floor', () => {
    expect(passes({ name: 'r', median: 6, budget: 5, unit: 'x', atLeast: true })).toBe(true);
    expect(passes({ name: 'r', median: 4, budget: 5, unit: 'x', atLeast: true })).toBe(false);
  });
});
