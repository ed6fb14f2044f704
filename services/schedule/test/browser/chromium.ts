import { existsSync } from 'node:fs';
import type { Test } from 'tap';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, which the test command installs: no browser is downloaded. */
export const CHROMIUM = '/usr/bin/chromium';
// Without the background-networking flags Chromium tries Google's hosts, which this network refuses.
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

/** Headless Chromium, closed after the test; undefined, the test failed, when it is not installed. */
export const launchChromium = async (t: Test): Promise<Browser | undefined> => {
  if (!existsSync(CHROMIUM)) {
    t.fail(`${CHROMIUM} is missing: run the repository's test command (corepack pnpm test), which installs Debian's chromium package first`);
    return undefined;
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  t.teardown(() => browser.close());
  return browser;
};
