import { authorise, isCounselOnly, stateForAccess, type StaffParty } from './case-access.js';
import type { CaseState } from './case-state.js';
import { hasRole, type Actor } from './roles.js';

/**
 * Legal counsel is brought in by the Executive Director (the first of the three determinations),
 * for one case at a time, to read it. On a case about the Executive Director the board liaison
 * takes their place, as for the determinations.
 */

export const counselGrantRuleReasons = {
  grant_requires_executive_director:
    'Only the Executive Director (the board liaison on a case about the Executive Director) grants legal counsel access to a case.',
  grantee_not_counsel: 'Access is granted only to an active account with the legal counsel role.',
  grantee_recused:
    'This person is a party to the case or declared a conflict, so they cannot be granted access.',
} as const;

export type CounselGrantRule = keyof typeof counselGrantRuleReasons;

/**
 * Why `actor` may not grant `counsel` (null: ending a grant) access to the case; null when they
 * may. `parties` are the staff matched to the case's parties through the blind index.
 */
export function counselGrantRefusal(
  state: CaseState,
  actor: Actor,
  counsel: Actor | null,
  parties: readonly StaffParty[] = [],
): CounselGrantRule | null {
  // The determinations are exactly this decision, so whoever records them grants counsel.
  if (authorise(state, 'record_determinations', actor) !== null) {
    return 'grant_requires_executive_director';
  }
  if (!hasRole(actor, 'executive_director') && !hasRole(actor, 'board_liaison')) {
    return 'grant_requires_executive_director';
  }
  if (counsel === null) return null;
  if (!isCounselOnly(counsel)) return 'grantee_not_counsel';
  const access = stateForAccess(state, parties);
  return access.recusals.some((recusal) => recusal.actorId === counsel.id)
    ? 'grantee_recused'
    : null;
}
