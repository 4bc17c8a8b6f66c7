import { expect, it, vi } from 'vitest';
import { describeStorage } from '../../test/helpers/storage.js';
import { generateKeyRing } from '../crypto/keys.js';
import * as receiptCodes from '../crypto/receipt-codes.js';
import type { Actor } from '../domain/roles.js';
import type { Database } from '../store/database.js';
import type { ServiceDeps } from './deps.js';
import { addInformation, endFollowUp, followUpCase, openFollowUp } from './follow-up.js';
import { markReportAsSpam } from './mark-spam.js';
import { recordCaseStep } from './record-case-step.js';
import { buildReport, tinyPng } from './reporting.fixtures.js';
import { submitReport } from './submit-report.js';

// Counts argon2id runs while keeping the real hash.
vi.mock('../crypto/receipt-codes.js', async (importOriginal) => {
  const original = await importOriginal<typeof receiptCodes>();
  return { ...original, hashReceiptCode: vi.fn(original.hashReceiptCode) };
});

const staff: Actor = { id: 'staff-ana', roles: ['conduct_staff'] };

/** Services with a clock the test moves by hand. */
function depsFor(database: Database): ServiceDeps & { advance: (minutes: number) => void } {
  let t = Date.parse('2026-11-25T09:00:00.000Z');
  return {
    database,
    keys: generateKeyRing(),
    now: () => new Date((t += 1000)),
    advance: (minutes) => {
      t += minutes * 60_000;
    },
  };
}

async function reportAndSession(deps: ServiceDeps) {
  const report = buildReport();
  const submitted = await submitReport(deps, report, [
    { filename: 'screenshot.png', bytes: tinyPng },
  ]);
  const opened = await openFollowUp(deps, submitted.receiptCode);
  if (opened === null) throw new Error('the receipt code did not open the case');
  return { report, submitted, sessionId: opened.sessionId };
}

describeStorage('following up with a receipt code', (use) => {
  it('opens the case with the code as typed, however it is written', async () => {
    const deps = depsFor(use().database);
    const submitted = await submitReport(deps, buildReport(), []);
    const typed = ` ${submitted.receiptCode.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o')} `;
    const opened = await openFollowUp(deps, typed);
    expect(opened?.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await deps.database.db
      .selectFrom('follow_up_sessions')
      .select('id_hash')
      .execute();
    expect(stored.map((row) => row.id_hash)).not.toContain(opened?.sessionId);
  });

  it('answers an unknown or malformed code with null, after one argon2id run all the same', async () => {
    const deps = depsFor(use().database);
    const { submitted } = await reportAndSession(deps);
    const hash = vi.mocked(receiptCodes.hashReceiptCode);
    const last = submitted.receiptCode.at(-1) === 'A' ? 'B' : 'A';
    const wrong = `${submitted.receiptCode.slice(0, -1)}${last}`;
    for (const code of [wrong, 'not a code', '', 'x'.repeat(5000)]) {
      hash.mockClear();
      expect(await openFollowUp(deps, code)).toBeNull();
      expect(hash).toHaveBeenCalledTimes(1);
    }
    hash.mockClear();
    expect(await openFollowUp(deps, submitted.receiptCode)).not.toBeNull();
    expect(hash).toHaveBeenCalledTimes(1);
  });

  it('shows the status in plain words and the reporter’s own account with its files', async () => {
    const deps = depsFor(use().database);
    const { report, sessionId } = await reportAndSession(deps);
    const view = await followUpCase(deps, sessionId);
    expect(view).toMatchObject({ status: 'received', mayAddInformation: true });
    expect(view?.messages).toHaveLength(1);
    expect(view?.messages[0]).toMatchObject({ from: 'you', attachmentNames: ['screenshot.png'] });
    expect(view?.messages[0]?.text).toContain(report.behaviour);
  });

  it('shows staff messages without naming staff, and nothing of the accused', async () => {
    const deps = depsFor(use().database);
    const { submitted, sessionId } = await reportAndSession(deps);
    const step = (input: Parameters<typeof recordCaseStep>[2]) =>
      recordCaseStep(deps, submitted.caseId, input, staff);
    await step({ kind: 'assess_danger', immediateDanger: false });
    await step({
      kind: 'send_message_to_complainant',
      message: 'Thank you. Could you tell us which day the first message came?',
    });
    await step({
      kind: 'record_initial_report',
      accused: ['party:1'],
      behaviour: 'Insults.',
      timeAndCircumstances: 'Tuesday.',
      anonymityRequested: true,
      venue: 'irc',
      conductItems: ['personal_insults'],
    });
    await step({
      kind: 'record_initial_response',
      needsHelp: 'no',
      wantsSafePerson: 'no_answer',
      needsSafeSpace: 'no',
      message: 'If you are OK with it, we will pursue the complaint.',
    });
    const view = await followUpCase(deps, sessionId);
    expect(view?.status).toBe('being_assessed');
    expect(view?.messages.map((message) => message.from)).toEqual(['you', 'staff', 'staff']);
    expect(view?.messages[2]?.text).toBe('If you are OK with it, we will pursue the complaint.');
    const shown = JSON.stringify(view);
    expect(shown).not.toContain(staff.id);
    expect(shown).not.toContain('party:1');
  });

  it('adds the reporter’s text and files to the case', async () => {
    const deps = depsFor(use().database);
    const { sessionId } = await reportAndSession(deps);
    await addInformation(deps, sessionId, '  He wrote again from another nick.  ', [
      { filename: 'second.png', bytes: tinyPng },
      { filename: 'log.txt', bytes: Buffer.from('21:02 <sam2> still here\n') },
    ]);
    await addInformation(deps, sessionId, 'One more detail.', []);
    const view = await followUpCase(deps, sessionId);
    expect(view?.messages.slice(1)).toEqual([
      {
        at: expect.any(String) as string,
        from: 'you',
        text: 'He wrote again from another nick.',
        attachmentNames: ['second.png', 'log.txt'],
      },
      { at: expect.any(String) as string, from: 'you', text: 'One more detail.' },
    ]);
    expect(view?.messages[0]?.attachmentNames).toEqual(['screenshot.png']);
  });

  it('refuses an empty addition, an unaccepted file, and a session that is not one', async () => {
    const deps = depsFor(use().database);
    const { sessionId } = await reportAndSession(deps);
    await expect(addInformation(deps, sessionId, '   ', [])).rejects.toMatchObject({
      code: 'rule_violation',
      rule: 'information_empty',
    });
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    await expect(
      addInformation(deps, sessionId, 'see file', [{ filename: 'x.png', bytes: html }]),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(addInformation(deps, 'A'.repeat(43), 'hello', [])).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    expect((await followUpCase(deps, sessionId))?.messages).toHaveLength(1);
  });

  it('holds a case to 50 MiB of files in all', async () => {
    const deps = depsFor(use().database);
    const { sessionId } = await reportAndSession(deps);
    const tenMiB = Buffer.alloc(10 * 1024 * 1024, 0x61);
    const four = Array.from({ length: 4 }, (_, i) => ({ filename: `${i}.txt`, bytes: tenMiB }));
    await addInformation(deps, sessionId, 'Logs.', four);
    const more = [{ filename: 'last.txt', bytes: tenMiB }];
    await expect(addInformation(deps, sessionId, 'More logs.', more)).rejects.toMatchObject({
      code: 'too_large',
    });
    const view = await followUpCase(deps, sessionId);
    expect(view?.messages).toHaveLength(2);
  });

  it('ends a session after 30 idle minutes, after 4 hours in all, and on leaving', async () => {
    const deps = depsFor(use().database);
    const { submitted, sessionId } = await reportAndSession(deps);
    deps.advance(29);
    expect(await followUpCase(deps, sessionId)).not.toBeNull();
    deps.advance(31);
    expect(await followUpCase(deps, sessionId)).toBeNull();

    const busy = await openFollowUp(deps, submitted.receiptCode);
    for (let i = 0; i < 9; i += 1) {
      deps.advance(25);
      expect(await followUpCase(deps, busy!.sessionId)).not.toBeNull();
    }
    deps.advance(25);
    expect(await followUpCase(deps, busy!.sessionId)).toBeNull();

    const leaving = await openFollowUp(deps, submitted.receiptCode);
    await endFollowUp(deps, leaving!.sessionId);
    expect(await followUpCase(deps, leaving!.sessionId)).toBeNull();
  });

  it('clears sessions nobody came back to when the next one opens', async () => {
    const deps = depsFor(use().database);
    const { submitted, sessionId } = await reportAndSession(deps);
    deps.advance(31);
    const next = await openFollowUp(deps, submitted.receiptCode);
    const rows = await deps.database.db
      .selectFrom('follow_up_sessions')
      .select('case_id')
      .where('case_id', '=', submitted.caseId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(await followUpCase(deps, sessionId)).toBeNull();
    expect(await followUpCase(deps, next!.sessionId)).not.toBeNull();
  });

  it('shows a report marked as spam as closed, and takes nothing more', async () => {
    const deps = depsFor(use().database);
    const { submitted, sessionId } = await reportAndSession(deps);
    await recordCaseStep(
      deps,
      submitted.caseId,
      { kind: 'assess_danger', immediateDanger: false },
      staff,
    );
    await markReportAsSpam(deps, submitted.caseId, 'Advertising.', staff);
    expect(await followUpCase(deps, sessionId)).toMatchObject({
      status: 'closed',
      mayAddInformation: false,
    });
    await expect(addInformation(deps, sessionId, 'hello', [])).rejects.toMatchObject({
      rule: 'case_marked_spam',
    });
  });
});
