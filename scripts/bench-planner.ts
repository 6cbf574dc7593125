/**
 * Browser benchmark of the address planner: "the planner view renders 20 clusters within
 * 100 ms", in headless Chromium against the built app (dist/, served by vite preview).
 *
 * The page exposes `window.__packetwalkPlanner.render(scenario)` (src/view/planner/benchHook.ts)
 * while the planner is open: it loads the scenario into the store and resolves with the
 * milliseconds from the load to the task after the next animation frame, i.e. once IPAM, the
 * capacity counts, the address map and React's commit are done and the browser has laid out and
 * painted the map. The scenario crosses into the page before the clock starts.
 *
 * The scenario: 20 IPv4 clusters on one 10.0.0.0/8 network, 12 nodes and 36 pods each, 4
 * Services, every address left to IPAM; clusters 19 and 20 reuse cluster 1's pod block, so the
 * map has overlap marks to draw. Two variants alternate so every run draws a new scenario.
 *
 *   npx vite build && npx tsx scripts/bench-planner.ts
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from '@playwright/test';
import { preview, type PreviewServer } from 'vite';
import type { Cluster, Scenario } from '../src/core/model/schema';
// @ts-expect-error plain ESM helper shared with playwright.config.ts
import { findChromium, CHROMIUM_ARGS } from './browser.mjs';

export interface PlannerBenchRow {
  name: string;
  median: number;
  p95?: number;
  budget: number;
  unit: string;
  note?: string;
}

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const CLUSTERS = 20;
const NODES = 12;
const PODS_PER_NODE = 3;
const SERVICES = 4;
const WARMUP = 2;
const RUNS = 9;
const BUDGET_MS = 100;

/** 20 clusters for the planner; `variant` shifts the node addresses so each load differs. */
export function twentyClusters(variant = 0): Scenario {
  const clusters: Cluster[] = [];
  for (let i = 0; i < CLUSTERS; i++) {
    // /16 pod blocks 10.0.0.0, 10.1.0.0, ...; the last two reuse 10.0.0.0/16.
    const podBlock = i >= CLUSTERS - 2 ? '10.0.0.0/16' : `10.${i}.0.0/16`;
    clusters.push({
      name: `c${i + 1}`,
      network: 'network',
      ipFamilies: ['IPv4'],
      clusterCIDRs: [{ cidr: podBlock, nodeMaskSize: 24 }],
      serviceCIDRs: [{ name: 'kubernetes', cidrs: [`10.${100 + i}.0.0/20`] }],
      nodes: Array.from({ length: NODES }, (_, k) => ({
        name: `node${k + 1}`,
        addresses: [
          { type: 'InternalIP' as const, address: `10.240.${i}.${1 + k + variant * NODES}` },
        ],
      })),
      pods: Array.from({ length: NODES * PODS_PER_NODE }, (_, k) => ({
        name: `web-${k}`,
        nodeName: `node${(k % NODES) + 1}`,
        labels: { app: `app-${k % SERVICES}` },
      })),
      services: Array.from({ length: SERVICES }, (_, k) => ({
        name: `svc-${k}`,
        selector: { app: `app-${k}` },
        ports: [{ port: 80 }],
      })),
    });
  }
  return {
    version: 1,
    name: `Planner bench: ${CLUSTERS} clusters (${variant})`,
    model: 'flat',
    networks: [{ name: 'network', cidrs: ['10.0.0.0/8'] }],
    clusters,
    hosts: [{ name: 'other', network: 'network', addresses: ['10.128.1.1'] }],
  };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.floor((s.length - 1) / 2)] as number);
};
const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? NaN
    : (s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number);
};

// Page-side code as text: tsx would otherwise inject helpers the page does not have.
const RENDER = `(s) => window.__packetwalkPlanner.render(s)`;

async function measure(page: Page): Promise<number[]> {
  // Poll with evaluate (the app's CSP refuses waitForFunction's string evaluation).
  for (let t = 0; !(await page.evaluate('!!window.__packetwalkPlanner')); t += 100) {
    if (t > 30_000) throw new Error('the planner did not open');
    await page.waitForTimeout(100);
  }
  const variants = [twentyClusters(0), twentyClusters(1)];
  const out: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const fn = new Function(`return ${RENDER}`)() as (s: Scenario) => Promise<number>;
    const ms = await page.evaluate(fn, variants[i % 2] as Scenario);
    if (i >= WARMUP) out.push(ms);
    await page.waitForTimeout(150); // let the browser settle between runs
  }
  // The map really shows the 20 clusters.
  const sections = await page.locator('.pl-cluster').count();
  if (sections !== CLUSTERS) throw new Error(`expected ${CLUSTERS} clusters, saw ${sections}`);
  return out;
}

async function ensureBuilt(): Promise<void> {
  if (existsSync(join(DIST, 'index.html'))) return;
  execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * Median (and p95) of the planner's render time for 20 clusters. With a page, it is used as it
 * is (it must show the built app; the planner is opened on its origin); without one, the built
 * app is served and a headless Chromium started and closed here.
 */
export async function benchPlanner(page?: Page): Promise<PlannerBenchRow[]> {
  let server: PreviewServer | null = null;
  let browser: Browser | null = null;
  let own: Page;
  try {
    if (page) {
      own = page;
      const origin = new URL(page.url()).origin;
      await own.goto(`${origin}/?view=planner`);
    } else {
      await ensureBuilt();
      server = await preview({
        root: ROOT,
        logLevel: 'silent',
        preview: { host: '127.0.0.1', port: 4191, strictPort: false },
      });
      const base = (server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4191/').replace(/\/$/, '');
      const found = findChromium() as { path?: string };
      browser = await chromium.launch({
        ...(found.path ? { executablePath: found.path } : {}),
        args: CHROMIUM_ARGS as string[],
      });
      own = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await own.goto(`${base}/?view=planner`);
    }
    const runs = await measure(own);
    return [
      {
        name: `browser: planner renders ${CLUSTERS} clusters`,
        median: median(runs),
        p95: quantile(runs, 0.95),
        budget: BUDGET_MS,
        unit: 'ms',
        note: `${RUNS} runs, load to painted frame; ${CLUSTERS * NODES} nodes, ${CLUSTERS * NODES * PODS_PER_NODE} pods`,
      },
    ];
  } finally {
    if (browser) await browser.close();
    if (server) {
      const s = server;
      await new Promise<void>((r) => s.httpServer.close(() => r()));
    }
  }
}

// Run directly: `npx tsx scripts/bench-planner.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  benchPlanner().then(
    (rows) => {
      for (const r of rows) {
        console.log(
          `${r.name.padEnd(44)} median ${r.median.toFixed(1)} ms  p95 ${(r.p95 ?? NaN).toFixed(1)} ms  budget ${r.budget} ${r.unit}  ${r.note ?? ''}`,
        );
      }
      process.exitCode = rows.every((r) => r.median <= r.budget) ? 0 : 1;
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
