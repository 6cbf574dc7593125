import { defineConfig, devices } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with scripts/check-browser.mjs
import { findChromium, CHROMIUM_ARGS } from './scripts/browser.mjs';

const browser = findChromium() as { path?: string };

export default defineConfig({
  testDir: 'e2e',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: process.env.CI ? 'list' : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: 'http://127.0.0.1:4173',
    trace: 'retain-on-failure',
    ...devices['Desktop Chrome'],
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      ...(browser.path ? { executablePath: browser.path } : {}),
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: 'npx vite preview --host 127.0.0.1 --port 4173 --strictPort',
    url: 'http://127.0.0.1:4173',
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
