/**
 * The address planner ("Where did all my IPs go?", talk 000), driven as a person would: size a
 * cluster, apply the plan, export it; see overlaps by network model; grow; compare the stacks.
 *
 * Numbers asserted here come from the core's rules, worked by hand:
 * - 110 pods per node: twice that rounded up to a power of two is 256 addresses, a /24
 *   (253 usable after network, gateway and broadcast); 500 nodes need 512 = 2^9 ranges, so a
 *   /15 cluster CIDR; 100 Services + kubernetes.default + DNS + network + broadcast = 104 -> 128,
 *   a /25 placed after the /15: 10.2.0.0/25, 126 usable.
 * - a /24 ServiceCIDR adds 256 - 2 = 254 IPv4 ClusterIPs.
 *
 * Set PLANNER_SCREENSHOTS=1 to also write docs/screenshots/planner-*.png.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from '@playwright/test';

const SHOTS = process.env.PLANNER_SCREENSHOTS === '1';

/** Fails the test on script errors and Content-Security-Policy violations. */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return problems;
}

async function openPlanner(page: Page, query = '') {
  await page.goto(`/${query}`);
  await page.getByRole('radio', { name: 'Address planner' }).check();
  await expect(page.getByRole('main', { name: 'Address planner' })).toBeVisible();
}

/** axe-core: no serious or critical violations (contrast included) in what is on screen. */
async function scan(page: Page, what: string) {
  const r = await new AxeBuilder({ page })
    .include('main')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const bad = r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} at ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
  expect(bad, what).toEqual([]);
}

const proposal = (page: Page) => page.getByRole('table', { name: 'Proposed plan' });

test('size a cluster for 500 nodes of 110 pods, apply the plan and export it for kubeadm', async ({
  page,
}) => {
  const problems = await watch(page);
  await openPlanner(page);
  await expect(page).toHaveURL(/view=planner/);

  await page.getByRole('tab', { name: 'Size' }).click();
  await page.getByLabel('Nodes', { exact: true }).fill('500');
  await page.getByLabel('Pods per node').fill('110');
  await page.getByLabel('Services', { exact: true }).fill('100');

  const plan = proposal(page);
  await expect(plan.getByRole('row', { name: /^Cluster CIDR/ })).toContainText('10.0.0.0/15');
  await expect(plan.getByRole('row', { name: /^Node mask/ })).toContainText('/24');
  await expect(plan.getByRole('row', { name: /^Service range/ })).toContainText('10.2.0.0/25');
  await expect(plan.getByRole('row', { name: /^Nodes that fit/ })).toContainText('512');
  await expect(plan.getByRole('row', { name: /^Pod IPs per node/ })).toContainText('253');
  await expect(plan.getByRole('row', { name: /^Service IPs/ })).toContainText('126');
  // What the cluster has now, beside each proposed value.
  await expect(plan.getByRole('row', { name: /^Cluster CIDR/ })).toContainText('now 10.0.0.0/16');

  await page.getByRole('button', { name: 'Apply to cluster' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Applied to cluster cluster' }),
  ).toBeVisible();
  // One undo step, named after what it did.
  await expect(page.getByRole('button', { name: 'Undo apply plan to cluster' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Apply to cluster' })).toBeDisabled();

  // The map and the capacity follow the scenario.
  await page.getByRole('tab', { name: 'Address map' }).click();
  const row = page.getByRole('group', { name: '10.0.0.0/15 in /24s' });
  await expect(row).toContainText('2 of 512 node ranges in use');
  await expect(page.getByRole('region', { name: 'Capacity of cluster, IPv4' })).toContainText(
    'Nodes that fit512',
  );

  await page.getByRole('tab', { name: 'Export' }).click();
  const kubeadm = page.getByRole('region', { name: 'kubeadm ClusterConfiguration' });
  await expect(kubeadm).toContainText('kind: ClusterConfiguration');
  await expect(kubeadm).toContainText('podSubnet: 10.0.0.0/15');
  await expect(kubeadm).toContainText('serviceSubnet: 10.2.0.0/25');
  const kcm = page.getByRole('region', { name: 'kube-controller-manager flags' });
  await expect(kcm).toContainText('--cluster-cidr=10.0.0.0/15');
  await expect(kcm).toContainText('--node-cidr-mask-size-ipv4=24');
  await expect(kcm).toContainText('--service-cluster-ip-range=10.2.0.0/25');
  await expect(page.getByRole('region', { name: 'ServiceCIDR objects' })).toContainText(
    '- 10.2.0.0/25',
  );

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download kubeadm ClusterConfiguration' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('cluster-kubeadm.yaml');
  const text = await readFile((await download.path()) ?? '', 'utf8');
  expect(text).toContain('apiVersion: kubeadm.k8s.io/v1beta4');
  expect(text).toMatch(
    /networking:\n {2}serviceSubnet: 10\.2\.0\.0\/25\n {2}podSubnet: 10\.0\.0\.0\/15/,
  );

  // Undo takes the whole plan back in one step.
  await page.getByRole('button', { name: 'Undo apply plan to cluster' }).click();
  await expect(kubeadm).toContainText('podSubnet: 10.0.0.0/16');
  expect(problems).toEqual([]);
});

test('a second cluster on an overlapping pod range conflicts under the flat model, not on islands', async ({
  page,
}) => {
  const problems = await watch(page);
  await openPlanner(page);
  const overlaps = page.getByRole('list', { name: 'Overlaps' });
  await expect(page.getByText('No two blocks overlap.')).toBeVisible();

  await page.getByRole('button', { name: '+ Add cluster' }).click();
  await expect(page.getByRole('heading', { name: 'Cluster cluster-1' })).toBeVisible();

  // Size the new cluster: the plan starts at the bottom of 10.0.0.0/8, over the first cluster.
  await page.getByRole('button', { name: 'Size cluster cluster-1' }).click();
  await expect(page.getByLabel('Cluster', { exact: true })).toHaveValue('cluster-1');
  await page.getByLabel('Nodes', { exact: true }).fill('500');
  await page.getByLabel('Pods per node').fill('110');
  await expect(proposal(page).getByRole('row', { name: /^Cluster CIDR/ })).toContainText(
    '10.0.0.0/15',
  );
  // Before applying, the planner says what the map would show.
  await expect(page.getByRole('heading', { name: 'On the map after applying' })).toBeVisible();
  await page.getByRole('button', { name: 'Apply to cluster-1' }).click();

  await page.getByRole('tab', { name: 'Address map' }).click();
  const conflict = overlaps.getByRole('listitem').filter({ hasText: 'Conflict' });
  await expect(conflict).toHaveCount(1);
  await expect(conflict).toContainText('cluster pods 10.0.0.0/16');
  await expect(conflict).toContainText('cluster-1 pods 10.0.0.0/15');
  await expect(conflict).toContainText(
    'under the flat model pod IPs are routable on the whole network',
  );

  await page.getByRole('radio', { name: 'island' }).check();
  await expect(overlaps.getByText('Conflict')).toHaveCount(0);
  const reused = overlaps.getByRole('listitem').filter({ hasText: 'cluster-1 pods 10.0.0.0/15' });
  await expect(reused).toContainText('Reused');
  await expect(reused).toContainText(
    'fine under the island model: pod IPs are private to each cluster',
  );

  // Back to flat: the conflict returns (the model is one undo step too).
  await page.getByRole('button', { name: 'Undo model island' }).click();
  await expect(overlaps.getByRole('listitem').filter({ hasText: 'Conflict' })).toHaveCount(1);
  expect(problems).toEqual([]);
});

test('capacity per cluster and family: what binds first, and a warning for a /14 on two nodes', async ({
  page,
}) => {
  await openPlanner(page, '?scenario=preset:address-planning:ipsBig');
  const prod = page.getByRole('region', { name: 'Capacity of prod, IPv4' });
  await expect(prod).toContainText(
    'The IPv4 node ranges run out first: 2 of 1,024 in use (0.20%).',
  );
  await expect(prod).toContainText('kubernetes.default10.96.0.1');
  await expect(prod).toContainText('Cluster DNS10.96.0.10');
  await expect(prod).toContainText('Static band10.96.0.1 – 10.96.1.0 (256)');
  await expect(prod).toContainText('Range30000–32767 (2,768)');
  await expect(prod.getByRole('list', { name: 'Warnings for prod, IPv4' })).toContainText(
    'the cluster CIDR is far bigger than the nodes need; allocate small and grow',
  );
  // The network row draws every block of the network, each listed in words.
  const net = page.getByRole('list', { name: 'Blocks in 10.0.0.0/8' });
  await expect(net).toContainText('prod pods10.0.0.0/14262,144 addresses');
  await expect(net).toContainText('host other10.128.1.1/321 address');
});

test('grow with a second ServiceCIDR and a ClusterCIDR for a node pool, one undo step each', async ({
  page,
}) => {
  const problems = await watch(page);
  await openPlanner(page, '?scenario=preset:address-planning:ipsSmall');
  await page.getByRole('tab', { name: 'Grow' }).click();

  await page.getByLabel('Service range CIDR').fill('10.96.1.0/24');
  await expect(
    page.getByText('10.96.1.0/24 adds 254 IPv4 Service IPs (254 -> 508).'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Add ServiceCIDR' }).click();
  await expect(
    page.getByRole('button', { name: 'Undo add ServiceCIDR 10.96.1.0/24' }),
  ).toBeEnabled();

  await page.getByLabel('Pod block CIDR').fill('10.0.1.0/24');
  await expect(page.getByLabel('Node mask')).toHaveAttribute('placeholder', '26');
  await page.getByLabel('Node selector').fill('node-pool=pool-2');
  await expect(
    page.getByText('10.0.1.0/24 in /26s adds 4 IPv4 node ranges (4 -> 8)'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Add ClusterCIDR' }).click();
  await expect(
    page.getByRole('button', { name: 'Undo add ClusterCIDR 10.0.1.0/24' }),
  ).toBeEnabled();

  await page.getByRole('tab', { name: 'Export' }).click();
  const objects = page.getByRole('region', { name: 'ClusterCIDR objects' });
  await expect(objects).toContainText('kind: ClusterCIDR');
  await expect(objects).toContainText('- pool-2');
  await expect(page.getByRole('region', { name: 'ServiceCIDR objects' })).toContainText(
    '- 10.96.1.0/24',
  );

  // The worked example, step by step.
  await page.getByRole('tab', { name: 'Grow' }).click();
  const example = page.getByRole('region', { name: 'Worked example: allocate small and grow' });
  await expect(example).toContainText('Step 1 of 5: Start small');
  await example.getByRole('button', { name: 'Next step' }).click();
  await example.getByRole('button', { name: 'Next step' }).click();
  await expect(example).toContainText('Step 3 of 5: Add a second pod block (ClusterCIDR)');
  await expect(example).toContainText('the waiting node gets its range');
  expect(problems).toEqual([]);
});

test('one plan as IPv4-only, dual-stack and IPv6-only, with the fields of a Node, Pod and Service', async ({
  page,
}) => {
  await openPlanner(page);
  await page.getByRole('tab', { name: 'IPv4 / dual / IPv6' }).click();
  await page.getByLabel('Nodes', { exact: true }).fill('500');
  const ula = (await page.getByRole('status', { name: 'IPv6 ULA prefix' }).textContent()) ?? '';
  expect(ula).toMatch(/^fd[0-9a-f]{2}:[0-9a-f]{1,4}:[0-9a-f]{1,4}::\/48$/);
  const prefix = ula.replace(/::\/48$/, ':');

  const v4 = page.getByRole('region', { name: 'IPv4-only' });
  await expect(v4).toContainText('Nodes that fit512');
  await expect(v4).toContainText('spec.podCIDRs10.0.0.0/24');
  await expect(v4).toContainText('spec.ipFamilyPolicySingleStack');

  const dual = page.getByRole('region', { name: 'Dual-stack (IPv4 primary)' });
  await expect(dual).toContainText(`spec.podCIDRs10.0.0.0/24, ${prefix}`);
  await expect(dual).toContainText('spec.ipFamiliesIPv4, IPv6');
  await expect(dual).toContainText('spec.ipFamilyPolicyPreferDualStack');

  const v6 = page.getByRole('region', { name: 'IPv6-only' });
  await expect(v6).toContainText(`status.podIP${prefix}`);
  await expect(v6).toContainText('Services that fit65,533');

  // A new random Global ID changes every IPv6 address.
  await page.getByRole('button', { name: 'New random ID' }).click();
  await expect(page.getByRole('status', { name: 'IPv6 ULA prefix' })).not.toHaveText(ula);
});

test('the view is in the address bar and switches back to the diagram', async ({ page }) => {
  await page.goto('/?view=planner');
  await expect(page.getByRole('main', { name: 'Address planner' })).toBeVisible();
  await page.getByRole('radio', { name: 'Diagram' }).check();
  await expect(page.getByRole('group', { name: /^Diagram of/ })).toBeVisible();
  await expect(page).not.toHaveURL(/view=planner/);
});

for (const size of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
]) {
  for (const theme of ['light', 'dark'] as const) {
    test(`fits ${size.width}x${size.height} in ${theme}: no sideways scrolling, no axe violations`, async ({
      page,
    }) => {
      const problems = await watch(page);
      await page.setViewportSize(size);
      const shot = async (name: string, top = true) => {
        const body = page.locator('.pl-body');
        if (top) {
          await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
          await body.evaluate((el) => el.scrollTo(0, 0));
        }
        const overflow = await body.evaluate((el) => el.scrollWidth - el.clientWidth);
        expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
        await scan(page, `${name}, ${size.width}x${size.height} ${theme}`);
        if (SHOTS) {
          await page.screenshot({
            path: join(
              'docs',
              'screenshots',
              `planner-${name}-${size.width}x${size.height}-${theme}.png`,
            ),
          });
        }
      };
      await page.goto(`/?view=planner&theme=${theme}&scenario=preset:address-planning:ipsBig`);
      await expect(page.getByRole('heading', { name: 'Cluster prod' })).toBeVisible();
      await shot('map');
      await page.getByRole('region', { name: 'Capacity of prod, IPv4' }).scrollIntoViewIfNeeded();
      await shot('capacity', false);

      // A third cluster on the next free /16, 10.0.0.0/16: inside prod's /14.
      await page.getByRole('button', { name: '+ Add cluster' }).click();
      await expect(
        page.getByRole('list', { name: 'Overlaps' }).getByText('Conflict', { exact: true }),
      ).toBeVisible();
      await shot('overlaps');
      await page.getByRole('button', { name: /^Undo add cluster/ }).click();
      await page.getByRole('button', { name: 'Dismiss message' }).click();

      await page.getByRole('tab', { name: 'Size' }).click();
      await page.getByLabel('Nodes', { exact: true }).fill('500');
      await page.getByLabel('Pods per node').fill('110');
      await page.getByLabel('Services', { exact: true }).fill('100');
      await page.getByRole('radio', { name: 'Dual-stack' }).check();
      await expect(proposal(page).getByRole('columnheader', { name: 'IPv6' })).toBeVisible();
      await shot('size');

      await page.getByRole('tab', { name: 'Grow' }).click();
      await page.getByLabel('Pod block CIDR').fill('10.8.0.0/14');
      await expect(page.getByText('After adding it')).toBeVisible();
      await shot('grow');

      await page.getByRole('tab', { name: 'IPv4 / dual / IPv6' }).click();
      await shot('compare');

      await page.getByRole('tab', { name: 'Export' }).click();
      await expect(
        page.getByRole('region', { name: 'kubeadm ClusterConfiguration' }),
      ).toBeVisible();
      await shot('export');
      expect(problems).toEqual([]);
    });
  }
}
