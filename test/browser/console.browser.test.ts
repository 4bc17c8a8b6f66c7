import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestServer } from '../../src/http/server.fixtures.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { submitReport } from '../../src/services/submit-report.js';
import {
  chromiumUnavailableReason,
  expectAccessibleAndCapture,
  launchChromium,
} from '../helpers/chromium.js';
import { createSqliteServices } from '../helpers/services.js';
import { createStaffUser, totpCodeFor, type TestStaffUser } from '../helpers/staff-session.js';

const unavailable = await chromiumUnavailableReason();
const title = 'two conduct staff and the Executive Director carry a case to closed in Chromium';

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

    /** Signs a staff member in through the real form, in a browser context of their own. */
    async function signedIn(user: TestStaffUser): Promise<{ page: Page; problems: string[] }> {
      const context = await browser.newContext({ javaScriptEnabled: true });
      const page = await context.newPage();
      page.setDefaultTimeout(8000);
      const problems: string[] = [];
      page.on('console', (message) => problems.push(message.text()));
      await page.goto(`${baseUrl}/console`);
      await page.waitForURL(/\/console\/sign-in/);
      await page.getByLabel('User name').fill(user.username);
      await page.getByLabel('Password', { exact: true }).fill(user.password);
      await page.getByLabel('Code from your authenticator app').fill(totpCodeFor(user));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/console$/);
      return { page, problems };
    }

    /** The form of one action on the case page. */
    function action(page: Page, kind: string): Locator {
      return page.locator(`section[aria-labelledby="action-${kind}"]`);
    }

    /** Submits an action's form and waits for the case page to say it was recorded. */
    async function record(page: Page, kind: string, button: string): Promise<void> {
      await action(page, kind).getByRole('button', { name: button }).click();
      await page.waitForURL(new RegExp(`\\?done=${kind}$`));
      await expect(page.getByRole('status').textContent()).resolves.toBe('Recorded.');
    }

    it('takes one report from the queue to closed, each person doing their part', async () => {
      const submitted = await submitReport(
        services,
        {
          submissionId: randomBytes(18).toString('base64url'),
          accused: [
            { name: 'Alex Example', identifiers: [{ kind: 'email', value: 'alex@example.org' }] },
          ],
          relation: 'target',
          contact: null,
          behaviour: 'Alex insulted me repeatedly in code review comments.',
          approximateTime: 'Last two weeks',
          circumstances: 'On several patches I proposed.',
          venue: { kind: 'issue_tracker', detail: 'the review system' },
          conductItems: ['personal_insults', 'repeated_harassment'],
          othersInvolved: '',
          anonymous: true,
          immediateDanger: false,
        },
        [],
      );
      const caseId = submitted.caseId;
      const ana = await createStaffUser(services, {
        displayName: 'Ana Handler',
        roles: ['conduct_staff'],
      });
      const ben = await createStaffUser(services, {
        displayName: 'Ben Reviewer',
        roles: ['conduct_staff'],
      });
      const dee = await createStaffUser(services, {
        displayName: 'Dee Director',
        roles: ['executive_director'],
      });

      const anaTab = await signedIn(ana);
      const a = anaTab.page;
      await expect(a.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Queue');
      await check(a, 'console-queue');
      await a.getByRole('link', { name: caseId.slice(0, 8) }).click();
      await a.waitForURL(new RegExp(`/console/cases/${caseId}$`));
      await expect(a.getByText('Alex insulted me repeatedly').count()).resolves.toBeGreaterThan(0);
      await check(a, 'console-case-received');

      await a.getByLabel('Assign a handler').selectOption({ label: 'Ana Handler' });
      await a.getByRole('button', { name: 'Assign', exact: true }).click();
      await a.waitForURL(/\?done=handling$/);

      await action(a, 'assess_danger').getByLabel('No', { exact: true }).check();
      await record(a, 'assess_danger', 'Assess danger');

      const report = action(a, 'record_initial_report');
      await report.getByLabel(/^Accused/).fill('alex@example.org');
      await report.getByLabel('Behaviour').fill('Repeated insults in code review comments.');
      await report
        .getByLabel('Approximate time and circumstances')
        .fill('Over two weeks, on several patches.');
      await report.getByLabel('The complainant wants to stay anonymous').check();
      await report.getByLabel('Where it happened (venue)').fill('the review system');
      await report.getByLabel('Kind of venue').selectOption('issue_tracker');
      await report.getByLabel('Personal insults').check();
      await record(a, 'record_initial_report', 'Record the initial report');

      const response = action(a, 'record_initial_response');
      await response
        .getByRole('group', { name: 'Do they need help?' })
        .getByLabel('No', { exact: true })
        .check();
      await response
        .getByRole('group', { name: /safe person/ })
        .getByLabel('Did not say')
        .check();
      await response
        .getByRole('group', { name: 'Do they need a safe space?' })
        .getByLabel('No', { exact: true })
        .check();
      await response
        .getByLabel('Message to the complainant')
        .fill('Thank you for telling us. We will pursue the complaint; here is what happens next.');
      await record(a, 'record_initial_response', 'Record the initial response to the complainant');

      const benTab = await signedIn(ben);
      const b = benTab.page;
      await b.goto(`${baseUrl}/console/cases/${caseId}`);
      await record(b, 'notify_executive_director', 'Notify the Executive Director');
      // Conduct staff see why they cannot record the determinations.
      await expect(b.locator('#rule-record_determinations').textContent()).resolves.toContain(
        'Only the Executive Director records the three determinations.',
      );

      const deeTab = await signedIn(dee);
      const d = deeTab.page;
      await d.goto(`${baseUrl}/console/cases/${caseId}`);
      await action(d, 'record_determinations')
        .getByLabel(/More information gathering/)
        .check();
      await record(d, 'record_determinations', 'Record the three determinations');

      const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 16);
      await a.goto(`${baseUrl}/console/cases/${caseId}`);
      await action(a, 'notify_accused').getByLabel('Response deadline (UTC)').fill(deadline);
      await action(a, 'notify_accused')
        .getByLabel('Message to the accused (optional)')
        .fill('Please tell us your side.');
      await action(a, 'notify_accused').getByRole('button', { name: 'Preview the notice' }).click();
      await a.waitForURL(/\/accused-notice\?/);
      const notice = (await a.locator('.notice-preview').textContent()) ?? '';
      expect(notice).toContain('Repeated insults in code review comments.');
      expect(notice).not.toContain('Alex insulted me');
      await check(a, 'console-accused-notice-preview');
      await a.getByRole('button', { name: 'Send the notice and open the response window' }).click();
      await a.waitForURL(/\?done=notify_accused$/);
      await expect(a.getByText('Interim no-contact directive in force').count()).resolves.toBe(1);

      // From the case page to the accused's link, without typing an address.
      await a.getByRole('link', { name: 'Legal counsel and the link for the accused' }).click();
      await a.waitForURL(new RegExp(`/console/cases/${caseId}/access$`));
      await a.getByRole('button', { name: 'Make a link for the accused' }).click();
      await expect(a.locator('code.accused-link').textContent()).resolves.toMatch(/\/respond\//);
      await a.getByRole('link', { name: 'Back to the case' }).click();
      await a.waitForURL(new RegExp(`/console/cases/${caseId}$`));

      await b.goto(`${baseUrl}/console/cases/${caseId}`);
      await action(b, 'record_response')
        .getByLabel("Summary of the accused's response")
        .fill('The accused acknowledged the comments and apologised.');
      await record(b, 'record_response', "Record the accused's response");

      const review = action(b, 'record_review');
      await review.getByLabel('Ana Handler').check();
      await review.getByLabel('Ben Reviewer').check();
      await review.getByLabel('A violation was found').check();
      await record(b, 'record_review', 'Record the review');

      const sanctions = action(b, 'impose_sanctions');
      await sanctions.getByLabel('Impose: Warning').check();
      await sanctions.locator('input[name="warning.starts"]').fill(deadline);
      await sanctions.locator('input[name="warning.indefinite"]').check();
      await record(b, 'impose_sanctions', 'Record the sanctions');

      await a.goto(`${baseUrl}/console/cases/${caseId}`);
      await action(a, 'inform_accused')
        .getByLabel('Message to the accused (optional)')
        .fill('You receive a formal warning.');
      await record(a, 'inform_accused', 'Inform the accused of the action taken');
      await action(a, 'inform_complainant')
        .getByLabel('Message to the complainant')
        .fill('We found a violation and gave a formal warning.');
      await record(a, 'inform_complainant', 'Inform the complainant of the resolution');
      await action(a, 'close_case').getByLabel('Outcome').fill('Formal warning given.');
      await record(a, 'close_case', 'Close the case');

      await expect(a.locator('.facts').first().textContent()).resolves.toContain('Closed');
      await expect(a.locator('.timeline > li').count()).resolves.toBe(13);
      await check(a, 'console-case-closed');

      await a.goto(`${baseUrl}/console?step=closed`);
      await expect(a.getByRole('link', { name: caseId.slice(0, 8) }).count()).resolves.toBe(1);

      expect([...anaTab.problems, ...benTab.problems, ...deeTab.problems]).toEqual([]);
      // About forty page loads in three browser tabs: 20 s alone on two cores, and well over the
      // default 30 s while the rest of the suite (the kill -9 test, other browsers) shares them.
    }, 120_000);
  },
);
