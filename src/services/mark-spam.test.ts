import { expect, it } from 'vitest';
import { describeStorage } from '../../test/helpers/storage.js';
import { generateKeyRing } from '../crypto/keys.js';
import type { Actor } from '../domain/roles.js';
import { findCase } from '../store/case.repository.js';
import type { Database } from '../store/database.js';
import type { ServiceDeps } from './deps.js';
import { markReportAsSpam } from './mark-spam.js';
import { recordCaseStep } from './record-case-step.js';
import { buildReport } from './reporting.fixtures.js';
import { submitReport } from './submit-report.js';

const staff: Actor = { id: 'staff-ana', roles: ['conduct_staff'] };

function depsFor(database: Database): ServiceDeps {
  let t = Date.parse('2026-11-25T09:00:00.000Z');
  return { database, keys: generateKeyRing(), now: () => new Date((t += 60_000)) };
}

describeStorage('marking a report as spam', (use) => {
  it('keeps the case, takes it out of the step queues and audits who did it', async () => {
    const deps = depsFor(use().database);
    const { caseId } = await submitReport(deps, buildReport({ immediateDanger: true }), []);
    await recordCaseStep(deps, caseId, { kind: 'assess_danger', immediateDanger: false }, staff);
    await markReportAsSpam(deps, caseId, 'Advertising, no incident.', staff);

    const { db } = deps.database;
    expect(await findCase(db, caseId)).toMatchObject({ step: 'spam', danger_flag: 0 });
    // What a step queue asks: open cases waiting for a step. The spam case is not among them.
    const queue = await db
      .selectFrom('cases')
      .select('id')
      .where('step', 'not in', ['closed', 'merged', 'spam'])
      .execute();
    expect(queue.map((row) => row.id)).not.toContain(caseId);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('case_id', '=', caseId)
      .orderBy('seq')
      .execute();
    expect(audit.at(-1)).toEqual({ action: 'case.marked_as_spam', actor: staff.id });
  });

  it('refuses spam on a report already being handled, and refuses the public side', async () => {
    const deps = depsFor(use().database);
    const { caseId } = await submitReport(deps, buildReport(), []);
    await expect(
      markReportAsSpam(deps, caseId, '', { id: 'public-intake', roles: [], kind: 'public' }),
    ).rejects.toMatchObject({ rule: 'public_intake_limited' });
    await recordCaseStep(deps, caseId, { kind: 'assess_danger', immediateDanger: false }, staff);
    await recordCaseStep(
      deps,
      caseId,
      {
        kind: 'record_initial_report',
        accused: ['party:1'],
        behaviour: 'Insults.',
        timeAndCircumstances: 'Tuesday.',
        anonymityRequested: true,
        venue: 'irc',
        conductItems: ['personal_insults'],
      },
      staff,
    );
    await expect(markReportAsSpam(deps, caseId, '', staff)).rejects.toMatchObject({
      code: 'rule_violation',
      rule: 'spam_after_initial_report',
    });
    expect(await findCase(deps.database.db, caseId)).toMatchObject({
      step: 'record_initial_response',
    });
  });
});
