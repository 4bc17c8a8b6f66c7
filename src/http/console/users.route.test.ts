import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceDeps } from '../../services/deps.js';
import { createSqliteServices } from '../../../test/helpers/services.js';
import {
  createStaffUser,
  formBody,
  signIn,
  type StaffSessionHeaders,
  type TestStaffUser,
} from '../../../test/helpers/staff-session.js';
import { buildTestServer } from '../server.fixtures.js';

describe('the users page for administrators', () => {
  let app: FastifyInstance;
  let services: ServiceDeps;
  let dispose: () => Promise<void>;
  let admin: TestStaffUser;
  let adminSession: StaffSessionHeaders;

  beforeAll(async () => {
    ({ services, dispose } = await createSqliteServices());
    ({ app } = await buildTestServer({ services }));
    await app.ready();
    admin = await createStaffUser(services, {
      displayName: 'Grace Admin',
      roles: ['administrator'],
    });
    adminSession = await signIn(app, admin);
  });
  afterAll(async () => {
    await app.close();
    await dispose();
  });

  const post = (
    session: StaffSessionHeaders,
    url: string,
    fields: Record<string, string | string[]> = {},
  ) =>
    app.inject({
      method: 'POST',
      url,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody(session.csrfToken, fields),
    });

  it('shows the Users link and page to administrators only', async () => {
    const page = await app.inject({
      method: 'GET',
      url: '/console/users',
      headers: { cookie: adminSession.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('href="/console/users"');
    expect(page.body).toContain('Grace Admin');

    const staff = await createStaffUser(services, { roles: ['conduct_staff'] });
    const staffSession = await signIn(app, staff);
    const account = await app.inject({
      method: 'GET',
      url: '/console/account',
      headers: { cookie: staffSession.cookie },
    });
    expect(account.body).not.toContain('href="/console/users"');
    const refused = await app.inject({
      method: 'GET',
      url: '/console/users',
      headers: { cookie: staffSession.cookie },
    });
    expect(refused.statusCode).toBe(404);
    expect(
      (
        await post(staffSession, '/console/users', {
          username: 'x1',
          displayName: 'X',
          roles: 'administrator',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('invites a staff member with roles and shows the one-time link once', async () => {
    const response = await post(adminSession, '/console/users', {
      username: 'Lin',
      displayName: 'Lin Director',
      roles: ['executive_director', 'conduct_staff'],
    });
    expect(response.statusCode).toBe(201);
    const link = /(http:\/\/127\.0\.0\.1:8080\/console\/enrol\/[A-Za-z0-9_-]{43})/.exec(
      response.body,
    )?.[1];
    expect(link).toBeDefined();
    const enrol = await app.inject({ method: 'GET', url: new URL(link!).pathname });
    expect(enrol.statusCode).toBe(200);
    expect(enrol.body).toContain('Lin Director');
    const list = await app.inject({
      method: 'GET',
      url: '/console/users',
      headers: { cookie: adminSession.cookie },
    });
    expect(list.body).toContain('Invited, not set up yet');
    expect(list.body).not.toContain(link!);

    const taken = await post(adminSession, '/console/users', {
      username: 'lin',
      displayName: 'Other',
      roles: 'conduct_staff',
    });
    expect(taken.statusCode).toBe(400);
    const noRole = await post(adminSession, '/console/users', {
      username: 'nobody2',
      displayName: 'No Role',
    });
    expect(noRole.statusCode).toBe(400);
  });

  it('disables a user, which ends their sessions at once', async () => {
    const staff = await createStaffUser(services, {
      displayName: 'Leaving Person',
      roles: ['conduct_staff'],
    });
    const theirs = await signIn(app, staff);
    const disabled = await post(adminSession, `/console/users/${staff.id}/disable`);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.body).toContain('Leaving Person is disabled');
    const after = await app.inject({
      method: 'GET',
      url: '/console/account',
      headers: { cookie: theirs.cookie },
    });
    expect(after.statusCode).toBe(303);
    // Administrators cannot lock themselves out.
    expect((await post(adminSession, `/console/users/${admin.id}/disable`)).statusCode).toBe(400);
    expect((await post(adminSession, '/console/users/no-such-user/disable')).statusCode).toBe(404);
  });

  it("changes roles, audited, and ends the changed user's sessions", async () => {
    const staff = await createStaffUser(services, { roles: ['conduct_staff'] });
    const theirs = await signIn(app, staff);
    const changed = await post(adminSession, `/console/users/${staff.id}/roles`, {
      roles: ['conduct_staff', 'board_liaison'],
    });
    expect(changed.statusCode).toBe(200);
    const audit = await services.database.db
      .selectFrom('audit_log')
      .select(['entry', 'actor'])
      .where('action', '=', 'staff.roles_changed')
      .execute();
    expect(audit.at(-1)?.actor).toBe(admin.id);
    expect(audit.at(-1)?.entry).toContain('conduct_staff board_liaison');
    const after = await app.inject({
      method: 'GET',
      url: '/console/account',
      headers: { cookie: theirs.cookie },
    });
    expect(after.statusCode).toBe(303);
    expect(
      (await post(adminSession, `/console/users/${staff.id}/roles`, { roles: 'wizard' }))
        .statusCode,
    ).toBe(400);
  });
});
