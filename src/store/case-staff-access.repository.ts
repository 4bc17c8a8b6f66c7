import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Records who is recused from, or named on, a case (ids only), for the queue to leave cases out.
 * Inside the transaction that records the events behind them; a row already there is kept.
 */
export async function insertCaseStaffAccess(
  trx: Transaction<DB>,
  caseId: string,
  entries: readonly { staffId: string; kind: 'recused' | 'named' }[],
  at: string,
): Promise<void> {
  if (entries.length === 0) return;
  await trx
    .insertInto('case_staff_access')
    .values(
      entries.map((entry) => ({
        case_id: caseId,
        staff_id: entry.staffId,
        kind: entry.kind,
        created_at: at,
      })),
    )
    .onConflict((oc) => oc.columns(['case_id', 'staff_id', 'kind']).doNothing())
    .execute();
}

/** The rows of one case, for tests and checks: staff id and kind, in a stable order. */
export function selectCaseStaffAccess(db: Executor, caseId: string) {
  return db
    .selectFrom('case_staff_access')
    .select(['staff_id', 'kind'])
    .where('case_id', '=', caseId)
    .orderBy('kind')
    .orderBy('staff_id')
    .execute();
}
