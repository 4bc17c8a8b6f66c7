import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carryToAccusedNotified } from '../../../test/helpers/case-steps.js';
import { createSqliteServices } from '../../../test/helpers/services.js';
import {
  createStaffUser,
  formBody,
  signIn,
  type TestStaffUser,
} from '../../../test/helpers/staff-session.js';
import { assertCaseAccess } from '../../services/case-access.service.js';
import type { ServiceDeps } from '../../services/deps.js';
import { buildReport } from '../../services/reporting.fixtures.js';
import { submitReport } from '../../services/submit-report.js';
import { csrfCookie } from '../forms.js';
import { buildTestServer } from '../server.fixtures.js';
import { accusedCookie } from './respond.route.js';

type Reply = Awaited<ReturnType<FastifyInstance['inject']>>;

describe('the accused link', () => {
  let app: FastifyInstance;
  let services: ServiceDeps;
  let dispose: () => Promise<void>;
  let ana: TestStaffUser;
  let dora: TestStaffUser;
  let caseId: string;
  let offsetMs = 0;
  let logText: () => string;

  const cookieOf = (reply: Reply, name: string) => reply.cookies.find((c) => c.name === name);

  async function makeLink(): Promise<string> {
    const session = await signIn(app, ana);
    const reply = await app.inject({
      method: 'POST',
      url: `/console/cases/${caseId}/accused-link`,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody(session.csrfToken),
    });
    expect(reply.statusCode).toBe(200);
    const token = /\/respond\/([A-Za-z0-9_-]{43})/.exec(reply.body)?.[1];
    if (token === undefined) throw new Error('no link on the page');
    return token;
  }

  async function openLink(token: string): Promise<{ reply: Reply; cookie: string }> {
    const reply = await app.inject({ method: 'GET', url: `/respond/${token}` });
    const session = cookieOf(reply, accusedCookie);
    return { reply, cookie: session === undefined ? '' : `${accusedCookie}=${session.value}` };
  }

  beforeAll(async () => {
    const storage = await createSqliteServices(() => new Date(Date.now() + offsetMs));
    services = storage.services;
    dispose = storage.dispose;
    const server = await buildTestServer({ services });
    app = server.app;
    logText = server.logText;
    ana = await createStaffUser(services, { roles: ['conduct_staff'] });
    dora = await createStaffUser(services, { roles: ['executive_director'] });
    caseId = (await submitReport(services, buildReport(), [])).caseId;
  });

  afterAll(async () => {
    await app.close();
    await dispose();
  });

  it('cannot be made before the accused is notified', async () => {
    const session = await signIn(app, ana);
    const reply = await app.inject({
      method: 'POST',
      url: `/console/cases/${caseId}/accused-link`,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody(session.csrfToken),
    });
    expect(reply.statusCode).toBe(409);
  });

  it('is exchanged once for a session cookie kept to /respond, and the token leaves the address', async () => {
    await carryToAccusedNotified(services, caseId, { staff: ana.actor, director: dora.actor });
    const token = await makeLink();
    const { reply } = await openLink(token);
    expect(reply.statusCode).toBe(303);
    expect(reply.headers.location).toBe('/respond');
    const cookie = cookieOf(reply, accusedCookie);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/respond' });
    expect(cookie?.value).not.toBe(token);
    expect((await openLink(token)).reply.statusCode).toBe(404);
    expect(logText()).not.toContain(token);
  });

  it('shows the notice and takes one response, with a CSRF token', async () => {
    const { cookie } = await openLink(await makeLink());
    const page = await app.inject({ method: 'GET', url: '/respond', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Repeated insults in a public channel');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const both = `${cookie}; ${csrfCookie}=${cookieOf(page, csrfCookie)?.value ?? ''}`;
    const form = { cookie: both, 'content-type': 'application/x-www-form-urlencoded' };
    const forged = await app.inject({
      method: 'POST',
      url: '/respond',
      headers: form,
      payload: 'response=I%20was%20not%20there',
    });
    expect(forged.statusCode).toBe(403);
    const sent = await app.inject({
      method: 'POST',
      url: '/respond',
      headers: form,
      payload: formBody(csrf, { response: 'I was not there that evening.' }),
    });
    expect(sent.statusCode).toBe(303);
    const opened = await assertCaseAccess(services, caseId, ana.actor, 'view');
    expect(opened.state.response).toMatchObject({
      type: 'response_recorded',
      actorId: 'accused-link',
      summary: 'I was not there that evening.',
    });
    const again = await app.inject({
      method: 'POST',
      url: '/respond',
      headers: form,
      payload: formBody(csrf, { response: 'A second answer.' }),
    });
    expect(again.statusCode).toBe(409);
  });

  it('answers "not found" without a session, and after leaving', async () => {
    expect((await app.inject({ method: 'GET', url: '/respond' })).statusCode).toBe(404);
    const { cookie } = await openLink(await makeLink());
    const page = await app.inject({ method: 'GET', url: '/respond', headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const left = await app.inject({
      method: 'POST',
      url: '/respond/leave',
      headers: {
        cookie: `${cookie}; ${csrfCookie}=${cookieOf(page, csrfCookie)?.value ?? ''}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: formBody(csrf),
    });
    expect(left.statusCode).toBe(303);
    expect(
      (await app.inject({ method: 'GET', url: '/respond', headers: { cookie } })).statusCode,
    ).toBe(404);
  });

  it('ends an earlier link when a new one is made, and stops working when it expires', async () => {
    const older = await makeLink();
    const newer = await makeLink();
    expect((await openLink(older)).reply.statusCode).toBe(404);
    const { cookie } = await openLink(newer);
    const unopened = await makeLink();
    // Past the session's two hours, and past the link's deadline (at most 14 days).
    offsetMs = 15 * 24 * 3_600_000;
    try {
      const page = await app.inject({ method: 'GET', url: '/respond', headers: { cookie } });
      expect(page.statusCode).toBe(404);
      expect((await openLink(unopened)).reply.statusCode).toBe(404);
    } finally {
      offsetMs = 0;
    }
  });
});
