/**
 * Screenshots of the main views into docs/screenshots/, at 1440x900 and 1280x720, light and
 * dark, from the built app (dist/, served by vite preview) in headless Chromium.
 *
 *   npx vite build && npx tsx scripts/screenshots.ts [filter]
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type Page } from '@playwright/test';
import { preview } from 'vite';
// @ts-expect-error plain ESM helper shared with playwright.config.ts
import { findChromium, CHROMIUM_ARGS } from './browser.mjs';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs', 'screenshots');

interface Shot {
  name: string;
  query: string;
  /** What a person does before the picture is taken. */
  act?: (page: Page) => Promise<void>;
}

const flow = (label: string, hops: number) => async (page: Page) => {
  await page.getByLabel('Flow', { exact: true }).selectOption({ label });
  await page.getByTestId('hop-card').waitFor();
  for (let i = 0; i < hops; i++) await page.getByRole('button', { name: 'Step forward' }).click();
  await page.waitForTimeout(1100); // the framing animation
};

export const SHOTS: Shot[] = [
  { name: 'first-screen', query: '' },
  {
    name: 'nodeport-dnat',
    query: 'scenario=preset:network-models:islandTwoClusters',
    act: flow('internet to NodePort 30080 on c1 node1 (Service web)', 2),
  },
  {
    name: 'overlay-encap',
    query: 'scenario=preset:weave:weaveOverlay',
    act: flow('bar to foo (across nodes, overlay)', 1),
  },
  {
    name: 'proxy-ingress',
    query: 'scenario=preset:weave:weaveOverlay',
    act: flow('internet to proxy ingress (192.1.6.10)', 2),
  },
  {
    name: 'air-gapped-drop',
    query: 'scenario=preset:network-models:airGappedTwoClusters',
    act: flow('c1 pod-a to other (dropped: air-gapped edge)', 2),
  },
  {
    name: 'inspector-pod',
    query: 'scenario=preset:network-models:islandTwoClusters',
    act: async (page) => {
      await page
        .getByRole('button', { name: /^Pod pod-a 10\.0\.1\.1/ })
        .first()
        .click();
      await page.getByRole('list', { name: 'Reachability' }).waitFor();
      await page
        .getByTestId('model-card')
        .getByText(/^Model:/)
        .click();
    },
  },
  {
    name: 'dual-stack',
    query: 'scenario=preset:ipv6:dualStackCluster',
    act: flow('client to Service lb-app over IPv6', 2),
  },
  { name: 'scale-1000-nodes', query: 'scenario=scale:1000x10' },
];

const SIZES = [
  { w: 1440, h: 900 },
  { w: 1280, h: 720 },
] as const;

export async function takeScreenshots(filter?: string): Promise<string[]> {
  if (!existsSync(join(ROOT, 'dist', 'index.html')))
    execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(OUT, { recursive: true });
  const server = await preview({
    root: ROOT,
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 4191, strictPort: false },
  });
  const base = (server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4191/').replace(/\/$/, '');
  const found = findChromium() as { path?: string };
  const browser = await chromium.launch({
    ...(found.path ? { executablePath: found.path } : {}),
    args: CHROMIUM_ARGS as string[],
  });
  const written: string[] = [];
  try {
    for (const shot of SHOTS) {
      if (filter && !shot.name.includes(filter)) continue;
      for (const size of SIZES) {
        for (const theme of ['light', 'dark'] as const) {
          const page = await browser.newPage({
            viewport: { width: size.w, height: size.h },
            colorScheme: theme,
          });
          const q = [shot.query, `theme=${theme}`].filter(Boolean).join('&');
          await page.goto(`${base}/?${q}`);
          await page.waitForSelector('svg.diagram[data-items]:not([data-items="0"])');
          await page.waitForTimeout(300);
          if (shot.act) await shot.act(page);
          await page.waitForTimeout(300);
          const file = join(OUT, `${shot.name}-${size.w}x${size.h}-${theme}.png`);
          await page.screenshot({ path: file });
          written.push(file);
          await page.close();
        }
      }
    }
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.httpServer.close(() => r()));
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  takeScreenshots(process.argv[2]).then(
    (files) => console.log(files.join('\n')),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
