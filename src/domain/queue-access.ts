import type { CaseEvent } from './case-events.js';
import type { CaseRoute } from './case-events.js';
import { hasRole } from './roles.js';
import type { Actor } from './roles.js';

/**
 * What the staff queue needs to know, in the clear, to leave out cases a staff member may not
 * open: who is recused from a case and whom the Executive Director named on a case about
 * Foundation staff. It mirrors `mayViewCase` (case-access.ts) for listing only; the access gate
 * stays the authority on opening a case.
 */

export type StaffAccessKind = 'recused' | 'named';

export interface StaffAccessEntry {
  readonly staffId: string;
  readonly kind: StaffAccessKind;
}

/**
 * The recusals and namings that events add to a case: a declared conflict and a party recusal
 * recuse, `people_named` names. Repeats are removed; every other event adds nothing.
 */
export function staffAccessFromEvents(events: readonly CaseEvent[]): StaffAccessEntry[] {
  const entries = new Map<string, StaffAccessEntry>();
  const add = (staffId: string, kind: StaffAccessKind) =>
    entries.set(`${kind}:${staffId}`, { staffId, kind });
  for (const event of events) {
    switch (event.type) {
      case 'conflict_declared':
        add(event.actorId, 'recused');
        break;
      case 'staff_party_recused':
        add(event.staffId, 'recused');
        break;
      case 'people_named':
        for (const staffId of event.staffIds) add(staffId, 'named');
        break;
      default:
        break;
    }
  }
  return [...entries.values()];
}

/**
 * The routes on which a case appears in the actor's queue only when the Executive Director named
 * them: a case about Foundation staff, for everyone with a queue who is not the Executive
 * Director (they see those cases whole, `queueRoutesFor`).
 */
export function namedOnlyQueueRoutesFor(actor: Actor): CaseRoute[] {
  const handles =
    hasRole(actor, 'conduct_staff') ||
    hasRole(actor, 'executive_director') ||
    hasRole(actor, 'board_liaison');
  if (!handles || hasRole(actor, 'executive_director')) return [];
  return ['foundation_staff'];
}
