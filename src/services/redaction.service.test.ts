import { expect, it } from 'vitest';
import { describeStorage } from '../../test/helpers/storage.js';
import { generateKeyRing } from '../crypto/keys.js';
import { OmbudsError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import { selectCaseEvents } from '../store/case.repository.js';
import type { ServiceDeps } from './deps.js';
import { previewAccusedNotice } from './preview-accused-notice.js';
import { recordCaseStep, type StepInput } from './record-case-step.js';
import { buildReport } from './reporting.fixtures.js';
import { submitReport } from './submit-report.js';

const staff: Actor = { id: 'staff-redaction', roles: ['conduct_staff'] };
const director: Actor = { id: 'director-redaction', roles: ['executive_director'] };
const contact = 'Jane Doe <jane.doe@example.org>';

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof OmbudsError) return `${error.code}:${error.rule ?? ''}`;
    throw error;
  }
  return 'accepted';
}

describeStorage('redaction of an anonymous complainant in text for the accused', (use) => {
  let clock = Date.parse('2026-04-01T09:00:00.000Z');
  const deps = (): ServiceDeps => ({
    database: use().database,
    keys: keys,
    now: () => new Date((clock += 1000)),
  });
  const keys = generateKeyRing();
  const deadline = '2026-05-01T09:00:00.000Z';

  /** A report with the complainant's contact, carried to the point of notifying the accused. */
  async function caseReadyForNotice(anonymityRequested: boolean): Promise<string> {
    const { caseId } = await submitReport(
      deps(),
      buildReport({ anonymous: false, contact, relation: 'target' }),
      [],
    );
    const steps: [StepInput, Actor][] = [
      [{ kind: 'assess_danger', immediateDanger: false }, staff],
      [
        {
          kind: 'record_initial_report',
          accused: ['the person named in the report'],
          behaviour: 'Repeated insults in a public channel.',
          timeAndCircumstances: 'Tuesday evening.',
          othersInvolved: [],
          anonymityRequested,
          venue: 'IRC',
          conductItems: ['personal_insults'],
        },
        staff,
      ],
      [
        {
          kind: 'record_initial_response',
          needsHelp: 'no',
          wantsSafePerson: 'no',
          needsSafeSpace: 'no',
          message: 'Thank you for telling us. Next we notify the Executive Director.',
        },
        staff,
      ],
      [{ kind: 'notify_executive_director' }, staff],
      [
        {
          kind: 'record_determinations',
          outsideHelpNeeded: false,
          publicCommunicationsNeeded: false,
          moreInformationNeeded: false,
        },
        director,
      ],
    ];
    for (const [input, actor] of steps) await recordCaseStep(deps(), caseId, input, actor);
    return caseId;
  }

  const eventCount = async (caseId: string) =>
    (await selectCaseEvents(use().database.db, caseId)).length;
  const notice = (message: string): StepInput => ({
    kind: 'notify_accused',
    responseDeadline: deadline,
    message,
  });

  it('refuses a notice naming the anonymous complainant, or giving their e-mail, and records nothing', async () => {
    const caseId = await caseReadyForNotice(true);
    const before = await eventCount(caseId);
    for (const message of [
      'Jane Doe told us what happened.',
      'Reply to jane.doe@EXAMPLE.org if you wish.',
    ]) {
      expect(await refusal(recordCaseStep(deps(), caseId, notice(message), staff))).toBe(
        'rule_violation:complainant_identity_in_accused_text',
      );
      // The preview shows the same refusal.
      expect(
        await refusal(
          previewAccusedNotice(deps(), caseId, { responseDeadline: deadline, message }, staff),
        ),
      ).toBe('rule_violation:complainant_identity_in_accused_text');
    }
    expect(await eventCount(caseId)).toBe(before);
    await recordCaseStep(deps(), caseId, notice('Please tell us your side.'), staff);
    expect(await eventCount(caseId)).toBe(before + 1);
  });

  it('says in words what kind of item was found, without repeating it', async () => {
    const caseId = await caseReadyForNotice(true);
    try {
      await recordCaseStep(deps(), caseId, notice('As jane doe said.'), staff);
      expect.unreachable('the notice should be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(OmbudsError);
      const message = (error as OmbudsError).publicMessage;
      expect(message).toContain('asked to stay anonymous');
      expect(message).toContain('their name');
      expect(message.toLowerCase()).not.toContain('jane');
    }
  });

  it('refuses the same in the message informing the accused of the action taken', async () => {
    const caseId = await caseReadyForNotice(true);
    await recordCaseStep(deps(), caseId, notice('Please tell us your side.'), staff);
    await recordCaseStep(deps(), caseId, { kind: 'record_response', summary: 'Denied.' }, staff);
    await recordCaseStep(
      deps(),
      caseId,
      {
        kind: 'record_review',
        participants: [{ id: staff.id, roles: [...staff.roles] }],
        conclusion: 'no_violation',
      },
      staff,
    );
    const before = await eventCount(caseId);
    expect(
      await refusal(
        recordCaseStep(
          deps(),
          caseId,
          { kind: 'inform_accused', message: 'Jane   Doe will be told too.' },
          staff,
        ),
      ),
    ).toBe('rule_violation:complainant_identity_in_accused_text');
    expect(await eventCount(caseId)).toBe(before);
  });

  it('does not restrict a notice when the complainant did not ask for anonymity', async () => {
    const caseId = await caseReadyForNotice(false);
    await recordCaseStep(deps(), caseId, notice('Jane Doe told us what happened.'), staff);
    const events = await selectCaseEvents(use().database.db, caseId);
    expect(events.at(-1)?.type).toBe('accused_notified');
  });
});
