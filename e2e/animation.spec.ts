/**
 * Packet animation, driven as a person would: pick a scenario and a flow from the menus,
 * play it, step through the hops and read the headers on screen.
 */
import { test, expect, type Page } from '@playwright/test';

async function openScenario(page: Page, label: string) {
  await page.goto('/');
  await page.getByLabel('Scenario').selectOption({ label });
}

async function chooseFlow(page: Page, label: string) {
  await page.getByLabel('Flow', { exact: true }).selectOption({ label });
  await expect(page.getByRole('list', { name: 'Hops' })).toBeVisible();
}

const card = (page: Page) => page.getByTestId('hop-card');
const hops = (page: Page) => page.getByRole('list', { name: 'Hops' }).getByRole('button');

/** Step forward with the button until the hop card shows `action` (e.g. "DNAT"). */
async function stepUntil(page: Page, action: string) {
  for (let i = 0; i < 12; i++) {
    if (
      (await card(page).locator('.chip').first().textContent())?.trim().toUpperCase() ===
      action.toUpperCase()
    )
      return;
    await page.getByRole('button', { name: 'Step forward' }).click();
  }
  throw new Error(`no ${action} hop`);
}

test.describe('NodePort', () => {
  test('externalTrafficPolicy Cluster: DNAT to the pod, then SNAT to the node', async ({
    page,
  }) => {
    await openScenario(page, 'Kubernetes Network Models: island');
    await chooseFlow(page, 'internet to NodePort 30080 on c1 node1 (Service web)');
    await expect(card(page)).toContainText('Hop 1 of 7');
    await expect(page.getByTestId('hop-src')).toHaveText('198.51.100.7:43512');

    await stepUntil(page, 'DNAT');
    await expect(card(page)).toContainText('c1:node/node1');
    // The destination is rewritten: NodePort on the node to the backend pod.
    await expect(page.getByTestId('hop-dst').locator('.old')).toHaveText('10.240.0.1:30080');
    await expect(page.getByTestId('hop-dst').locator('.changed')).toHaveText('10.0.2.1:8080');

    await page.getByRole('button', { name: 'Step forward' }).click();
    await expect(card(page).locator('.chip').first()).toHaveText('SNAT');
    // With policy Cluster the backend sees the node, not the client.
    await expect(page.getByTestId('hop-src').locator('.old')).toHaveText('198.51.100.7:43512');
    await expect(page.getByTestId('hop-src').locator('.changed')).toHaveText('10.240.0.1:43512');

    await hops(page).last().click();
    await expect(card(page)).toContainText('Hop 7 of 7');
    await expect(page.getByTestId('hop-src')).toHaveText('10.240.0.1:43512');
    await expect(card(page)).toContainText('Delivered');
  });

  test('externalTrafficPolicy Local: the client IP is kept; a node with no local pod drops', async ({
    page,
  }) => {
    await openScenario(page, 'Kubernetes Network Models: island');
    await chooseFlow(page, 'internet to NodePort 30081 on c1 node2 (Service web-local)');
    await stepUntil(page, 'DNAT');
    await expect(page.getByTestId('hop-dst').locator('.changed')).toHaveText('10.0.2.1:8080');
    await hops(page).last().click();
    await expect(card(page).locator('.chip').first()).toHaveText('deliver');
    await expect(page.getByTestId('hop-src')).toHaveText('198.51.100.7:43512');
    await expect(page.getByRole('list', { name: 'Hops' })).not.toContainText('SNAT');

    await chooseFlow(
      page,
      'internet to NodePort 30081 on c1 node1 (Service web-local) (dropped: traffic policy Local: no local endpoint)',
    );
    await expect(page.getByTestId('verdict')).toContainText(
      'Dropped: traffic policy Local: no local endpoint',
    );
    await hops(page).last().click();
    await expect(card(page).locator('.chip').first()).toHaveText('drop');
    await expect(card(page)).toContainText('c1:node/node1');
    // The drop is drawn where it happens, with its reason.
    await expect(page.locator('.drop-mark')).toContainText('traffic policy Local');
  });
});

test('ClusterIP: the client node DNATs the virtual IP to a backend pod', async ({ page }) => {
  await openScenario(page, 'Kubernetes Network Models: island');
  await chooseFlow(page, 'c1 pod-a to Service web');
  await stepUntil(page, 'DNAT');
  await expect(card(page)).toContainText('c1:node/node1');
  await expect(page.getByTestId('hop-dst').locator('.old')).toHaveText('10.96.0.20:80');
  await expect(page.getByTestId('hop-dst').locator('.changed')).toHaveText('10.0.2.1:8080');
  // The pod's own address is untouched: pod to pod needs no NAT.
  await expect(page.getByTestId('hop-src')).toHaveText('10.0.1.1:43512');
});

test('overlay: the outer header wraps the inner one between nodes', async ({ page }) => {
  await openScenario(page, 'Kubernetes Networking (Weave): overlay pod network');
  await chooseFlow(page, 'bar to foo (across nodes, overlay)');
  await stepUntil(page, 'encap');
  await expect(card(page)).toContainText('node/node1');
  await expect(card(page).locator('.outer-row')).toContainText('192.1.6.3 → 192.1.6.4');
  await expect(page.getByTestId('hop-src')).toHaveText('10.20.9.1:43512');
  await expect(page.getByTestId('hop-dst')).toHaveText('10.20.30.42:80');
  await page.keyboard.press('ArrowRight');
  await expect(card(page).locator('.chip').first()).toHaveText('decap');
  await expect(card(page).locator('.outer-row')).toContainText('removed');
});

test('SNAT egress: traffic leaving the cluster takes the node IP', async ({ page }) => {
  await page.goto('/');
  await chooseFlow(page, 'pod-a to the internet (SNAT egress)');
  await stepUntil(page, 'SNAT');
  await expect(card(page)).toContainText('node/node1');
  await expect(page.getByTestId('hop-src').locator('.old')).toHaveText('10.0.1.1:43512');
  await expect(page.getByTestId('hop-src').locator('.changed')).toHaveText('10.240.0.1:43512');
});

test('proxy ingress: an L7 proxy opens a second connection', async ({ page }) => {
  await openScenario(page, 'Kubernetes Networking (Weave): overlay pod network');
  await chooseFlow(page, 'internet to proxy ingress (192.1.6.10)');
  await expect(page.getByRole('list', { name: 'Hops' })).toContainText('Connection 2');
  await stepUntil(page, 'proxy');
  await expect(card(page)).toContainText('connection 2');
  await expect(page.getByTestId('hop-src').locator('.changed')).toHaveText('192.1.6.10:40180');
  await expect(page.getByTestId('hop-dst').locator('.changed')).toHaveText('10.20.9.2:80');
});

test('air-gapped: the packet is dropped at the edge, and the drop is drawn with its reason', async ({
  page,
}) => {
  await openScenario(page, 'Kubernetes Network Models: air-gapped');
  await chooseFlow(page, 'c1 pod-a to other (dropped: air-gapped edge)');
  await expect(page.getByTestId('verdict')).toContainText('Dropped: air-gapped edge');
  await hops(page).last().click();
  await expect(card(page).locator('.chip').first()).toHaveText('drop');
  await expect(card(page)).toContainText('Dropped: air-gapped edge');
  await expect(page.locator('.drop-mark')).toContainText('dropped: air-gapped edge');
  // No reply to play for a dropped packet.
  await expect(page.getByRole('radio', { name: 'Reply' })).toBeDisabled();
});

test('controls: play, pause, step, restart, speed and the reply path, by mouse and keyboard', async ({
  page,
}) => {
  await page.goto('/');
  await chooseFlow(page, 'pod-a to pod-c (across nodes, routed)');
  const current = page.getByRole('list', { name: 'Hops' }).locator('[aria-current="step"]');
  await expect(current).toContainText('1');

  await page.getByLabel('Speed').selectOption('4');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  // The packet moves on by itself.
  await expect(current.locator('.n')).not.toHaveText('1', { timeout: 8000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

  await page.getByRole('button', { name: 'Restart' }).click();
  await expect(current.locator('.n')).toHaveText('1');
  await page.locator('body').press('ArrowRight');
  await expect(current.locator('.n')).toHaveText('2');
  await page.locator('body').press('ArrowLeft');
  await expect(current.locator('.n')).toHaveText('1');
  // Space plays and pauses unless a focused button should take it; K always does.
  await page.locator('body').press('k');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.locator('body').press('k');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

  // Clicking a hop moves the animation there.
  await hops(page).nth(2).click();
  await expect(card(page)).toContainText('Hop 3 of');

  // The reply path: from pod-c back to pod-a.
  await page.getByRole('radio', { name: 'Reply' }).check();
  await expect(page.getByTestId('verdict')).toContainText('reply path');
  await expect(card(page)).toContainText('Reply · Hop 1');
  await expect(page.getByTestId('hop-src')).toHaveText('10.0.2.1:80');
});

test('the whole path is also plain text, for screen readers and notes', async ({ page }) => {
  await page.goto('/');
  await chooseFlow(page, 'pod-a to the internet (SNAT egress)');
  const text = page.getByTestId('path-text');
  await expect(text).toContainText('Step 1');
  await expect(text).toContainText('snat');
  await expect(text).toContainText('10.240.0.1');
});

test('pick a flow by clicking a source and a destination in the diagram', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Pick', exact: true }).click();
  await page.getByRole('button', { name: /^Pod pod-b / }).click();
  await page.getByRole('button', { name: /^Host other / }).click();
  await expect(page.getByRole('heading', { name: 'pod-b to other:443' })).toBeVisible();
  await expect(page.getByTestId('verdict')).toContainText('Delivered');
});

test.describe('on a projector (1280x720)', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  /** Is the current hop's marker inside the diagram, above the hop card? */
  const currentInView = (page: Page) =>
    page.evaluate(() => {
      const svg = document.querySelector('svg.diagram')?.getBoundingClientRect();
      const stop = document.querySelector('.stop.current circle')?.getBoundingClientRect();
      const cardTop = document.querySelector('[data-testid="hop-card"]')?.getBoundingClientRect().y;
      if (!svg || !stop || cardTop === undefined) return false;
      return (
        stop.x >= svg.x && stop.right <= svg.right && stop.y >= svg.y && stop.bottom <= cardTop
      );
    });
  const scale = (page: Page) =>
    page.evaluate(() => document.querySelector<SVGGElement>('svg.diagram > g')?.getCTM()?.a ?? 0);

  test('choosing a flow frames its path at a readable scale; stepping keeps the hop in view', async ({
    page,
  }) => {
    await page.goto('/?scenario=preset:network-models:islandTwoClusters');
    await chooseFlow(page, 'internet to NodePort 30080 on c1 node1 (Service web)');
    // Framed (after the animation): body text, 18 px in the world, is 12 px or more on screen.
    await expect.poll(() => scale(page)).toBeGreaterThanOrEqual(12 / 18 - 0.001);
    await expect.poll(() => currentInView(page)).toBe(true);
    const n = await hops(page).count();
    for (let i = 1; i < n; i++) {
      await page.getByRole('button', { name: 'Step forward' }).click();
      await expect(card(page)).toContainText(`Hop ${i + 1} of ${n}`);
      await expect.poll(() => currentInView(page)).toBe(true);
    }
  });
});
