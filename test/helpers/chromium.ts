import { access, constants, mkdir } from 'node:fs/promises';
import path from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * The one place that decides whether browser suites run. Chromium comes from OMBUDS_CHROMIUM
 * (default /usr/bin/chromium). Without it a suite is skipped locally, with the reason; under
 * CI=true it fails instead, so CI never passes with a browser suite skipped.
 */
export const chromiumPath = process.env.OMBUDS_CHROMIUM ?? '/usr/bin/chromium';
const inCi = process.env.CI === 'true';

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** null when the browser can run; otherwise why the suite is skipped. Throws under CI=true. */
export async function chromiumUnavailableReason(): Promise<string | null> {
  if (await isExecutable(chromiumPath)) return null;
  const reason = `Chromium not found at ${chromiumPath} (set OMBUDS_CHROMIUM)`;
  if (inCi) throw new Error(`CI=true but the browser suites cannot run: ${reason}`);
  return reason;
}

/**
 * Launches headless Chromium. Playwright gives every `launch()` a fresh temporary profile
 * directory (it rejects `--user-data-dir`) and deletes it on close, so runs share no state.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Runs axe-core in the page and returns one line per violation with the elements it concerns.
 * axe needs page JavaScript: for a page opened with JavaScript off, check the same HTML with it on.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const results = await page.evaluate<axe.AxeResults>(
    'axe.run(document, { resultTypes: ["violations"] })',
  );
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`,
  );
}

/** Where browser suites write their screenshots; CI keeps the folder as test artifacts. */
export const testArtifacts = path.resolve('test-artifacts');

/** Asserts that axe finds nothing on the page, then keeps a full-page screenshot named `name`. */
export async function expectAccessibleAndCapture(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), name).toEqual([]);
  await mkdir(testArtifacts, { recursive: true });
  await page.screenshot({ path: path.join(testArtifacts, `${name}.png`), fullPage: true });
}
