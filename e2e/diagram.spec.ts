/**
 * The diagram, the inspector and editing in place, driven as a person would.
 */
import { test, expect, type Page } from '@playwright/test';

const diagram = (page: Page) => page.getByRole('group', { name: /^Diagram of/ });
/** Click a cluster where a person would: on its title (its middle is full of nodes). */
const clickCluster = (page: Page, name: string) =>
  diagram(page)
    .getByRole('button', { name: `Cluster ${name}` })
    .click({ position: { x: 30, y: 16 } });

test('draws networks, the cluster, nodes with their addresses and pods', async ({ page }) => {
  await page.goto('/');
  const d = diagram(page);
  await expect(d.getByRole('button', { name: 'Network network 10.0.0.0/8' })).toBeVisible();
  await expect(d.getByRole('button', { name: 'Cluster cluster' })).toBeVisible();
  await expect(
    d.getByRole('button', { name: 'Node node1 10.240.0.1 pod range 10.0.1.0/24' }),
  ).toBeVisible();
  await expect(d.getByRole('button', { name: 'Pod pod-d 10.0.2.2' })).toBeVisible();
  await expect(d.getByRole('button', { name: 'Host other 10.128.1.1' })).toBeVisible();
  await expect(d.getByText('10.0.2.0/24 via 10.240.0.2')).toBeVisible();
});

test('select anything to inspect it: fields as Kubernetes names them, and what it can reach', async ({
  page,
}) => {
  await page.goto('/');
  await diagram(page)
    .getByRole('button', { name: /^Pod pod-a / })
    .click();
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('heading', { name: 'pod-a' })).toBeVisible();
  await expect(panel.getByLabel('status.podIPs[0]')).toHaveValue('10.0.1.1');
  await expect(panel.getByRole('combobox', { name: 'spec.nodeName' })).toHaveValue('node1');
  const reach = panel.getByRole('list', { name: 'Reachability' });
  await expect(reach).toContainText('pod-c');
  await expect(
    reach
      .getByRole('listitem')
      .filter({ hasText: 'other' })
      .getByLabel('reachable', { exact: true }),
  ).toBeVisible();
});

test('edit a cluster CIDR: node ranges and pod IPs are recomputed; undo brings them back', async ({
  page,
}) => {
  await page.goto('/');
  const d = diagram(page);
  await clickCluster(page, 'cluster');
  const cidr = page.getByLabel('clusterCIDRs[0].cidr');
  await expect(cidr).toHaveValue('10.0.0.0/16');
  await cidr.fill('10.1.0.0/16');
  await cidr.press('Enter');
  // IPAM hands out ranges from the new block, node by node, and pod IPs inside them.
  await expect(d.getByText('podCIDR 10.1.0.0/24')).toBeVisible();
  await expect(d.getByText('podCIDR 10.1.1.0/24')).toBeVisible();
  await expect(d.getByText('podCIDR 10.0.1.0/24')).toHaveCount(0);
  await expect(d.getByRole('button', { name: /^Pod pod-a 10\.1\.0\.\d+$/ })).toBeVisible();
  await expect(d.getByText('10.1.0.0/24 via 10.240.0.1')).toBeVisible();

  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect(d.getByText('podCIDR 10.0.1.0/24')).toBeVisible();
  await expect(d.getByRole('button', { name: 'Pod pod-a 10.0.1.1' })).toBeVisible();
});

test('a CIDR that breaks a rule shows a finding on the object and in the list', async ({
  page,
}) => {
  await page.goto('/');
  const d = diagram(page);
  await d.getByRole('button', { name: /^Node node1 / }).click();
  const range = page.getByLabel('spec.podCIDRs[0]');
  await range.fill('10.5.0.0/24');
  await range.press('Enter');
  await expect(page.getByRole('list', { name: 'Findings for this object' })).toBeVisible();
  await page.getByRole('tab', { name: /Findings/ }).click();
  await expect(page.getByRole('list', { name: 'Findings' })).toContainText(
    'cluster/cluster/node/node1',
  );
});

test('refused edits say why and change nothing', async ({ page }) => {
  await page.goto('/');
  await clickCluster(page, 'cluster');
  const cidr = page.getByLabel('clusterCIDRs[0].cidr');
  await cidr.fill('10.0.0.0/99');
  await cidr.press('Enter');
  await expect(page.getByRole('alert')).toContainText('is not a CIDR block');
  await expect(cidr).toHaveAttribute('aria-invalid', 'true');
});

test('add, rename and remove nodes, pods and Services', async ({ page }) => {
  await page.goto('/');
  const d = diagram(page);
  await clickCluster(page, 'cluster');
  await page.getByRole('button', { name: '+ Node' }).click();
  await expect(
    d.getByRole('button', { name: /^Node node3 10\.240\.0\.3 pod range 10\.0\.\d+\.0\/24$/ }),
  ).toBeVisible();

  await page.getByRole('button', { name: '+ Pod' }).click();
  await expect(d.getByRole('button', { name: /^Pod pod-1 / })).toBeVisible();

  const name = page.getByLabel('metadata.name');
  await name.fill('web-1');
  await name.press('Enter');
  await expect(d.getByRole('button', { name: /^Pod web-1 / })).toBeVisible();

  await page.getByRole('button', { name: '+ Service for this pod' }).click();
  await expect(
    d.getByRole('button', { name: /^Service web-1-svc ClusterIP 10\.96\./ }),
  ).toBeVisible();
  await page.getByRole('combobox', { name: 'spec.type' }).selectOption('NodePort');
  await expect(d.getByRole('button', { name: /^Service web-1-svc NodePort/ })).toBeVisible();
  await page.getByRole('combobox', { name: 'spec.externalTrafficPolicy' }).selectOption('Local');
  await expect(page.getByRole('combobox', { name: 'spec.externalTrafficPolicy' })).toHaveValue(
    'Local',
  );
  await page.getByRole('button', { name: 'Remove Service' }).click();
  await expect(d.getByRole('button', { name: /^Service web-1-svc/ })).toHaveCount(0);

  await d.getByRole('button', { name: /^Node node3 / }).click();
  await page.getByRole('button', { name: 'Remove node' }).click();
  await expect(d.getByRole('button', { name: /^Node node3 / })).toHaveCount(0);
  await expect(d.getByRole('button', { name: /^Pod web-1 / })).toHaveCount(0);
});

test('routed or overlay: the route table becomes a tunnel table', async ({ page }) => {
  await page.goto('/');
  await clickCluster(page, 'cluster');
  await page.getByRole('combobox', { name: 'podNetwork' }).selectOption('overlay');
  await expect(diagram(page).getByText('Overlay: encapsulate to the node')).toBeVisible();
  await page
    .getByLabel('Flow', { exact: true })
    .selectOption({ label: 'pod-a to pod-c (across nodes, overlay)' });
  await expect(page.getByRole('list', { name: 'Hops' })).toContainText('encap');
});

test('switch the network model: the picture, what is reachable and the model card change', async ({
  page,
}) => {
  await page.goto('/');
  const d = diagram(page);
  await expect(d.getByText('flat: pod IPs routable on the network')).toBeVisible();
  await d.getByRole('button', { name: /^Host other / }).click();
  const reach = page.getByRole('list', { name: 'Reachability' });
  const toPodA = reach.getByRole('listitem').filter({ hasText: 'pod-a' });
  await expect(toPodA.getByLabel('reachable', { exact: true })).toBeVisible();

  await page.getByRole('radio', { name: 'island' }).check();
  await expect(d.getByText('island: pod IPs private; gateways cross')).toBeVisible();
  await expect(d.getByText('knows nodes, not pod ranges')).toBeVisible();
  // Under the island model the outside host can no longer reach a pod IP directly.
  await expect(toPodA.getByLabel('not reachable')).toBeVisible();

  const card = page.getByTestId('model-card');
  await card.getByText('Model: Island (bridged)').click();
  await expect(card).toContainText('Good when');
  await expect(card).toContainText('debugging connectivity');

  await page.getByRole('radio', { name: 'air-gapped' }).check();
  await expect(d.getByText('air-gapped: nothing crosses this edge')).toBeVisible();
  await expect(card).toContainText('Air-gapped (fully isolated)');
});

test('pan, zoom and fit', async ({ page }) => {
  await page.goto('/');
  const g = diagram(page).locator('> g').first();
  const before = await g.getAttribute('transform');
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(() => g.getAttribute('transform')).not.toBe(before);
  await page.getByRole('button', { name: 'Fit to view' }).click();
  await expect.poll(() => g.getAttribute('transform')).toBe(before);
  const box = await diagram(page).boundingBox();
  if (!box) throw new Error('no diagram');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 40, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => g.getAttribute('transform')).not.toBe(before);
});

test('zoomed far out, a large cluster folds pods into counts and draws only what is on screen', async ({
  page,
}) => {
  await page.goto('/?scenario=scale:1000x10');
  const d = diagram(page);
  await expect(d).toHaveAttribute('data-lod', 'far');
  await expect(d.getByText('cluster big · 1,000 nodes · 10,000 pods')).toBeVisible();
  const items = Number(await d.getAttribute('data-items'));
  expect(items).toBeGreaterThan(100);
  expect(items).toBeLessThan(6000); // 1,000 nodes + 10,000 pods would be far more
  await expect(d.getByRole('button', { name: /^Pod / })).toHaveCount(0);
  // Closer: nodes show their pods as a count.
  for (let i = 0; i < 8 && (await d.getAttribute('data-lod')) === 'far'; i++) {
    await page.getByRole('button', { name: 'Zoom in' }).click();
  }
  await expect(d).toHaveAttribute('data-lod', 'mid');
  await expect(d.getByText('10 pods').first()).toBeVisible();
  await expect(d.getByRole('button', { name: /^Pod / })).toHaveCount(0);
  // Closer still: the pods themselves, only those near the screen.
  for (let i = 0; i < 8 && (await d.getAttribute('data-lod')) === 'mid'; i++) {
    await page.getByRole('button', { name: 'Zoom in' }).click();
  }
  await expect(d.getByRole('button', { name: /^Pod web-/ }).first()).toBeVisible();
  expect(await d.getByRole('button', { name: /^Pod / }).count()).toBeLessThan(2000);
});

test('light and dark themes', async ({ page }) => {
  await page.goto('/');
  const html = page.locator('html');
  const start = await html.getAttribute('data-theme');
  await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click();
  await expect(html).not.toHaveAttribute('data-theme', start ?? '');
});

test.describe('on a projector (1280x720)', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  /** On-screen font size (px) of the first element matching `sel` in the diagram. */
  const screenPx = (page: Page, sel: string) =>
    page.evaluate((s) => {
      const el = document.querySelector<SVGTextElement>(`svg.diagram ${s}`);
      const g = document.querySelector<SVGGElement>('svg.diagram > g');
      if (!el || !g) return 0;
      return parseFloat(getComputedStyle(el).fontSize) * (g.getCTM()?.a ?? 0);
    }, sel);

  test('names and addresses open at 12 px or more; the rest is a pan away', async ({ page }) => {
    await page.goto('/?scenario=preset:network-models:islandTwoClusters');
    const d = diagram(page);
    await expect(d.getByRole('button', { name: 'Pod pod-a 10.0.1.1' }).first()).toBeVisible();
    expect(await screenPx(page, '.b-pod .t-mono')).toBeGreaterThanOrEqual(11.9);
    expect(await screenPx(page, '.b-pod .t-title')).toBeGreaterThanOrEqual(13);
    // "Fit to view" still shows everything, however small.
    const g = d.locator('> g').first();
    const start = await g.getAttribute('transform');
    await page.getByRole('button', { name: 'Fit to view' }).click();
    await expect.poll(() => g.getAttribute('transform')).not.toBe(start);
    // Once the fit animation is over, everything is on screen, smaller than the floor.
    await expect.poll(() => screenPx(page, '.b-pod .t-mono')).toBeLessThan(11.9);
    // The fit animates; poll until it settles with the whole network inside the diagram.
    const network = d.getByRole('button', { name: /^Network network / });
    await expect
      .poll(async () => {
        const all = await d.boundingBox();
        const net = await network.boundingBox();
        if (!all || !net) return Infinity;
        return net.x + net.width - (all.x + all.width);
      })
      .toBeLessThanOrEqual(0);
  });

  test('a finding badge never covers a pod name or address', async ({ page }) => {
    await page.goto('/');
    const d = diagram(page);
    await d.getByRole('button', { name: /^Pod pod-a / }).click();
    const ip = page.getByLabel('status.podIPs[0]');
    await ip.fill('10.0.9.9');
    await ip.press('Enter');
    const ref = 'cluster/cluster/pod/default/pod-a';
    const badge = page.locator(`[data-badge="${ref}"] circle`);
    await expect(badge).toBeVisible();
    const b = await badge.boundingBox();
    const texts = d.locator(`[data-ref="${ref}"] text`);
    expect(await texts.count()).toBeGreaterThanOrEqual(2);
    for (const t of await texts.all()) {
      const r = await t.boundingBox();
      if (!b || !r) throw new Error('no box');
      const overlaps =
        b.x < r.x + r.width && r.x < b.x + b.width && b.y < r.y + r.height && r.y < b.y + b.height;
      expect(overlaps, `badge over "${await t.textContent()}"`).toBe(false);
    }
  });

  test('dual-stack pods and nodes show both families in full, in the same type', async ({
    page,
  }) => {
    await page.goto('/?scenario=preset:ipv6:dualStackCluster');
    const pod = diagram(page).locator('[data-ref="cluster/cluster/pod/default/app-http"]');
    const v4 = pod.locator('text', { hasText: /^10\.0\.0\.5$/ });
    const v6 = pod.locator('text', { hasText: /^fd00:1234:1::1$/ });
    await expect(v4).toBeVisible();
    await expect(v6).toBeVisible();
    const size = (l: typeof v4) => l.evaluate((e) => getComputedStyle(e).fontSize);
    expect(await size(v6)).toBe(await size(v4));
    const node = diagram(page).locator('[data-ref="cluster/cluster/node/node1"]');
    await expect(node.getByText('InternalIP fd01:789a:1::1', { exact: true })).toBeVisible();
    await expect(node.getByText('podCIDR fd00:1234:1::/64', { exact: true })).toBeVisible();
    expect(await screenPx(page, '.b-pod .t-mono')).toBeGreaterThanOrEqual(11.9);
  });
});
