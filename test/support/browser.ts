/** Debian's Chromium driven by playwright-core (installed by scripts/ensure-chromium.sh; no browser download). */
import { type Browser, chromium } from 'playwright-core';
import { chromiumExecutable, missingMessage } from './requirements.js';

export function chromiumPath(): string {
  const found = chromiumExecutable();
  if (!found) throw new Error(missingMessage('chromium', 'This browser test'));
  return found;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Without the background-networking flags Chromium tries to reach the internet, closed here.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
