/**
 * Hostile input: crafted names run nothing and show as text; broken, future and oversized links
 * are refused with a clear message while the last good scenario stays; the built page carries
 * a Content-Security-Policy without inline scripts or eval, and the app runs under it.
 */
import { test, expect, type Page } from '@playwright/test';
import { encodeShare } from '../src/core/scenario/codec';
import type { Scenario } from '../src/core/model/schema';
import { singleCluster } from '../src/lessons/presets/network-models';
import { downloadText, menu, watchProblems } from './fixtures/share-helpers';

const diagram = (page: Page) => page.getByRole('group', { name: /^Diagram of/ });

const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=1</script>';
const SVG = '"><svg onload=window.__pwned=1>';

/** The talk's one-cluster picture with script in every name a viewer sees. */
function craftedScenario(): Scenario {
  const s = structuredClone(singleCluster);
  s.name = SCRIPT;
  s.description = IMG;
  const c = s.clusters[0];
  if (!c) throw new Error('no cluster');
  const n1 = c.nodes[0];
  if (!n1) throw new Error('no node');
  n1.name = IMG;
  for (const p of c.pods) if (p.nodeName === 'node1') p.nodeName = IMG;
  const podA = c.pods[0];
  if (podA) podA.name = SCRIPT;
  const host = s.hosts?.[0];
  if (host) host.name = SVG;
  return s;
}

const pwned = (page: Page) =>
  page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);

test('a crafted link runs nothing and shows the names as they are written', async ({ page }) => {
  const problems = await watchProblems(page);
  await page.goto(`/#${encodeShare({ scenario: craftedScenario() })}`);
  const d = diagram(page);
  await expect(page.getByRole('tabpanel').getByRole('heading', { name: SCRIPT })).toBeVisible();
  await expect(page.getByRole('tabpanel').getByText(IMG, { exact: true })).toBeVisible();
  await expect(
    d.getByRole('button', { name: `Node ${IMG} 10.240.0.1 pod range 10.0.1.0/24` }),
  ).toBeVisible();
  await expect(d.getByRole('button', { name: `Pod ${SCRIPT} 10.0.1.1` })).toBeVisible();
  await expect(d.getByRole('button', { name: `Host ${SVG} 10.128.1.1` })).toBeVisible();
  await expect(d.getByText(IMG, { exact: true }).first()).toBeVisible();

  // Select and inspect them, trace through them: still nothing runs.
  await d.getByRole('button', { name: `Pod ${SCRIPT} 10.0.1.1` }).click();
  await expect(page.getByRole('tabpanel').getByRole('heading', { name: SCRIPT })).toBeVisible();
  await page.getByLabel('Flow', { exact: true }).selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Step forward' }).click();

  expect(await pwned(page)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('#root script, #root svg[onload]')).toHaveCount(0);

  // The exported SVG holds the names as escaped text, never as elements.
  const download = page.waitForEvent('download');
  await menu(page, 'File', 'Diagram as SVG');
  const svg = await downloadText(await download);
  expect(svg).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
  expect(svg).toContain('&lt;img src=x onerror=window.__pwned=1&gt;');
  expect(svg).not.toMatch(/<script|<img|onerror=["']|onload=["']/i);
  expect(await pwned(page)).toBeUndefined();
  expect(problems.errors).toEqual([]);
  expect(problems.violations).toEqual([]);
});

const realLink = () => encodeShare({ scenario: singleCluster });

const GARBAGE: { what: string; hash: () => string; message: RegExp }[] = [
  {
    what: 'a body that is not base64url',
    hash: () => '#v1.garbage!',
    message: /This link is damaged: it contains "!"/,
  },
  { what: 'garbage that decodes', hash: () => '#v1.garbage', message: /This link is damaged/ },
  {
    what: 'a link from a newer build',
    hash: () => '#v9.xxx',
    message: /made by a newer Packetwalk \(format v9\)/,
  },
  {
    what: 'a link cut short',
    hash: () => `#${realLink().slice(0, Math.floor(realLink().length * 0.7))}`,
    message: /This link is damaged: .*(cut off|checksum)/,
  },
  {
    what: 'a link far too long',
    hash: () => `#v1.${'A'.repeat(210_000)}`,
    message: /too long to be a Packetwalk link/,
  },
];

for (const g of GARBAGE) {
  test(`${g.what}: a clear message, and a working app with the scenario it had`, async ({
    page,
  }) => {
    const problems = await watchProblems(page);
    await page.goto(`/${g.hash()}`);
    const alert = page.getByRole('alert').filter({ hasText: 'Could not open the link.' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(g.message);
    await expect(alert).toContainText('The scenario on screen is unchanged.');
    // The app works: the default picture is there and answers clicks.
    await diagram(page)
      .getByRole('button', { name: /^Pod pod-a / })
      .click();
    await expect(page.getByRole('tabpanel').getByRole('heading', { name: 'pod-a' })).toBeVisible();
    await alert.getByRole('button', { name: 'Dismiss notice' }).click();
    await expect(alert).toHaveCount(0);
    expect(problems.errors).toEqual([]);
  });
}

test('a broken link pasted over edited work leaves that work on screen, and after a reload too', async ({
  page,
}) => {
  await page.goto('/');
  const d = diagram(page);
  await d.getByRole('button', { name: /^Node node1 / }).click();
  const name = page.getByRole('tabpanel').getByLabel('metadata.name');
  await name.fill('last-good');
  await name.press('Enter');
  await expect(d.getByRole('button', { name: /^Node last-good / })).toBeVisible();

  await page.evaluate(() => {
    window.location.hash = '#v1.garbage';
  });
  await expect(page.getByRole('alert').filter({ hasText: 'This link is damaged' })).toBeVisible();
  await expect(d.getByRole('button', { name: /^Node last-good / })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo rename node' })).toBeEnabled();

  await page.goto('/#v9.xxx');
  await expect(page.getByRole('alert').filter({ hasText: 'newer Packetwalk' })).toBeVisible();
  await expect(d.getByRole('button', { name: /^Node last-good / })).toBeVisible();
});

test('a pasted YAML bomb and a scenario that breaks the schema are refused in place', async ({
  page,
}) => {
  await page.goto('/');
  await menu(page, 'File', 'Import or paste…');
  const dialog = page.getByRole('dialog', { name: 'Import a scenario' });
  const box = dialog.getByLabel('Scenario, kubectl output or link');
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    bomb.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  await box.fill(bomb.join('\n'));
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('alert')).toContainText(/alias|too large|expand/i);

  await box.fill(
    JSON.stringify({ version: 1, model: 'flat', networks: [], clusters: [{ name: 42 }] }),
  );
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('alert')).toContainText('clusters[0]');
  // Escape closes the dialog; nothing was loaded.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(diagram(page).getByRole('button', { name: 'Cluster cluster' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeDisabled();
});

test('the built page has a Content-Security-Policy with no inline scripts and no eval', async ({
  page,
  request,
}) => {
  const html = await (await request.get('/')).text();
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  expect(m, 'a CSP meta tag').not.toBeNull();
  const csp = (m?.[1] ?? '').replace(/&#39;/g, "'");
  const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? '';
  expect(scriptSrc.trim()).toBe("'self'");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain("object-src 'none'");
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script elements
  // The meta comes before any script, so it governs them all.
  expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));

  // The app runs under it: draw, trace, play, export a PNG, without a single violation.
  const problems = await watchProblems(page);
  await page.goto('/?scenario=preset:weave:weaveOverlay');
  await page.getByLabel('Flow', { exact: true }).selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(500);
  const download = page.waitForEvent('download');
  await menu(page, 'File', 'Diagram as PNG');
  expect((await download).suggestedFilename()).toMatch(/\.png$/);
  expect(problems.violations).toEqual([]);
  expect(problems.errors).toEqual([]);
});
