import { expect, it } from 'vitest';
import { createStaffUser, type TestStaffUser } from '../../test/helpers/staff-session.js';
import { describeStorage } from '../../test/helpers/storage.js';
import { generateKeyRing } from '../crypto/keys.js';
import type { Actor } from '../domain/roles.js';
import { selectCaseStaffAccess } from '../store/case-staff-access.repository.js';
import type { Database } from '../store/database.js';
import { listQueue, queueQuerySchema } from './case-queue.js';
import type { ServiceDeps } from './deps.js';
import { recordCaseStep } from './record-case-step.js';
import { buildReport } from './reporting.fixtures.js';
import { setStaffIdentifiers } from './staff-identifiers.js';
import { submitReport } from './submit-report.js';

// The real clock: enrolment checks TOTP codes against it.
function depsFor(database: Database): ServiceDeps {
  return { database, keys: generateKeyRing(), now: () => new Date() };
}

const all = queueQuerySchema.parse({});

describeStorage('the queue leaves out cases the viewer may not open', (use) => {
  let deps: ServiceDeps;
  let ana: TestStaffUser;
  let ben: TestStaffUser;
  let carl: TestStaffUser;
  let dora: TestStaffUser;
  let liz: TestStaffUser;

  const listed = async (actor: Actor) =>
    (await listQueue(deps, actor, all)).entries.map((e) => e.id);
  const received = async (email = 'someone@example.org') =>
    (
      await submitReport(
        deps,
        buildReport({
          accused: [{ name: 'Someone', identifiers: [{ kind: 'email', value: email }] }],
        }),
        [],
      )
    ).caseId;

  it('sets up staff', async () => {
    deps = depsFor(use().database);
    const admin = await createStaffUser(deps, { roles: ['administrator'] });
    ana = await createStaffUser(deps, { roles: ['conduct_staff'] });
    ben = await createStaffUser(deps, { roles: ['conduct_staff'] });
    carl = await createStaffUser(deps, { roles: ['conduct_staff'] });
    dora = await createStaffUser(deps, { roles: ['executive_director'] });
    liz = await createStaffUser(deps, { roles: ['board_liaison'] });
    // The board liaison is not employed by the Foundation: a report about them stays standard,
    // and only recuses them.
    await setStaffIdentifiers(deps, liz.id, [{ kind: 'email', value: 'liz@board.example' }], {
      id: admin.id,
      roles: ['administrator'],
    });
  });

  it('hides a case from a staff member recused through the blind index at intake, while others see it', async () => {
    const caseId = await received('liz@board.example');
    expect(await listed(liz.actor)).not.toContain(caseId);
    expect(await listed(ben.actor)).toContain(caseId);
    expect(await selectCaseStaffAccess(deps.database.db, caseId)).toEqual([
      { staff_id: liz.id, kind: 'recused' },
    ]);
  });

  it('hides a case already in the queue once staff identifiers naming it are set', async () => {
    const caseId = await received('later@board.example');
    expect(await listed(liz.actor)).toContain(caseId);
    await setStaffIdentifiers(
      deps,
      liz.id,
      [
        { kind: 'email', value: 'liz@board.example' },
        { kind: 'email', value: 'later@board.example' },
      ],
      { id: 'an-admin', roles: ['administrator'] },
    );
    expect(await listed(liz.actor)).not.toContain(caseId);
    expect(await listed(ana.actor)).toContain(caseId);
  });

  it('hides a case from a staff member who declared a conflict, while another still sees it', async () => {
    const caseId = await received();
    await recordCaseStep(
      deps,
      caseId,
      { kind: 'assess_danger', immediateDanger: false },
      ana.actor,
    );
    await recordCaseStep(
      deps,
      caseId,
      { kind: 'declare_conflict', note: 'My flatmate.' },
      ben.actor,
    );
    expect(await listed(ben.actor)).not.toContain(caseId);
    expect(await listed(ana.actor)).toContain(caseId);
    expect(await listed(dora.actor)).toContain(caseId);
  });

  it('lists a Foundation staff case only to the Executive Director and the people they named', async () => {
    const caseId = await received();
    await recordCaseStep(
      deps,
      caseId,
      { kind: 'assess_danger', immediateDanger: false },
      ana.actor,
    );
    await recordCaseStep(
      deps,
      caseId,
      { kind: 'route_case', route: 'foundation_staff' },
      ana.actor,
    );
    expect(await listed(dora.actor)).toContain(caseId);
    expect(await listed(carl.actor)).not.toContain(caseId);
    await recordCaseStep(deps, caseId, { kind: 'name_people', staffIds: [carl.id] }, dora.actor);
    expect(await listed(carl.actor)).toContain(caseId);
    expect(await listed(ana.actor)).not.toContain(caseId);
    expect(await listed(liz.actor)).not.toContain(caseId);
    // Named, then recused: recusal wins, as at the gate.
    await recordCaseStep(deps, caseId, { kind: 'declare_conflict', note: '' }, carl.actor);
    expect(await listed(carl.actor)).not.toContain(caseId);
  });

  it('lists a case about the Executive Director to everyone with a queue but them', async () => {
    const caseId = await received();
    await recordCaseStep(
      deps,
      caseId,
      { kind: 'assess_danger', immediateDanger: false },
      ana.actor,
    );
    await recordCaseStep(
      deps,
      caseId,
      { kind: 'route_case', route: 'against_executive_director' },
      ana.actor,
    );
    expect(await listed(dora.actor)).not.toContain(caseId);
    expect(await listed(ana.actor)).toContain(caseId);
    expect(await listed(liz.actor)).toContain(caseId);
  });
});
