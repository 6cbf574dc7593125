/**
 * Share links, as a person uses them: Share, Copy link, open the link elsewhere and see the same
 * picture; a link opened over one's own work does not lose that work.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from '@playwright/test';
import { focusAway, menu, watchProblems } from './fixtures/share-helpers';

const ISLAND = 'Kubernetes Network Models: island';
const diagram = (page: Page) => page.getByRole('group', { name: /^Diagram of/ });
const flowMenu = (page: Page) => page.getByLabel('Flow', { exact: true });
const card = (page: Page) => page.getByTestId('hop-card');

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

async function copyLink(page: Page, withView = true): Promise<string> {
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this scenario' });
  await expect(dialog).toBeVisible();
  const include = dialog.getByRole('checkbox', { name: /Include the view/ });
  if (withView) await include.check();
  else await include.uncheck();
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Link copied to the clipboard.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  await expect(dialog.getByLabel('Link')).toHaveValue(copied);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  return copied;
}

test('Copy link, open it in a new browser: same scenario, model, flow and hop', async ({
  page,
  browser,
}) => {
  const problems = await watchProblems(page);
  await page.goto('/');
  await page.getByLabel('Scenario').selectOption({ label: ISLAND });
  // Edit, so the link must carry the scenario itself and not a preset's name.
  await diagram(page)
    .getByRole('button', { name: /^Node node2 10\.240\.0\.2 / })
    .first()
    .click();
  const name = page.getByRole('tabpanel').getByLabel('metadata.name');
  await name.fill('shared-node');
  await name.press('Enter');
  await page.getByRole('radio', { name: 'flat' }).check();
  await flowMenu(page).selectOption({ index: 2 });
  const flowLabel = (await flowMenu(page).locator('option:checked').textContent()) ?? '';
  expect(flowLabel).not.toBe('');
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  const count = (await card(page).locator('.count').textContent()) ?? '';
  const where = (await card(page).locator('.where').textContent()) ?? '';
  expect(count).toMatch(/Hop 3 of \d+/);

  const link = await copyLink(page);
  expect(link.startsWith(`${new URL(page.url()).origin}/#v1.`)).toBe(true);
  expect(link).toMatch(/#v1\.[A-Za-z0-9_-]+$/);

  // Someone else, with nothing saved, opens the link.
  const other = await browser.newContext();
  const p2 = await other.newPage();
  const p2problems = await watchProblems(p2);
  await p2.goto(link);
  await expect(
    p2
      .getByRole('status')
      .filter({ hasText: /Opened “Kubernetes Network Models: island” from a link/ }),
  ).toBeVisible();
  await expect(diagram(p2).getByRole('button', { name: /^Node shared-node / })).toBeVisible();
  await expect(p2.getByRole('radio', { name: 'flat' })).toBeChecked();
  await expect(flowMenu(p2).locator('option:checked')).toHaveText(flowLabel);
  await expect(card(p2).locator('.count')).toHaveText(count);
  await expect(card(p2).locator('.where')).toHaveText(where);
  // The link was read and left the address bar; a reload shows the autosave, the same picture.
  expect(p2.url()).not.toContain('#');
  await p2.reload();
  await expect(card(p2).locator('.count')).toHaveText(count);
  await expect(diagram(p2).getByRole('button', { name: /^Node shared-node / })).toBeVisible();
  expect([...problems.errors, ...p2problems.errors, ...p2problems.violations]).toEqual([]);
  await other.close();
});

test('a link without the view opens the scenario from the start', async ({ page, browser }) => {
  await page.goto('/');
  await flowMenu(page).selectOption({ index: 1 });
  await expect(card(page)).toBeVisible();
  const full = await copyLink(page, true);
  const bare = await copyLink(page, false);
  expect(bare.length).toBeLessThan(full.length);
  const other = await browser.newContext();
  const p2 = await other.newPage();
  await p2.goto(bare);
  await expect(diagram(p2).getByRole('button', { name: 'Cluster cluster' })).toBeVisible();
  await expect(flowMenu(p2)).toHaveValue('');
  await expect(card(p2)).toHaveCount(0);
  await other.close();
});

test('a link opened over edited work replaces it, and "Undo load" brings the work back', async ({
  page,
}) => {
  await page.goto(`/?scenario=preset:network-models:islandTwoClusters`);
  await expect(diagram(page).getByRole('button', { name: 'Cluster c1' })).toBeVisible();
  const link = await copyLink(page);
  await menu(page, 'File', 'New scenario');
  await expect(diagram(page).getByRole('button', { name: 'Cluster cluster-1' })).toBeVisible();
  await diagram(page)
    .getByRole('button', { name: /^Node node1 / })
    .click();
  const name = page.getByRole('tabpanel').getByLabel('metadata.name');
  await name.fill('my-work');
  await name.press('Enter');
  await focusAway(page);

  // The link is pasted into the address bar of this very tab.
  await page.evaluate((href) => {
    window.location.hash = new URL(href).hash;
  }, link);
  await expect(diagram(page).getByRole('button', { name: 'Cluster c1' })).toBeVisible();
  // Opening a link is not an undo step...
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeDisabled();
  // ...but what it replaced can be had back, with its own undo history.
  await page
    .getByRole('status')
    .filter({ hasText: '“New scenario” was replaced' })
    .getByRole('button', { name: 'Undo load' })
    .click();
  await expect(diagram(page).getByRole('button', { name: /^Node my-work / })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo rename node' })).toBeEnabled();
});

for (const theme of ['light', 'dark'] as const) {
  test(`share, import, menu and notices pass axe in the ${theme} theme`, async ({ page }) => {
    const scan = async (what: string) => {
      const r = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      const bad = r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(bad, what).toEqual([]);
    };
    await page.goto(`/?theme=${theme}&scenario=preset:network-models:islandTwoClusters`);
    await diagram(page).getByRole('button', { name: 'Cluster c1' }).click();
    await page
      .getByLabel('Scenario')
      .selectOption({ label: 'Kubernetes Network Models: one cluster' });
    await page.goto(`/?theme=${theme}#v1.garbage`);
    await expect(page.getByRole('alert')).toBeVisible();
    await scan('notices');
    await page.getByRole('button', { name: 'File', exact: true }).click();
    await expect(page.getByRole('menu')).toBeVisible();
    await scan('file menu');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toBeHidden();
    await expect(page.getByRole('button', { name: 'File', exact: true })).toBeFocused();
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Share this scenario' })).toBeVisible();
    await scan('share dialog');
    await page.keyboard.press('Escape');
    await menu(page, 'File', 'Import or paste…');
    const dialog = page.getByRole('dialog', { name: 'Import a scenario' });
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Paste something first.');
    await scan('import dialog');
  });
}
