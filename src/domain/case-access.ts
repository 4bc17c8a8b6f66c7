import type { ActionKind } from './case-commands.js';
import { isOpen, isRecused } from './case-state.js';
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
  // Only the reporter adds to their report: authorise() refuses everyone else before this.
  add_information: 'step',
  send_message_to_complainant: 'step',
  mark_as_spam: 'step',
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
    return kind === 'receive' || kind === 'record_stop_request' || kind === 'add_information'
      ? null
      : reject('public_intake_limited');
  }
  if (actor.kind === 'automatic') {
    // ombuds records by itself only the protections that follow from the blind index: a staff
    // member who is a party steps away, and a case about staff leaves the ordinary procedure.
    return kind === 'recuse_staff_party' || kind === 'route_case'
      ? null
      : reject('automatic_protection_limited');
  }
  if (actor.kind === 'accused') {
    return kind === 'record_response' ? null : reject('accused_response_only');
  }
  if (kind === 'receive') {
    return hasRole(actor, 'conduct_staff') ? null : roleRejection(actor, 'step');
  }
  if (kind === 'add_information') return reject('information_from_reporter_only');
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
  if (isCounselOnly(actor)) return reject('legal_counsel_read_only');
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

/** What decides access beside the timeline, looked up by the one access gate. */
export interface CaseAccessContext {
  /**
   * Staff members whose identifiers (blind index) match a party of the case, with the party's
   * role there. A match counts as recusal even before `staff_party_recused` is on the timeline.
   */
  readonly staffParties: readonly StaffParty[];
  /** The case legal counsel's one grant is for, or null. */
  readonly counselGrantCaseId: string | null;
}

export interface StaffParty {
  readonly staff: Actor;
  readonly partyRole: 'accused' | 'complainant' | 'others_involved';
}

/** True when the actor's only case role is legal counsel: they read, by grant, one case. */
export function isCounselOnly(actor: Actor): boolean {
  return (
    hasRole(actor, 'legal_counsel') &&
    !hasRole(actor, 'conduct_staff') &&
    !hasRole(actor, 'executive_director') &&
    !hasRole(actor, 'board_liaison')
  );
}

/**
 * The route a case takes when members of staff are among its accused: the board liaison's when
 * the Executive Director is one of them, the Executive Director's staff procedure when a member of
 * Foundation staff is (conduct staff and administrators are employed by the Foundation; the board
 * liaison and legal counsel are not). Null when no accused is staff.
 */
export function routeForStaffParties(
  parties: readonly StaffParty[],
): 'foundation_staff' | 'against_executive_director' | null {
  const accused = parties.filter((party) => party.partyRole === 'accused').map((p) => p.staff);
  if (accused.some((staff) => hasRole(staff, 'executive_director'))) {
    return 'against_executive_director';
  }
  const employed = accused.some(
    (staff) => hasRole(staff, 'conduct_staff') || hasRole(staff, 'administrator'),
  );
  return employed ? 'foundation_staff' : null;
}

/**
 * The state as access must judge it: the recorded timeline, plus what the blind index already
 * shows (a matched staff member is recused, a case about staff is routed) in case a flow that adds
 * identifiers has not recorded it yet. Recording it (src/services/staff-party-matches.ts) is for
 * the timeline; this is what makes forgetting to record it harmless.
 */
export function stateForAccess(state: CaseState, parties: readonly StaffParty[]): CaseState {
  const recusals = parties
    .filter((party) => !isRecused(state, party.staff.id))
    .map((party) => ({
      actorId: party.staff.id,
      reason: 'party' as const,
      at: state.lastEventAt ?? '',
    }));
  const route =
    state.route === 'standard' ? (routeForStaffParties(parties) ?? 'standard') : state.route;
  return recusals.length === 0 && route === state.route
    ? state
    : { ...state, route, recusals: [...state.recusals, ...recusals] };
}

/**
 * Whether the actor may open the case at all: `mayViewCase` on the state as access judges it, and
 * legal counsel only on the one case the Executive Director granted them (what they may do there
 * is `authorise`'s answer: read, and declare a conflict). Administrators never.
 */
export function mayOpenCase(
  state: CaseState,
  caseId: string,
  actor: Actor,
  context: CaseAccessContext,
): boolean {
  const access = stateForAccess(state, context.staffParties);
  if (!isCounselOnly(actor)) return mayViewCase(access, actor);
  if (context.counselGrantCaseId !== caseId) return false;
  // The grant comes from the Executive Director, so on a case about Foundation staff it names
  // counsel as the people they name do; recusal and the other routes still apply.
  return mayViewCase({ ...access, namedStaffIds: [...access.namedStaffIds, actor.id] }, actor);
}

/** A command ombuds records by itself as `automaticProtection`. */
export type ProtectionCommand =
  | { readonly kind: 'recuse_staff_party'; readonly staffId: string }
  | {
      readonly kind: 'route_case';
      readonly route: 'foundation_staff' | 'against_executive_director';
    };

/**
 * What the timeline still lacks of the protections the blind index calls for: routing first (so
 * that the case is out of the ordinary procedure before anything else), then the recusal of each
 * matched staff member not yet recused. Empty when the timeline already holds them all, or when
 * the case takes nothing more (closed, merged away, spam).
 */
export function protectionsFor(
  state: CaseState,
  parties: readonly StaffParty[],
): ProtectionCommand[] {
  if (!isOpen(state)) return [];
  const commands: ProtectionCommand[] = [];
  const route = routeForStaffParties(parties);
  if (route !== null && state.route === 'standard') commands.push({ kind: 'route_case', route });
  const pending = new Set(
    parties.map((party) => party.staff.id).filter((id) => !isRecused(state, id)),
  );
  for (const staffId of pending) commands.push({ kind: 'recuse_staff_party', staffId });
  return commands;
}
