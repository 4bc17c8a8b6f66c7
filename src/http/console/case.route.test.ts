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
import { sql } from 'kysely';
import { publicIntake } from '../../domain/roles.js';
import type { ServiceDeps } from '../../services/deps.js';
import { startIntakeWriter } from '../../services/intake-writer.js';
import { openCase } from '../../services/record-case-step.js';
import { inTransaction } from '../../store/audit-log.js';
import { findCase, selectCaseEvents } from '../../store/case.repository.js';
import { buildTestServer } from '../server.fixtures.js';

/** A clock that tests move; each reading is a second after the previous one. */
let clock = Date.parse('2026-06-01T09:00:00.000Z');
const now = () => new Date((clock += 1000));

let app: FastifyInstance;
let services: ServiceDeps;
let dispose: () => Promise<void>;
/** The SQLite file, for an intake writer of a test's own. */
let file: string;
let ana: TestStaffUser;
let ben: TestStaffUser;
let director: TestStaffUser;
let anaSession: StaffSessionHeaders;
let benSession: StaffSessionHeaders;
let directorSession: StaffSessionHeaders;

beforeAll(async () => {
  ({ services, dispose, file } = await createSqliteServices(now));
  ({ app } = await buildTestServer({ services, config: { logLevel: 'silent' } }));
  ana = await createStaffUser(services, { displayName: 'Ana Staff', roles: ['conduct_staff'] });
  ben = await createStaffUser(services, { displayName: 'Ben Staff', roles: ['conduct_staff'] });
  director = await createStaffUser(services, {
    displayName: 'Dee Director',
    roles: ['executive_director'],
  });
  anaSession = await signIn(app, ana);
  benSession = await signIn(app, ben);
  directorSession = await signIn(app, director);
});
afterAll(async () => {
  await app?.close();
  await dispose?.();
});

async function newCase(account = 'Someone insulted me on the mailing list.'): Promise<string> {
  const opened = await inTransaction(services.database.db, (trx) =>
    openCase(services, trx, { kind: 'receive', account, channel: 'public_form' }, publicIntake),
  );
  return opened.caseId;
}

function post(
  session: StaffSessionHeaders,
  url: string,
  fields: Record<string, string | string[]> = {},
  accept = 'text/html',
) {
  return app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: session.cookie,
      'content-type': 'application/x-www-form-urlencoded',
      accept,
    },
    payload: formBody(session.csrfToken, fields),
  });
}

function get(session: StaffSessionHeaders, url: string) {
  return app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
}

async function step(
  session: StaffSessionHeaders,
  caseId: string,
  kind: string,
  fields: Record<string, string | string[]> = {},
) {
  const response = await post(session, `/console/cases/${caseId}/steps/${kind}`, fields);
  expect(response.statusCode, `${kind}: ${response.body.slice(0, 2000)}`).toBe(303);
  expect(response.headers.location).toBe(`/console/cases/${caseId}?done=${kind}`);
  return response;
}

const inAWeek = () => new Date(clock + 7 * 24 * 3600 * 1000).toISOString().slice(0, 16);

describe('the case page and its step forms', () => {
  it('takes a case from the report to closed through every step form', async () => {
    const caseId = await newCase();
    const page = await get(anaSession, `/console/cases/${caseId}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Someone insulted me on the mailing list.');
    expect(page.body).toContain('action="/console/cases/' + caseId + '/steps/assess_danger"');
    // The step not open yet is listed with the rule that forbids it.
    expect(page.body).toContain('id="rule-notify_executive_director"');

    await step(anaSession, caseId, 'assess_danger', { immediateDanger: 'no' });
    await step(anaSession, caseId, 'record_initial_report', {
      accused: 'alex@example.org\nalex on IRC',
      behaviour: 'Repeated insults in review comments.',
      timeAndCircumstances: 'Over the last two weeks.',
      othersInvolved: '',
      venue: 'the dev mailing list',
      venueKind: 'mailing_list',
      conductItems: ['personal_insults', 'repeated_harassment'],
    });
    expect((await findCase(services.database.db, caseId))?.venue_kind).toBe('mailing_list');
    await step(anaSession, caseId, 'record_initial_response', {
      needsHelp: 'no',
      wantsSafePerson: 'no',
      needsSafeSpace: 'no_answer',
      message: 'Thank you for telling us. Here is how the procedure goes from now on.',
    });
    await step(benSession, caseId, 'notify_executive_director');
    // Only the Executive Director sees the determinations as a form.
    const forStaff = await get(anaSession, `/console/cases/${caseId}`);
    expect(forStaff.body).not.toContain('/steps/record_determinations"');
    expect(forStaff.body).toContain(
      'Only the Executive Director records the three determinations.',
    );
    const forDirector = await get(directorSession, `/console/cases/${caseId}`);
    expect(forDirector.body).toContain('/steps/record_determinations"');
    await step(directorSession, caseId, 'record_determinations', {
      moreInformationNeeded: 'yes',
      note: 'Ask the list moderators.',
    });

    const deadline = inAWeek();
    const preview = await get(
      anaSession,
      `/console/cases/${caseId}/accused-notice?responseDeadline=${encodeURIComponent(deadline)}&message=Please+answer.`,
    );
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Repeated insults in review comments.');
    expect(preview.body).toContain('Please answer.');
    expect(preview.body).not.toContain('Someone insulted me');
    expect(preview.body).toContain('name="responseDeadline" value="' + deadline + ':00.000Z"');
    await step(anaSession, caseId, 'notify_accused', {
      responseDeadline: `${deadline}:00.000Z`,
      message: 'Please answer.',
    });
    const notified = await get(anaSession, `/console/cases/${caseId}`);
    expect(notified.body).toContain('Interim no-contact directive in force');

    await step(anaSession, caseId, 'record_response', { summary: 'The accused apologised.' });
    await step(anaSession, caseId, 'record_review', {
      participants: [ana.id, ben.id],
      conclusion: 'violation_found',
      jointMeeting: '',
    });
    await step(benSession, caseId, 'impose_sanctions', {
      sanctions: ['warning', 'channel_ban'],
      'warning.starts': '2026-06-02T00:00',
      'warning.indefinite': 'yes',
      'channel_ban.venues': 'dev mailing list',
      'channel_ban.starts': '2026-06-02T00:00',
      'channel_ban.ends': '2026-09-02T00:00',
    });
    await step(anaSession, caseId, 'inform_accused', { message: 'A warning and a list ban.' });
    await step(anaSession, caseId, 'inform_complainant', {
      message: 'We found a violation and took action.',
    });
    await step(anaSession, caseId, 'close_case', { outcome: 'Warning and a three-month ban.' });

    const closed = await get(anaSession, `/console/cases/${caseId}`);
    expect(closed.body).toContain('The case is closed; nothing more can be recorded on it.');
    expect(closed.body).toContain('Warning and a three-month ban.');
    expect(closed.body).toContain('Ban from communication channels');
    expect(closed.body).toContain('Dee Director');
    const types = (await selectCaseEvents(services.database.db, caseId)).map((e) => e.type);
    expect(types).toEqual([
      'case_received',
      'danger_assessed',
      'initial_report_recorded',
      'initial_response_recorded',
      'executive_director_notified',
      'determinations_recorded',
      'accused_notified',
      'response_recorded',
      'review_recorded',
      'sanctions_imposed',
      'accused_informed',
      'complainant_informed',
      'case_closed',
    ]);
  });

  it('keeps the response window open until its deadline, then shows the case overdue', async () => {
    const caseId = await newCase();
    await step(anaSession, caseId, 'assess_danger', { immediateDanger: 'no' });
    await step(anaSession, caseId, 'record_initial_report', {
      accused: 'alex',
      behaviour: 'Insults.',
      timeAndCircumstances: 'Yesterday.',
      venue: 'IRC',
      venueKind: 'irc',
      conductItems: ['personal_insults'],
    });
    await step(anaSession, caseId, 'record_initial_response', {
      needsHelp: 'no',
      wantsSafePerson: 'no',
      needsSafeSpace: 'no',
      message: 'Thank you. We will pursue the complaint and tell you each step.',
    });
    await step(anaSession, caseId, 'notify_executive_director');
    await step(directorSession, caseId, 'record_determinations');
    const deadline = new Date(clock + 3600_000).toISOString().slice(0, 16);
    await step(anaSession, caseId, 'notify_accused', { responseDeadline: deadline });
    const early = await post(anaSession, `/console/cases/${caseId}/steps/close_response_window`);
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('only once its deadline has passed');

    clock += 2 * 3600_000;
    // Two idle hours end every session: sign in again.
    anaSession = await signIn(app, ana);
    benSession = await signIn(app, ben);
    directorSession = await signIn(app, director);
    const queue = await get(anaSession, '/console?step=await_response&venue=irc');
    expect(queue.body).toContain(`/console/cases/${caseId}`);
    expect(queue.body).toContain(`Overdue since ${deadline.replace('T', ' ')}`);
    const page = await get(anaSession, `/console/cases/${caseId}`);
    expect(page.body).toContain('The current step is past its deadline.');
    await step(anaSession, caseId, 'close_response_window');
    expect((await findCase(services.database.db, caseId))?.due_at).toBeNull();
  });

  it('answers a forged step with 409 and the rule in words, and changes nothing', async () => {
    const caseId = await newCase();
    const before = await findCase(services.database.db, caseId);
    const html = await post(anaSession, `/console/cases/${caseId}/steps/notify_accused`, {
      responseDeadline: '2030-01-01T00:00:00.000Z',
    });
    expect(html.statusCode).toBe(409);
    expect(html.body).toContain('The first question on every case is whether anyone is in');
    const json = await post(
      anaSession,
      `/console/cases/${caseId}/steps/close_case`,
      { outcome: 'x' },
      'application/json',
    );
    expect(json.statusCode).toBe(409);
    expect(json.json()).toMatchObject({
      error: { code: 'rule_violation', rule: 'danger_not_assessed' },
    });
    const after = await findCase(services.database.db, caseId);
    expect(after?.version).toBe(before?.version);
    expect(await selectCaseEvents(services.database.db, caseId)).toHaveLength(1);
  });

  it('refuses the determinations from conduct staff with the rule that names the role', async () => {
    const caseId = await newCase();
    await step(anaSession, caseId, 'assess_danger', { immediateDanger: 'no' });
    const refused = await post(anaSession, `/console/cases/${caseId}/steps/record_determinations`);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Only the Executive Director records the three determinations.');
  });

  it('shows the wording check finding beside the message and keeps what was typed', async () => {
    const caseId = await newCase();
    await step(anaSession, caseId, 'assess_danger', { immediateDanger: 'no' });
    await step(anaSession, caseId, 'record_initial_report', {
      accused: 'alex',
      behaviour: 'Insults.',
      timeAndCircumstances: 'Yesterday.',
      venue: 'IRC',
      conductItems: ['personal_insults'],
    });
    const refused = await post(
      anaSession,
      `/console/cases/${caseId}/steps/record_initial_response`,
      {
        needsHelp: 'no',
        wantsSafePerson: 'no',
        needsSafeSpace: 'no',
        message: 'You can always withdraw your complaint if you prefer.',
      },
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('must not invite them to withdraw');
    expect(refused.body).toContain('Do not invite the complainant to withdraw');
    expect(refused.body).toContain(
      'You can always withdraw your complaint if you prefer.</textarea>',
    );
  });

  it('records danger with the contact to the authorities before anything else', async () => {
    const caseId = await newCase();
    await step(anaSession, caseId, 'assess_danger', { immediateDanger: 'yes' });
    const flagged = await get(anaSession, `/console/cases/${caseId}`);
    expect(flagged.body).toContain('Someone is in immediate danger.');
    const refused = await post(
      anaSession,
      `/console/cases/${caseId}/steps/record_initial_report`,
      {},
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('record that local authorities were contacted');
    await step(anaSession, caseId, 'record_authorities_contact', {
      contactedBy: 'Ana',
      contactedAt: new Date(clock - 60_000).toISOString().slice(0, 16),
      reference: 'POL-1234',
    });
    expect((await findCase(services.database.db, caseId))?.danger_flag).toBe(0);
  });

  it('records a stop request, marks spam, merges, and answers an unknown step kind as not found', async () => {
    const survivor = await newCase();
    const related = await newCase('The same person, again.');
    await step(anaSession, survivor, 'record_stop_request', { note: 'They want to stop.' });
    const stopped = await get(anaSession, `/console/cases/${survivor}`);
    expect(stopped.body).toContain('The complainant has asked to stop.');
    await step(anaSession, survivor, 'assess_danger', { immediateDanger: 'no' });
    await step(anaSession, related, 'assess_danger', { immediateDanger: 'no' });
    const merged = await post(anaSession, `/console/cases/${survivor}/merge`, {
      absorbedCaseId: related,
    });
    expect(merged.statusCode).toBe(303);
    expect((await findCase(services.database.db, related))?.merged_into).toBe(survivor);
    expect((await findCase(services.database.db, related))?.step).toBe('merged');
    const again = await post(anaSession, `/console/cases/${survivor}/merge`, {
      absorbedCaseId: related,
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This case was merged into another case');

    const spam = await newCase('Buy cheap watches.');
    await step(anaSession, spam, 'assess_danger', { immediateDanger: 'no' });
    await step(anaSession, spam, 'mark_as_spam', { note: 'advertising' });
    expect((await findCase(services.database.db, spam))?.step).toBe('spam');

    const unknown = await post(anaSession, `/console/cases/${survivor}/steps/delete_everything`);
    expect(unknown.statusCode).toBe(404);
  });

  it('writes case.viewed for every view of case content, and nothing for a case not found', async () => {
    const caseId = await newCase();
    const views = () =>
      services.database.db
        .selectFrom('audit_log')
        .select(['actor', 'action'])
        .where('case_id', '=', caseId)
        .where('action', '=', 'case.viewed')
        .execute();
    await get(anaSession, `/console/cases/${caseId}`);
    await get(benSession, `/console/cases/${caseId}`);
    expect(await views()).toEqual([
      { actor: ana.id, action: 'case.viewed' },
      { actor: ben.id, action: 'case.viewed' },
    ]);
    const missing = await get(anaSession, '/console/cases/00000000-0000-0000-0000-000000000000');
    expect(missing.statusCode).toBe(404);
  });

  it('assigns and removes handlers and labels, audited, and refuses a malformed label', async () => {
    const caseId = await newCase();
    expect(
      (await post(anaSession, `/console/cases/${caseId}/handlers`, { staffId: ben.id })).statusCode,
    ).toBe(303);
    expect(
      (await post(anaSession, `/console/cases/${caseId}/labels`, { label: 'Summit-2026' }))
        .statusCode,
    ).toBe(303);
    const page = await get(anaSession, `/console/cases/${caseId}`);
    expect(page.body).toContain('Remove Ben Staff');
    expect(page.body).toContain('summit-2026');
    const queue = await get(anaSession, '/console?label=summit-2026');
    expect(queue.body).toContain(`/console/cases/${caseId}`);
    expect(queue.body).toContain('Ben Staff');
    const bad = await post(anaSession, `/console/cases/${caseId}/labels`, {
      label: 'Alex Smith harassed',
    });
    expect(bad.statusCode).toBe(409);
    expect(bad.body).toContain('A label is 1 to 40 lower-case letters');
    const noDirectorHandler = await post(anaSession, `/console/cases/${caseId}/handlers`, {
      staffId: director.id,
    });
    expect(noDirectorHandler.statusCode).toBe(409);
    expect(
      (await post(anaSession, `/console/cases/${caseId}/handlers/remove`, { staffId: ben.id }))
        .statusCode,
    ).toBe(303);
    const actions = await services.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('case_id', '=', caseId)
      .where('action', 'like', 'case.%_%')
      .where('action', '!=', 'case.viewed')
      .orderBy('seq')
      .execute();
    expect(actions.map((row) => row.action)).toEqual([
      'case.case_received',
      'case.handler_assigned',
      'case.label_added',
      'case.handler_removed',
    ]);
  });

  it('sends a visitor without a session to sign in and refuses a POST without a CSRF token', async () => {
    const caseId = await newCase();
    const anonymous = await app.inject({ method: 'GET', url: `/console/cases/${caseId}` });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/console/sign-in');
    const forged = await app.inject({
      method: 'POST',
      url: `/console/cases/${caseId}/steps/assess_danger`,
      headers: { cookie: anaSession.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'immediateDanger=no',
    });
    expect(forged.statusCode).toBe(403);
    expect(await selectCaseEvents(services.database.db, caseId)).toHaveLength(1);
  });

  it('lets staff enter a report taken by phone and shows the receipt code once', async () => {
    const form = await get(anaSession, '/console/reports/new');
    expect(form.statusCode).toBe(200);
    const submissionId = /name="submissionId" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const stored = await post(anaSession, '/console/reports/new', {
      submissionId,
      medium: 'phone',
      relation: 'target',
      accusedName: 'Alex Example',
      accusedEmail: 'alex@example.org',
      behaviour: 'Shouted at me during the meetup.',
      venueKind: 'event',
      anonymous: 'yes',
    });
    expect(stored.statusCode, stored.body.slice(0, 3000)).toBe(201);
    expect(stored.body).toMatch(/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/);
    const caseId = /\/console\/cases\/([0-9a-f-]{36})/.exec(stored.body)?.[1] ?? '';
    const page = await get(anaSession, `/console/cases/${caseId}`);
    expect(page.body).toContain('Shouted at me during the meetup.');
    expect(page.body).toContain('An oral account (Phone call), written down by Ana Staff');
  });

  it('keeps what staff typed when the intake writer could not store the report in time', async () => {
    const writer = await startIntakeWriter({ file, keys: services.keys, answerWithinMs: 100 });
    const withWriter = await buildTestServer({
      services: { ...services, intakeWriter: writer },
      config: { logLevel: 'silent' },
    });
    try {
      const session = await signIn(withWriter.app, ana);
      const form = await withWriter.app.inject({
        method: 'GET',
        url: '/console/reports/new',
        headers: { cookie: session.cookie },
      });
      const submissionId = /name="submissionId" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
      // The server's own connection holds the write lock, so the writer cannot store in time.
      await sql`begin immediate`.execute(services.database.db);
      const refused = await withWriter.app.inject({
        method: 'POST',
        url: '/console/reports/new',
        headers: {
          cookie: session.cookie,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'text/html',
        },
        payload: formBody(session.csrfToken, {
          submissionId,
          medium: 'email',
          relation: 'witness',
          behaviour: 'Posted slurs on the list twice this week.',
          venueKind: 'mailing_list',
          anonymous: 'yes',
        }),
      });
      await sql`commit`.execute(services.database.db);
      expect(refused.statusCode, refused.body.slice(0, 4000)).toBe(503);
      expect(refused.body).toContain('The report could not be stored. Please send it again.');
      expect(refused.body).toContain('Posted slurs on the list twice this week.');
      expect(refused.body).toContain(`name="submissionId" value="${submissionId}"`);
    } finally {
      await withWriter.app.close();
      await writer.close();
    }
  });
});
