/**
 * Import and export as a person does it: paste kubectl output, open and drop files, paste
 * anywhere, download the scenario as JSON and YAML and the diagram as SVG and PNG, and read
 * what was downloaded.
 */
import { readFile } from 'node:fs/promises';
import { test, expect, type Page } from '@playwright/test';
import { parse as parseYaml } from 'yaml';
import {
  downloadBytes,
  downloadText,
  focusAway,
  menu,
  watchProblems,
} from './fixtures/share-helpers';

const diagram = (page: Page) => page.getByRole('group', { name: /^Diagram of/ });
const KUBECTL = new URL('./fixtures/kubectl-get.yaml', import.meta.url);

async function renameNode1(page: Page, to: string) {
  await diagram(page)
    .getByRole('button', { name: /^Node node1 / })
    .click();
  const name = page.getByRole('tabpanel').getByLabel('metadata.name');
  await name.fill(to);
  await name.press('Enter');
  await expect(
    diagram(page).getByRole('button', { name: new RegExp(`^Node ${to} `) }),
  ).toBeVisible();
}

async function expectKubectlCluster(page: Page) {
  const d = diagram(page);
  await expect(
    d.getByRole('button', {
      name: 'Node lab-control-plane 172.18.0.2 lab-control-plane pod range 10.244.0.0/24',
    }),
  ).toBeVisible();
  await expect(d.getByRole('button', { name: /^Node lab-worker 172\.18\.0\.3 / })).toBeVisible();
  await expect(d.getByRole('button', { name: 'Pod web-5d8c7b9f6-q2lzn 10.244.1.7' })).toBeVisible();
}

test('paste the output of kubectl get nodes,pods,services,ingresses -A -o yaml and see its nodes', async ({
  page,
}) => {
  const problems = await watchProblems(page);
  await page.goto('/');
  await menu(page, 'File', 'Import or paste…');
  const dialog = page.getByRole('dialog', { name: 'Import a scenario' });
  await expect(dialog).toContainText('kubectl get nodes,pods,services,ingresses -A -o yaml');
  await dialog.getByLabel('Scenario, kubectl output or link').fill(await readFile(KUBECTL, 'utf8'));
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();
  await expectKubectlCluster(page);
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Imported Kubernetes objects: 2 nodes, 2 pods, 2 Services.' }),
  ).toBeVisible();
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('');
  expect(problems.errors).toEqual([]);
});

test('export the scenario as JSON and YAML, and open the JSON file again', async ({ page }) => {
  await page.goto('/');
  await renameNode1(page, 'exported-node');

  let download = page.waitForEvent('download');
  await menu(page, 'File', 'Scenario as JSON');
  let file = await download;
  expect(file.suggestedFilename()).toBe('kubernetes-network-models-one-cluster.json');
  const jsonText = await downloadText(file);
  const json = JSON.parse(jsonText) as {
    version: number;
    model: string;
    clusters: { nodes: { name: string }[] }[];
  };
  expect(json.version).toBe(1);
  expect(json.model).toBe('flat');
  expect(json.clusters[0]?.nodes.map((n) => n.name)).toEqual(['exported-node', 'node2']);

  download = page.waitForEvent('download');
  await menu(page, 'File', 'Scenario as YAML');
  file = await download;
  expect(file.suggestedFilename()).toBe('kubernetes-network-models-one-cluster.yaml');
  const yamlText = await downloadText(file);
  expect(yamlText).toMatch(/^version: 1\n/);
  expect(parseYaml(yamlText)).toEqual(json);

  // Start something else, then open the exported file: the same scenario comes back.
  await menu(page, 'File', 'New scenario');
  await expect(diagram(page).getByRole('button', { name: 'Cluster cluster-1' })).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await menu(page, 'File', 'Open file…');
  await (
    await chooser
  ).setFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(jsonText) });
  await expect(
    diagram(page).getByRole('button', { name: /^Node exported-node 10\.240\.0\.1 / }),
  ).toBeVisible();
});

test('export the diagram as SVG and PNG', async ({ page }) => {
  const problems = await watchProblems(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  const before = await page.locator('svg.diagram > g').first().getAttribute('transform');

  let download = page.waitForEvent('download');
  await menu(page, 'File', 'Diagram as SVG');
  let file = await download;
  expect(file.suggestedFilename()).toBe('kubernetes-network-models-one-cluster.svg');
  const svg = await downloadText(file);
  expect(svg).toMatch(
    /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/,
  );
  expect(svg).toContain('<title>Kubernetes Network Models: one cluster</title>');
  // The whole diagram, though the view was zoomed in: every node and the host outside.
  for (const text of ['node1', 'node2', 'pod-a', 'pod-d', 'other', '10.0.0.0/8'])
    expect(svg).toContain(text);
  expect(svg).toMatch(/fill="rgb\(/); // styles travel with the file
  expect(svg).not.toMatch(/ class=| style=/);
  // The view is put back as it was.
  await expect(page.locator('svg.diagram > g').first()).toHaveAttribute('transform', before ?? '');

  download = page.waitForEvent('download');
  await menu(page, 'File', 'Diagram as PNG');
  file = await download;
  expect(file.suggestedFilename()).toBe('kubernetes-network-models-one-cluster.png');
  const png = await downloadBytes(file);
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  // IHDR: width and height, twice those of the SVG (sharp on high-density screens).
  const w = Number(/<svg [^>]*\bwidth="(\d+)"/.exec(svg)?.[1]);
  const h = Number(/<svg [^>]*\bheight="(\d+)"/.exec(svg)?.[1]);
  expect(w).toBeGreaterThan(300);
  expect(png.readUInt32BE(16)).toBe(w * 2);
  expect(png.readUInt32BE(20)).toBe(h * 2);
  expect(png.length).toBeGreaterThan(10_000);
  expect(problems.errors).toEqual([]);
});

test('drop a kubectl YAML file on the app to open it', async ({ page }) => {
  await page.goto('/');
  const yaml = await readFile(KUBECTL, 'utf8');
  const dt = await page.evaluateHandle((text) => {
    const t = new DataTransfer();
    t.items.add(new File([text], 'cluster.yaml', { type: 'application/yaml' }));
    return t;
  }, yaml);
  await page.dispatchEvent('svg.diagram', 'dragenter', { dataTransfer: dt });
  await expect(page.getByText('Drop to open')).toBeVisible();
  await page.dispatchEvent('svg.diagram', 'drop', { dataTransfer: dt });
  await expect(page.getByText('Drop to open')).toBeHidden();
  await expectKubectlCluster(page);
});

test('paste kubectl output anywhere outside a text field to open it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  const yaml = await readFile(KUBECTL, 'utf8');
  await page.evaluate((t) => navigator.clipboard.writeText(t), yaml);
  await focusAway(page);
  await page.keyboard.press('ControlOrMeta+v');
  await expectKubectlCluster(page);
});

test('a broken file is refused with where and why; the scenario on screen stays', async ({
  page,
}) => {
  await page.goto('/');
  await renameNode1(page, 'still-here');
  const chooser = page.waitForEvent('filechooser');
  await menu(page, 'File', 'Open file…');
  await (
    await chooser
  ).setFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{\n  "version": 1,\n  "model": "flat",,\n}\n'),
  });
  const alert = page.getByRole('alert').filter({ hasText: 'Could not open “broken.json”' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/line 3/);
  await expect(diagram(page).getByRole('button', { name: /^Node still-here / })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo rename node' })).toBeEnabled();
});
