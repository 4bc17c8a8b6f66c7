import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../crypto/totp.js';
import { inviteStaffUser } from '../../services/invite-staff-user.js';
import { createSqliteServices } from '../../../test/helpers/services.js';
import {
  createStaffUser,
  formBody,
  signIn,
  type TestStaffUser,
} from '../../../test/helpers/staff-session.js';
import type { ServiceDeps } from '../../services/deps.js';
import { csrfCookie } from '../forms.js';
import { buildTestServer } from '../server.fixtures.js';
import { sessionCookie } from './session.js';

const minute = 60_000;

describe('staff sign-in, enrolment and sessions over HTTP', () => {
  let app: FastifyInstance;
  let services: ServiceDeps;
  let dispose: () => Promise<void>;
  let clock = Date.parse('2026-11-25T10:00:00.000Z');
  const advance = (ms: number) => {
    clock += ms;
  };

  beforeAll(async () => {
    ({ services, dispose } = await createSqliteServices(() => new Date(clock)));
    ({ app } = await buildTestServer({ services }));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await dispose();
  });

  /** A fresh CSRF secret cookie and its token, as a browser gets them from the sign-in page. */
  async function csrf(extraCookie = ''): Promise<{ cookie: string; token: string }> {
    const page = await app.inject({ method: 'GET', url: '/console/sign-in' });
    const value = page.cookies.find((c) => c.name === csrfCookie)?.value ?? '';
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    return { cookie: [`${csrfCookie}=${value}`, extraCookie].filter(Boolean).join('; '), token };
  }

  async function postSignIn(
    fields: { username: string; password: string; code: string },
    options: { address?: string; cookie?: string; accept?: string } = {},
  ): Promise<LightMyRequestResponse> {
    const { cookie, token } = await csrf(options.cookie);
    return app.inject({
      method: 'POST',
      url: '/console/sign-in',
      remoteAddress: options.address ?? '192.0.2.1',
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        ...(options.accept ? { accept: options.accept } : {}),
      },
      payload: formBody(token, fields),
    });
  }

  const codeOf = (user: TestStaffUser, offsetSteps = 0) =>
    totpCode(user.totpSecret, new Date(clock + offsetSteps * 30_000));

  const sessionOf = (response: LightMyRequestResponse) =>
    response.cookies.find((c) => c.name === sessionCookie && c.value !== '');

  async function account(cookie: string): Promise<LightMyRequestResponse> {
    return app.inject({ method: 'GET', url: '/console/account', headers: { cookie } });
  }

  it('enrols an invited person with a password and a first code, once', async () => {
    const invitation = await inviteStaffUser(
      services,
      { username: 'Ada', displayName: 'Ada Lovelace', roles: ['conduct_staff'] },
      'cli',
    );
    const page = await app.inject({ method: 'GET', url: invitation.path });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const secret = /otpauth:\/\/totp\/[^"]*secret=([A-Z2-7]+)/.exec(page.body)?.[1];
    expect(secret).toBeDefined();
    expect(page.body).toContain('Ada Lovelace');

    const form = await csrf();
    const post = (fields: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: invitation.path,
        headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody(form.token, fields),
      });
    const password = 'a long enough passphrase';
    const wrongCode = await post({ password, passwordAgain: password, code: '000000' });
    expect(wrongCode.statusCode).toBe(400);
    const done = await post({
      password,
      passwordAgain: password,
      code: totpCode(secret!, new Date(clock - 30_000)),
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/console/sign-in?done=enrolled');
    expect((await app.inject({ method: 'GET', url: invitation.path })).statusCode).toBe(404);

    const signedIn = await postSignIn({
      username: 'ada',
      password,
      code: totpCode(secret!, new Date(clock)),
    });
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/console');
    expect(sessionOf(signedIn)).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(sessionOf(signedIn)?.secure).toBeFalsy();
    const mine = await account(`${sessionCookie}=${sessionOf(signedIn)?.value ?? ''}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['cache-control']).toBe('no-store');
    expect(mine.body).toContain('Signed in as Ada Lovelace');
  });

  it('answers a wrong password, a wrong code and an unknown user alike', async () => {
    const user = await createStaffUser(services, { roles: ['conduct_staff'] });
    const attempts = [
      { username: user.username, password: 'not the password', code: codeOf(user) },
      { username: user.username, password: user.password, code: codeOf(user, 5) },
      { username: 'nobody-here', password: user.password, code: codeOf(user) },
    ];
    const answers = [];
    for (const [index, fields] of attempts.entries()) {
      const response = await postSignIn(fields, { address: `198.51.100.${index + 10}` });
      expect(sessionOf(response)).toBeUndefined();
      answers.push({
        status: response.statusCode,
        body: response.body
          .replace(/name="_csrf" value="[^"]+"/, '')
          .replace(/value="[^"]*" id="username"|id="username"[^>]*value="[^"]*"/, ''),
      });
    }
    expect(answers[0]?.status).toBe(401);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    const json = await postSignIn(attempts[2]!, {
      accept: 'application/json',
      address: '198.51.100.20',
    });
    expect(json.statusCode).toBe(401);
    expect(json.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('refuses a TOTP code that was already used', async () => {
    const user = await createStaffUser(services, { roles: ['conduct_staff'] });
    const fields = { username: user.username, password: user.password, code: codeOf(user) };
    expect((await postSignIn(fields, { address: '198.51.100.30' })).statusCode).toBe(303);
    const replay = await postSignIn(fields, { address: '198.51.100.31' });
    expect(replay.statusCode).toBe(401);
    expect(sessionOf(replay)).toBeUndefined();
    // An earlier step inside the window is a replay too; the next one is fresh.
    expect((await postSignIn({ ...fields, code: codeOf(user, -1) })).statusCode).toBe(401);
    expect((await postSignIn({ ...fields, code: codeOf(user, 1) })).statusCode).toBe(303);
  });

  it('refuses a sign-in, sign-out or other POST without its CSRF token with 403', async () => {
    const user = await createStaffUser(services, { roles: ['conduct_staff'] });
    const { cookie } = await signIn(app, user);
    for (const url of ['/console/sign-in', '/console/sign-out', '/console/sign-out-everywhere']) {
      const response = await app.inject({
        method: 'POST',
        url,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `username=${user.username}&password=x&code=1`,
      });
      expect(response.statusCode, url).toBe(403);
    }
    expect((await account(cookie)).statusCode).toBe(200);
  });

  it('gives a new session id at sign-in and ends a session that came with the request', async () => {
    const victim = await createStaffUser(services, { roles: ['conduct_staff'] });
    const planted = 'A'.repeat(43);
    const first = await postSignIn(
      { username: victim.username, password: victim.password, code: codeOf(victim) },
      { cookie: `${sessionCookie}=${planted}` },
    );
    expect(first.statusCode).toBe(303);
    expect(sessionOf(first)?.value).not.toBe(planted);

    // An attacker's own valid session planted in the victim's browser is ended, not reused.
    const attacker = await createStaffUser(services, { roles: ['conduct_staff'] });
    const attackerSession = (await signIn(app, attacker)).cookie.split('; ')[1] ?? '';
    const second = await postSignIn(
      { username: victim.username, password: victim.password, code: codeOf(victim, 1) },
      { cookie: attackerSession },
    );
    expect(second.statusCode).toBe(303);
    expect(`${sessionCookie}=${sessionOf(second)?.value ?? ''}`).not.toBe(attackerSession);
    expect((await account(attackerSession)).statusCode).toBe(303);
  });

  it('ends a session after 30 idle minutes, and after 12 hours however active', async () => {
    const user = await createStaffUser(services, { roles: ['conduct_staff'] });
    const idle = (await signIn(app, user)).cookie;
    advance(29 * minute);
    expect((await account(idle)).statusCode).toBe(200);
    advance(29 * minute);
    expect((await account(idle)).statusCode).toBe(200);
    advance(31 * minute);
    const expired = await account(idle);
    expect(expired.statusCode).toBe(303);
    expect(expired.headers.location).toBe('/console/sign-in?next=%2Fconsole%2Faccount');

    const busy = (await signIn(app, user)).cookie;
    for (let elapsed = 0; elapsed < 12 * 60; elapsed += 20) {
      expect((await account(busy)).statusCode).toBe(200);
      advance(20 * minute);
    }
    expect((await account(busy)).statusCode).toBe(303);
  });

  it('answers a JSON client without a session with 401 and a browser with a redirect', async () => {
    const json = await app.inject({
      method: 'GET',
      url: '/console/account',
      headers: { accept: 'application/json' },
    });
    expect(json.statusCode).toBe(401);
    expect(json.headers['cache-control']).toBe('no-store');
    const head = await app.inject({ method: 'HEAD', url: '/console/account' });
    expect(head.statusCode).toBe(303);
    const admin = await app.inject({ method: 'GET', url: '/console/users' });
    expect(admin.statusCode).toBe(303);
    const browser = await app.inject({ method: 'GET', url: '/console/account' });
    expect(browser.statusCode).toBe(303);
    expect(browser.headers.location).toMatch(/^\/console\/sign-in/);
  });

  it('signs out this session only, or every session with "sign out everywhere"', async () => {
    const user = await createStaffUser(services, { roles: ['conduct_staff'] });
    const laptop = await signIn(app, user);
    const phone = await signIn(app, user);
    const tablet = await signIn(app, user);
    const post = (url: string, session: typeof laptop) =>
      app.inject({
        method: 'POST',
        url,
        headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody(session.csrfToken),
      });
    const out = await post('/console/sign-out', laptop);
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/console/sign-in?done=signed-out');
    expect((await account(laptop.cookie)).statusCode).toBe(303);
    expect((await account(phone.cookie)).statusCode).toBe(200);

    expect((await post('/console/sign-out-everywhere', phone)).statusCode).toBe(303);
    expect((await account(phone.cookie)).statusCode).toBe(303);
    expect((await account(tablet.cookie)).statusCode).toBe(303);
  });

  it('refuses every old session once the password has changed', async () => {
    const user = await createStaffUser(services, { roles: ['conduct_staff'] });
    const here = await signIn(app, user);
    const elsewhere = await signIn(app, user);
    const newPassword = 'another long passphrase';
    const changed = await app.inject({
      method: 'POST',
      url: '/console/account/password',
      headers: { cookie: here.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody(here.csrfToken, {
        currentPassword: user.password,
        newPassword,
        newPasswordAgain: newPassword,
      }),
    });
    expect(changed.statusCode).toBe(303);
    expect((await account(here.cookie)).statusCode).toBe(303);
    expect((await account(elsewhere.cookie)).statusCode).toBe(303);
    const old = await postSignIn({
      username: user.username,
      password: user.password,
      code: codeOf(user),
    });
    expect(old.statusCode).toBe(401);
    const fresh = await postSignIn({
      username: user.username,
      password: newPassword,
      code: codeOf(user, 1),
    });
    expect(fresh.statusCode).toBe(303);
  });
});
