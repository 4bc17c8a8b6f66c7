import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptCodeFor, submissionIdHash } from '../crypto/receipt-codes.js';
import type { Actor } from '../domain/roles.js';
import { findReportBySubmission } from '../store/report.repository.js';
import { createSqliteServices } from '../../test/helpers/services.js';
import { startIntakeWriter, type IntakeWriter } from './intake-writer.js';
import type { ServiceDeps } from './deps.js';
import { buildReport } from './reporting.fixtures.js';
import { submitReport, submitStaffEnteredReport } from './submit-report.js';

// The intake writer is SQLite's (main.ts starts it only there): these tests run on SQLite.
describe('the intake writer thread', () => {
  let deps: ServiceDeps;
  let writer: IntakeWriter;
  let dispose: () => Promise<void>;
  let file: string;

  beforeAll(async () => {
    const made = await createSqliteServices();
    dispose = made.dispose;
    file = made.file;
    writer = await startIntakeWriter({ file, keys: made.services.keys });
    deps = { ...made.services, intakeWriter: writer };
  });

  afterAll(async () => {
    await writer.close();
    await dispose();
  });

  it('stores a report on its own connection; the server reads it once answered', async () => {
    const report = buildReport();
    const result = await submitReport(deps, report, [
      { filename: 'notes.txt', bytes: Buffer.from('what was said in the channel') },
    ]);
    expect(result).toMatchObject({ duplicate: false, immediateDanger: false });
    expect(result.receiptCode).toBe(receiptCodeFor(deps.keys, report.submissionId));
    const stored = await findReportBySubmission(
      deps.database.db,
      submissionIdHash(deps.keys, report.submissionId),
    );
    expect(stored?.case_id).toBe(result.caseId);
    const files = await deps.database.db
      .selectFrom('attachments')
      .select('case_id')
      .where('case_id', '=', result.caseId)
      .execute();
    expect(files).toHaveLength(1);
  });

  it('answers a form sent again with the stored case and code, writing nothing', async () => {
    const report = buildReport();
    const [first, second] = await Promise.all([
      submitReport(deps, report, []),
      submitReport(deps, report, []),
    ]);
    expect(second?.caseId).toBe(first?.caseId);
    expect([first?.duplicate, second?.duplicate].sort()).toEqual([false, true]);
    const again = await submitReport(deps, report, []);
    expect(again).toMatchObject({ caseId: first?.caseId, duplicate: true });
  });

  it('brings a refusal back as the same OmbudsError, code and rule', async () => {
    const admin: Actor = { id: 'admin-ada', roles: ['administrator'] };
    const input = { ...buildReport(), medium: 'in_person' as const, writtenDownBy: admin.id };
    const inThread = await submitStaffEnteredReport(
      { ...deps, intakeWriter: undefined },
      input,
      admin,
    ).catch((error: unknown) => error);
    const fromWriter = await submitStaffEnteredReport(deps, input, admin).catch(
      (error: unknown) => error,
    );
    expect(inThread).toMatchObject({ name: 'OmbudsError', code: 'rule_violation' });
    expect(fromWriter).toMatchObject({
      name: 'OmbudsError',
      code: 'rule_violation',
      rule: (inThread as { rule: string }).rule,
      publicMessage: (inThread as { publicMessage: string }).publicMessage,
    });
  });

  it('finishes the reports under way when closed, then refuses new ones', async () => {
    const own = await startIntakeWriter({ file, keys: deps.keys });
    let sent = 0;
    const counting: IntakeWriter = {
      store: (toStore) => {
        sent += 1;
        return own.store(toStore);
      },
      close: () => own.close(),
    };
    const ownDeps = { ...deps, intakeWriter: counting };
    const underWay = Array.from({ length: 5 }, () => submitReport(ownDeps, buildReport(), []));
    // Every one handed to the thread (after its hash), then closed at once: all are stored.
    while (sent < 5) await new Promise((resolve) => setTimeout(resolve, 5));
    await own.close();
    const results = await Promise.all(underWay);
    expect(results.every((result) => !result.duplicate)).toBe(true);
    await expect(submitReport(ownDeps, buildReport(), [])).rejects.toMatchObject({
      code: 'unavailable',
    });
  });

  it('tells the reporter to send again when the thread cannot store in time, and the resend finds it', async () => {
    const own = await startIntakeWriter({ file, keys: deps.keys, answerWithinMs: 100 });
    const ownDeps = { ...deps, intakeWriter: own };
    const report = buildReport();
    const submissionHash = submissionIdHash(deps.keys, report.submissionId);
    // The server's own connection holds the write lock: the thread waits on SQLite's busy timeout.
    await sql`begin immediate`.execute(deps.database.db);
    let held = true;
    try {
      await expect(submitReport(ownDeps, report, [])).rejects.toMatchObject({
        code: 'unavailable',
        message: 'the intake writer did not answer within 100 ms',
      });
      await sql`commit`.execute(deps.database.db);
      held = false;
      // Stored after all, once the lock was free; sent again, the form finds that report.
      while ((await findReportBySubmission(deps.database.db, submissionHash)) === undefined) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const again = await submitReport(ownDeps, report, []);
      expect(again).toMatchObject({ duplicate: true });
      expect(again.receiptCode).toBe(receiptCodeFor(deps.keys, report.submissionId));
    } finally {
      if (held) await sql`rollback`.execute(deps.database.db);
      await own.close();
    }
  });
});
