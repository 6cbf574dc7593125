/**
 * Browser benchmarks, in headless Chromium against the built app (dist/, served by vite
 * preview). `npm run bench` adds these rows to the Node figures.
 *
 *   animate 100 nodes / 1,000 pods   frame time p95 while a packet moves     budget 16.7 ms
 *   first render 1,000 / 10,000      navigation start to drawn diagram        budget 1 s
 *   pan/zoom 1,000 / 10,000          frame time p95 while dragging, wheeling  budget 16.7 ms
 *   edit 1,000 nodes                 Enter in the inspector to redrawn frame  budget 100 ms
 *   initial JavaScript               entry + preloaded chunks, gzip           budget 200 KB
 *
 * Frame times are the intervals between requestAnimationFrame callbacks (what a person
 * sees), counted in whole display frames: an interval within half a frame of the display
 * period is one frame (16.7 ms at 60 Hz), a missed frame counts as two (33.3 ms), and so on.
 * So "p95 16.7 ms" means fewer than 5% of frames were late; timer jitter of a tenth of a
 * millisecond does not count as a miss. The note gives the raw p95 and the share of late
 * frames.
 * Each figure is taken over several runs; `median` is the median of the runs and `p95` the
 * worst run, so a noisy machine shows up as a spread rather than a false pass.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from '@playwright/test';
import { preview } from 'vite';
// @ts-expect-error plain ESM helper shared with playwright.config.ts
import { findChromium, CHROMIUM_ARGS } from './browser.mjs';

export interface BrowserBenchRow {
  name: string;
  median: number;
  p95?: number;
  budget: number;
  unit: string;
  note?: string;
}

/** Frame intervals in whole display periods (see the header). */
export function snapFrames(intervals: readonly number[]): {
  snapped: number[];
  period: number;
  late: number;
} {
  const xs = intervals.filter((x) => x > 0);
  const sorted = [...xs].sort((a, b) => a - b);
  const period = sorted.length > 0 ? (sorted[Math.floor(sorted.length / 2)] as number) : 1000 / 60;
  const snapped = xs.map((x) => Math.max(1, Math.round(x / period)) * period);
  const late = xs.filter((x) => x > period * 1.5).length;
  return { snapped, period, late: xs.length === 0 ? 0 : late / xs.length };
}

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.floor((s.length - 1) / 2)] as number);
};
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? NaN
    : (s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number);
};

/** gzip size of what index.html loads before anything runs: the entry and its preloads. */
export function initialJsGzipKb(dist = DIST): number {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = new Set<string>();
  for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) if (m[1]) files.add(m[1]);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g))
    if (m[1]) files.add(m[1]);
  let bytes = 0;
  for (const f of files) bytes += gzipSync(readFileSync(join(dist, f.replace(/^\//, '')))).length;
  return bytes / 1024;
}

// Page-side code is passed as text: tsx's transform would otherwise inject helpers
// (`__name`) that do not exist in the page.
const START_FRAMES = `(() => {
  window.__frames = [];
  window.__stop = false;
  let last = performance.now();
  const tick = (t) => {
    window.__frames.push(t - last);
    last = t;
    if (!window.__stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
})()`;
const STOP_FRAMES = `(() => { window.__stop = true; return window.__frames; })()`;
const NEXT_FRAME = `new Promise((r) => requestAnimationFrame(() => r(performance.now())))`;

/** Record requestAnimationFrame intervals in the page until stopped. */
async function startFrames(page: Page): Promise<void> {
  await page.evaluate(START_FRAMES);
}

async function stopFrames(page: Page): Promise<number[]> {
  return (await page.evaluate(STOP_FRAMES)) as number[];
}

/** Type `value` into the cluster CIDR field, press Enter, and time until the diagram redraws. */
const editScript = (value: string) => `(async () => {
  const el = document.querySelector('input[aria-label="clusterCIDRs[0].cidr"]');
  const svgEl = document.querySelector('svg.diagram');
  if (!el || !svgEl) return NaN;
  const before = svgEl.getAttribute('data-version');
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  setter.call(el, ${JSON.stringify(value)});
  el.dispatchEvent(new Event('input', { bubbles: true }));
  const t0 = performance.now();
  el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  return await new Promise((resolve) => {
    const check = () => {
      if (svgEl.getAttribute('data-version') !== before) resolve(performance.now() - t0);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
})()`;

async function openScale(
  browser: Browser,
  base: string,
  id: string,
): Promise<{ page: Page; ms: number }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${base}/?scenario=${id}`);
  await page.waitForSelector('svg.diagram[data-items]:not([data-items="0"])', { timeout: 30_000 });
  // The first frame after the diagram is in the DOM: that is when it is on screen.
  const ms = (await page.evaluate(NEXT_FRAME)) as number;
  return { page, ms };
}

async function benchFirstRender(browser: Browser, base: string, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { page, ms } = await openScale(browser, base, 'scale:1000x10');
    out.push(ms);
    await page.close();
  }
  return out;
}

async function benchPanZoom(page: Page): Promise<number[]> {
  const svg = await page.locator('svg.diagram').boundingBox();
  if (!svg) return [];
  const cx = svg.x + svg.width / 2;
  const cy = svg.y + svg.height / 2;
  await startFrames(page);
  // Zoom in from the overview towards node detail, pan around, zoom back out.
  await page.mouse.move(cx, cy);
  for (let i = 0; i < 14; i++) {
    await page.mouse.wheel(0, -160);
    await page.waitForTimeout(30);
  }
  await page.mouse.down();
  for (let i = 0; i < 40; i++) await page.mouse.move(cx - i * 12, cy - i * 6);
  await page.mouse.up();
  for (let i = 0; i < 14; i++) {
    await page.mouse.wheel(0, 160);
    await page.waitForTimeout(30);
  }
  return stopFrames(page);
}

async function benchEdit(page: Page, runs: number): Promise<number[]> {
  // Select the cluster from the keyboard (zoomed out, its nodes cover it).
  await page.getByRole('button', { name: 'Cluster big' }).first().focus();
  await page.keyboard.press('Enter');
  const input = page.getByLabel('clusterCIDRs[0].cidr');
  await input.waitFor();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const next = i % 2 === 0 ? '10.4.0.0/14' : '10.0.0.0/14';
    const ms = (await page.evaluate(editScript(next))) as number;
    out.push(ms);
    await page.waitForTimeout(400); // let deferred work (validation, suggestions) settle
  }
  return out;
}

async function benchAnimation(browser: Browser, base: string): Promise<number[]> {
  const { page } = await openScale(browser, base, 'scale:100x10');
  const select = page.getByLabel('Flow', { exact: true });
  await page.waitForFunction('document.querySelector("#flow-select")?.options.length > 2');
  const label = await select.locator('option').nth(2).textContent();
  await select.selectOption({ index: 2 });
  await page.waitForSelector('[data-testid="hop-card"]');
  await page.getByLabel('Speed').selectOption('2');
  await page.waitForTimeout(1200); // the path framing animation
  await startFrames(page);
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(4000);
  const frames = await stopFrames(page);
  await page.close();
  if (!label) return [];
  return frames;
}

async function ensureBuilt(): Promise<void> {
  if (existsSync(join(DIST, 'index.html'))) return;
  execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

export async function benchBrowser(): Promise<BrowserBenchRow[]> {
  await ensureBuilt();
  const server = await preview({
    root: ROOT,
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 4190, strictPort: false },
  });
  const base = (server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4190/').replace(/\/$/, '');
  const found = findChromium() as { path?: string };
  const browser = await chromium.launch({
    ...(found.path ? { executablePath: found.path } : {}),
    args: CHROMIUM_ARGS as string[],
  });
  const rows: BrowserBenchRow[] = [];
  try {
    // Animation: p95 of each of three runs.
    const anim: number[] = [];
    const animRaw: number[] = [];
    const animLate: number[] = [];
    for (let i = 0; i < 3; i++) {
      const f = await benchAnimation(browser, base);
      const snap = snapFrames(f);
      anim.push(quantile(snap.snapped, 0.95));
      animRaw.push(quantile(f, 0.95));
      animLate.push(snap.late);
    }
    rows.push({
      name: 'browser: animate, 100 nodes/1,000 pods, frame p95',
      median: median(anim),
      p95: Math.max(...anim),
      budget: 16.7,
      unit: 'ms',
      note: `raw p95 ${median(animRaw).toFixed(1)} ms, late ${(100 * median(animLate)).toFixed(1)}%`,
    });

    const first = await benchFirstRender(browser, base, 5);
    rows.push({
      name: 'browser: first render, 1,000 nodes/10,000 pods',
      median: median(first),
      p95: quantile(first, 0.95),
      budget: 1000,
      unit: 'ms',
    });

    const pan: number[] = [];
    const panRaw: number[] = [];
    const panLate: number[] = [];
    const edit: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { page } = await openScale(browser, base, 'scale:1000x10');
      await page.waitForTimeout(500);
      const f = await benchPanZoom(page);
      const snap = snapFrames(f);
      pan.push(quantile(snap.snapped, 0.95));
      panRaw.push(quantile(f, 0.95));
      panLate.push(snap.late);
      if (i === 0) {
        await page.getByRole('button', { name: 'Fit to view' }).click();
        await page.waitForTimeout(800);
        edit.push(...(await benchEdit(page, 6)));
      }
      await page.close();
    }
    rows.push({
      name: 'browser: pan/zoom, 1,000 nodes/10,000 pods, frame p95',
      median: median(pan),
      p95: Math.max(...pan),
      budget: 16.7,
      unit: 'ms',
      note: `raw p95 ${median(panRaw).toFixed(1)} ms, late ${(100 * median(panLate)).toFixed(1)}%`,
    });
    rows.push({
      name: 'browser: edit to updated diagram, 1,000 nodes',
      median: median(edit),
      p95: quantile(edit, 0.95),
      budget: 100,
      unit: 'ms',
    });

    rows.push({
      name: 'browser: initial JavaScript, gzip',
      median: initialJsGzipKb(),
      budget: 200,
      unit: 'KB',
    });
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.httpServer.close(() => r()));
  }
  return rows;
}

// Run directly: `npx tsx scripts/bench-browser.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  benchBrowser().then(
    (rows) => {
      for (const r of rows) {
        console.log(
          `${r.name.padEnd(58)} ${r.median.toFixed(1).padStart(8)} ${r.p95 === undefined ? '        ' : r.p95.toFixed(1).padStart(8)}  budget ${r.budget} ${r.unit}  ${r.note ?? ''}`,
        );
      }
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
