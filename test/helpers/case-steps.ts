import type { Actor } from '../../src/domain/roles.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { recordCaseStep, type StepInput } from '../../src/services/record-case-step.js';

/** Who carries a case in tests: a member of conduct staff and the Executive Director. */
export interface CaseCrew {
  readonly staff: Actor;
  readonly director: Actor;
}

/** What staff write in the steps that reach the accused; tests may put anything in them. */
export interface AccusedFacingText {
  readonly behaviour: string;
  readonly venue: string;
  readonly noticeMessage: string;
}

const defaultText: AccusedFacingText = {
  behaviour: 'Repeated insults in a public channel after a disagreement in review.',
  venue: 'IRC, #openstack-dev',
  noticeMessage: 'Please tell us your side before the deadline.',
};

/**
 * Records, through the real service, every step from the danger question to the notice to the
 * accused, on a received case. The clock of `services` must move forward between calls.
 */
export async function carryToAccusedNotified(
  services: ServiceDeps,
  caseId: string,
  crew: CaseCrew,
  text: AccusedFacingText = defaultText,
): Promise<void> {
  const deadline = new Date(services.now().getTime() + 7 * 24 * 3_600_000).toISOString();
  const steps: [StepInput, Actor][] = [
    [{ kind: 'assess_danger', immediateDanger: false }, crew.staff],
    [
      {
        kind: 'record_initial_report',
        accused: ['the person named in the report'],
        behaviour: text.behaviour,
        timeAndCircumstances: 'Tuesday evening, during the release meeting.',
        othersInvolved: [],
        anonymityRequested: true,
        venue: text.venue,
        conductItems: ['personal_insults'],
      },
      crew.staff,
    ],
    [
      {
        kind: 'record_initial_response',
        needsHelp: 'no',
        wantsSafePerson: 'no',
        needsSafeSpace: 'no',
        message:
          'Thank you for telling us. If you are OK with it, we will pursue the complaint; next we notify the Executive Director.',
      },
      crew.staff,
    ],
    [{ kind: 'notify_executive_director' }, crew.staff],
    [
      {
        kind: 'record_determinations',
        outsideHelpNeeded: false,
        publicCommunicationsNeeded: false,
        moreInformationNeeded: false,
      },
      crew.director,
    ],
    [
      { kind: 'notify_accused', responseDeadline: deadline, message: text.noticeMessage },
      crew.staff,
    ],
  ];
  for (const [input, actor] of steps) await recordCaseStep(services, caseId, input, actor);
}

/**
 * From a recorded response, the review (no violation) and the message telling the accused of the
 * action taken.
 */
export async function carryToAccusedInformed(
  services: ServiceDeps,
  caseId: string,
  crew: CaseCrew,
  message: string,
): Promise<void> {
  await recordCaseStep(
    services,
    caseId,
    {
      kind: 'record_review',
      participants: [{ id: crew.staff.id, roles: [...crew.staff.roles] }],
      conclusion: 'no_violation',
    },
    crew.staff,
  );
  await recordCaseStep(services, caseId, { kind: 'inform_accused', message }, crew.staff);
}
