// Stops `npm test` early, with the fix, when there is no browser for the end-to-end tests.
import { findChromium } from './browser.mjs';

const found = findChromium();
if (found.from === 'none' || (found.wanted && !found.path)) {
  const what = found.wanted
    ? `${found.from} points at ${found.wanted}, which does not exist.`
    : 'No Chromium was found for the end-to-end tests.';
  console.error(`\n${what}
Fix one of:
  - Debian/Ubuntu:  sudo apt-get install -y chromium
  - macOS:          brew install --cask chromium
  - anywhere with internet:  npx playwright install chromium
  - or point PACKETWALK_CHROMIUM at a Chromium or Chrome binary.\n`);
  process.exit(1);
}
console.log(`e2e browser: ${found.path ?? "Playwright's own Chromium"} (${found.from})`);
