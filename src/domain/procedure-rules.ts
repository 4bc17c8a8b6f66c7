import { sanctionRuleReasons } from './sanctions.js';
import type { SanctionProblem } from './sanctions.js';
import type { WordingFinding } from './wording-check.js';

/**
 * Every rule the procedure enforces, with the reason a staff member reads when an action is
 * refused. The ids are stable: the console, the JSON API and the tests rely on them.
 */
export const ruleReasons = {
  // The case as a whole.
  malformed_command: 'The entry is incomplete or not in the expected form.',
  case_not_received: 'Nothing can be recorded on a case before its report has been received.',
  case_already_received:
    'This case already has its report; a further report is a new case, which can be merged into this one.',
  case_closed: 'The case is closed; nothing more can be recorded on it.',
  case_marked_spam:
    'This report was marked as spam; it is kept, but nothing more can be recorded on it.',
  case_merged_away:
    'This case was merged into another case; everything is recorded on that case now.',
  time_out_of_order: 'An entry cannot be dated before the latest entry on the case timeline.',

  // Who may act.
  public_intake_limited:
    "The public side can only submit a new report, add information to it, or pass on the complainant's request to stop.",
  information_from_reporter_only:
    'Information is added to a report by the reporter, through the follow-up page; staff record what they learn in the steps of the procedure.',
  intake_channel_mismatch:
    'Reports from the public form and the anonymous follow-up arrive only through the public side; staff enter the reports they took by phone, e-mail or in person.',
  staff_entry_details_missing:
    'A report entered by staff records how it was received (phone, e-mail, in person) and who wrote it down.',
  no_case_role:
    'Administrators manage the system and take no part in cases; this needs someone with a case role.',
  legal_counsel_read_only:
    'Legal counsel may read a case but does not record steps of the procedure.',
  actor_recused:
    'You are recused from this case (a declared conflict, or you are a party to it), so you can take no action on it.',
  executive_director_excluded:
    'This case is about the Executive Director: the board liaison takes their place, and the Executive Director can take no action on it.',
  foundation_staff_case_restricted:
    'This case concerns a member of Foundation staff and follows the separate staff procedure: only the Executive Director and the people they name can act on it.',
  automatic_protection_limited:
    'ombuds records by itself only the recusal of a staff member who is a party and the routing of a case about staff.',
  accused_response_only:
    'Through their link the accused can only send their response to the notice.',
  step_requires_conduct_staff: 'Only conduct staff record the steps of the procedure.',
  determinations_require_executive_director:
    'Only the Executive Director records the three determinations.',
  determinations_require_board_liaison:
    'On a case about the Executive Director, only the board liaison records the three determinations.',
  naming_requires_executive_director:
    'Only the Executive Director names the people who may act on a case about Foundation staff.',

  // The order of the steps.
  step_already_recorded: 'This step is already recorded on the case.',
  danger_not_assessed:
    'The first question on every case is whether anyone is in immediate or physical danger; answer it before any other step.',
  danger_authorities_pending:
    'Someone is in immediate danger: record that local authorities were contacted (by whom, when, reference) before any other step.',
  authorities_without_danger:
    'Contact with local authorities is recorded here when the danger assessment found immediate danger; otherwise the Executive Director determines whether authorities are needed.',
  contact_time_in_future:
    'The contact with local authorities cannot be dated after the moment it is recorded.',
  initial_report_missing: 'The initial response to the complainant follows the initial report.',
  initial_response_missing:
    'The Executive Director is notified only after the initial response to the complainant has been recorded.',
  executive_director_not_notified:
    'The determinations are recorded only after the Executive Director has been notified of the case.',
  determinations_missing:
    'The accused is notified only after the Executive Director has recorded the three determinations.',
  deadline_not_after_notice: "The accused's response deadline must be later than the notice.",
  accused_not_notified:
    'The accused must be notified of the complaint before a response, a closed window or a conclusion is recorded.',
  response_window_open:
    'The response window can be closed without a response only once its deadline has passed.',
  response_pending:
    'No conclusion before the accused has answered or the response window has closed.',
  review_needs_participants: 'Record at least one member of staff who took part in the review.',
  review_participant_recused: 'A recused member of staff cannot take part in the review.',
  review_participant_not_staff:
    'Only people who may act on this case as conduct staff can take part in the review.',
  review_missing: "This step follows the review's conclusion.",
  sanctions_need_violation: 'Sanctions are imposed only when the review found a violation.',
  sanctions_missing:
    'The review found a violation: record the action taken before informing the accused.',
  ...sanctionRuleReasons,
  accused_not_informed:
    'The complainant is informed of the resolution only after the accused has been informed of the action taken.',
  coercive_wording:
    'A message to the complainant must not invite them to withdraw, ask their advice on handling the complaint, or offer them input into penalties.',
  complainant_not_informed:
    'A case is closed only after the complainant has been informed of the resolution.',

  // Beside the steps.
  information_empty: 'Write something or attach a file to add to the report.',
  spam_after_initial_report:
    'Only a report whose initial report has not been recorded can be marked as spam; this one is already being handled.',
  already_recused: 'This person is already recused from the case.',
  public_side_not_staff:
    'The public side (reports and the follow-up page) is not a member of staff and cannot be recused.',
  already_routed: 'This case has already been routed.',
  naming_requires_foundation_staff_route:
    'People are named only on a case routed to the Foundation staff procedure.',
  merge_same_case: 'A case cannot be merged into itself.',
  merge_route_mismatch:
    'Cases on different procedures (standard, Foundation staff, about the Executive Director) cannot be merged.',
  // Redaction (redaction.ts): the reason is completed with the kinds of item found, never the item.
  complainant_identity_in_accused_text:
    'The complainant asked to stay anonymous, so nothing the accused receives may name or identify them: remove it and try again.',
} as const;

export type ProcedureRule = keyof typeof ruleReasons;

/** A refused action: a stable rule id, and the rule in plain words. */
export interface Rejection {
  readonly rule: ProcedureRule;
  readonly reason: string;
  /** What the wording check found, when a message to the complainant was refused. */
  readonly findings?: readonly WordingFinding[];
  /** Each problem with submitted sanctions, when there are several. */
  readonly sanctionProblems?: readonly SanctionProblem[];
  /** Which fields were malformed, for `malformed_command`. */
  readonly fields?: readonly string[];
  /** For a merge: which of the two cases the rule concerns. */
  readonly concerns?: 'survivor' | 'absorbed';
  /** For redaction: which kinds of the complainant's identity were found (never the items). */
  readonly identityKinds?: readonly ('name' | 'email' | 'nick' | 'contact')[];
}

/** Builds the rejection for a rule, with its plain-words reason. */
export function reject(
  rule: ProcedureRule,
  details: Omit<Rejection, 'rule' | 'reason'> = {},
): Rejection {
  return { rule, reason: ruleReasons[rule], ...details };
}
