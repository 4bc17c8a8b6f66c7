import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Stores a new session under the hash of its id. */
export async function insertSession(
  db: Executor,
  session: { idHash: string; userId: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: session.idHash,
      user_id: session.userId,
      created_at: session.createdAt,
      last_seen_at: session.createdAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** A session by the hash of its id, with its user's row, or undefined. */
export function findSessionWithUser(db: Executor, idHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('staff_users', 'staff_users.id', 'sessions.user_id')
    .select([
      'sessions.id_hash',
      'sessions.user_id',
      'sessions.created_at as session_created_at',
      'sessions.last_seen_at',
      'sessions.expires_at',
    ])
    .selectAll('staff_users')
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
}

/** Moves a session's last activity forward. */
export async function touchSession(db: Executor, idHash: string, at: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: at })
    .where('id_hash', '=', idHash)
    .execute();
}

/** Ends one session; returns whether it existed. */
export async function deleteSession(db: Executor, idHash: string): Promise<boolean> {
  const result = await db.deleteFrom('sessions').where('id_hash', '=', idHash).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Ends every session of a user; returns how many. */
export async function deleteSessionsOfUser(db: Executor, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
