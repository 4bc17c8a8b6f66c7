import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildReport, tinyPng } from '../../services/reporting.fixtures.js';
import { submitReport } from '../../services/submit-report.js';
import { createSqliteServices } from '../../../test/helpers/services.js';
import type { ServiceDeps } from '../../services/deps.js';
import { buildTestServer, type TestServer } from '../server.fixtures.js';
import {
  cookiesFrom,
  hiddenValue,
  openForm,
  postMultipart,
  withoutVariableParts,
} from './reporting-http.fixtures.js';

let server: TestServer | undefined;
let services: ServiceDeps | undefined;
let dispose: (() => Promise<void>) | undefined;
afterEach(async () => {
  await server?.app.close();
  await dispose?.();
  server = undefined;
  dispose = undefined;
});

async function start(): Promise<FastifyInstance> {
  const storage = await createSqliteServices();
  services = storage.services;
  dispose = storage.dispose;
  server = await buildTestServer({ services });
  return server.app;
}

/** Sends a receipt code through the form, as a browser would. */
async function enterCode(app: FastifyInstance, code: string) {
  const form = await openForm(app, '/follow-up');
  const response = await app.inject({
    method: 'POST',
    url: '/follow-up',
    headers: { cookie: form.cookie },
    payload: { _csrf: form.csrf, code },
  });
  return { response, cookie: [form.cookie, cookiesFrom(response)].join('; ') };
}

/** A stored report and a session opened with its code. */
async function openedCase(app: FastifyInstance) {
  const stored = await submitReport(services!, buildReport(), []);
  const { response, cookie } = await enterCode(app, stored.receiptCode.toLowerCase());
  return { stored, response, cookie };
}

describe('/follow-up', () => {
  it('opens the case for a correct code, typed in any case, with a strict session cookie', async () => {
    const app = await start();
    const { response, cookie } = await openedCase(app);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/follow-up/case');
    const session = response.cookies.find((c) => c.name === 'ombuds_follow_up');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/follow-up' });
    const page = await app.inject({ url: '/follow-up/case', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Received. Conduct staff have your report');
    expect(page.body).toContain('Repeated insults in #openstack-dev');
  });

  it('answers an unknown code and a wrong code alike: same status, same page', async () => {
    const app = await start();
    const stored = await submitReport(services!, buildReport(), []);
    // One character changed: the shape of a real code, but not one.
    const last = stored.receiptCode.at(-1) === 'X' ? 'Y' : 'X';
    const nearMiss = `${stored.receiptCode.slice(0, -1)}${last}`;
    const answers = await Promise.all(
      [nearMiss, 'ABCD-EFGH-JKMN-PQRS-TVWX', 'not a code at all', ''].map((code) =>
        enterCode(app, code),
      ),
    );
    const [first, ...rest] = answers.map(({ response }) => response);
    expect(first?.statusCode).toBe(400);
    expect(first?.body).toContain('We could not open a report with this code.');
    for (const other of rest) {
      expect(other.statusCode).toBe(first?.statusCode);
      expect(withoutVariableParts(other.body)).toBe(withoutVariableParts(first?.body ?? ''));
      expect(Object.keys(other.headers).sort()).toEqual(Object.keys(first?.headers ?? {}).sort());
    }
    for (const { response } of answers) {
      expect(response.cookies.some((c) => c.name === 'ombuds_follow_up')).toBe(false);
    }
  });

  it('allows ten code attempts a quarter-hour per client, then refuses without checking', async () => {
    const app = await start();
    const stored = await submitReport(services!, buildReport(), []);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect((await enterCode(app, 'ABCD-EFGH-JKMN-PQRS-TVWX')).response.statusCode).toBe(400);
    }
    const refused = await enterCode(app, stored.receiptCode);
    expect(refused.response.statusCode).toBe(429);
    expect(Number(refused.response.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.response.body).toContain('Too many requests');
    expect(refused.response.cookies.some((c) => c.name === 'ombuds_follow_up')).toBe(false);
  });

  it('adds the reporter’s text and a file to the case and shows them', async () => {
    const app = await start();
    const { cookie } = await openedCase(app);
    const page = await openForm(app, '/follow-up/case', cookie);
    const added = await postMultipart(
      app,
      '/follow-up/case',
      page.cookie,
      [
        ['_csrf', page.csrf],
        ['text', 'He did it again on Friday.'],
      ],
      [{ field: 'attachments', filename: 'friday.png', type: 'image/png', bytes: tinyPng }],
    );
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe('/follow-up/case?added=1');
    const after = await app.inject({ url: '/follow-up/case?added=1', headers: { cookie } });
    expect(after.body).toContain('What you added is now part of your report.');
    expect(after.body).toContain('He did it again on Friday.');
    expect(after.body).toContain('friday.png');
  });

  it('keeps the text of an addition whose CSRF token is wrong, and of an empty one refused', async () => {
    const app = await start();
    const { cookie } = await openedCase(app);
    const forged = await postMultipart(app, '/follow-up/case', cookie, [
      ['_csrf', 'forged'],
      ['text', 'Something I remembered'],
    ]);
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('>Something I remembered</textarea>');
    const empty = await postMultipart(app, '/follow-up/case', cookie, [
      ['_csrf', hiddenValue(forged.body, '_csrf')],
      ['text', '  '],
    ]);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Write something or choose a file to add.');
  });

  it('ends the session on leave, and then sends the reporter back to the code page', async () => {
    const app = await start();
    const { cookie } = await openedCase(app);
    const page = await openForm(app, '/follow-up/case', cookie);
    const left = await app.inject({
      method: 'POST',
      url: '/follow-up/leave',
      headers: { cookie: page.cookie },
      payload: { _csrf: page.csrf },
    });
    expect(left.statusCode).toBe(303);
    expect(left.headers.location).toBe('/follow-up?notice=left');
    const cleared = left.cookies.find((c) => c.name === 'ombuds_follow_up');
    expect(cleared?.value).toBe('');
    // The old cookie, kept by someone, opens nothing any more.
    const stale = await app.inject({ url: '/follow-up/case', headers: { cookie } });
    expect(stale.statusCode).toBe(303);
    expect(stale.headers.location).toBe('/follow-up?notice=ended');
  });

  it('refuses leave without a CSRF token, so no other site can end the session', async () => {
    const app = await start();
    const { cookie } = await openedCase(app);
    const forged = await app.inject({
      method: 'POST',
      url: '/follow-up/leave',
      headers: { cookie },
      payload: {},
    });
    expect(forged.statusCode).toBe(403);
    const still = await app.inject({ url: '/follow-up/case', headers: { cookie } });
    expect(still.statusCode).toBe(200);
  });

  it('sends a visitor without a session to the code page', async () => {
    const app = await start();
    const response = await app.inject({ url: '/follow-up/case' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/follow-up?notice=ended');
  });
});
