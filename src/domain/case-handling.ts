import { z } from 'zod';
import { authorise } from './case-access.js';
import type { CaseState } from './case-state.js';
import type { CaseRoute } from './case-events.js';
import { hasRole } from './roles.js';
import type { Actor } from './roles.js';

/**
 * Who may handle a case, and what a label is. Handlers and labels sit beside the procedure: they
 * organise the queue and record nothing about the incident.
 */

export const handlingRuleReasons = {
  assignee_cannot_act:
    'This person cannot be assigned: they cannot record steps on this case (not conduct staff, recused, or excluded by how the case is routed).',
  assigner_cannot_act: 'Only someone who records steps on this case assigns its handlers.',
  label_malformed:
    'A label is 1 to 40 lower-case letters, digits or dashes, such as "event-2026" or "repeat".',
} as const;

export type HandlingRule = keyof typeof handlingRuleReasons;

/**
 * Labels are stored in the clear so that the queue can filter on them: only short slugs, so that
 * nobody is tempted to put a name or a detail of the incident in one.
 */
export const labelSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/);

/**
 * Whether `actor` may assign `assignee` as a handler of the case (or remove them): both must be
 * people who could record a step of the procedure on it now. Null when allowed.
 */
export function assignmentRefusal(
  state: CaseState,
  actor: Actor,
  assignee: Actor,
): HandlingRule | null {
  if (authorise(state, 'assess_danger', actor) !== null) return 'assigner_cannot_act';
  if (authorise(state, 'assess_danger', assignee) !== null) return 'assignee_cannot_act';
  return null;
}

/** Whether `actor` may change the labels of the case: someone who records steps on it. */
export function labelRefusal(state: CaseState, actor: Actor): HandlingRule | null {
  return authorise(state, 'assess_danger', actor) === null ? null : 'assigner_cannot_act';
}

/**
 * The routes whose cases appear in the actor's queue, mirroring `mayViewCase`: cases about
 * Foundation staff only for the Executive Director (the people they name open them by link),
 * cases about the Executive Director for everyone with a case role but them. Legal counsel is
 * granted single cases and has no queue; administrators have none either.
 */
export function queueRoutesFor(actor: Actor): CaseRoute[] {
  const handles =
    hasRole(actor, 'conduct_staff') ||
    hasRole(actor, 'executive_director') ||
    hasRole(actor, 'board_liaison');
  if (!handles) return [];
  const director = hasRole(actor, 'executive_director');
  return director ? ['standard', 'foundation_staff'] : ['standard', 'against_executive_director'];
}
