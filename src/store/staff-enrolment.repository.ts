import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Stores an enrolment link by the hash of its token. */
export async function insertEnrolment(
  db: Executor,
  enrolment: {
    tokenHash: string;
    userId: string;
    createdBy: string;
    createdAt: string;
    expiresAt: string;
  },
): Promise<void> {
  await db
    .insertInto('staff_enrolments')
    .values({
      token_hash: enrolment.tokenHash,
      user_id: enrolment.userId,
      created_by: enrolment.createdBy,
      created_at: enrolment.createdAt,
      expires_at: enrolment.expiresAt,
    })
    .execute();
}

/** An enrolment by token hash, or undefined. */
export function findEnrolment(db: Executor, tokenHash: string) {
  return db
    .selectFrom('staff_enrolments')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks an unused enrolment used; true only for the one call that did. */
export async function markEnrolmentUsed(
  db: Executor,
  tokenHash: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('staff_enrolments')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Makes every open link of a user unusable (a new invitation replaces them). */
export async function closeEnrolmentsOfUser(
  db: Executor,
  userId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('staff_enrolments')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}
