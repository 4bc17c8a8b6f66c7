import type { CaseEvent, CaseEventOf, CaseRoute } from './case-events.js';

/**
 * A case as its timeline makes it: every field is folded from events, never stored apart from
 * them. A step's field holds the event that recorded it (who, when, what), or null while pending.
 */
export interface CaseState {
  readonly received: CaseEventOf<'case_received'> | null;
  readonly dangerAssessment: CaseEventOf<'danger_assessed'> | null;
  readonly authoritiesContact: CaseEventOf<'authorities_contacted'> | null;
  readonly initialReport: CaseEventOf<'initial_report_recorded'> | null;
  readonly initialResponse: CaseEventOf<'initial_response_recorded'> | null;
  readonly executiveDirectorNotice: CaseEventOf<'executive_director_notified'> | null;
  readonly determinations: CaseEventOf<'determinations_recorded'> | null;
  readonly accusedNotice: CaseEventOf<'accused_notified'> | null;
  readonly response: CaseEventOf<'response_recorded' | 'response_window_closed'> | null;
  readonly review: CaseEventOf<'review_recorded'> | null;
  readonly sanctions: CaseEventOf<'sanctions_imposed'> | null;
  readonly accusedInformed: CaseEventOf<'accused_informed'> | null;
  readonly complainantInformed: CaseEventOf<'complainant_informed'> | null;
  readonly closed: CaseEventOf<'case_closed'> | null;
  readonly stopRequests: readonly CaseEventOf<'stop_requested'>[];
  readonly recusals: readonly Recusal[];
  readonly route: CaseRoute;
  /** On a case about Foundation staff: the people the Executive Director named to act on it. */
  readonly namedStaffIds: readonly string[];
  readonly mergedInto: string | null;
  readonly absorbedCaseIds: readonly string[];
  /** What the reporter added through the follow-up channel, oldest first. */
  readonly information: readonly CaseEventOf<'information_added'>[];
  /** Messages staff sent to the complainant beside the steps, oldest first. */
  readonly complainantMessages: readonly CaseEventOf<'complainant_messaged'>[];
  /** Set when staff marked the report as spam: the case is kept but accepts nothing more. */
  readonly spam: CaseEventOf<'marked_as_spam'> | null;
  readonly lastEventAt: string | null;
}

export interface Recusal {
  readonly actorId: string;
  readonly reason: 'conflict' | 'party';
  readonly at: string;
}

/** The state of a case that does not exist yet; its first command is `receive`. */
export const initialState: CaseState = Object.freeze({
  received: null,
  dangerAssessment: null,
  authoritiesContact: null,
  initialReport: null,
  initialResponse: null,
  executiveDirectorNotice: null,
  determinations: null,
  accusedNotice: null,
  response: null,
  review: null,
  sanctions: null,
  accusedInformed: null,
  complainantInformed: null,
  closed: null,
  stopRequests: [],
  recusals: [],
  route: 'standard',
  namedStaffIds: [],
  mergedInto: null,
  absorbedCaseIds: [],
  information: [],
  complainantMessages: [],
  spam: null,
  lastEventAt: null,
});

/** Applies one event to a state. Trusts the event: `decide` is what refuses illegal ones. */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
  const next = { ...state, lastEventAt: event.at };
  switch (event.type) {
    case 'case_received':
      return { ...next, received: event };
    case 'danger_assessed':
      return { ...next, dangerAssessment: event };
    case 'authorities_contacted':
      return { ...next, authoritiesContact: event };
    case 'initial_report_recorded':
      return { ...next, initialReport: event };
    case 'initial_response_recorded':
      return { ...next, initialResponse: event };
    case 'executive_director_notified':
      return { ...next, executiveDirectorNotice: event };
    case 'determinations_recorded':
      return { ...next, determinations: event };
    case 'accused_notified':
      return { ...next, accusedNotice: event };
    case 'response_recorded':
    case 'response_window_closed':
      return { ...next, response: event };
    case 'review_recorded':
      return { ...next, review: event };
    case 'sanctions_imposed':
      return { ...next, sanctions: event };
    case 'accused_informed':
      return { ...next, accusedInformed: event };
    case 'complainant_informed':
      return { ...next, complainantInformed: event };
    case 'case_closed':
      return { ...next, closed: event };
    case 'stop_requested':
      return { ...next, stopRequests: [...state.stopRequests, event] };
    case 'conflict_declared':
      return { ...next, recusals: addRecusal(state, event.actorId, 'conflict', event.at) };
    case 'staff_party_recused':
      return { ...next, recusals: addRecusal(state, event.staffId, 'party', event.at) };
    case 'case_routed':
      return { ...next, route: event.route };
    case 'people_named':
      return {
        ...next,
        namedStaffIds: [...new Set([...state.namedStaffIds, ...event.staffIds])],
      };
    case 'merged_into':
      return { ...next, mergedInto: event.survivorCaseId };
    case 'case_absorbed':
      return { ...next, absorbedCaseIds: [...state.absorbedCaseIds, event.absorbedCaseId] };
    case 'information_added':
      return { ...next, information: [...state.information, event] };
    case 'complainant_messaged':
      return { ...next, complainantMessages: [...state.complainantMessages, event] };
    case 'marked_as_spam':
      return { ...next, spam: event };
  }
}

function addRecusal(
  state: CaseState,
  actorId: string,
  reason: Recusal['reason'],
  at: string,
): readonly Recusal[] {
  if (isRecused(state, actorId)) return state.recusals;
  return [...state.recusals, { actorId, reason, at }];
}

/** Folds a whole timeline, oldest first, into the state of the case. */
export function replay(events: Iterable<CaseEvent>): CaseState {
  let state = initialState;
  for (const event of events) state = evolve(state, event);
  return state;
}

/** True when the person declared a conflict or is a party: they can take no action. */
export function isRecused(state: CaseState, actorId: string): boolean {
  return state.recusals.some((recusal) => recusal.actorId === actorId);
}

/** True while the case is open: received, not closed, not merged into another, not spam. */
export function isOpen(state: CaseState): boolean {
  return (
    state.received !== null &&
    state.closed === null &&
    state.mergedInto === null &&
    state.spam === null
  );
}

/**
 * Someone is in immediate danger and contact with local authorities is not yet recorded: the
 * case goes on top of every queue and no other step is accepted.
 */
export function isFlaggedDanger(state: CaseState): boolean {
  return (
    isOpen(state) &&
    state.dangerAssessment?.immediateDanger === true &&
    state.authoritiesContact === null
  );
}

/**
 * Queue order: a flagged danger first, then cases whose danger question is unanswered, then the
 * rest; cases that are closed, merged away or marked as spam are inactive.
 */
export function priority(state: CaseState): 'danger' | 'assess_danger' | 'normal' | 'inactive' {
  if (!isOpen(state)) return 'inactive';
  if (isFlaggedDanger(state)) return 'danger';
  if (state.dangerAssessment === null) return 'assess_danger';
  return 'normal';
}

/**
 * The interim no-contact directive between accused and complainant: in force from the notice to
 * the accused until the case is closed (sanctions take over from there).
 */
export function isNoContactDirectiveInForce(state: CaseState): boolean {
  return isOpen(state) && state.accusedNotice !== null;
}

/** The complainant has asked to stop at least once; staff still decide. */
export function hasStopRequest(state: CaseState): boolean {
  return state.stopRequests.length > 0;
}

export const caseSteps = [
  'not_received',
  'assess_danger',
  'record_authorities_contact',
  'record_initial_report',
  'record_initial_response',
  'notify_executive_director',
  'record_determinations',
  'notify_accused',
  'await_response',
  'record_review',
  'impose_sanctions',
  'inform_accused',
  'inform_complainant',
  'close_case',
  'closed',
  'merged',
  'spam',
] as const;

export type CaseStep = (typeof caseSteps)[number];

/** The step the case waits for, as queues show it and the store indexes it. */
export function currentStep(state: CaseState): CaseStep {
  if (state.received === null) return 'not_received';
  if (state.mergedInto !== null) return 'merged';
  if (state.closed !== null) return 'closed';
  if (state.spam !== null) return 'spam';
  if (state.dangerAssessment === null) return 'assess_danger';
  if (isFlaggedDanger(state)) return 'record_authorities_contact';
  if (state.initialReport === null) return 'record_initial_report';
  if (state.initialResponse === null) return 'record_initial_response';
  if (state.executiveDirectorNotice === null) return 'notify_executive_director';
  if (state.determinations === null) return 'record_determinations';
  if (state.accusedNotice === null) return 'notify_accused';
  if (state.response === null) return 'await_response';
  if (state.review === null) return 'record_review';
  if (state.review.conclusion === 'violation_found' && state.sanctions === null) {
    return 'impose_sanctions';
  }
  if (state.accusedInformed === null) return 'inform_accused';
  if (state.complainantInformed === null) return 'inform_complainant';
  return 'close_case';
}
