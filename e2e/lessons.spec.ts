/**
 * Guided lessons, used as a learner would: open the lesson list, start a lesson, answer its
 * challenges (one wrongly, one rightly) and watch the score, move with back / next and the step
 * links, and open a step from a link. The presets list groups the talks' scenarios by talk.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from '@playwright/test';
import { findLesson } from '../src/lessons/lessons';

const island = findLesson('island');
if (!island) throw new Error('the island lesson is missing');
const CHALLENGES = island.steps.filter((s) => s.challenge).length;
const STEPS = island.steps.length;
const stepTitle = (i: number) => island.steps[i]?.title ?? '';

const panel = (page: Page) => page.getByRole('complementary', { name: 'Lesson' });
const challenge = (page: Page) =>
  panel(page).getByRole('region', { name: /./ }).filter({ hasText: 'Challenge' });
const choices = (page: Page) =>
  panel(page).getByRole('list', { name: 'Choices' }).getByRole('button');
const score = (page: Page) => panel(page).getByTestId('lesson-score');

async function startIsland(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Lessons' }).click();
  const dialog = page.getByRole('dialog', { name: 'Workshop' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Network models' })).toBeVisible();
  await dialog.getByRole('button', { name: `Start lesson: ${island!.title}` }).click();
  await expect(dialog).toBeHidden();
  await expect(panel(page)).toBeVisible();
}

test('the lesson list opens a lesson; a wrong answer is marked, the right one revealed, and the score counts first answers', async ({
  page,
}) => {
  await startIsland(page);
  await expect(panel(page).getByText(`Step 1 of ${STEPS}`)).toBeVisible();
  await expect(panel(page).getByRole('heading', { name: stepTitle(0) })).toBeVisible();
  await expect(score(page)).toHaveText(`Score 0 of ${CHALLENGES} · 0 answered`);

  // Island mode: pod IPs are not routable outside the cluster, so "other" reaching pod-a
  // directly is dropped for want of a route (talk 003, slides 36-41).
  await expect(challenge(page)).toContainText('The packet does not make it. Why?');
  // While the question waits, the hop card (this hop's result) stays hidden.
  await expect(page.getByTestId('hop-card')).toBeHidden();
  const wrong = choices(page).filter({ hasNotText: 'No route' }).first();
  await wrong.click();
  await expect(challenge(page).getByRole('status')).toContainText('Not quite.');
  await expect(challenge(page).getByRole('status')).toContainText('The answer is No route');
  await expect(wrong).toContainText('✗ your answer');
  await expect(choices(page).filter({ hasText: 'No route' })).toContainText('✓ right answer');
  await expect(score(page)).toHaveText(`Score 0 of ${CHALLENGES} · 1 answered`);
  // The answer is final: the choices no longer take clicks.
  await expect(choices(page).first()).toBeDisabled();
  await expect(page.getByTestId('hop-card')).toBeVisible();

  // Step 3 by its link. Kubernetes docs, "Using Source IP": with externalTrafficPolicy Cluster
  // the node SNATs NodePort traffic to its own IP, so pod-c sees node1's 10.240.0.1.
  await panel(page)
    .getByRole('link', { name: new RegExp(`^Step 3: ${stepTitle(2)}`) })
    .click();
  await expect(page).toHaveURL(/[?&]lesson=island&step=3\b/);
  await expect(panel(page).getByText(`Step 3 of ${STEPS}`)).toBeVisible();
  await expect(challenge(page)).toContainText('What source IP does pod-c of c1 see?');
  await panel(page)
    .getByRole('list', { name: 'Choices' })
    .getByRole('button', { name: '10.240.0.1', exact: true })
    .click();
  await expect(challenge(page).getByRole('status')).toContainText('Right! 10.240.0.1');
  await expect(challenge(page).getByRole('status')).toContainText('KUBE-MARK-MASQ');
  await expect(score(page)).toHaveText(`Score 1 of ${CHALLENGES} · 2 answered`);
  // The step links show how each challenge went.
  await expect(
    panel(page).getByRole('link', { name: /^Step 1: .*\(challenge wrong\)/ }),
  ).toBeVisible();
  await expect(
    panel(page).getByRole('link', { name: /^Step 3: .*\(challenge right\)/ }),
  ).toBeVisible();
});

test('back and next walk the steps; the address bar and a share link open a step', async ({
  page,
  context,
}) => {
  await page.goto('/?lesson=island&step=4');
  await expect(panel(page).getByText(`Step 4 of ${STEPS}`)).toBeVisible();
  await expect(panel(page).getByRole('heading', { name: stepTitle(3) })).toBeVisible();
  await panel(page).getByRole('button', { name: 'Next →' }).click();
  await expect(panel(page).getByRole('heading', { name: stepTitle(4) })).toBeVisible();
  await expect(page).toHaveURL(/step=5\b/);
  await panel(page).getByRole('button', { name: '← Back' }).click();
  await panel(page).getByRole('button', { name: '← Back' }).click();
  await expect(panel(page).getByRole('heading', { name: stepTitle(2) })).toBeVisible();
  await expect(page).toHaveURL(/step=3\b/);

  // A share link to the step (the scenario and `view.lesson` in the fragment).
  await panel(page).getByRole('button', { name: 'Link to this step' }).click();
  const link = await panel(page)
    .getByRole('textbox', { name: /Share link to step 3/ })
    .inputValue();
  expect(link).toMatch(/#v1\./);
  const other = await context.newPage();
  await other.goto(link);
  await expect(panel(other).getByText(`Step 3 of ${STEPS}`)).toBeVisible();
  await expect(panel(other).getByRole('heading', { name: stepTitle(2) })).toBeVisible();
  await expect(other.getByLabel('Flow', { exact: true })).toHaveValue(/lesson:island:/);

  // Closing the lesson gives the side panel back.
  await panel(page).getByRole('button', { name: 'Close lesson' }).click();
  await expect(panel(page)).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Inspector' })).toBeVisible();
  await expect(page).not.toHaveURL(/lesson=/);
});

test.describe('Share during a lesson', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('the copied link opens the same lesson at the same step', async ({ page, context }) => {
    await page.goto('/?lesson=island&step=4');
    await expect(panel(page).getByText(`Step 4 of ${STEPS}`)).toBeVisible();
    await panel(page).getByRole('button', { name: 'Next →' }).click();
    await expect(panel(page).getByText(`Step 5 of ${STEPS}`)).toBeVisible();
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Share this scenario' });
    await expect(
      dialog.getByRole('checkbox', { name: /Include the view: the lesson and its step/ }),
    ).toBeChecked();
    await dialog.getByRole('button', { name: 'Copy link' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Link copied to the clipboard.');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    await dialog.getByRole('button', { name: 'Close' }).click();
    // A share link proper (scenario and view in the fragment), not the address bar's query.
    expect(link).toMatch(/^http:\/\/[^?#]+\/#v1\.[A-Za-z0-9_-]+$/);

    const other = await context.newPage();
    await other.goto(link);
    await expect(panel(other).getByText(`Step 5 of ${STEPS}`)).toBeVisible();
    await expect(panel(other).getByRole('heading', { name: stepTitle(4) })).toBeVisible();
    await expect(other.getByLabel('Flow', { exact: true })).toHaveValue(
      `lesson:island:${island!.steps[4]?.id ?? ''}`,
    );
    await expect(other).toHaveURL(/[?&]lesson=island&step=5\b/);

    // Without the view, the link is the scenario alone: no lesson opens.
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await dialog.getByRole('checkbox', { name: /Include the view/ }).uncheck();
    await dialog.getByRole('button', { name: 'Copy link' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Link copied to the clipboard.');
    const bare = await page.evaluate(() => navigator.clipboard.readText());
    expect(bare).not.toBe(link);
    const third = await context.newPage();
    await third.goto(bare);
    await expect(third.getByRole('status').filter({ hasText: /from a link/ })).toBeVisible();
    await expect(panel(third)).toBeHidden();
  });
});

test('an unknown lesson in the address bar is said plainly', async ({ page }) => {
  await page.goto('/?lesson=no-such-lesson');
  await expect(page.getByText('There is no lesson “no-such-lesson”.')).toBeVisible();
  await expect(panel(page)).toBeHidden();
});

test('the presets from the talks are listed by talk and open with their flow', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Lessons' }).click();
  const dialog = page.getByRole('dialog', { name: 'Workshop' });
  await dialog.getByRole('tab', { name: 'Presets from the talks' }).click();
  await expect(dialog.getByRole('heading', { name: /Kubernetes Network Models/ })).toBeVisible();
  await expect(
    dialog.getByRole('heading', { name: /Kubernetes Networking · Bryan Boreham/ }),
  ).toBeVisible();
  await expect(dialog.getByRole('heading', { name: /Where did all my IPs go\?/ })).toBeVisible();
  await dialog.getByRole('button', { name: 'other to the VIP of c2' }).click();
  await expect(dialog).toBeHidden();
  const flow = page.getByLabel('Flow', { exact: true });
  await expect(flow.locator('option:checked')).toHaveText('other to the VIP of c2');
  await expect(page.getByRole('radio', { name: 'island' })).toBeChecked();
});

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
  test(`axe: the lesson list, a challenge before and after its answer, presenter mode (${theme})`, async ({
    page,
  }) => {
    await page.goto(`/?theme=${theme}`);
    await page.getByRole('button', { name: 'Lessons' }).click();
    await expect(page.getByRole('dialog', { name: 'Workshop' })).toBeVisible();
    await scan(page, 'lesson list');
    await page.getByRole('tab', { name: 'Presets from the talks' }).click();
    await scan(page, 'preset list');
    await page.keyboard.press('Escape');
    await page.goto(`/?theme=${theme}&lesson=island&step=3`);
    await expect(choices(page).first()).toBeEnabled();
    await scan(page, 'a waiting challenge');
    await choices(page).first().click();
    await expect(challenge(page).getByRole('status')).toBeVisible();
    await scan(page, 'an answered challenge');
    await panel(page).getByRole('button', { name: 'Present' }).click();
    await expect(page.getByRole('region', { name: 'Presenter' })).toBeVisible();
    await scan(page, 'presenter mode');
  });
}
