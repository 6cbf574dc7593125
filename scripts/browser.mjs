// Which Chromium Playwright should drive: $PACKETWALK_CHROMIUM or $CHROMIUM_PATH, then a
// system Chromium, else undefined (Playwright's own browser, if `npx playwright install` ran).
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export function findChromium() {
  for (const v of ['PACKETWALK_CHROMIUM', 'CHROMIUM_PATH']) {
    const p = process.env[v];
    if (p) return { path: existsSync(p) ? p : undefined, from: v, wanted: p };
  }
  for (const p of SYSTEM_CANDIDATES) if (existsSync(p)) return { path: p, from: 'system' };
  let own;
  try {
    own = chromium.executablePath();
  } catch {
    own = undefined;
  }
  if (own && existsSync(own)) return { path: undefined, from: 'playwright' };
  return { path: undefined, from: 'none' };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
