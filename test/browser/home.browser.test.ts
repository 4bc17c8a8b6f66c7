import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestServer } from '../../src/http/server.fixtures.js';
import { axeViolations, chromiumUnavailableReason, launchChromium } from '../helpers/chromium.js';

const artifacts = path.resolve('test-artifacts');
const unavailable = await chromiumUnavailableReason();
const title = 'the home and 404 pages in Chromium';

interface OpenedPage {
  readonly page: Page;
  readonly status: number | undefined;
  /** Console errors and warnings (a CSP violation is one), page errors, failed requests. */
  readonly problems: string[];
}

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

    async function open(url: string, options: BrowserContextOptions): Promise<OpenedPage> {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        // Warnings count too: Chromium reports a header it cannot parse (such as an unknown
        // Permissions-Policy feature) as a warning.
        if (message.type() === 'error' || message.type() === 'warning') {
          problems.push(`console ${message.type()}: ${message.text()}`);
        }
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
      page.on('response', (response) => {
        // The 404 page's own document is meant to be a 404; any other failed resource is not.
        if (response.status() >= 400 && response.request().resourceType() !== 'document') {
          problems.push(`${response.status()} for ${response.url()}`);
        }
      });
      const response = await page.goto(`${baseUrl}${url}`, { waitUntil: 'load' });
      return { page, status: response?.status(), problems };
    }

    /** Runs axe-core through the DevTools protocol, which the page's CSP does not govern. */
    async function screenshot(page: Page, name: string): Promise<void> {
      await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
    }

    it('shows the home page with JavaScript on: no console errors, no axe violations', async () => {
      const { page, status, problems } = await open('/', { javaScriptEnabled: true });
      expect(status).toBe(200);
      await expect(page.title()).resolves.toContain('Report a code of conduct concern');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Report a code of conduct concern',
      );
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'home-desktop');
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('shows the same page with JavaScript off, styled, with large tap targets on a phone', async () => {
      const { page, status, problems } = await open('/', {
        javaScriptEnabled: false,
        viewport: { width: 375, height: 740 },
        isMobile: true,
        hasTouch: true,
      });
      expect(status).toBe(200);
      const report = page.getByRole('link', { name: 'Report a concern' });
      await expect(report.getAttribute('href')).resolves.toBe('/report');
      const followUp = page.getByRole('link', { name: 'Follow up on a report' });
      await expect(followUp.getAttribute('href')).resolves.toBe('/follow-up');
      // The stylesheet loaded under the CSP: the buttons have their minimum size.
      for (const link of [report, followUp]) {
        const box = await link.boundingBox();
        expect(box?.height).toBeGreaterThanOrEqual(48);
      }
      expect(await page.getByText('+1 555 0100 (event safety desk, day and night)').count()).toBe(
        1,
      );
      await screenshot(page, 'home-mobile-no-javascript');
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('keeps its contrast in the dark colour scheme', async () => {
      const { page, problems } = await open('/', { javaScriptEnabled: true, colorScheme: 'dark' });
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'home-dark');
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('shows a calm 404 page, accessible and without console errors', async () => {
      const { page, status, problems } = await open('/no/such/page', { javaScriptEnabled: true });
      expect(status).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'not-found');
      // Chromium reports the document's own 404 on the console; nothing else may appear.
      expect(problems.filter((problem) => !problem.includes('status of 404'))).toEqual([]);
      await page.context().close();
    });
  },
);
