import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeStorage } from '../../test/helpers/storage.js';
import { generateKeyRing } from '../crypto/keys.js';
import { publicIntake } from '../domain/roles.js';
import type { Actor } from '../domain/roles.js';
import { inTransaction } from '../store/audit-log.js';
import { verifyAuditChain } from '../store/audit-verify.js';
import { findCase, selectCaseEvents } from '../store/case.repository.js';
import { openDatabase } from '../store/database.js';
import type { Database } from '../store/database.js';
import type { ServiceDeps } from './deps.js';
import { openCase, recordCaseStep } from './record-case-step.js';

const staff: Actor = { id: 'staff-ana', roles: ['conduct_staff'] };

/** A clock that moves one minute per reading, so every step is later than the one before. */
function steppingClock(): () => Date {
  let t = Date.parse('2026-11-25T09:00:00.000Z');
  return () => new Date((t += 60_000));
}

function depsFor(database: Database): ServiceDeps {
  return { database, keys: generateKeyRing(), now: steppingClock() };
}

async function receivedCase(deps: ServiceDeps, account = 'Insults on the mailing list.') {
  return inTransaction(deps.database.db, (trx) =>
    openCase(deps, trx, { kind: 'receive', account, channel: 'public_form' }, publicIntake),
  );
}

async function auditCount(database: Database): Promise<number> {
  return (await verifyAuditChain(database.db)).checked;
}

describeStorage('recording procedure steps', (use, kind) => {
  it('opens a case, records steps in order, and keeps the projection and the audit in step', async () => {
    const deps = depsFor(use().database);
    const before = await auditCount(deps.database);
    const opened = await receivedCase(deps);

    const assessed = await recordCaseStep(
      deps,
      opened.caseId,
      { kind: 'assess_danger', immediateDanger: true },
      staff,
    );
    expect(assessed.state.dangerAssessment?.immediateDanger).toBe(true);

    const row = await findCase(deps.database.db, opened.caseId);
    expect(row).toMatchObject({ step: 'record_authorities_contact', danger_flag: 1, version: 2 });
    const stored = await selectCaseEvents(deps.database.db, opened.caseId);
    expect(stored.map((event) => [event.seq, event.type])).toEqual([
      [1, 'case_received'],
      [2, 'danger_assessed'],
    ]);
    const audit = await verifyAuditChain(deps.database.db);
    expect(audit).toEqual({ checked: before + 2, firstBreak: null });
    const actions = await deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('case_id', '=', opened.caseId)
      .orderBy('seq')
      .execute();
    expect(actions).toEqual([
      { action: 'case.case_received', actor: 'public-intake' },
      { action: 'case.danger_assessed', actor: 'staff-ana' },
    ]);
  });

  it('refuses a step out of order with the rule in words, and changes nothing', async () => {
    const deps = depsFor(use().database);
    const opened = await receivedCase(deps);
    const before = await auditCount(deps.database);

    const refused = recordCaseStep(
      deps,
      opened.caseId,
      { kind: 'notify_executive_director' },
      staff,
    );
    await expect(refused).rejects.toMatchObject({
      code: 'rule_violation',
      rule: 'danger_not_assessed',
    });
    await expect(refused).rejects.toHaveProperty(
      'publicMessage',
      expect.stringContaining('immediate or physical danger') as string,
    );

    expect(await findCase(deps.database.db, opened.caseId)).toMatchObject({ version: 1 });
    expect(await selectCaseEvents(deps.database.db, opened.caseId)).toHaveLength(1);
    expect(await auditCount(deps.database)).toBe(before);
  });

  it('answers a case that does not exist as not found', async () => {
    const deps = depsFor(use().database);
    await expect(
      recordCaseStep(
        deps,
        'no-such-case',
        { kind: 'assess_danger', immediateDanger: false },
        staff,
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses to open a timeline in which one ciphertext byte was flipped', async () => {
    const deps = depsFor(use().database);
    const opened = await receivedCase(deps);
    const [event] = await selectCaseEvents(deps.database.db, opened.caseId);
    const flipped = Buffer.from(event!.payloadSealed);
    flipped[20] = flipped[20]! ^ 0x01;
    await deps.database.db
      .updateTable('case_events')
      .set({ payload_sealed: flipped })
      .where('case_id', '=', opened.caseId)
      .where('seq', '=', 1)
      .execute();

    await expect(
      recordCaseStep(deps, opened.caseId, { kind: 'assess_danger', immediateDanger: false }, staff),
    ).rejects.toMatchObject({ code: 'integrity' });
  });

  it('refuses a ciphertext copied from another case, though the key ring is the same', async () => {
    const deps = depsFor(use().database);
    const first = await receivedCase(deps, 'The first account.');
    const second = await receivedCase(deps, 'The second account.');
    const [fromFirst] = await selectCaseEvents(deps.database.db, first.caseId);
    await sql`update case_events set payload_sealed = ${fromFirst!.payloadSealed}
              where case_id = ${second.caseId} and seq = 1`.execute(deps.database.db);

    await expect(
      recordCaseStep(deps, second.caseId, { kind: 'assess_danger', immediateDanger: false }, staff),
    ).rejects.toMatchObject({ code: 'integrity' });
    // The first case, whose ciphertext it is, still opens.
    await expect(
      recordCaseStep(deps, first.caseId, { kind: 'assess_danger', immediateDanger: false }, staff),
    ).resolves.toMatchObject({ caseId: first.caseId });
  });

  it('refuses a wrapped data key moved to another case', async () => {
    const deps = depsFor(use().database);
    const first = await receivedCase(deps);
    const second = await receivedCase(deps);
    const firstRow = await findCase(deps.database.db, first.caseId);
    await deps.database.db
      .updateTable('cases')
      .set({ wrapped_data_key: firstRow!.wrapped_data_key })
      .where('id', '=', second.caseId)
      .execute();

    await expect(
      recordCaseStep(deps, second.caseId, { kind: 'assess_danger', immediateDanger: false }, staff),
    ).rejects.toMatchObject({ code: 'integrity' });
  });

  it('records a step once when two app servers try it on one case at the same moment', async () => {
    const { database, target } = use();
    const deps = depsFor(database);
    const opened = await receivedCase(deps);
    const servers =
      kind === 'postgres'
        ? await Promise.all([1, 2].map(() => openDatabase(target, { create: false })))
        : [database, database];
    try {
      const results = await Promise.allSettled(
        servers.map((server) =>
          recordCaseStep(
            { ...deps, database: server },
            opened.caseId,
            { kind: 'assess_danger', immediateDanger: false },
            staff,
          ),
        ),
      );
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((result) => result.status === 'rejected');
      expect(refused?.reason).toMatchObject({ rule: 'step_already_recorded' });
      expect(await selectCaseEvents(database.db, opened.caseId)).toHaveLength(2);
    } finally {
      if (kind === 'postgres') await Promise.all(servers.map((server) => server.close()));
    }
  });
});
