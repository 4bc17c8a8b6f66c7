import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/crypto/totp.js';
import { buildTestServer } from '../../src/http/server.fixtures.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { inviteStaffUser } from '../../src/services/invite-staff-user.js';
import {
  chromiumUnavailableReason,
  expectAccessibleAndCapture,
  launchChromium,
} from '../helpers/chromium.js';
import { createSqliteServices } from '../helpers/services.js';

const unavailable = await chromiumUnavailableReason();
const title = 'staff enrolment, sign-in and account pages in Chromium';

describe.skipIf(unavailable !== null)(
  unavailable === null ? title : `${title} (skipped: ${unavailable})`,
  () => {
    let app: FastifyInstance;
    let browser: Browser;
    let baseUrl: string;
    let services: ServiceDeps;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ services, dispose } = await createSqliteServices());
      ({ app } = await buildTestServer({ services, config: { logLevel: 'warn' } }));
      baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await dispose?.();
    });

    // axe-core needs page JavaScript; the console pages themselves have none.
    const check = expectAccessibleAndCapture;

    it('takes an invited administrator from the link to the users page and out again', async () => {
      const invitation = await inviteStaffUser(
        services,
        { username: 'ada', displayName: 'Ada Lovelace', roles: ['administrator'] },
        'cli',
      );
      const context = await browser.newContext({ javaScriptEnabled: true });
      const page = await context.newPage();
      page.setDefaultTimeout(8000);
      const problems: string[] = [];
      page.on('console', (message) => problems.push(message.text()));

      await page.goto(`${baseUrl}${invitation.path}`);
      await check(page, 'console-enrol');
      const secret = (await page.locator('code.secret').textContent())?.replace(/\s+/g, '') ?? '';
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      const password = 'a long enough passphrase';
      await page.getByLabel('New password').fill(password);
      await page.getByLabel('The same password again').fill(password);
      await page
        .getByLabel('The code your app shows now')
        .fill(totpCode(secret, new Date(Date.now() - 30_000)));
      await page.getByRole('button', { name: 'Finish setting up' }).click();
      await page.waitForURL(/\/console\/sign-in\?done=enrolled$/);
      await expect(page.getByRole('status').textContent()).resolves.toContain(
        'Your account is ready',
      );

      await page.goto(`${baseUrl}/console/users`);
      await page.waitForURL(/\/console\/sign-in\?next=%2Fconsole%2Fusers$/);
      await check(page, 'console-sign-in');
      await page.getByLabel('User name').fill('ada');
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByLabel('Code from your authenticator app').fill(totpCode(secret, new Date()));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/console\/users$/);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Users');
      await expect(page.getByText('Signed in as Ada Lovelace').count()).resolves.toBe(1);
      await check(page, 'console-users');

      await page.getByRole('link', { name: 'Account' }).click();
      await page.waitForURL(/\/console\/account$/);
      await check(page, 'console-account');

      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.waitForURL(/\/console\/sign-in\?done=signed-out$/);
      await page.goto(`${baseUrl}/console/account`);
      await page.waitForURL(/\/console\/sign-in/);
      expect(problems).toEqual([]);
      await context.close();
    });
  },
);
