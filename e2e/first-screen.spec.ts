import { test, expect } from '@playwright/test';

test('opens on the single cluster of "Kubernetes Network Models"', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Packetwalk' })).toBeVisible();
  await expect(page.getByText('10.0.0.0/8').first()).toBeVisible();
  await expect(page.getByText('10.0.0.0/16').first()).toBeVisible();
  await expect(page.getByRole('button', { name: /node1.*10\.240\.0\.1/ }).first()).toBeVisible();
  await expect(page.getByText(/10\.0\.2\.0\/24/).first()).toBeVisible();
});
