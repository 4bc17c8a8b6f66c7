import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteServices } from '../../../test/helpers/services.js';
import {
  createStaffUser,
  formBody,
  signIn,
  type StaffSessionHeaders,
  type TestStaffUser,
} from '../../../test/helpers/staff-session.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../../services/deps.js';
import { recordCaseStep, type StepInput } from '../../services/record-case-step.js';
import { buildReport } from '../../services/reporting.fixtures.js';
import { submitReport } from '../../services/submit-report.js';
import { selectCaseEvents } from '../../store/case.repository.js';
import { buildTestServer } from '../server.fixtures.js';

/*
 * Redaction through the console: the notice form and its preview refuse, with 409 and the rule in
 * words, text for the accused that names a complainant who asked to stay anonymous.
 */

let clock = Date.parse('2026-06-01T09:00:00.000Z');
const now = () => new Date((clock += 1000));

let app: FastifyInstance;
let services: ServiceDeps;
let dispose: () => Promise<void>;
let ana: TestStaffUser;
let director: TestStaffUser;
let session: StaffSessionHeaders;

beforeAll(async () => {
  ({ services, dispose } = await createSqliteServices(now));
  ({ app } = await buildTestServer({ services, config: { logLevel: 'silent' } }));
  ana = await createStaffUser(services, { roles: ['conduct_staff'] });
  director = await createStaffUser(services, { roles: ['executive_director'] });
  session = await signIn(app, ana);
});
afterAll(async () => {
  await app?.close();
  await dispose?.();
});

async function caseReadyForNotice(): Promise<string> {
  const { caseId } = await submitReport(
    services,
    buildReport({ anonymous: false, contact: 'Robin Quayle, robin.q@example.net' }),
    [],
  );
  const steps: [StepInput, Actor][] = [
    [{ kind: 'assess_danger', immediateDanger: false }, ana.actor],
    [
      {
        kind: 'record_initial_report',
        accused: ['the person named'],
        behaviour: 'Insults in a public channel.',
        timeAndCircumstances: 'Last week.',
        othersInvolved: [],
        anonymityRequested: true,
        venue: 'IRC',
        conductItems: ['personal_insults'],
      },
      ana.actor,
    ],
    [
      {
        kind: 'record_initial_response',
        needsHelp: 'no',
        wantsSafePerson: 'no',
        needsSafeSpace: 'no',
        message: 'Thank you for telling us. Next we notify the Executive Director.',
      },
      ana.actor,
    ],
    [{ kind: 'notify_executive_director' }, ana.actor],
    [
      {
        kind: 'record_determinations',
        outsideHelpNeeded: false,
        publicCommunicationsNeeded: false,
        moreInformationNeeded: false,
      },
      director.actor,
    ],
  ];
  for (const [input, actor] of steps) await recordCaseStep(services, caseId, input, actor);
  return caseId;
}

describe('redaction in the console', () => {
  it('refuses the notice and its preview with 409 and the rule in words, recording nothing', async () => {
    const caseId = await caseReadyForNotice();
    const before = (await selectCaseEvents(services.database.db, caseId)).length;
    const deadline = new Date(clock + 7 * 86_400_000).toISOString().slice(0, 16);
    const message = 'ROBIN   quayle told us; write to robin.q@example.net.';

    const preview = await app.inject({
      method: 'GET',
      url: `/console/cases/${caseId}/accused-notice?responseDeadline=${encodeURIComponent(deadline)}&message=${encodeURIComponent(message)}`,
      headers: { cookie: session.cookie },
    });
    expect(preview.statusCode).toBe(409);
    expect(preview.body).toContain('asked to stay anonymous');
    expect(preview.body).toContain('their name, their e-mail address');
    expect(preview.body).not.toContain('notice-preview');

    const recorded = await app.inject({
      method: 'POST',
      url: `/console/cases/${caseId}/steps/notify_accused`,
      headers: {
        cookie: session.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      payload: formBody(session.csrfToken, { responseDeadline: `${deadline}:00.000Z`, message }),
    });
    expect(recorded.statusCode).toBe(409);
    const body = recorded.json<{ error: { rule?: string; message: string } }>();
    expect(JSON.stringify(body)).toContain('complainant_identity_in_accused_text');
    expect(JSON.stringify(body).toLowerCase()).not.toContain('robin');
    expect((await selectCaseEvents(services.database.db, caseId)).length).toBe(before);
  });
});
