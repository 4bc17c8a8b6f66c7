import type { CaseEvent } from '../domain/case-events.js';
import { isOverdue, stepDueAt } from '../domain/case-due.js';
import {
  currentStep,
  hasStopRequest,
  isNoContactDirectiveInForce,
  type CaseState,
  type CaseStep,
} from '../domain/case-state.js';
import { availableCommands, type Availability } from '../domain/procedure.js';
import type { Actor } from '../domain/roles.js';
import { appendAuditEntry, inTransaction } from '../store/audit-log.js';
import { selectAssignees, selectLabels } from '../store/case-handling.repository.js';
import { openCaseForStaff } from './console-case-access.js';
import type { ServiceDeps } from './deps.js';

/** Everything the case page shows, as the actor may see it at `now`. */
export interface CaseView {
  readonly caseId: string;
  readonly createdAt: string;
  readonly timeline: readonly CaseEvent[];
  readonly state: CaseState;
  readonly step: CaseStep;
  /** Every action in procedure order: allowed, or the rule that forbids it now. */
  readonly availability: readonly Availability[];
  readonly dueAt: string | null;
  /** The reporter said someone is in immediate danger (staff answer the question themselves). */
  readonly reportedDanger: boolean;
  readonly overdue: boolean;
  readonly noContactDirectiveInForce: boolean;
  readonly stopRequested: boolean;
  readonly assigneeIds: readonly string[];
  readonly labels: readonly string[];
  readonly venueKind: string | null;
  readonly now: string;
}

/**
 * Opens a case's content for a staff actor and writes `case.viewed` to the audit log in the same
 * transaction: no view of case content goes unrecorded. Throws not_found when the case does not
 * exist or the actor may not see it (nothing is written then).
 */
export async function viewCase(deps: ServiceDeps, caseId: string, actor: Actor): Promise<CaseView> {
  return inTransaction(deps.database.db, async (trx) => {
    const opened = await openCaseForStaff(deps, trx, caseId, actor);
    const now = deps.now().toISOString();
    await appendAuditEntry(trx, { at: now, actor: actor.id, action: 'case.viewed', caseId });
    const [assigneeIds, labels] = await Promise.all([
      selectAssignees(trx, caseId),
      selectLabels(trx, caseId),
    ]);
    const { state } = opened;
    return {
      caseId,
      createdAt: opened.row.created_at,
      timeline: opened.events,
      state,
      step: currentStep(state),
      availability: availableCommands(state, actor, now),
      dueAt: stepDueAt(state),
      reportedDanger: Number(opened.row.reported_danger) === 1,
      overdue: isOverdue(state, now),
      noContactDirectiveInForce: isNoContactDirectiveInForce(state),
      stopRequested: hasStopRequest(state),
      assigneeIds,
      labels,
      venueKind: opened.row.venue_kind,
      now,
    };
  });
}
