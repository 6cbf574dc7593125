/**
 * Embed mode (`?embed=1`), for an iframe in slides: only the diagram, the flow menu and the
 * playback controls. Opened from a preset link and from a share link; it keeps no session.
 */
import { test, expect, type Page } from '@playwright/test';

async function expectOnlyDiagramAndControls(page: Page) {
  await expect(page.getByRole('region', { name: 'Network diagram' })).toBeVisible();
  await expect(page.getByLabel('Flow', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Step forward' })).toBeVisible();
  // No editing chrome, no side panel, no lesson panel.
  await expect(page.getByLabel('Scenario')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Lessons' })).toBeHidden();
  await expect(page.getByRole('button', { name: /^Undo/ })).toBeHidden();
  await expect(page.getByRole('radio', { name: 'island' })).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Inspector' })).toBeHidden();
  await expect(page.getByRole('complementary', { name: 'Details' })).toBeHidden();
  await expect(page.getByRole('complementary', { name: 'Lesson' })).toBeHidden();
  await expect(page.getByRole('radiogroup', { name: 'View' })).toBeHidden();
}

test('an embed link shows only the diagram and its controls, and they play the flow', async ({
  page,
}) => {
  await page.setViewportSize({ width: 960, height: 540 });
  await page.goto('/?embed=1&preset=models-island&flow=nodeport');
  await expectOnlyDiagramAndControls(page);
  const flow = page.getByLabel('Flow', { exact: true });
  await expect(flow.locator('option:checked')).toHaveText('other to NodePort 30080 on c1 node1');
  const card = page.getByTestId('hop-card');
  await expect(card).toContainText('Hop 1 of');
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(card).toContainText('Hop 2 of');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open in Packetwalk ↗' })).toBeVisible();
  // The embed link stays in the address bar: a reload inside the slide shows the same.
  await expect(page).toHaveURL(/embed=1&preset=models-island&flow=nodeport/);
});

test('a share link opens as an embed, at its lesson step, without the lesson panel', async ({
  page,
}) => {
  await page.goto('/?lesson=island&step=2');
  const panel = page.getByRole('complementary', { name: 'Lesson' });
  await panel.getByRole('button', { name: 'Link to this step' }).click();
  const link = await panel.getByRole('textbox', { name: /Share link to step 2/ }).inputValue();
  const hash = link.slice(link.indexOf('#'));
  await page.goto(`/?embed=1${hash}`);
  await expectOnlyDiagramAndControls(page);
  await expect(page.getByLabel('Flow', { exact: true })).toHaveValue(
    'lesson:island:nodeport-gateway',
  );
  // No challenge in an embed: the hop card shows.
  await expect(page.getByTestId('hop-card')).toBeVisible();
});

test('an embed keeps no session: the app in another tab is untouched', async ({ context }) => {
  const app = await context.newPage();
  await app.goto('/');
  const scenario = app.getByLabel('Scenario');
  const before = await scenario.locator('option:checked').textContent();
  const embed = await context.newPage();
  await embed.goto('/?embed=1&preset=weave-overlay');
  await expect(embed.getByRole('region', { name: 'Network diagram' })).toBeVisible();
  await embed.waitForTimeout(800); // longer than autosave's delay
  await embed.close();
  await app.reload();
  await expect(app.getByLabel('Scenario').locator('option:checked')).toHaveText(before ?? '');
});
