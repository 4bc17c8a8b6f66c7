import { currentStep } from './case-state.js';
import type { CaseState } from './case-state.js';

/**
 * When the step a case waits for falls due, or null when that step has no deadline. Today the one
 * deadline the procedure sets is the accused's response window: once it has passed without a
 * response, staff are due to close the window and go on to the review.
 */
export function stepDueAt(state: CaseState): string | null {
  if (currentStep(state) === 'await_response' && state.accusedNotice !== null) {
    return state.accusedNotice.responseDeadline;
  }
  return null;
}

/** True when the step the case waits for is past its deadline at `now`. */
export function isOverdue(state: CaseState, now: string): boolean {
  const due = stepDueAt(state);
  return due !== null && Date.parse(due) < Date.parse(now);
}
