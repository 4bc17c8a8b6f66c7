import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** The staff ids handling a case, in the order they were assigned. */
export async function selectAssignees(db: Executor, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('case_assignments')
    .select('staff_id')
    .where('case_id', '=', caseId)
    .orderBy('assigned_at')
    .orderBy('staff_id')
    .execute();
  return rows.map((row) => row.staff_id);
}

/** Adds a handler; returns false when they already handle the case. */
export async function insertAssignment(
  trx: Transaction<DB>,
  row: { caseId: string; staffId: string; at: string; by: string },
): Promise<boolean> {
  const result = await trx
    .insertInto('case_assignments')
    .values({
      case_id: row.caseId,
      staff_id: row.staffId,
      assigned_at: row.at,
      assigned_by: row.by,
    })
    .onConflict((oc) => oc.columns(['case_id', 'staff_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Removes a handler; returns false when they did not handle the case. */
export async function deleteAssignment(
  trx: Transaction<DB>,
  caseId: string,
  staffId: string,
): Promise<boolean> {
  const result = await trx
    .deleteFrom('case_assignments')
    .where('case_id', '=', caseId)
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The labels of a case, alphabetically. */
export async function selectLabels(db: Executor, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('case_labels')
    .select('label')
    .where('case_id', '=', caseId)
    .orderBy('label')
    .execute();
  return rows.map((row) => row.label);
}

/** Adds a label; returns false when the case already has it. */
export async function insertLabel(
  trx: Transaction<DB>,
  row: { caseId: string; label: string; at: string; by: string },
): Promise<boolean> {
  const result = await trx
    .insertInto('case_labels')
    .values({ case_id: row.caseId, label: row.label, added_at: row.at, added_by: row.by })
    .onConflict((oc) => oc.columns(['case_id', 'label']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Removes a label; returns false when the case did not have it. */
export async function deleteLabel(
  trx: Transaction<DB>,
  caseId: string,
  label: string,
): Promise<boolean> {
  const result = await trx
    .deleteFrom('case_labels')
    .where('case_id', '=', caseId)
    .where('label', '=', label)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Sets the kind of venue of a case (a value from the report form's fixed list). */
export async function updateVenueKind(
  trx: Transaction<DB>,
  caseId: string,
  venueKind: string,
): Promise<void> {
  await trx.updateTable('cases').set({ venue_kind: venueKind }).where('id', '=', caseId).execute();
}
