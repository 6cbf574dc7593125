/**
 * Autosave, undo and redo, and loads that never lose work, driven as a person would: edit in
 * the inspector and the toolbar, press Ctrl+Z, reload, open presets and files over edits.
 */
import { test, expect, type Page } from '@playwright/test';
import { autosaved, focusAway, menu, watchProblems } from './fixtures/share-helpers';

const ISLAND = 'Kubernetes Network Models: island';
const diagram = (page: Page) => page.getByRole('group', { name: /^Diagram of/ });

function parseTransform(t: string | null): { x: number; y: number; k: number } {
  const m = /translate\(([-\d.e]+),\s*([-\d.e]+)\)\s*scale\(([-\d.e]+)\)/.exec(t ?? '');
  return m ? { x: Number(m[1]), y: Number(m[2]), k: Number(m[3]) } : { x: NaN, y: NaN, k: NaN };
}

async function openIsland(page: Page) {
  await page.goto('/');
  await page.getByLabel('Scenario').selectOption({ label: ISLAND });
  await expect(diagram(page).getByRole('button', { name: 'Cluster c1' })).toBeVisible();
}

async function renameNode(page: Page, from: RegExp, to: string) {
  await diagram(page).getByRole('button', { name: from }).first().click();
  const name = page.getByRole('tabpanel').getByLabel('metadata.name');
  await name.fill(to);
  await name.press('Enter');
  await expect(
    diagram(page).getByRole('button', { name: new RegExp(`^Node ${to} `) }),
  ).toBeVisible();
}

test('undo and redo step through a rename, a CIDR change, a model switch and a Service type change', async ({
  page,
}) => {
  const problems = await watchProblems(page);
  await openIsland(page);
  const d = diagram(page);
  const panel = page.getByRole('tabpanel');
  const webService = d.getByRole('button', { name: /^Service web NodePort / }).first();

  // 1. rename node1 of c1
  await renameNode(page, /^Node node1 10\.240\.0\.1 /, 'edge1');
  // 2. change c1's cluster CIDR
  await d.getByRole('button', { name: 'Cluster c1' }).click();
  const cidr = panel.getByLabel('clusterCIDRs[0].cidr');
  await expect(cidr).toHaveValue('10.0.0.0/16');
  await cidr.fill('10.8.0.0/16');
  await cidr.press('Enter');
  await expect(d.getByText(/^pods 10\.8\.0\.0\/16/)).toBeVisible();
  // 3. switch the network model
  await page.getByRole('radio', { name: 'flat' }).check();
  await expect(page.getByRole('radio', { name: 'flat' })).toBeChecked();
  // 4. change Service web from NodePort to LoadBalancer
  await webService.click();
  await panel.getByRole('combobox', { name: 'spec.type' }).selectOption('LoadBalancer');
  await expect(d.getByRole('button', { name: /^Service web LoadBalancer / }).first()).toBeVisible();

  // Undo with the keyboard, one kind of edit at a time, newest first.
  await focusAway(page);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(d.getByRole('button', { name: /^Service web NodePort / }).first()).toBeVisible();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByRole('radio', { name: 'island' })).toBeChecked();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(d.getByText(/^pods 10\.0\.0\.0\/16/).first()).toBeVisible();
  await expect(d.getByText(/^pods 10\.8\.0\.0\/16/)).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(d.getByRole('button', { name: /^Node node1 10\.240\.0\.1 / })).toBeVisible();
  await expect(d.getByRole('button', { name: /^Node edge1 / })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeDisabled();

  // Redo all four, oldest first.
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(d.getByRole('button', { name: /^Node edge1 / })).toBeVisible();
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(d.getByText(/^pods 10\.8\.0\.0\/16/)).toBeVisible();
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(page.getByRole('radio', { name: 'flat' })).toBeChecked();
  await page.keyboard.press('ControlOrMeta+y');
  await expect(d.getByRole('button', { name: /^Service web LoadBalancer / }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Redo' })).toBeDisabled();

  // In a text field, Ctrl+Z is the field's own: the scenario is not touched.
  await d.getByRole('button', { name: 'Cluster c1' }).click();
  await panel.getByLabel('clusterCIDRs[0].cidr').click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(d.getByRole('button', { name: /^Service web LoadBalancer / }).first()).toBeVisible();
  expect(problems.errors).toEqual([]);
});

test('edit, reload: scenario, undo history, flow, hop, zoom and theme are all back', async ({
  page,
}) => {
  const problems = await watchProblems(page);
  await openIsland(page);
  await renameNode(page, /^Node node2 10\.240\.0\.2 /, 'worker-b');
  await page.getByLabel('Flow', { exact: true }).selectOption({ label: 'c1 pod-a to Service web' });
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  const card = page.getByTestId('hop-card');
  await expect(card).toContainText(/Hop 3 of \d+/);
  const hopText = (await card.locator('.count').textContent())?.trim();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await page.waitForTimeout(400); // let the zoom settle
  const zoomBefore = await page.locator('svg.diagram > g').first().getAttribute('transform');
  await autosaved(page, '"hop":2');

  await page.reload();
  const d = diagram(page);
  await expect(d.getByRole('button', { name: /^Node worker-b / })).toBeVisible();
  await expect(page.getByLabel('Flow', { exact: true }).locator('option:checked')).toHaveText(
    'c1 pod-a to Service web',
  );
  await expect(card.locator('.count')).toHaveText(hopText ?? '');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('button', { name: 'Undo rename node' })).toBeEnabled();
  // The same place at the same zoom (the window did not change size; saved to whole units).
  const before = parseTransform(zoomBefore);
  await expect
    .poll(async () => {
      const now = parseTransform(
        await page.locator('svg.diagram > g').first().getAttribute('transform'),
      );
      return (
        Math.abs(now.x - before.x) < 2 &&
        Math.abs(now.y - before.y) < 2 &&
        Math.abs(now.k - before.k) < 0.001
      );
    })
    .toBe(true);

  // The history survived the reload: undo the rename.
  await page.getByRole('button', { name: 'Undo rename node' }).click();
  await expect(d.getByRole('button', { name: /^Node node2 10\.240\.0\.2 / })).toBeVisible();
  expect(problems.errors).toEqual([]);
});

test('opening a preset over edits offers "Undo load"; New and Reset keep the replaced work too', async ({
  page,
}) => {
  await openIsland(page);
  const d = diagram(page);
  await renameNode(page, /^Node node1 10\.240\.0\.1 /, 'edge1');

  // Open preset: the edited island is replaced, and can be had back with its undo history.
  await page
    .getByLabel('Scenario')
    .selectOption({ label: 'Kubernetes Network Models: one cluster' });
  await expect(d.getByRole('button', { name: 'Cluster cluster' })).toBeVisible();
  const notice = page.getByRole('status').filter({ hasText: `“${ISLAND}” was replaced` });
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Undo load' }).click();
  await expect(d.getByRole('button', { name: /^Node edge1 / })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo rename node' })).toBeEnabled();

  // New: an empty scenario; the island is under File > Restore previous.
  await menu(page, 'File', 'New scenario');
  await expect(d.getByRole('button', { name: 'Cluster cluster-1' })).toBeVisible();
  await menu(page, 'File', `Restore “${ISLAND}”`);
  await expect(d.getByRole('button', { name: /^Node edge1 / })).toBeVisible();

  // Reset to the preset as published; the edits come back with Undo load.
  await menu(page, 'File', 'Reset to preset');
  await expect(d.getByRole('button', { name: /^Node node1 10\.240\.0\.1 / })).toBeVisible();
  await expect(d.getByRole('button', { name: /^Node edge1 / })).toHaveCount(0);
  await page
    .getByRole('status')
    .filter({ hasText: 'was replaced' })
    .getByRole('button', { name: 'Undo load' })
    .click();
  await expect(d.getByRole('button', { name: /^Node edge1 / })).toBeVisible();

  // The previous list survives a reload.
  await menu(page, 'File', 'New scenario');
  await page.reload();
  await expect(d.getByRole('button', { name: 'Cluster cluster-1' })).toBeVisible();
  await menu(page, 'File', `Restore “${ISLAND}”`);
  await expect(d.getByRole('button', { name: /^Node edge1 / })).toBeVisible();
});

test('an unreadable autosave is kept aside, said so, and the app starts normally', async ({
  page,
}) => {
  // Written before the app starts, as another build or a person might have left it.
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem(
        'packetwalk:session:v1',
        '{"app":"packetwalk","kind":"session","format":1,"scenario":"v1.broken"}',
      );
    }
  });
  await page.goto('/');
  await expect(
    page.getByRole('alert').filter({ hasText: 'Your last session could not be restored' }),
  ).toBeVisible();
  await expect(diagram(page).getByRole('button', { name: 'Cluster cluster' })).toBeVisible();
  const kept = await page.evaluate(() => localStorage.getItem('packetwalk:session:v1:unreadable'));
  expect(kept).toContain('v1.broken');
});
