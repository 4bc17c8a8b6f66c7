import type { CaseEvent } from './case-events.js';
import type { CaseState } from './case-state.js';
import { checkAction } from './procedure.js';
import { reject } from './procedure-rules.js';
import type { Rejection } from './procedure-rules.js';
import type { Actor } from './roles.js';

/**
 * Merging related reports into one case: two timelines change at once, so the decision returns
 * the events of both. The absorbed case records where it went and accepts nothing more; the
 * surviving case records what it absorbed.
 */

export interface MergeCommand {
  readonly at: string;
  readonly survivor: { readonly caseId: string; readonly state: CaseState };
  readonly absorbed: { readonly caseId: string; readonly state: CaseState };
}

export type MergeDecision =
  | { ok: true; survivorEvents: CaseEvent[]; absorbedEvents: CaseEvent[] }
  | { ok: false; rejection: Rejection };

/**
 * Decides merging a related case into a surviving one. Both cases must accept a step from the
 * actor; the absorbed case then accepts nothing more. Store both event lists in one transaction.
 */
export function decideMerge(command: MergeCommand, actor: Actor): MergeDecision {
  const { at, survivor, absorbed } = command;
  if (survivor.caseId === absorbed.caseId) {
    return { ok: false, rejection: reject('merge_same_case') };
  }
  for (const [side, state] of [
    ['survivor', survivor.state],
    ['absorbed', absorbed.state],
  ] as const) {
    const refused = checkAction(state, 'merge', actor, at);
    if (refused) return { ok: false, rejection: { ...refused, concerns: side } };
  }
  // A merge must never widen who sees a case routed away from the standard procedure.
  if (survivor.state.route !== absorbed.state.route) {
    return { ok: false, rejection: reject('merge_route_mismatch') };
  }
  return {
    ok: true,
    survivorEvents: [
      { type: 'case_absorbed', at, actorId: actor.id, absorbedCaseId: absorbed.caseId },
    ],
    absorbedEvents: [
      { type: 'merged_into', at, actorId: actor.id, survivorCaseId: survivor.caseId },
    ],
  };
}
