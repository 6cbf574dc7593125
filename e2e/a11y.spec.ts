/**
 * axe-core scans of the main views: no serious or critical violations, light and dark.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from '@playwright/test';

async function scan(page: Page, what: string) {
  const r = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join('\n  ')}`,
  );
  expect(report, `${what}:\n${report.join('\n')}`).toEqual([]);
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test('first screen', async ({ page }) => {
      await page.goto(`/?theme=${theme}`);
      await expect(page.getByRole('button', { name: 'Cluster cluster' })).toBeVisible();
      await scan(page, 'first screen');
    });

    test('a flow, its hop list and the hop card', async ({ page }) => {
      await page.goto(`/?theme=${theme}&scenario=preset:weave:weaveOverlay`);
      await page
        .getByLabel('Flow', { exact: true })
        .selectOption({ label: 'bar to foo (across nodes, overlay)' });
      await page.getByRole('button', { name: 'Step forward' }).click();
      await expect(page.getByTestId('hop-card')).toContainText('encap');
      await scan(page, 'flow');
    });

    test('inspector with a pod selected, model card open', async ({ page }) => {
      await page.goto(`/?theme=${theme}`);
      await page.getByRole('button', { name: /^Pod pod-a / }).click();
      await page
        .getByTestId('model-card')
        .getByText(/^Model:/)
        .click();
      await expect(page.getByRole('list', { name: 'Reachability' })).toBeVisible();
      await scan(page, 'inspector');
    });

    test('findings and a dropped flow', async ({ page }) => {
      await page.goto(`/?theme=${theme}&scenario=preset:network-models:airGappedTwoClusters`);
      await page
        .getByLabel('Flow', { exact: true })
        .selectOption({ label: 'c1 pod-a to other (dropped: air-gapped edge)' });
      await expect(page.getByTestId('verdict')).toContainText('Dropped');
      await scan(page, 'dropped flow');
      await page.getByRole('tab', { name: /Findings/ }).click();
      await scan(page, 'findings');
    });
  });
}

test('keyboard shortcuts dialog', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await scan(page, 'shortcuts');
});
