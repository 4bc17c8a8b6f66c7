import { expect, it } from 'vitest';
import { carryToAccusedNotified } from '../../test/helpers/case-steps.js';
import { createStaffUser, type TestStaffUser } from '../../test/helpers/staff-session.js';
import { describeStorage } from '../../test/helpers/storage.js';
import { blindIndex } from '../crypto/blind-index.js';
import { generateKeyRing } from '../crypto/keys.js';
import { OmbudsError } from '../domain/errors.js';
import { replaceStaffIdentifiers } from '../store/access.repository.js';
import { inTransaction } from '../store/audit-log.js';
import type { Database } from '../store/database.js';
import { assertAssignable, assertCaseAccess } from './case-access.service.js';
import { setCounselGrant } from './counsel-grants.js';
import type { ServiceDeps } from './deps.js';
import { recordCaseStep } from './record-case-step.js';
import { buildReport } from './reporting.fixtures.js';
import { setStaffIdentifiers } from './staff-identifiers.js';
import { submitReport } from './submit-report.js';

// The real clock: enrolment checks TOTP codes against it.
function depsFor(database: Database): ServiceDeps {
  return { database, keys: generateKeyRing(), now: () => new Date() };
}

async function rejection(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof OmbudsError) return `${error.code}${error.rule ? `:${error.rule}` : ''}`;
    throw error;
  }
  return 'accepted';
}

const reportNaming = (email: string) =>
  buildReport({ accused: [{ name: 'Someone', identifiers: [{ kind: 'email', value: email }] }] });

describeStorage('the case access gate', (use) => {
  let deps: ServiceDeps;
  let admin: TestStaffUser;
  let ana: TestStaffUser;
  let ben: TestStaffUser;
  let dora: TestStaffUser;
  let cy: TestStaffUser;

  const eventTypes = async (caseId: string, actor = dora) =>
    (await assertCaseAccess(deps, caseId, actor.actor, 'view')).events.map((e) => e.type);

  it('sets up staff', async () => {
    deps = depsFor(use().database);
    admin = await createStaffUser(deps, { roles: ['administrator'] });
    ana = await createStaffUser(deps, { roles: ['conduct_staff'] });
    ben = await createStaffUser(deps, { roles: ['conduct_staff'] });
    dora = await createStaffUser(deps, { roles: ['executive_director'] });
    cy = await createStaffUser(deps, { roles: ['legal_counsel'] });
  });

  it('answers a missing case and a forbidden one alike', async () => {
    const { caseId } = await submitReport(deps, buildReport(), []);
    expect(await rejection(assertCaseAccess(deps, 'no-such-case', ana.actor, 'view'))).toBe(
      'not_found',
    );
    expect(await rejection(assertCaseAccess(deps, caseId, admin.actor, 'view'))).toBe('not_found');
    expect(await rejection(assertCaseAccess(deps, caseId, ana.actor, 'view'))).toBe('accepted');
  });

  it('recuses and routes at intake when a report accuses a member of staff', async () => {
    await setStaffIdentifiers(
      deps,
      ana.id,
      [{ kind: 'email', value: 'ana@foundation.example' }],
      admin.actor,
    );
    const { caseId } = await submitReport(deps, reportNaming('ANA@foundation.example'), []);
    expect(await eventTypes(caseId)).toEqual([
      'case_received',
      'case_routed',
      'staff_party_recused',
    ]);
    expect(await rejection(assertCaseAccess(deps, caseId, ana.actor, 'view'))).toBe('not_found');
    // Routed to the staff procedure: other conduct staff are out until the Director names them.
    expect(await rejection(assertCaseAccess(deps, caseId, ben.actor, 'view'))).toBe('not_found');
  });

  it('records the protections on existing cases when identifiers are set later', async () => {
    const { caseId } = await submitReport(deps, reportNaming('ben@foundation.example'), []);
    expect(await rejection(assertCaseAccess(deps, caseId, ben.actor, 'view'))).toBe('accepted');
    const result = await setStaffIdentifiers(
      deps,
      ben.id,
      [{ kind: 'email', value: 'ben@foundation.example' }],
      admin.actor,
    );
    expect(result).toEqual({ stored: 1, casesProtected: 1 });
    expect(await eventTypes(caseId)).toContain('staff_party_recused');
    expect(await rejection(assertCaseAccess(deps, caseId, ben.actor, 'view'))).toBe('not_found');
  });

  it('keeps a matched member out even when nothing was recorded, and a forged step changes nothing', async () => {
    const { caseId } = await submitReport(deps, reportNaming('late@foundation.example'), []);
    await recordCaseStep(
      deps,
      caseId,
      { kind: 'assess_danger', immediateDanger: false },
      ben.actor,
    );
    // Written straight to the table, as a flow that forgot the protections would leave it.
    await inTransaction(deps.database.db, (trx) =>
      replaceStaffIdentifiers(
        trx,
        ben.id,
        [
          {
            kind: 'email',
            blindIndex: blindIndex(deps.keys.blindIndexKey, {
              kind: 'email',
              value: 'late@foundation.example',
            }),
          },
        ],
        deps.now().toISOString(),
      ),
    );
    const before = await eventTypes(caseId);
    expect(await rejection(assertCaseAccess(deps, caseId, ben.actor, 'act'))).toBe('not_found');
    expect(
      await rejection(
        recordCaseStep(deps, caseId, { kind: 'record_stop_request', note: '' }, ben.actor),
      ),
    ).toBe('not_found');
    expect(await eventTypes(caseId)).toEqual(before);
    // The accused is conduct staff, so the case counts as routed to the Director even unrecorded.
    expect(await rejection(assertCaseAccess(deps, caseId, ana.actor, 'view'))).toBe('not_found');
    const opened = await assertCaseAccess(deps, caseId, dora.actor, 'act');
    expect(await rejection(assertAssignable(deps.database.db, opened, dora.actor, ben.actor))).toBe(
      'rule_violation:assignee_cannot_act',
    );
    expect(
      await rejection(assertAssignable(deps.database.db, opened, dora.actor, dora.actor)),
    ).toBe('accepted');
  });

  it('refuses staff identifiers set by anyone but an administrator', async () => {
    expect(await rejection(setStaffIdentifiers(deps, ana.id, [], ana.actor))).toBe('not_found');
  });

  it('opens a case to legal counsel only while it is the one granted to them', async () => {
    const first = (await submitReport(deps, buildReport(), [])).caseId;
    const second = (await submitReport(deps, buildReport(), [])).caseId;
    expect(await rejection(assertCaseAccess(deps, first, cy.actor, 'view'))).toBe('not_found');
    expect(await rejection(setCounselGrant(deps, first, cy.id, true, ana.actor))).toBe(
      'rule_violation:grant_requires_executive_director',
    );
    await setCounselGrant(deps, first, cy.id, true, dora.actor);
    expect(await rejection(assertCaseAccess(deps, first, cy.actor, 'view'))).toBe('accepted');
    await setCounselGrant(deps, second, cy.id, true, dora.actor);
    expect(await rejection(assertCaseAccess(deps, first, cy.actor, 'view'))).toBe('not_found');
    expect(await rejection(assertCaseAccess(deps, second, cy.actor, 'view'))).toBe('accepted');
    // Read only: a step is refused with the rule, on the case counsel may see.
    expect(
      await rejection(
        recordCaseStep(deps, second, { kind: 'assess_danger', immediateDanger: false }, cy.actor),
      ),
    ).toBe('rule_violation:legal_counsel_read_only');
    await setCounselGrant(deps, second, cy.id, false, dora.actor);
    expect(await rejection(assertCaseAccess(deps, second, cy.actor, 'view'))).toBe('not_found');
  });

  it('carries a case to the notice with the gate in front of every step', async () => {
    const { caseId } = await submitReport(deps, buildReport(), []);
    await carryToAccusedNotified(deps, caseId, { staff: ana.actor, director: dora.actor });
    expect(await eventTypes(caseId)).toContain('accused_notified');
  });
});
