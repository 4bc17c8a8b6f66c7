import type { Kysely, Transaction } from 'kysely';
import { OmbudsError } from '../domain/errors.js';
import { encodeAuditEntry, hashAuditEntry } from './audit-hash.js';
import type { DB } from './schema.js';

/** Non-sensitive facts only: ids, step names, counts. Never names, narratives or identifiers. */
export type AuditDetails = Readonly<Record<string, string | number | boolean | null>>;

export interface AuditEntryInput {
  readonly at: string;
  /** A staff user id, or a fixed name for a non-person actor such as `public-intake` or `cli`. */
  readonly actor: string;
  readonly action: string;
  readonly caseId?: string | null;
  readonly subjectIds?: readonly string[];
  readonly details?: AuditDetails;
}

/**
 * Appends one entry to the hash chain inside the caller's transaction, so the entry commits or
 * rolls back with the change it records. Returns the entry's sequence number.
 */
export async function appendAuditEntry(
  trx: Transaction<DB>,
  input: AuditEntryInput,
): Promise<number> {
  // Updating the single head row first takes its row lock (PostgreSQL) or the write lock
  // (SQLite): concurrent appenders from several app servers queue here and the chain stays one.
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['last_seq', 'last_hash'])
    .executeTakeFirst();
  if (head === undefined) {
    throw new OmbudsError('integrity', 'The audit log is not initialised.', {
      logMessage: 'audit_head row missing',
    });
  }

  const seq = Number(head.last_seq);
  const entry = encodeAuditEntry({
    seq,
    at: input.at,
    actor: input.actor,
    action: input.action,
    caseId: input.caseId ?? null,
    subjectIds: input.subjectIds ?? [],
    details: input.details ?? {},
    prevHash: head.last_hash,
  });
  const hash = hashAuditEntry(entry);
  await trx.insertInto('audit_log').values({ seq, entry, hash }).execute();
  await trx.updateTable('audit_head').set({ last_hash: hash }).where('id', '=', 1).execute();
  return seq;
}

/** Runs `work` in a transaction; the form every state change takes (state + audit + outbox). */
export function inTransaction<T>(
  db: Kysely<DB>,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(work);
}
