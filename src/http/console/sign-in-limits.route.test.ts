import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../crypto/totp.js';
import type { ServiceDeps } from '../../services/deps.js';
import { createSqliteServices } from '../../../test/helpers/services.js';
import {
  createStaffUser,
  formBody,
  type TestStaffUser,
} from '../../../test/helpers/staff-session.js';
import { csrfCookie } from '../forms.js';
import { buildTestServer } from '../server.fixtures.js';

describe('sign-in limits per account and per address', () => {
  let app: FastifyInstance;
  let services: ServiceDeps;
  let dispose: () => Promise<void>;
  let clock = Date.parse('2026-11-25T10:00:00.000Z');
  let form: { cookie: string; token: string };

  beforeAll(async () => {
    ({ services, dispose } = await createSqliteServices(() => new Date(clock)));
    ({ app } = await buildTestServer({ services }));
    await app.ready();
    const page = await app.inject({ method: 'GET', url: '/console/sign-in' });
    form = {
      cookie: `${csrfCookie}=${page.cookies.find((c) => c.name === csrfCookie)?.value ?? ''}`,
      token: /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '',
    };
  });
  afterAll(async () => {
    await app.close();
    await dispose();
  });

  function attempt(
    fields: { username: string; password: string; code: string },
    address: string,
  ): Promise<LightMyRequestResponse> {
    return app.inject({
      method: 'POST',
      url: '/console/sign-in',
      remoteAddress: address,
      headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody(form.token, fields),
    });
  }

  const correct = (user: TestStaffUser, offsetSteps = 0) => ({
    username: user.username,
    password: user.password,
    code: totpCode(user.totpSecret, new Date(clock + offsetSteps * 30_000)),
  });

  async function failedGuessesOf(userId: string): Promise<number> {
    const rows = await services.database.db
      .selectFrom('audit_log')
      .select('entry')
      .where('action', '=', 'staff.sign_in_failed')
      .where('actor', '=', userId)
      .execute();
    return rows.length;
  }

  it('evaluates at most 10 of 50 parallel guesses at one account and locks it for the hour', async () => {
    const target = await createStaffUser(services, { roles: ['conduct_staff'] });
    const bystander = await createStaffUser(services, { roles: ['conduct_staff'] });
    // Fifty addresses, so only the per-account limit can hold them back.
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        attempt(
          { ...correct(target), password: `guess number ${index}` },
          `203.0.113.${index + 1}`,
        ),
      ),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 401)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40);
    expect(await failedGuessesOf(target.id)).toBe(10);

    // Even the right password and code are refused for the rest of the hour…
    const locked = await attempt(correct(target), '192.0.2.200');
    expect(locked.statusCode).toBe(429);
    expect(await failedGuessesOf(target.id)).toBe(10);
    // …while another account signs in.
    expect((await attempt(correct(bystander), '192.0.2.201')).statusCode).toBe(303);

    clock += 59 * 60_000;
    expect((await attempt(correct(target, 1), '192.0.2.202')).statusCode).toBe(429);
    clock += 2 * 60_000;
    expect((await attempt(correct(target), '192.0.2.203')).statusCode).toBe(303);
  });

  it('counts guesses per address across accounts', async () => {
    const address = '198.51.100.77';
    const victim = await createStaffUser(services, { roles: ['conduct_staff'] });
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        attempt({ username: `someone-${index}`, password: 'a guess', code: '123456' }, address),
      ),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 401)).toHaveLength(30);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    expect((await attempt(correct(victim), address)).statusCode).toBe(429);
    // The same IPv6 /64 counts as one address.
    const v6 = await Promise.all(
      Array.from({ length: 31 }, (_, index) =>
        attempt(
          { username: `v6-${index}`, password: 'a guess', code: '123456' },
          `2001:db8:1:2::${index + 1}`,
        ),
      ),
    );
    expect(v6.filter((answer) => answer.statusCode === 429)).toHaveLength(1);
    expect((await attempt(correct(victim), '198.51.100.78')).statusCode).toBe(303);
  });
});
