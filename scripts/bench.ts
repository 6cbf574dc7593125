/**
 * npm run bench: every speed and size budget of the issues, measured, as one table.
 * Exits 1 when a median misses its budget. Core figures run in Node; browser figures in
 * headless Chromium against the built app (run `npm run build` first, or let this do it).
 */
import { clusterCapacity } from '../src/core/model/capacity';
import { fillScenario } from '../src/core/model/ipam';
import type { Cluster, Scenario } from '../src/core/model/schema';
import { validateScenario } from '../src/core/model/validate';
import { linkStats } from '../src/core/scenario/codec';
import { largeScenario } from '../src/core/scenario/random';
import { twoClusterScenario } from '../src/core/scenario/link-fixtures/two-cluster';
import { formatTable, passes, timeIt, type BenchRow } from './bench-lib';
import { traceBenchRows } from './bench-trace';

function emptyCluster(cidr: string, nodeMaskSize: number, family: 'IPv4' | 'IPv6'): Cluster {
  return {
    name: 'c',
    ipFamilies: [family],
    clusterCIDRs: [{ cidr, nodeMaskSize }],
    serviceCIDRs: [{ cidrs: [family === 'IPv4' ? '10.96.0.0/12' : 'fd03::/112'] }],
    nodes: [],
    pods: [],
    services: [],
  };
}

/** The large scenario with every address IPAM can fill left out. */
function sparse(s: Scenario): Scenario {
  return {
    ...s,
    clusters: s.clusters.map((c) => ({
      ...c,
      nodes: c.nodes.map(({ podCIDRs: _p, ...n }) => n),
      pods: c.pods.map(({ podIPs: _ip, ...p }) => p),
      services: c.services.map(({ clusterIPs: _c, ...v }) => v),
    })),
  };
}

function coreRows(): BenchRow[] {
  const rows: BenchRow[] = [];
  const v4 = emptyCluster('10.0.0.0/8', 24, 'IPv4');
  rows.push({
    name: 'capacity: 10.0.0.0/8 split in /24s',
    ...timeIt(() => clusterCapacity(v4)),
    budget: 50,
    unit: 'ms',
  });
  const v6 = emptyCluster('fd00::/48', 64, 'IPv6');
  rows.push({
    name: 'capacity: fd00::/48 split in /64s',
    ...timeIt(() => clusterCapacity(v6)),
    budget: 50,
    unit: 'ms',
  });
  const big = sparse(largeScenario({ nodes: 1000, podsPerNode: 10, services: 1000 }));
  rows.push({
    name: 'fill 1,000 nodes, 10,000 pods, 1,000 Services',
    ...timeIt(() => fillScenario(big), 15),
    budget: 50,
    unit: 'ms',
  });
  const filled = fillScenario(big).scenario;
  rows.push({
    name: 'validate the same, filled',
    ...timeIt(() => validateScenario(filled), 15),
    budget: 50,
    unit: 'ms',
  });
  return rows;
}

function linkRows(): BenchRow[] {
  const two = linkStats(twoClusterScenario);
  const hundred = linkStats(largeScenario({ nodes: 100, podsPerNode: 4, services: 10 }));
  const note = (s: { ratio: number; base64JsonLength: number }) =>
    `${s.ratio.toFixed(1)}x shorter than base64 JSON (${s.base64JsonLength})`;
  return [
    {
      name: 'share link: two clusters (talk 003)',
      median: two.fragmentLength,
      budget: 600,
      unit: 'chars',
      note: note(two),
    },
    {
      name: 'share link: 100 nodes, 400 pods',
      median: hundred.fragmentLength,
      budget: 2000,
      unit: 'chars',
      note: note(hundred),
    },
    {
      name: 'share link: two clusters, times shorter than base64 JSON',
      median: two.ratio,
      budget: 5,
      atLeast: true,
      unit: 'x',
    },
    {
      name: 'share link: 100 nodes, times shorter than base64 JSON',
      median: hundred.ratio,
      budget: 5,
      atLeast: true,
      unit: 'x',
    },
  ];
}

/** Browser figures: headless Chromium against the built app. */
async function browserRows(): Promise<BenchRow[]> {
  const { benchBrowser } = await import('./bench-browser');
  const rows: BenchRow[] = await benchBrowser();
  const { benchPlanner } = await import('./bench-planner');
  rows.push(...(await benchPlanner()));
  return rows;
}

async function main(): Promise<void> {
  const onlyCore = process.argv.includes('--core');
  const rows: BenchRow[] = [...coreRows(), ...traceBenchRows(), ...linkRows()];
  if (!onlyCore) {
    rows.push(...(await browserRows()));
  }
  console.log(formatTable(rows));
  const missed = rows.filter((r) => !passes(r));
  console.log(
    missed.length === 0
      ? `\nAll ${rows.length} budgets met (medians).`
      : `\n${missed.length} of ${rows.length} budgets missed: ${missed.map((r) => r.name).join('; ')}`,
  );
  process.exitCode = missed.length ? 1 : 0;
}

void main();
