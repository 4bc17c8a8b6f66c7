import { authorise } from './case-access.js';
import { actionKinds, caseCommandSchema } from './case-commands.js';
import type { ActionKind, CaseCommand, CaseCommandInput, CaseCommandOf } from './case-commands.js';
import type { CaseEvent, Intake } from './case-events.js';
import { isFlaggedDanger, isRecused } from './case-state.js';
import type { CaseState } from './case-state.js';
import { reject } from './procedure-rules.js';
import type { ProcedureRule, Rejection } from './procedure-rules.js';
import { isPublic, publicIntake } from './roles.js';
import type { Actor } from './roles.js';
import { isoInstant } from './instant.js';
import { validateSanctions } from './sanctions.js';
import { checkComplainantMessage } from './wording-check.js';

/**
 * The response procedure of the code of conduct as one transition table. `decide` answers whether a
 * command may happen now and with which events; `evolve`/`replay` (case-state.ts) fold the events.
 * Nothing here reads a clock: every command carries `at`.
 */

export type Decision = { ok: true; events: CaseEvent[] } | { ok: false; rejection: Rejection };

// Recusal, the complainant's wish to stop and what the reporter adds are not steps: they are
// recorded at any time, even before the danger question is answered or while danger is flagged
// (what a reporter adds may be exactly what staff need to answer it).
const besideTheSteps: ReadonlySet<ActionKind> = new Set([
  'record_stop_request',
  'declare_conflict',
  'recuse_staff_party',
  'add_information',
]);

type Prerequisite = (state: CaseState, at: number) => ProcedureRule | null;

const done = (recorded: unknown): ProcedureRule | null =>
  recorded === null ? null : 'step_already_recorded';

/** For each action, what the case must already hold; the first rule broken is the answer. */
const prerequisites: Record<ActionKind, Prerequisite> = {
  receive: () => null,
  assess_danger: (s) => done(s.dangerAssessment),
  record_authorities_contact: (s) =>
    s.dangerAssessment?.immediateDanger !== true
      ? 'authorities_without_danger'
      : done(s.authoritiesContact),
  record_initial_report: (s) => done(s.initialReport),
  record_initial_response: (s) =>
    done(s.initialResponse) ?? (s.initialReport === null ? 'initial_report_missing' : null),
  notify_executive_director: (s) =>
    done(s.executiveDirectorNotice) ??
    (s.initialResponse === null ? 'initial_response_missing' : null),
  record_determinations: (s) =>
    done(s.determinations) ??
    (s.executiveDirectorNotice === null ? 'executive_director_not_notified' : null),
  // The code of conduct says the Executive Director "will determine" once notified; the notice
  // to the accused waits for those determinations, since they may bring in counsel or authorities
  // or call for more information first.
  notify_accused: (s) =>
    done(s.accusedNotice) ?? (s.determinations === null ? 'determinations_missing' : null),
  record_response: (s) => (s.accusedNotice === null ? 'accused_not_notified' : done(s.response)),
  close_response_window: (s, at) => {
    if (s.accusedNotice === null) return 'accused_not_notified';
    if (s.response !== null) return 'step_already_recorded';
    // The deadline instant still belongs to the window.
    return at <= Date.parse(s.accusedNotice.responseDeadline) ? 'response_window_open' : null;
  },
  record_review: (s) => {
    if (s.review !== null) return 'step_already_recorded';
    if (s.accusedNotice === null) return 'accused_not_notified';
    return s.response === null ? 'response_pending' : null;
  },
  impose_sanctions: (s) => {
    if (s.review === null) return 'review_missing';
    if (s.review.conclusion !== 'violation_found') return 'sanctions_need_violation';
    return done(s.sanctions);
  },
  // A violation found must be answered with at least one action from the catalogue (a warning
  // at the least) before the accused is told what action is taken.
  inform_accused: (s) => {
    if (s.accusedInformed !== null) return 'step_already_recorded';
    if (s.review === null) return 'review_missing';
    const unanswered = s.review.conclusion === 'violation_found' && s.sanctions === null;
    return unanswered ? 'sanctions_missing' : null;
  },
  inform_complainant: (s) =>
    done(s.complainantInformed) ?? (s.accusedInformed === null ? 'accused_not_informed' : null),
  close_case: (s) => (s.complainantInformed === null ? 'complainant_not_informed' : null),
  record_stop_request: () => null,
  declare_conflict: () => null,
  recuse_staff_party: () => null,
  route_case: (s) => (s.route === 'standard' ? null : 'already_routed'),
  name_people: (s) =>
    s.route === 'foundation_staff' ? null : 'naming_requires_foundation_staff_route',
  merge: () => null,
  add_information: () => null,
  send_message_to_complainant: () => null,
  // Spam is recognised from the report as received; once staff have recorded the initial report
  // they have treated it as a real one, and it follows the procedure to its end.
  mark_as_spam: (s) => (s.initialReport === null ? null : 'spam_after_initial_report'),
};

/**
 * Checks every rule of an action that does not depend on the command's content: the case's
 * existence, who may act, time order, the danger question and the order of the steps. Returns the
 * rejection, or null when the action may proceed at `at`.
 */
export function checkAction(
  state: CaseState,
  kind: ActionKind,
  actor: Actor,
  at: string,
): Rejection | null {
  if (!isoInstant.safeParse(at).success) return reject('malformed_command', { fields: ['at'] });
  if (kind === 'receive') {
    return state.received !== null
      ? reject('case_already_received')
      : authorise(state, kind, actor);
  }
  if (state.received === null) return reject('case_not_received');
  if (state.mergedInto !== null) return reject('case_merged_away');
  if (state.closed !== null) return reject('case_closed');
  if (state.spam !== null) return reject('case_marked_spam');
  const unauthorised = authorise(state, kind, actor);
  if (unauthorised) return unauthorised;
  const when = Date.parse(at);
  if (state.lastEventAt !== null && when < Date.parse(state.lastEventAt)) {
    return reject('time_out_of_order');
  }
  // ombuds' own protections apply the moment a report arrives, before anyone reads it: the danger
  // question is for the people who then handle the case.
  if (!besideTheSteps.has(kind) && kind !== 'assess_danger' && actor.kind !== 'automatic') {
    if (state.dangerAssessment === null) return reject('danger_not_assessed');
    if (isFlaggedDanger(state) && kind !== 'record_authorities_contact') {
      return reject('danger_authorities_pending');
    }
  }
  const broken = prerequisites[kind](state, when);
  return broken === null ? null : reject(broken);
}

/**
 * Decides whether the actor's command may happen on the case now. Returns the events to append,
 * or the rejection naming the rule that forbids it. Never throws.
 */
export function decide(state: CaseState, input: CaseCommandInput, actor: Actor): Decision {
  const parsed = caseCommandSchema.safeParse(input);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(command)');
    return { ok: false, rejection: reject('malformed_command', { fields }) };
  }
  const command = parsed.data;
  const refused = checkAction(state, command.kind, actor, command.at);
  if (refused) return { ok: false, rejection: refused };
  const outcome = eventFor(state, command, actor);
  if ('rule' in outcome) return { ok: false, rejection: outcome };
  const event: CaseEvent = { ...outcome, at: command.at, actorId: actor.id };
  return { ok: true, events: [event] };
}

// The event a command records, without `at` and `actorId`; or the rejection of its content.
// Fields are copied one by one so that a new command field never slips into the persisted shape.
type EventBody = DistributiveOmit<CaseEvent, 'at' | 'actorId'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function eventFor(state: CaseState, command: CaseCommand, actor: Actor): EventBody | Rejection {
  switch (command.kind) {
    case 'receive':
      return received(command, actor);
    case 'assess_danger':
      return { type: 'danger_assessed', immediateDanger: command.immediateDanger };
    case 'record_authorities_contact':
      if (Date.parse(command.contactedAt) > Date.parse(command.at)) {
        return reject('contact_time_in_future');
      }
      return {
        type: 'authorities_contacted',
        contactedBy: command.contactedBy,
        contactedAt: command.contactedAt,
        reference: command.reference,
      };
    case 'record_initial_report':
      return {
        type: 'initial_report_recorded',
        accused: command.accused,
        behaviour: command.behaviour,
        timeAndCircumstances: command.timeAndCircumstances,
        othersInvolved: command.othersInvolved,
        anonymityRequested: command.anonymityRequested,
        venue: command.venue,
        conductItems: command.conductItems,
      };
    case 'record_initial_response': {
      const refused = wordingRejection(command.message, command.makeItRightFlagged);
      if (refused) return refused;
      return {
        type: 'initial_response_recorded',
        needsHelp: command.needsHelp,
        wantsSafePerson: command.wantsSafePerson,
        needsSafeSpace: command.needsSafeSpace,
        message: command.message,
        makeItRightFlagged: command.makeItRightFlagged,
      };
    }
    case 'notify_executive_director':
      return {
        type: 'executive_director_notified',
        recipient:
          state.route === 'against_executive_director' ? 'board_liaison' : 'executive_director',
      };
    case 'record_determinations':
      return {
        type: 'determinations_recorded',
        outsideHelpNeeded: command.outsideHelpNeeded,
        publicCommunicationsNeeded: command.publicCommunicationsNeeded,
        moreInformationNeeded: command.moreInformationNeeded,
        note: command.note,
      };
    case 'notify_accused':
      if (Date.parse(command.responseDeadline) <= Date.parse(command.at)) {
        return reject('deadline_not_after_notice');
      }
      return {
        type: 'accused_notified',
        responseDeadline: command.responseDeadline,
        message: command.message,
      };
    case 'record_response':
      return { type: 'response_recorded', summary: command.summary };
    case 'close_response_window':
      return { type: 'response_window_closed' };
    case 'record_review':
      return review(state, command);
    case 'impose_sanctions': {
      const problems = validateSanctions(command.sanctions);
      const first = problems[0];
      if (first) return reject(first.rule, { sanctionProblems: problems });
      return { type: 'sanctions_imposed', sanctions: command.sanctions };
    }
    case 'inform_accused':
      return { type: 'accused_informed', message: command.message };
    case 'inform_complainant': {
      const refused = wordingRejection(command.message, command.makeItRightFlagged);
      if (refused) return refused;
      return {
        type: 'complainant_informed',
        message: command.message,
        makeItRightFlagged: command.makeItRightFlagged,
        othersInformed: command.othersInformed,
      };
    }
    case 'close_case':
      return { type: 'case_closed', outcome: command.outcome };
    case 'record_stop_request':
      return { type: 'stop_requested', note: command.note };
    case 'declare_conflict':
      return { type: 'conflict_declared', note: command.note };
    case 'recuse_staff_party':
      if (command.staffId === publicIntake.id) return reject('public_side_not_staff');
      if (isRecused(state, command.staffId)) return reject('already_recused');
      return { type: 'staff_party_recused', staffId: command.staffId };
    case 'route_case':
      return { type: 'case_routed', route: command.route };
    case 'name_people':
      return { type: 'people_named', staffIds: [...new Set(command.staffIds)] };
    case 'add_information':
      if (command.text === '' && command.attachmentIds.length === 0) {
        return reject('information_empty');
      }
      return {
        type: 'information_added',
        text: command.text,
        attachmentIds: [...new Set(command.attachmentIds)],
      };
    case 'send_message_to_complainant': {
      const refused = wordingRejection(command.message, command.makeItRightFlagged);
      if (refused) return refused;
      return {
        type: 'complainant_messaged',
        message: command.message,
        makeItRightFlagged: command.makeItRightFlagged,
      };
    }
    case 'mark_as_spam':
      return { type: 'marked_as_spam', note: command.note };
  }
}

function received(command: CaseCommandOf<'receive'>, actor: Actor): EventBody | Rejection {
  const fromPublic = command.channel !== 'staff_entered';
  if (fromPublic !== isPublic(actor)) return reject('intake_channel_mismatch');
  let intake: Intake;
  if (command.channel === 'staff_entered') {
    if (command.staffEntry === undefined) return reject('staff_entry_details_missing');
    const { medium, writtenDownBy } = command.staffEntry;
    intake = { channel: 'staff_entered', medium, oral: medium !== 'email', writtenDownBy };
  } else {
    intake = { channel: command.channel };
  }
  return { type: 'case_received', intake, account: command.account };
}

function review(state: CaseState, command: CaseCommandOf<'record_review'>): EventBody | Rejection {
  if (command.participants.length === 0) return reject('review_needs_participants');
  for (const participant of command.participants) {
    if (isRecused(state, participant.id)) return reject('review_participant_recused');
    // A participant must be someone who could record this review themselves.
    if (authorise(state, 'record_review', participant) !== null) {
      return reject('review_participant_not_staff');
    }
  }
  return {
    type: 'review_recorded',
    participantIds: [...new Set(command.participants.map((p) => p.id))],
    conclusion: command.conclusion,
    jointMeeting: command.jointMeeting,
    note: command.note,
  };
}

function wordingRejection(message: string, makeItRightFlagged: boolean): Rejection | null {
  const result = checkComplainantMessage(message, { makeItRightFlagged });
  return result.ok ? null : reject('coercive_wording', { findings: result.findings });
}

export type Availability =
  { kind: ActionKind; allowed: true } | { kind: ActionKind; allowed: false; rejection: Rejection };

/**
 * For each action, in procedure order: whether the actor may take it on the case at `now`, and if
 * not, the rule that forbids it. Rules on the content of a command (wording, dates) apply later.
 */
export function availableCommands(state: CaseState, actor: Actor, now: string): Availability[] {
  return actionKinds.map((kind) => {
    const rejection = checkAction(state, kind, actor, now);
    return rejection === null ? { kind, allowed: true } : { kind, allowed: false, rejection };
  });
}
