import type { ActionKind } from './case-commands.js';
import { isRecused } from './case-state.js';
import type { CaseState } from './case-state.js';
import { reject } from './procedure-rules.js';
import type { Rejection } from './procedure-rules.js';
import { hasCaseRole, hasRole, isPublic } from './roles.js';
import type { Actor } from './roles.js';

/**
 * Who may act on a case. Conduct staff record the steps; the Executive Director records the
 * determinations (the board liaison on a case about the Executive Director); legal counsel reads;
 * administrators take no part. Routing narrows this further, and a recused person does nothing.
 */

type Requirement = 'step' | 'determination' | 'step_or_determination' | 'naming' | 'any_case_role';

const requirements: Record<Exclude<ActionKind, 'receive'>, Requirement> = {
  assess_danger: 'step',
  record_authorities_contact: 'step',
  record_initial_report: 'step',
  record_initial_response: 'step',
  notify_executive_director: 'step',
  record_determinations: 'determination',
  // The code of conduct: "Staff or Executive Director will notify the alleged offender".
  notify_accused: 'step_or_determination',
  record_response: 'step',
  close_response_window: 'step',
  record_review: 'step',
  impose_sanctions: 'step',
  inform_accused: 'step',
  inform_complainant: 'step',
  close_case: 'step',
  record_stop_request: 'step',
  // Stepping away is open to anyone with a part in cases, legal counsel included.
  declare_conflict: 'any_case_role',
  recuse_staff_party: 'step',
  route_case: 'step',
  name_people: 'naming',
  merge: 'step',
};

/** Whether the actor records steps on this case (the Executive Director does on a staff case). */
export function mayRecordSteps(state: CaseState, actor: Actor): boolean {
  if (hasRole(actor, 'conduct_staff')) return true;
  return state.route === 'foundation_staff' && hasRole(actor, 'executive_director');
}

/** Whether the actor records the three determinations on this case. */
export function mayDetermine(state: CaseState, actor: Actor): boolean {
  return state.route === 'against_executive_director'
    ? hasRole(actor, 'board_liaison')
    : hasRole(actor, 'executive_director');
}

/**
 * Refuses an actor who may not take this action on this case, whatever its step; null when they
 * may. The order of the checks picks the rule that explains the refusal best.
 */
export function authorise(state: CaseState, kind: ActionKind, actor: Actor): Rejection | null {
  if (isPublic(actor)) {
    return kind === 'receive' || kind === 'record_stop_request'
      ? null
      : reject('public_intake_limited');
  }
  if (kind === 'receive') {
    return hasRole(actor, 'conduct_staff') ? null : roleRejection(actor, 'step');
  }
  if (isRecused(state, actor.id)) return reject('actor_recused');
  if (state.route === 'against_executive_director' && hasRole(actor, 'executive_director')) {
    return reject('executive_director_excluded');
  }
  if (
    state.route === 'foundation_staff' &&
    !hasRole(actor, 'executive_director') &&
    !state.namedStaffIds.includes(actor.id)
  ) {
    return reject('foundation_staff_case_restricted');
  }
  const requirement = requirements[kind];
  return meets(state, actor, requirement) ? null : roleRejection(actor, requirement, state);
}

function meets(state: CaseState, actor: Actor, requirement: Requirement): boolean {
  switch (requirement) {
    case 'step':
      return mayRecordSteps(state, actor);
    case 'determination':
      return mayDetermine(state, actor);
    case 'step_or_determination':
      return mayRecordSteps(state, actor) || mayDetermine(state, actor);
    case 'naming':
      return hasRole(actor, 'executive_director');
    case 'any_case_role':
      return hasCaseRole(actor);
  }
}

function roleRejection(actor: Actor, requirement: Requirement, state?: CaseState): Rejection {
  if (!hasCaseRole(actor)) return reject('no_case_role');
  const onlyCounsel =
    hasRole(actor, 'legal_counsel') &&
    !hasRole(actor, 'conduct_staff') &&
    !hasRole(actor, 'executive_director') &&
    !hasRole(actor, 'board_liaison');
  if (onlyCounsel) return reject('legal_counsel_read_only');
  switch (requirement) {
    case 'determination':
      return reject(
        state?.route === 'against_executive_director'
          ? 'determinations_require_board_liaison'
          : 'determinations_require_executive_director',
      );
    case 'naming':
      return reject('naming_requires_executive_director');
    case 'any_case_role':
      return reject('no_case_role');
    default:
      return reject('step_requires_conduct_staff');
  }
}

/**
 * Whether the actor may open the case at all: not the public side, not someone recused, not the
 * Executive Director on a case about them, and on a case about Foundation staff only the Executive
 * Director and the people they named. The HTTP layer answers "not found" otherwise.
 */
export function mayViewCase(state: CaseState, actor: Actor): boolean {
  if (isPublic(actor) || state.received === null || !hasCaseRole(actor)) return false;
  if (isRecused(state, actor.id)) return false;
  if (state.route === 'against_executive_director') return !hasRole(actor, 'executive_director');
  if (state.route === 'foundation_staff') {
    return hasRole(actor, 'executive_director') || state.namedStaffIds.includes(actor.id);
  }
  return true;
}
