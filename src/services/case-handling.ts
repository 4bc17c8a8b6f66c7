import { z } from 'zod';
import {
  assignmentRefusal,
  handlingRuleReasons,
  labelRefusal,
  labelSchema,
  type HandlingRule,
} from '../domain/case-handling.js';
import { OmbudsError, ruleViolation } from '../domain/errors.js';
import { venueKinds } from '../domain/report-form.js';
import { parseStoredRoles, staffActor } from '../domain/staff-accounts.js';
import type { Actor } from '../domain/roles.js';
import { appendAuditEntry, inTransaction } from '../store/audit-log.js';
import {
  deleteAssignment,
  deleteLabel,
  insertAssignment,
  insertLabel,
  updateVenueKind,
} from '../store/case-handling.repository.js';
import { findStaffRowById } from '../store/staff-user.repository.js';
import { openCaseForStaff } from './console-case-access.js';
import type { ServiceDeps } from './deps.js';
import type { AlongsideStep } from './record-case-step.js';

/**
 * Handlers, labels and the kind of venue: how staff organise the queue. Each change is checked by
 * the domain and written with its audit entry in one transaction.
 */

function refused(rule: HandlingRule): OmbudsError {
  return ruleViolation({ rule, reason: handlingRuleReasons[rule] });
}

/**
 * Assigns (or, with `assign: false`, removes) a staff member as a handler of the case. Throws
 * not_found for a case the actor may not see, rule_violation when either person cannot act on it.
 */
export async function setHandler(
  deps: ServiceDeps,
  caseId: string,
  staffId: string,
  assign: boolean,
  actor: Actor,
): Promise<boolean> {
  return inTransaction(deps.database.db, async (trx) => {
    const { state } = await openCaseForStaff(deps, trx, caseId, actor);
    const row = await findStaffRowById(trx, staffId);
    const at = deps.now().toISOString();
    if (assign) {
      if (row === undefined || row.disabled_at !== null) throw refused('assignee_cannot_act');
      const assignee = staffActor({ id: row.id, roles: parseStoredRoles(row.roles) });
      const rule = assignmentRefusal(state, actor, assignee);
      if (rule !== null) throw refused(rule);
      const added = await insertAssignment(trx, { caseId, staffId, at, by: actor.id });
      if (added) await audit(trx, at, actor, 'case.handler_assigned', caseId, [staffId]);
      return added;
    }
    // Removing a handler needs only that the actor may act: the handler may since be recused.
    const rule = labelRefusal(state, actor);
    if (rule !== null) throw refused(rule);
    const removed = await deleteAssignment(trx, caseId, staffId);
    if (removed) await audit(trx, at, actor, 'case.handler_removed', caseId, [staffId]);
    return removed;
  });
}

/**
 * Adds (or removes) a label on the case. Throws rule_violation for a malformed label or an actor
 * who does not act on the case, not_found for a case they may not see.
 */
export async function setLabel(
  deps: ServiceDeps,
  caseId: string,
  label: string,
  add: boolean,
  actor: Actor,
): Promise<boolean> {
  const parsed = labelSchema.safeParse(label);
  if (!parsed.success) throw refused('label_malformed');
  return inTransaction(deps.database.db, async (trx) => {
    const { state } = await openCaseForStaff(deps, trx, caseId, actor);
    const rule = labelRefusal(state, actor);
    if (rule !== null) throw refused(rule);
    const at = deps.now().toISOString();
    const row = { caseId, label: parsed.data, at, by: actor.id };
    const changed = add ? await insertLabel(trx, row) : await deleteLabel(trx, caseId, parsed.data);
    if (changed) {
      await audit(trx, at, actor, add ? 'case.label_added' : 'case.label_removed', caseId, [], {
        label: parsed.data,
      });
    }
    return changed;
  });
}

const venueKindSchema = z.enum(venueKinds);

/** Sets the kind of venue shown and filtered in the queue; throws like `setLabel`. */
export async function setVenueKind(
  deps: ServiceDeps,
  caseId: string,
  venueKind: string,
  actor: Actor,
): Promise<void> {
  const parsed = venueKindSchema.safeParse(venueKind);
  if (!parsed.success) {
    throw new OmbudsError('invalid_input', 'Choose a kind of venue from the list.');
  }
  await inTransaction(deps.database.db, async (trx) => {
    const { state } = await openCaseForStaff(deps, trx, caseId, actor);
    const rule = labelRefusal(state, actor);
    if (rule !== null) throw refused(rule);
    const at = deps.now().toISOString();
    await updateVenueKind(trx, caseId, parsed.data);
    await audit(trx, at, actor, 'case.venue_kind_set', caseId, [], { venueKind: parsed.data });
  });
}

function audit(
  trx: Parameters<typeof appendAuditEntry>[0],
  at: string,
  actor: Actor,
  action: string,
  caseId: string,
  subjectIds: string[],
  details: Record<string, string> = {},
): Promise<number> {
  return appendAuditEntry(trx, { at, actor: actor.id, action, caseId, subjectIds, details });
}

/**
 * The kind of venue, written beside the initial report in the step's own transaction (see
 * recordCaseStep's `alongside`). An unknown kind refuses the whole step as invalid input.
 */
export function updateVenueKindAlongside(caseId: string, venueKind: string): AlongsideStep {
  return async (trx) => {
    const parsed = venueKindSchema.safeParse(venueKind);
    if (!parsed.success) {
      throw new OmbudsError('invalid_input', 'Choose a kind of venue from the list.');
    }
    await updateVenueKind(trx, caseId, parsed.data);
  };
}
