import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestServer } from '../../src/http/server.fixtures.js';
import { tinyPng } from '../../src/services/reporting.fixtures.js';
import { axeViolations, chromiumUnavailableReason, launchChromium } from '../helpers/chromium.js';

const artifacts = path.resolve('test-artifacts');
const unavailable = await chromiumUnavailableReason();
const title = 'reporting in Chromium, with JavaScript on and off';

describe.skipIf(unavailable !== null)(
  unavailable === null ? title : `${title} (skipped: ${unavailable})`,
  () => {
    let app: FastifyInstance;
    let browser: Browser;
    let baseUrl: string;

    beforeAll(async () => {
      await mkdir(artifacts, { recursive: true });
      ({ app } = await buildTestServer({
        config: {
          publicUrl: 'http://127.0.0.1',
          foundationName: 'the Open Example Foundation',
          emergencyContact: '+1 555 0100 (event safety desk, day and night)',
          conductStaff: [
            { name: 'Ada Lovelace', email: 'ada@example.org', phone: '+44 20 7946 0000' },
          ],
          logLevel: 'warn',
        },
      }));
      baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      await app?.close();
    });

    /** A fresh browser context; every console error, page error or failed sub-resource is kept. */
    async function newPage(javaScriptEnabled: boolean, mobile = false) {
      const context = await browser.newContext({
        javaScriptEnabled,
        ...(mobile
          ? { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true }
          : {}),
      });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        const text = message.text();
        // A refused form is answered 400/403 on purpose; Chromium logs the document's status.
        if (/status of (400|403|404)/.test(text)) return;
        if (message.type() === 'error' || message.type() === 'warning') {
          problems.push(`console ${message.type()}: ${text}`);
        }
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
      page.on('response', (response) => {
        if (response.status() >= 400 && response.request().resourceType() !== 'document') {
          problems.push(`${response.status()} for ${response.url()}`);
        }
      });
      return { page, problems };
    }

    /**
     * Runs axe-core through the DevTools protocol, which the page's CSP does not govern. With
     * JavaScript off nothing can run in the page, axe included; the pages are the same HTML either
     * way (no script at all), so the JavaScript-on runs check each of them.
     */
    async function screenshot(page: Page, name: string): Promise<void> {
      await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
    }

    /** Submits the form holding the given button and waits for the answer's document. */
    async function submit(page: Page, button: string): Promise<number | undefined> {
      const [response] = await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        page.getByRole('button', { name: button }).click(),
      ]);
      return response?.status();
    }

    async function receiptCode(page: Page): Promise<string> {
      const code = (await page.locator('#receipt-code').textContent()) ?? '';
      expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
      return code;
    }

    for (const javaScriptEnabled of [true, false]) {
      const mode = javaScriptEnabled ? 'javascript-on' : 'javascript-off';
      /** axe runs in the page, so only where JavaScript does; the HTML is the same either way. */
      const expectAccessible = async (page: Page) => {
        if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
      };

      it(`sends an anonymous report, comes back with the code and adds information (${mode})`, async () => {
        const { page, problems } = await newPage(javaScriptEnabled, !javaScriptEnabled);
        await page.goto(`${baseUrl}/report`, { waitUntil: 'load' });
        await expectAccessible(page);
        await screenshot(page, `report-form-${mode}`);

        await page.getByLabel('Describe what happened (needed)').fill(`Insults in #dev (${mode})`);
        await page.getByLabel('Roughly when did it happen?').fill('Yesterday evening');
        await page.getByLabel('An IRC channel').check();
        await page.getByLabel('IRC nick').first().fill('sammy');
        await page.getByLabel('IRC network').first().fill('OFTC');
        await page.getByLabel('I saw or heard it').check();
        await page.getByLabel('Personal insults, especially racist or sexist ones').check();
        await page.getByLabel('Screenshots, photos, logs or documents').setInputFiles({
          name: 'insult.png',
          mimeType: 'image/png',
          buffer: tinyPng,
        });
        expect(await submit(page, 'Send the report')).toBe(200);
        await expect(page.title()).resolves.toContain('Your report was received');
        const code = await receiptCode(page);
        await expectAccessible(page);
        await screenshot(page, `receipt-${mode}`);

        await page.getByRole('link', { name: 'Follow up on a report' }).click();
        await page.waitForURL(`${baseUrl}/follow-up`);
        await expectAccessible(page);
        // Typed as a person might: lower case, spaces instead of dashes.
        await page.getByLabel('Receipt code').fill(code.toLowerCase().replaceAll('-', ' '));
        expect(await submit(page, 'Open my report')).toBe(200);
        expect(page.url()).toBe(`${baseUrl}/follow-up/case`);
        expect(await page.getByText('Received. Conduct staff have your report').count()).toBe(1);
        expect(await page.getByText(`Insults in #dev (${mode})`).count()).toBe(1);
        expect(await page.getByText('insult.png').count()).toBe(1);
        await expectAccessible(page);
        await screenshot(page, `follow-up-case-${mode}`);

        await page.getByLabel('What would you like to add?').fill(`It happened again (${mode}).`);
        expect(await submit(page, 'Add to my report')).toBe(200);
        expect(await page.getByText('What you added is now part of your report.').count()).toBe(1);
        expect(await page.getByText(`It happened again (${mode}).`).count()).toBe(1);

        expect(await submit(page, 'Leave')).toBe(200);
        expect(page.url()).toBe(`${baseUrl}/follow-up?notice=left`);
        expect(problems).toEqual([]);
        await page.context().close();
      });

      it(`sends a named report in danger, after a refused first try (${mode})`, async () => {
        const { page, problems } = await newPage(javaScriptEnabled);
        await page.goto(`${baseUrl}/report`, { waitUntil: 'load' });
        await page.getByLabel('Yes', { exact: true }).check();
        await page
          .getByLabel('Describe what happened (needed)')
          .fill('He follows me at the venue.');
        await page.getByLabel('At an event').check();
        await page.getByLabel('Name').first().fill('Sam Example');
        await page.getByLabel('It happened to me').check();
        // Contact details while "stay anonymous" is still chosen: refused, with the text kept.
        await page.getByLabel(/How can staff contact you/).fill('me@example.net');
        expect(await submit(page, 'Send the report')).toBe(400);
        expect(await page.getByRole('alert').textContent()).toContain(
          'You chose to stay anonymous',
        );
        await expect(page.getByLabel('Describe what happened (needed)').inputValue()).resolves.toBe(
          'He follows me at the venue.',
        );
        await expectAccessible(page);
        await screenshot(page, `report-errors-${mode}`);

        await page.getByLabel(/^No: staff may contact me/).check();
        expect(await submit(page, 'Send the report')).toBe(200);
        await receiptCode(page);
        expect(await page.getByText('You said someone is in danger').count()).toBe(1);
        expect(await page.getByText('+1 555 0100 (event safety desk, day and night)').count()).toBe(
          1,
        );
        expect(problems).toEqual([]);
        await page.context().close();
      });
    }

    it('has no axe violations on the home, guidelines and 404 pages, and a working quick exit link', async () => {
      const { page } = await newPage(true);
      for (const url of ['/', '/guidelines', '/no/such/page']) {
        await page.goto(`${baseUrl}${url}`, { waitUntil: 'load' });
        expect(await axeViolations(page), url).toEqual([]);
        const exit = page.getByRole('link', { name: 'Leave this site quickly' });
        await expect(exit.getAttribute('href')).resolves.toBe('https://www.wikipedia.org/');
        expect((await exit.boundingBox())?.height).toBeGreaterThanOrEqual(48);
      }
      await page.goto(`${baseUrl}/guidelines`, { waitUntil: 'load' });
      expect(await page.getByText('Ada Lovelace').count()).toBe(1);
      await screenshot(page, 'guidelines');
      await page.context().close();
    });
  },
);
