/**
 * Presenter mode, driven as a presenter would: from the keyboard (arrows, Space, Page Up/Down
 * as presentation clickers send them), with the editing chrome gone, a fallback when the
 * browser refuses full screen, and a speaker-notes window kept in step. Also writes the
 * presenter screenshots in docs/screenshots/.
 */
import { test, expect, type Page } from '@playwright/test';
import { findLesson, LESSONS } from '../src/lessons/lessons';

const island = findLesson('island');
if (!island) throw new Error('the island lesson is missing');
const CHALLENGES = island.steps.filter((s) => s.challenge).length;
const STEPS = island.steps.length;

const panel = (page: Page) => page.getByRole('complementary', { name: 'Lesson' });
const choices = (page: Page) =>
  panel(page).getByRole('list', { name: 'Choices' }).getByRole('button');

async function startIsland(page: Page, query = '') {
  await page.goto(`/${query}`);
  await page.getByRole('button', { name: 'Lessons' }).click();
  await page
    .getByRole('dialog', { name: 'Workshop' })
    .getByRole('button', { name: `Start lesson: ${island!.title}` })
    .click();
  await expect(panel(page)).toBeVisible();
}

async function present(page: Page) {
  await panel(page).getByRole('button', { name: 'Present' }).click();
  await expect(page.getByRole('region', { name: 'Presenter' })).toBeVisible();
}

test('runs the island lesson to the end from the keyboard, then Escape leaves', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await startIsland(page);
  await present(page);
  // Editing chrome is gone: no toolbar, no inspector; the diagram and its controls stay.
  await expect(page.getByRole('button', { name: 'Lessons' })).toBeHidden();
  await expect(page.getByLabel('Scenario')).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Inspector' })).toBeHidden();
  await expect(page.getByRole('region', { name: 'Network diagram' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^(Play|Pause)$/ })).toBeVisible();
  await expect(page).toHaveURL(/mode=present/);

  // The first challenge is answered with a number key (talk 003: pod IPs of an island are not
  // routable, so the drop is "no route"); the later ones are revealed by stepping on.
  await expect(choices(page).first()).toBeEnabled();
  const texts = await choices(page).allTextContents();
  const right = texts.findIndex((t) => t.includes('No route'));
  expect(right).toBeGreaterThanOrEqual(0);
  await page.keyboard.press(String(right + 1));
  await expect(panel(page).getByRole('status')).toContainText('Right!');

  const keys = ['ArrowRight', 'PageDown', ' '];
  const end = panel(page).getByRole('heading', { name: 'Lesson complete' });
  let seenLast = false;
  for (let i = 0; i < 200 && !(await end.isVisible()); i++) {
    if (!seenLast && (await panel(page).getByText(`Step ${STEPS} of ${STEPS}`).isVisible())) {
      seenLast = true;
    }
    await page.keyboard.press(keys[i % keys.length] ?? 'ArrowRight');
  }
  expect(seenLast).toBe(true);
  await expect(end).toBeVisible();
  await expect(panel(page).getByTestId('lesson-final-score')).toHaveText(`1 of ${CHALLENGES}`);

  // Page Up (a clicker's "back") returns to the last step; Left walks back through its hops.
  await page.keyboard.press('PageUp');
  await expect(panel(page).getByText(`Step ${STEPS} of ${STEPS}`)).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(panel(page).getByText(`Step ${STEPS - 1} of ${STEPS}`)).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(page.getByRole('region', { name: 'Presenter' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Lessons' })).toBeVisible();
  await expect(page).not.toHaveURL(/mode=present/);
});

test('says so when the browser refuses full screen, and offers it again', async ({ page }) => {
  await page.addInitScript(() => {
    Element.prototype.requestFullscreen = () => Promise.reject(new Error('denied'));
  });
  await page.goto('/');
  await page.getByRole('button', { name: 'Present' }).click();
  const bar = page.getByRole('region', { name: 'Presenter' });
  await expect(bar.getByRole('status')).toContainText('The browser did not allow full screen');
  await expect(bar.getByRole('button', { name: 'Full screen' })).toBeVisible();
  // Presenter mode itself still works: no toolbar, arrows step through a flow.
  await expect(page.getByRole('button', { name: 'Lessons' })).toBeHidden();
  await page.getByLabel('Flow', { exact: true }).selectOption({ index: 1 });
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('hop-card')).toContainText('Hop 2 of');
});

test('opens from a link in presenter mode, and a speaker-notes window follows and drives it', async ({
  page,
}) => {
  await page.goto('/?lesson=island&step=1&mode=present');
  await expect(page.getByRole('region', { name: 'Presenter' })).toBeVisible();
  await expect(panel(page).getByText(`Step 1 of ${STEPS}`)).toBeVisible();
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Speaker notes' }).click();
  const notes = await popup;
  await expect(notes.getByRole('heading', { name: 'Speaker notes' })).toBeVisible();
  await expect(notes.getByRole('heading', { name: island.steps[0]?.title ?? '' })).toBeVisible();
  await expect(notes.getByText(island.steps[0]?.notes ?? '')).toBeVisible();
  // The presenter sees the answer before the room does.
  await expect(notes.getByText(/^Answer: No route/)).toBeVisible();
  // A clicker aimed at the notes window: the first press reveals the answer on the big screen.
  await notes.keyboard.press('PageDown');
  await expect(panel(page).getByRole('status')).toContainText('The answer:');
  await notes.getByRole('button', { name: 'Next →' }).click();
  for (let i = 0; i < 12; i++) {
    if (await panel(page).getByText(`Step 2 of ${STEPS}`).isVisible()) break;
    await notes.keyboard.press('ArrowRight');
  }
  await expect(panel(page).getByText(`Step 2 of ${STEPS}`)).toBeVisible();
  await expect(notes.getByRole('heading', { name: island.steps[1]?.title ?? '' })).toBeVisible();
});

// Every challenge of every lesson, paused at its question in presenter mode on a projector-sized
// screen: the question and all its choices are in view without scrolling, as is "Show the answer".
const CHALLENGE_STEPS = LESSONS.flatMap((l) =>
  l.steps.flatMap((st, i) => (st.challenge ? [{ lesson: l.id, step: i + 1 }] : [])),
);
for (const [width, height] of [
  [1280, 720],
  [1024, 768],
] as const) {
  test(`at ${width}x${height} every challenge's choices fit the lesson panel without scrolling`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    expect(CHALLENGE_STEPS.length).toBeGreaterThan(40);
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const misfits: string[] = [];
    for (const { lesson, step } of CHALLENGE_STEPS) {
      await page.goto(`/?lesson=${lesson}&step=${step}&mode=present`);
      await expect(choices(page).first()).toBeEnabled();
      const fit = await page.evaluate(() => {
        const panel = document.querySelector('.lesson-panel');
        if (!panel) return null;
        const box = panel.getBoundingClientRect();
        const bottom = Math.min(box.bottom, window.innerHeight);
        const parts = [...document.querySelectorAll('.ch-question, .ch-choice, .ch-foot .btn')].map(
          (el) => el.getBoundingClientRect(),
        );
        return {
          count: parts.length,
          inView: parts.every(
            (r) => r.top >= box.top && r.bottom <= bottom && r.right <= box.right,
          ),
          scrolled: panel.scrollTop,
        };
      });
      if (!fit || fit.count < 5 || !fit.inView || fit.scrolled !== 0) {
        misfits.push(`${lesson} step ${step}: ${JSON.stringify(fit)}`);
      }
    }
    expect(misfits).toEqual([]);
  });
}

test('the keyboard help lists the presenter keys', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByText('Presenter mode and lessons')).toBeVisible();
  for (const what of [/^next: /, /^back: /, 'answer a waiting challenge', 'leave presenter mode']) {
    await expect(help.getByText(what)).toBeVisible();
  }
  for (const key of ['PgDn', 'PgUp', 'Space', '9']) {
    await expect(help.locator('kbd', { hasText: new RegExp(`^${key}$`) }).first()).toBeVisible();
  }
});

for (const theme of ['light', 'dark'] as const) {
  test(`screenshots: presenter mode at 1280x720, ${theme}`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`/?theme=${theme}&lesson=island&step=3&mode=present`);
    await expect(panel(page).getByText(`Step 3 of ${STEPS}`)).toBeVisible();
    // Paused at the question, the hop's result hidden.
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('hop-card')).toBeHidden();
    await page.mouse.move(640, 700);
    await page.screenshot({ path: `docs/screenshots/presenter-challenge-1280x720-${theme}.png` });
    // Answered: the packet plays on to the pod, the hop card shows the SNAT.
    await panel(page)
      .getByRole('list', { name: 'Choices' })
      .getByRole('button', { name: '10.240.0.1', exact: true })
      .click();
    await expect(panel(page).getByRole('status')).toContainText('Right!');
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible({ timeout: 15_000 });
    const card = page.getByTestId('hop-card');
    for (let i = 0; i < 8 && !((await card.textContent()) ?? '').includes('SNAT'); i++) {
      await page.keyboard.press('ArrowLeft');
    }
    await expect(card).toContainText('SNAT');
    await page.mouse.move(640, 700);
    await page.screenshot({ path: `docs/screenshots/presenter-1280x720-${theme}.png` });
  });
}
