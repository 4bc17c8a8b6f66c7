import { expect, it } from 'vitest';
import { describeStorage } from '../../test/helpers/storage.js';
import { blindIndex } from '../crypto/blind-index.js';
import { generateKeyRing } from '../crypto/keys.js';
import { submissionIdHash } from '../crypto/receipt-codes.js';
import { openText } from '../crypto/sealing.js';
import type { Actor } from '../domain/roles.js';
import { findCase, selectCaseEvents } from '../store/case.repository.js';
import { openDatabase } from '../store/database.js';
import type { Database } from '../store/database.js';
import { casesWithBlindIndex, selectCaseReports } from '../store/report.repository.js';
import { readAttachment } from './attachments.js';
import { caseDataKey, openCaseEvents } from './case-timeline.js';
import type { ServiceDeps } from './deps.js';
import { buildReport, tinyPng } from './reporting.fixtures.js';
import { submitReport, submitStaffEnteredReport } from './submit-report.js';

const staff: Actor = { id: 'staff-ana', roles: ['conduct_staff'] };
const admin: Actor = { id: 'admin-ada', roles: ['administrator'] };

function depsFor(database: Database): ServiceDeps {
  let t = Date.parse('2026-11-25T09:00:00.000Z');
  return { database, keys: generateKeyRing(), now: () => new Date((t += 60_000)) };
}

async function counts(database: Database) {
  const count = async (table: 'cases' | 'reports' | 'parties' | 'attachments' | 'audit_log') =>
    Number(
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    cases: await count('cases'),
    reports: await count('reports'),
    parties: await count('parties'),
    attachments: await count('attachments'),
    audit: await count('audit_log'),
  };
}

async function openedReport(deps: ServiceDeps, caseId: string): Promise<Record<string, unknown>> {
  const row = await findCase(deps.database.db, caseId);
  const [report] = await selectCaseReports(deps.database.db, caseId);
  const text = openText(caseDataKey(deps.keys, row!), report!.content_sealed, {
    table: 'reports',
    column: 'content_sealed',
    rowId: report!.id,
  });
  return JSON.parse(text) as Record<string, unknown>;
}

describeStorage('submitting a report', (use, kind) => {
  it('stores an anonymous report as a new case, in one go, with no contact', async () => {
    const deps = depsFor(use().database);
    const report = buildReport();
    const result = await submitReport(deps, report, [
      { filename: 'screenshot.png', bytes: tinyPng },
    ]);
    expect(result).toMatchObject({ duplicate: false, immediateDanger: false });
    expect(result.receiptCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);

    const { db } = deps.database;
    expect(await findCase(db, result.caseId)).toMatchObject({
      step: 'assess_danger',
      danger_flag: 0,
      reported_danger: 0,
      venue_kind: 'irc',
      attention: 1,
    });
    const [stored] = await db
      .selectFrom('reports')
      .selectAll()
      .where('case_id', '=', result.caseId)
      .execute();
    expect(stored).toMatchObject({ channel: 'public_form' });
    expect(stored?.submission_id).toBe(submissionIdHash(deps.keys, report.submissionId));
    expect(stored?.receipt_hash).toMatch(/^r2\$/);

    const content = await openedReport(deps, result.caseId);
    expect(content).not.toHaveProperty('submissionId');
    expect(content).toMatchObject({ behaviour: report.behaviour, contact: null, anonymous: true });
    expect(content.attachmentIds).toHaveLength(1);

    const parties = await db
      .selectFrom('parties')
      .select('role')
      .where('case_id', '=', result.caseId)
      .execute();
    expect(parties.map((party) => party.role)).toEqual(['accused']);
    const identifiers = await db
      .selectFrom('identifiers')
      .select('kind')
      .where('case_id', '=', result.caseId)
      .orderBy('kind')
      .execute();
    expect(identifiers.map((row) => row.kind)).toEqual(['email', 'irc', 'name']);

    const row = await findCase(db, result.caseId);
    const [received] = openCaseEvents(
      caseDataKey(deps.keys, row!),
      result.caseId,
      await selectCaseEvents(db, result.caseId),
    );
    expect(received).toMatchObject({
      type: 'case_received',
      actorId: 'public-intake',
      intake: { channel: 'public_form' },
    });
    expect(received?.type === 'case_received' && received.account).toContain(report.behaviour);

    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'actor', 'entry'])
      .where('case_id', '=', result.caseId)
      .orderBy('seq')
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual(['case.case_received', 'report.submitted']);
    expect(audit[1]?.entry).not.toContain('Sam');
  });

  it('keeps the contact of a named report, sealed, and flags a reported danger for the queue', async () => {
    const deps = depsFor(use().database);
    const report = buildReport({
      anonymous: false,
      contact: 'ana@example.net',
      immediateDanger: true,
    });
    const result = await submitReport(deps, report, []);
    expect(result.immediateDanger).toBe(true);
    // The queue puts it first (attention 0) although staff have not answered the danger question.
    expect(await findCase(deps.database.db, result.caseId)).toMatchObject({
      reported_danger: 1,
      danger_flag: 0,
      attention: 0,
    });
    const roles = await deps.database.db
      .selectFrom('parties')
      .select('role')
      .where('case_id', '=', result.caseId)
      .orderBy('role')
      .execute();
    expect(roles.map((party) => party.role)).toEqual(['accused', 'complainant']);
    expect(await openedReport(deps, result.caseId)).toMatchObject({ contact: 'ana@example.net' });
  });

  it('refuses contact details on an anonymous report and writes nothing', async () => {
    const deps = depsFor(use().database);
    const before = await counts(deps.database);
    await expect(
      submitReport(deps, buildReport({ anonymous: true, contact: 'ana@example.net' }), []),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await counts(deps.database)).toEqual(before);
  });

  it('answers a re-sent form with the same case and code, and writes nothing new', async () => {
    const deps = depsFor(use().database);
    const report = buildReport();
    const first = await submitReport(deps, report, [{ filename: 'a.png', bytes: tinyPng }]);
    const before = await counts(deps.database);
    const again = await submitReport(deps, report, [{ filename: 'a.png', bytes: tinyPng }]);
    expect(again).toEqual({ ...first, duplicate: true });
    expect(await counts(deps.database)).toEqual(before);
  });

  it('makes one case when two deliveries of one form arrive at the same moment', async () => {
    const { database, target } = use();
    const deps = depsFor(database);
    const report = buildReport();
    const before = await counts(database);
    // On PostgreSQL two pools race like two app servers; SQLite serialises writers anyway.
    const servers =
      kind === 'postgres'
        ? await Promise.all([1, 2].map(() => openDatabase(target, { create: false })))
        : [database, database];
    try {
      const results = await Promise.all(
        servers.map((server) => submitReport({ ...deps, database: server }, report, [])),
      );
      expect(new Set(results.map((result) => result.caseId)).size).toBe(1);
      expect(new Set(results.map((result) => result.receiptCode)).size).toBe(1);
      expect(results.map((result) => result.duplicate).sort()).toEqual([false, true]);
      const after = await counts(database);
      expect(after.cases - before.cases).toBe(1);
      expect(after.reports - before.reports).toBe(1);
    } finally {
      if (kind === 'postgres') await Promise.all(servers.map((server) => server.close()));
    }
  });

  it('links two reports about one e-mail address through the blind index', async () => {
    const deps = depsFor(use().database);
    const person = (value: string) => [
      { name: '', identifiers: [{ kind: 'email' as const, value }] },
    ];
    const first = await submitReport(
      deps,
      buildReport({ accused: person('Jo.Doe@Example.org') }),
      [],
    );
    const second = await submitReport(
      deps,
      buildReport({ accused: person(' jo.doe@example.org ') }),
      [],
    );
    const other = await submitReport(
      deps,
      buildReport({ accused: person('someone@else.org') }),
      [],
    );
    const index = blindIndex(deps.keys.blindIndexKey, {
      kind: 'email',
      value: 'jo.doe@example.org',
    });
    const linked = await casesWithBlindIndex(deps.database.db, index);
    expect(linked).toEqual([first.caseId, second.caseId].sort());
    expect(linked).not.toContain(other.caseId);
  });

  it('refuses a file that is not of an accepted kind before writing anything', async () => {
    const deps = depsFor(use().database);
    const before = await counts(deps.database);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0')]);
    await expect(
      submitReport(deps, buildReport(), [{ filename: 'screenshot.png', bytes: exe }]),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await counts(deps.database)).toEqual(before);
  });

  it('lets staff who may see the case open an attachment, and audits it', async () => {
    const deps = depsFor(use().database);
    const result = await submitReport(deps, buildReport(), [
      { filename: 'shot.png', bytes: tinyPng },
    ]);
    const content = await openedReport(deps, result.caseId);
    const [attachmentId] = content.attachmentIds as string[];
    const opened = await readAttachment(deps, result.caseId, attachmentId!, staff);
    expect(opened).toMatchObject({ name: 'shot.png', contentType: 'image/png' });
    expect(opened.bytes.equals(tinyPng)).toBe(true);
    await expect(readAttachment(deps, result.caseId, attachmentId!, admin)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(readAttachment(deps, result.caseId, 'nope', staff)).rejects.toMatchObject({
      code: 'not_found',
    });
    const actions = await deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('case_id', '=', result.caseId)
      .where('action', '=', 'attachment.read')
      .execute();
    expect(actions).toEqual([{ action: 'attachment.read', actor: staff.id }]);
  });

  it('records a report taken by phone as an oral account and who wrote it down', async () => {
    const deps = depsFor(use().database);
    const result = await submitStaffEnteredReport(
      deps,
      {
        ...buildReport({ anonymous: false, contact: '+41 22 555 01 01' }),
        medium: 'phone',
        writtenDownBy: staff.id,
      },
      staff,
    );
    expect(result.receiptCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    const row = await findCase(deps.database.db, result.caseId);
    const [received] = openCaseEvents(
      caseDataKey(deps.keys, row!),
      result.caseId,
      await selectCaseEvents(deps.database.db, result.caseId),
    );
    expect(received).toMatchObject({
      actorId: staff.id,
      intake: { channel: 'staff_entered', medium: 'phone', oral: true, writtenDownBy: staff.id },
    });
    expect(await openedReport(deps, result.caseId)).toMatchObject({
      staffEntry: { medium: 'phone', writtenDownBy: staff.id },
    });
  });

  it('lets only conduct staff enter a report', async () => {
    const deps = depsFor(use().database);
    const input = { ...buildReport(), medium: 'in_person' as const, writtenDownBy: admin.id };
    await expect(submitStaffEnteredReport(deps, input, admin)).rejects.toMatchObject({
      code: 'rule_violation',
    });
  });
});
