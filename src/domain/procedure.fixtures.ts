import type { ActionKind, CaseCommandInput } from './case-commands.js';
import type { CaseEvent } from './case-events.js';
import { evolve, initialState } from './case-state.js';
import type { CaseState } from './case-state.js';
import { decide } from './procedure.js';
import type { Decision } from './procedure.js';
import { publicIntake } from './roles.js';
import type { Actor } from './roles.js';

/**
 * Builders for the procedure's tests: a cast of actors, one well-formed command of each kind, and
 * a case carried along the happy path up to any step. Used only by tests.
 */

const start = Date.parse('2025-03-01T09:00:00.000Z');

/** The instant `hours` after the fixtures' starting point, as an ISO-8601 UTC string. */
export function hour(hours: number): string {
  return new Date(start + hours * 3_600_000).toISOString();
}

export const staff: Actor = { id: 'staff-ana', roles: ['conduct_staff'] };
export const otherStaff: Actor = { id: 'staff-ben', roles: ['conduct_staff'] };
export const director: Actor = { id: 'ed-dora', roles: ['executive_director'] };
export const liaison: Actor = { id: 'board-lee', roles: ['board_liaison'] };
export const admin: Actor = { id: 'admin-ada', roles: ['administrator'] };
export const counsel: Actor = { id: 'counsel-cy', roles: ['legal_counsel'] };
export const reporter: Actor = publicIntake;

type Builder = (at: string) => CaseCommandInput;

/** One well-formed command of each kind (merge aside), dated `at`. */
export const command = {
  receive: (at) => ({
    kind: 'receive',
    at,
    account: 'Told by phone: repeated unwelcome messages on IRC after the summit.',
    channel: 'staff_entered',
    staffEntry: { medium: 'phone', writtenDownBy: staff.id },
  }),
  assess_danger: (at) => ({ kind: 'assess_danger', at, immediateDanger: false }),
  record_authorities_contact: (at) => ({
    kind: 'record_authorities_contact',
    at,
    contactedBy: staff.id,
    contactedAt: at,
    reference: 'Police report 2025-1142',
  }),
  record_initial_report: (at) => ({
    kind: 'record_initial_report',
    at,
    accused: ['party:7f3a'],
    behaviour: 'Repeated unwelcome sexual attention in private messages.',
    timeAndCircumstances: 'Evenings of 24 to 27 February, after the summit.',
    othersInvolved: ['party:11bc'],
    anonymityRequested: true,
    venue: 'irc://oftc/#openstack-dev',
    conductItems: ['unwelcome_sexual_attention', 'repeated_harassment'],
  }),
  record_initial_response: (at) => ({
    kind: 'record_initial_response',
    at,
    needsHelp: 'no',
    wantsSafePerson: 'yes',
    needsSafeSpace: 'no_answer',
    message:
      'Thank you for telling us. If you are OK with it, we will pursue the complaint. Next we notify the Executive Director, then we contact the person concerned.',
  }),
  notify_executive_director: (at) => ({ kind: 'notify_executive_director', at }),
  record_determinations: (at) => ({
    kind: 'record_determinations',
    at,
    outsideHelpNeeded: false,
    publicCommunicationsNeeded: false,
    moreInformationNeeded: true,
  }),
  notify_accused: (at) => ({
    kind: 'notify_accused',
    at,
    responseDeadline: new Date(Date.parse(at) + 14 * 24 * 3_600_000).toISOString(),
  }),
  record_response: (at) => ({ kind: 'record_response', at, summary: 'Denies the messages.' }),
  close_response_window: (at) => ({ kind: 'close_response_window', at }),
  record_review: (at) => ({
    kind: 'record_review',
    at,
    participants: [staff, otherStaff].map(({ id, roles }) => ({ id, roles: [...roles] })),
    conclusion: 'violation_found',
  }),
  impose_sanctions: (at) => ({
    kind: 'impose_sanctions',
    at,
    sanctions: [
      { kind: 'warning', venues: [], starts: at, ends: 'indefinite' },
      {
        kind: 'channel_ban',
        venues: ['irc://oftc/#openstack-dev'],
        starts: at,
        ends: new Date(Date.parse(at) + 90 * 24 * 3_600_000).toISOString(),
      },
    ],
  }),
  inform_accused: (at) => ({ kind: 'inform_accused', at, message: 'A warning and a 90-day ban.' }),
  inform_complainant: (at) => ({
    kind: 'inform_complainant',
    at,
    message: 'We found a violation of the code of conduct and have taken action.',
  }),
  close_case: (at) => ({ kind: 'close_case', at, outcome: 'Violation found; warning and ban.' }),
  record_stop_request: (at) => ({ kind: 'record_stop_request', at }),
  declare_conflict: (at) => ({ kind: 'declare_conflict', at }),
  recuse_staff_party: (at) => ({ kind: 'recuse_staff_party', at, staffId: 'staff-zoe' }),
  route_case: (at) => ({ kind: 'route_case', at, route: 'foundation_staff' }),
  name_people: (at) => ({ kind: 'name_people', at, staffIds: [staff.id] }),
  add_information: (at) => ({
    kind: 'add_information',
    at,
    text: 'He wrote to me again last night, from another nick.',
    attachmentIds: ['attachment-1'],
  }),
  send_message_to_complainant: (at) => ({
    kind: 'send_message_to_complainant',
    at,
    message: 'Thank you for the details. Could you tell us roughly when the first message came?',
  }),
  mark_as_spam: (at) => ({ kind: 'mark_as_spam', at, note: 'Advertising, no incident.' }),
} satisfies Record<Exclude<ActionKind, 'merge'>, Builder>;

/** The twelve steps of the procedure in order, each with who takes it on a standard case. */
export const happyPath = [
  'receive',
  'assess_danger',
  'record_initial_report',
  'record_initial_response',
  'notify_executive_director',
  'record_determinations',
  'notify_accused',
  'record_response',
  'record_review',
  'impose_sanctions',
  'inform_accused',
  'inform_complainant',
  'close_case',
] as const;

export type HappyStep = (typeof happyPath)[number];

const takenBy = (step: HappyStep): Actor => (step === 'record_determinations' ? director : staff);

/** Applies a decision's events, failing the test with the rule when it was a rejection. */
export function apply(state: CaseState, decision: Decision): CaseState {
  if (!decision.ok) throw new Error(`rejected: ${decision.rejection.rule}`);
  return decision.events.reduce(evolve, state);
}

/** Runs commands in order from a state; throws on the first rejection. */
export function run(
  steps: readonly (readonly [CaseCommandInput, Actor])[],
  from: CaseState = initialState,
): { state: CaseState; events: CaseEvent[] } {
  const events: CaseEvent[] = [];
  let state = from;
  for (const [input, actor] of steps) {
    const decision = decide(state, input, actor);
    state = apply(state, decision);
    if (decision.ok) events.push(...decision.events);
  }
  return { state, events };
}

/** The happy-path case with every step before `step` done, one hour apart from hour 0. */
export function caseBefore(step: HappyStep): CaseState {
  const steps = happyPath.slice(0, happyPath.indexOf(step));
  return run(steps.map((kind, index) => [command[kind](hour(index)), takenBy(kind)] as const))
    .state;
}

/** The whole happy path, closed; its events and its state. */
export function closedCase(): { state: CaseState; events: CaseEvent[] } {
  return run(happyPath.map((kind, index) => [command[kind](hour(index)), takenBy(kind)] as const));
}

/** A case received and assessed, with the given danger answer; hour 1 is its last entry. */
export function assessedCase(immediateDanger = false): CaseState {
  return run([
    [command.receive(hour(0)), staff],
    [{ kind: 'assess_danger', at: hour(1), immediateDanger }, staff],
  ]).state;
}
