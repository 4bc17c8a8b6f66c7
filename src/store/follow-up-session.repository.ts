import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Stores a reporter's follow-up session under the hash of its id. */
export async function insertFollowUpSession(
  db: Executor,
  row: { idHash: string; caseId: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('follow_up_sessions')
    .values({
      id_hash: row.idHash,
      case_id: row.caseId,
      created_at: row.createdAt,
      last_seen_at: row.createdAt,
      expires_at: row.expiresAt,
    })
    .execute();
}

export function findFollowUpSession(db: Executor, idHash: string) {
  return db
    .selectFrom('follow_up_sessions')
    .selectAll()
    .where('id_hash', '=', idHash)
    .executeTakeFirst();
}

/** Moves a session's idle end on after use. */
export async function touchFollowUpSession(
  db: Executor,
  idHash: string,
  lastSeenAt: string,
  expiresAt: string,
): Promise<void> {
  await db
    .updateTable('follow_up_sessions')
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where('id_hash', '=', idHash)
    .execute();
}

export async function deleteFollowUpSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('follow_up_sessions').where('id_hash', '=', idHash).execute();
}

/** Removes every session that ended before `now`; returns how many. */
export async function deleteExpiredFollowUpSessions(db: Executor, now: string): Promise<number> {
  const result = await db
    .deleteFrom('follow_up_sessions')
    .where('expires_at', '<', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
