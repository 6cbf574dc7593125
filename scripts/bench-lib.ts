/**
 * A small benchmark runner: warm up, time N runs, report the median (and p95). Budgets are
 * checked against the median; the machines are noisy, so no single run decides.
 */
import { performance } from 'node:perf_hooks';

export interface BenchRow {
  name: string;
  /** Median of the measured values. */
  median: number;
  p95?: number;
  budget: number;
  unit: string;
  /** Optional extra column, e.g. a ratio. */
  note?: string;
  /** The budget is a floor, not a ceiling (e.g. a compression ratio). */
  atLeast?: boolean;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

/** Times `fn` `runs` times after `warmup` runs; returns milliseconds per run. */
export function timeIt(fn: () => unknown, runs = 21, warmup = 3): { median: number; p95: number } {
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    sink = fn();
    samples.push(performance.now() - t0);
  }
  if (sink === Symbol.for('never')) console.log(sink);
  samples.sort((a, b) => a - b);
  return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

export function passes(row: BenchRow): boolean {
  if (!Number.isFinite(row.median)) return false;
  return row.atLeast ? row.median >= row.budget : row.median <= row.budget;
}

export function formatTable(rows: readonly BenchRow[]): string {
  const fmt = (n: number | undefined) =>
    n === undefined ? '' : Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(n >= 10 ? 1 : 3);
  const header = ['benchmark', 'median', 'p95', 'budget', 'unit', 'note', 'result'];
  const body = rows.map((r) => [
    r.name,
    fmt(r.median),
    fmt(r.p95),
    `${r.atLeast ? '>= ' : ''}${fmt(r.budget)}`,
    r.unit,
    r.note ?? '',
    passes(r) ? 'ok' : 'MISSED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i >= 4 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
