import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteServices } from '../../../test/helpers/services.js';
import {
  createStaffUser,
  formBody,
  signIn,
  type TestStaffUser,
} from '../../../test/helpers/staff-session.js';
import type { ServiceDeps } from '../../services/deps.js';
import { buildReport } from '../../services/reporting.fixtures.js';
import { submitReport } from '../../services/submit-report.js';
import { buildTestServer } from '../server.fixtures.js';

describe('access routes of the console', () => {
  let app: FastifyInstance;
  let services: ServiceDeps;
  let dispose: () => Promise<void>;
  let admin: TestStaffUser;
  let ana: TestStaffUser;
  let dora: TestStaffUser;
  let cy: TestStaffUser;

  async function as(user: TestStaffUser, method: 'GET' | 'POST', url: string, fields = {}) {
    const session = await signIn(app, user);
    return app.inject({
      method,
      url,
      headers: {
        cookie: session.cookie,
        ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(method === 'POST' ? { payload: formBody(session.csrfToken, fields) } : {}),
    });
  }

  beforeAll(async () => {
    const storage = await createSqliteServices();
    services = storage.services;
    dispose = storage.dispose;
    app = (await buildTestServer({ services })).app;
    admin = await createStaffUser(services, { roles: ['administrator'] });
    ana = await createStaffUser(services, { roles: ['conduct_staff'] });
    dora = await createStaffUser(services, { roles: ['executive_director'] });
    cy = await createStaffUser(services, { roles: ['legal_counsel'], displayName: 'Cy Counsel' });
  });

  afterAll(async () => {
    await app.close();
    await dispose();
  });

  it('lets an administrator set a staff member’s identifiers, which are never shown again', async () => {
    const url = `/console/users/${ana.id}/identifiers`;
    expect((await as(admin, 'GET', url)).body).toContain('No identifiers on record.');
    const saved = await as(admin, 'POST', url, {
      emails: 'ana@foundation.example\nana.work@foundation.example',
      ircNicks: 'oftc:ana_',
      forgeNames: 'opendev:ana',
      name: 'Ana Example',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('5 identifier(s) saved');
    expect(saved.body).not.toContain('ana@foundation.example');
  });

  it('refuses a malformed identifier and keeps the list as it was', async () => {
    const url = `/console/users/${ana.id}/identifiers`;
    const refused = await as(admin, 'POST', url, { emails: 'not an address' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('5 identifier(s) on record.');
  });

  it('hides the identifiers page from everyone but administrators', async () => {
    expect((await as(ana, 'GET', `/console/users/${ana.id}/identifiers`)).statusCode).toBe(404);
  });

  it('routes a report accusing a member of staff away from them and their colleagues', async () => {
    const { caseId } = await submitReport(
      services,
      buildReport({
        accused: [
          { name: 'A. E.', identifiers: [{ kind: 'irc', network: 'OFTC', value: 'Ana_' }] },
        ],
      }),
      [],
    );
    expect((await as(ana, 'GET', `/console/cases/${caseId}`)).statusCode).toBe(404);
    const page = await as(dora, 'GET', `/console/cases/${caseId}`);
    expect(page.statusCode).toBe(200);
  });

  it('lets the Executive Director grant legal counsel one case to read', async () => {
    const { caseId } = await submitReport(services, buildReport(), []);
    expect((await as(cy, 'GET', `/console/cases/${caseId}`)).statusCode).toBe(404);
    const access = await as(dora, 'GET', `/console/cases/${caseId}/access`);
    expect(access.statusCode).toBe(200);
    expect(access.body).toContain('Cy Counsel');
    const refused = await as(ana, 'POST', `/console/cases/${caseId}/counsel`, { counselId: cy.id });
    expect(refused.statusCode).toBe(409);
    const granted = await as(dora, 'POST', `/console/cases/${caseId}/counsel`, {
      counselId: cy.id,
    });
    expect(granted.statusCode).toBe(303);
    expect((await as(cy, 'GET', `/console/cases/${caseId}`)).statusCode).toBe(200);
    const ended = await as(dora, 'POST', `/console/cases/${caseId}/counsel/remove`, {
      counselId: cy.id,
    });
    expect(ended.statusCode).toBe(303);
    expect((await as(cy, 'GET', `/console/cases/${caseId}`)).statusCode).toBe(404);
  });
});
