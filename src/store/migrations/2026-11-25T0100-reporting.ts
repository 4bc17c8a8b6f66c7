import { sql, type Kysely } from 'kysely';

/*
 * Reporting: receipt codes, attachments, the reporter's follow-up sessions and the reporter's own
 * danger answer. Frozen in time like every migration; conventions as in the initial schema
 * (ISO-8601 UTC text, 0/1 flags, `*_sealed` columns are ciphertext under the case's data key).
 *
 * - cases.reported_danger: 1 when the reporter answered that someone is in immediate danger. The
 *   procedure's danger flag (danger_flag) is raised only by staff answering the danger question;
 *   until they do, this column puts the case at the top of the queue.
 * - reports.receipt_hash: argon2id of the receipt code under a system-wide secret salt (no user
 *   name is needed to look it up); unique, so the lookup is one index probe.
 * - reports.submission_id (initial schema) holds a keyed hash of the form's submission id.
 * - attachments: files sealed in the database, never written to disk; size and content type
 *   (sniffed, not trusted) in the clear for the per-case limit and for serving.
 * - follow_up_sessions: a reporter's session after a correct receipt code; only the SHA-256 of
 *   the random session id is stored.
 */
export function reporting(dialect: 'sqlite' | 'postgres') {
  const bytes = dialect === 'postgres' ? sql`bytea` : sql`blob`;
  const bigint = dialect === 'postgres' ? sql`bigint` : sql`integer`;

  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .alterTable('cases')
        .addColumn('reported_danger', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      // SQLite cannot add a UNIQUE column; a unique index does the same on both databases.
      await db.schema.alterTable('reports').addColumn('receipt_hash', 'text').execute();
      await db.schema
        .createIndex('reports_receipt_hash')
        .on('reports')
        .column('receipt_hash')
        .unique()
        .execute();

      await db.schema
        .createTable('attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('size', bigint, (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('name_sealed', bytes, (c) => c.notNull())
        .addColumn('content_sealed', bytes, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('attachments_case').on('attachments').column('case_id').execute();

      await db.schema
        .createTable('follow_up_sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('follow_up_sessions_case')
        .on('follow_up_sessions')
        .column('case_id')
        .execute();
    },
  };
}
