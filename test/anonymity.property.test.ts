import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accusedNoticeFields } from '../src/domain/accused-notice.js';
import { csrfCookie } from '../src/http/forms.js';
import { accusedCookie } from '../src/http/public/respond.route.js';
import { buildTestServer } from '../src/http/server.fixtures.js';
import { issueAccusedLink } from '../src/services/accused-link.js';
import { assertCaseAccess } from '../src/services/case-access.service.js';
import type { ServiceDeps } from '../src/services/deps.js';
import { addInformation, openFollowUp } from '../src/services/follow-up.js';
import { buildReport } from '../src/services/reporting.fixtures.js';
import { submitReport } from '../src/services/submit-report.js';
import { renderAccusedNotice } from '../src/views/accused-notice.js';
import { carryToAccusedInformed, carryToAccusedNotified } from './helpers/case-steps.js';
import { createSqliteServices } from './helpers/services.js';
import { createStaffUser, formBody, type TestStaffUser } from './helpers/staff-session.js';

/*
 * Anonymity as a property (DESIGN.md, step 6: "never the complainant's identity when they asked
 * for anonymity"): an anonymous complainant puts their name, e-mail, IRC nick and contact in every
 * field they can write (the account, the circumstances, the place, the other people involved, and
 * what they add later through the follow-up page); staff carry the case to the notice and on to
 * telling the accused the outcome; every page and message the accused can reach must hold none of
 * it. Staff's own words are random and the complainant's details are distinctive random strings,
 * so a hit can only be a leak.
 */

const letters = (min: number, max: number) =>
  fc.string({
    unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
    minLength: min,
    maxLength: max,
  });

const complainant = fc.record({
  name: fc.tuple(letters(6, 10), letters(6, 10)).map(([first, last]) => `Q${first} Z${last}`),
  email: fc
    .tuple(letters(6, 10), letters(5, 8))
    .map(([local, domain]) => `${local}@${domain}.example`),
  nick: fc
    .tuple(letters(6, 10), fc.integer({ min: 10, max: 99 }))
    .map(([nick, n]) => `${nick}_${n}`),
  contact: fc.integer({ min: 1_000_000_000, max: 9_999_999_999 }).map((n) => `+44 ${n}`),
});

/** Staff's words: random lower-case words, which the distinctive details above cannot hide in. */
const staffWords = fc
  .array(letters(2, 7), { minLength: 3, maxLength: 12 })
  .map((words) => `Staff note: ${words.join(' ')}.`);

describe('anonymity towards the accused', () => {
  let app: FastifyInstance;
  let services: ServiceDeps;
  let dispose: () => Promise<void>;
  let staff: TestStaffUser;
  let director: TestStaffUser;

  beforeAll(async () => {
    const storage = await createSqliteServices();
    services = storage.services;
    dispose = storage.dispose;
    app = (await buildTestServer({ services })).app;
    staff = await createStaffUser(services, { roles: ['conduct_staff'] });
    director = await createStaffUser(services, { roles: ['executive_director'] });
  });

  afterAll(async () => {
    await app.close();
    await dispose();
  });

  /** Every page of the accused's side for a live session, and the form's CSRF pieces. */
  async function accusedPages(sessionCookie: string, query = '') {
    const reply = await app.inject({
      method: 'GET',
      url: `/respond${query}`,
      headers: { cookie: sessionCookie },
    });
    expect(reply.statusCode).toBe(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(reply.body)?.[1] ?? '';
    const secret = reply.cookies.find((c) => c.name === csrfCookie)?.value ?? '';
    return { body: reply.body, token, cookie: `${sessionCookie}; ${csrfCookie}=${secret}` };
  }

  async function openLink(caseId: string): Promise<{ cookie: string; bodies: string[] }> {
    const link = await issueAccusedLink(services, caseId, staff.actor);
    const reply = await app.inject({ method: 'GET', url: `/respond/${link.token}` });
    expect(reply.statusCode).toBe(303);
    const session = reply.cookies.find((c) => c.name === accusedCookie)?.value ?? '';
    return {
      cookie: `${accusedCookie}=${session}`,
      bodies: [reply.body, JSON.stringify(reply.headers)],
    };
  }

  it('shows the accused none of an anonymous complainant’s name, identifiers or contact', async () => {
    await fc.assert(
      fc.asyncProperty(
        complainant,
        staffWords,
        staffWords,
        staffWords,
        async (who, behaviour, notice, outcome) => {
          const secrets = [who.name, who.email, who.nick, who.contact];
          const signature = `${who.name}, ${who.email}, IRC ${who.nick}, phone ${who.contact}`;
          const report = await submitReport(
            services,
            buildReport({
              anonymous: true,
              contact: null,
              behaviour: `I am ${signature}. He insulted me repeatedly.`,
              circumstances: `Reach me as ${signature}.`,
              approximateTime: `Tuesday, ask ${who.nick}`,
              venue: { kind: 'irc', detail: `#dev, where I am ${who.nick}` },
              othersInvolved: `Only me: ${signature}`,
            }),
            [],
          );
          const caseId = report.caseId;
          const followUp = await openFollowUp(services, report.receiptCode);
          await addInformation(services, followUp?.sessionId ?? '', `Also me: ${signature}`, []);
          await carryToAccusedNotified(
            services,
            caseId,
            { staff: staff.actor, director: director.actor },
            { behaviour, venue: 'IRC, a project channel', noticeMessage: notice },
          );

          const seen: string[] = [];
          const opened = await assertCaseAccess(services, caseId, staff.actor, 'view');
          const fields = accusedNoticeFields(opened.state);
          expect(fields).not.toBeNull();
          seen.push(
            renderToString(
              renderAccusedNotice({ foundationName: 'the Test Foundation', notice: fields! }),
            ),
          );

          const first = await openLink(caseId);
          seen.push(...first.bodies);
          const page = await accusedPages(first.cookie);
          seen.push(page.body);
          const sent = await app.inject({
            method: 'POST',
            url: '/respond',
            headers: { cookie: page.cookie, 'content-type': 'application/x-www-form-urlencoded' },
            payload: formBody(page.token, { response: 'I do not remember any of this.' }),
          });
          expect(sent.statusCode).toBe(303);
          seen.push(sent.body, (await accusedPages(first.cookie, '?sent=1')).body);

          await carryToAccusedInformed(
            services,
            caseId,
            { staff: staff.actor, director: director.actor },
            outcome,
          );
          const later = await openLink(caseId);
          seen.push(...later.bodies, (await accusedPages(later.cookie)).body);
          expect(seen.at(-1)).toContain(outcome);

          const leaks = seen.flatMap((text) =>
            secrets.filter((secret) => text.toLowerCase().includes(secret.toLowerCase())),
          );
          expect(leaks).toEqual([]);
        },
      ),
      { numRuns: 50 },
    );
  }, 120_000);
});
