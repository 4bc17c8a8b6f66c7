import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/*
 * The first schema. Frozen in time: a later change is a new migration, never an edit here.
 * Conventions kept by every migration:
 * - times are ISO-8601 UTC text (`2026-11-25T10:00:00.000Z`), which sorts the same on both databases;
 * - flags are integers 0/1, so both databases return the same JavaScript type;
 * - every `*_sealed` column holds AES-256-GCM ciphertext under the case's data key (src/crypto);
 *   nothing readable about a person or an incident is stored outside such a column.
 */

type Dialect = 'sqlite' | 'postgres';

export function initialSchema(dialect: Dialect) {
  const bytes = dialect === 'postgres' ? sql`bytea` : sql`blob`;
  const bigint = dialect === 'postgres' ? sql`bigint` : sql`integer`;

  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('instance_settings')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('cases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        // Denormalised from the timeline for queues; the timeline is the truth.
        .addColumn('step', 'text', (c) => c.notNull())
        .addColumn('danger_flag', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('route', 'text', (c) => c.notNull().defaultTo('standard'))
        .addColumn('merged_into', 'text', (c) => c.references('cases.id'))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('kek_id', 'text', (c) => c.notNull())
        .addColumn('wrapped_data_key', bytes, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('cases_queue')
        .on('cases')
        .columns(['danger_flag', 'step', 'updated_at'])
        .execute();

      await db.schema
        .createTable('reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        // Idempotency: a form re-sent after a timeout carries the same submission id.
        .addColumn('submission_id', 'text', (c) => c.unique())
        .addColumn('content_sealed', bytes, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reports_case').on('reports').column('case_id').execute();

      await db.schema
        .createTable('parties')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('details_sealed', bytes, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('parties_case').on('parties').column('case_id').execute();

      await db.schema
        .createTable('identifiers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        // Keyed HMAC of the normalised identifier: links cases without decrypting anything.
        .addColumn('blind_index', 'text', (c) => c.notNull())
        .addColumn('value_sealed', bytes, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('identifiers_blind_index')
        .on('identifiers')
        .column('blind_index')
        .execute();
      await db.schema.createIndex('identifiers_case').on('identifiers').column('case_id').execute();

      await db.schema
        .createTable('case_events')
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('payload_sealed', bytes, (c) => c.notNull())
        .addPrimaryKeyConstraint('case_events_pk', ['case_id', 'seq'])
        .execute();

      // `entry` is the exact text the hash covers: a JSON array
      // [seq, at, actor, action, case_id, subject_ids, details, prev_hash]. The columns beside it
      // are generated from it by the database, so they can never say something the chain does not.
      const field = (index: number) =>
        dialect === 'postgres'
          ? sql.raw(`((entry::jsonb) ->> ${index})`)
          : sql.raw(`json_extract(entry, '$[${index}]')`);
      // PostgreSQL only stores generated columns; SQLite computes virtual ones on read.
      const generatedFrom = (index: number) => (column: ColumnDefinitionBuilder) => {
        const derived = column.generatedAlwaysAs(field(index));
        return dialect === 'postgres' ? derived.stored() : derived;
      };
      await db.schema
        .createTable('audit_log')
        .addColumn('seq', bigint, (c) => c.primaryKey())
        .addColumn('entry', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('at', 'text', generatedFrom(1))
        .addColumn('actor', 'text', generatedFrom(2))
        .addColumn('action', 'text', generatedFrom(3))
        .addColumn('case_id', 'text', generatedFrom(4))
        .execute();
      await db.schema
        .createIndex('audit_log_case')
        .on('audit_log')
        .columns(['case_id', 'seq'])
        .execute();

      // One row. Appenders update it first, which serialises them across app servers, and it
      // remembers the chain's end so that a truncated log is detected.
      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('last_seq', bigint, (c) => c.notNull())
        .addColumn('last_hash', 'text', (c) => c.notNull())
        .execute();
      await db
        .insertInto('audit_head')
        .values({ id: 1, last_seq: 0, last_hash: '0'.repeat(64) })
        .execute();

      await db.schema
        .createTable('staff_users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('totp_secret_sealed', bytes)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        .execute();

      await db.schema
        .createTable('sessions')
        // Only a hash of the session id is stored: a database copy cannot be used to log in.
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.references('cases.id'))
        .addColumn('payload_sealed', bytes, (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'text')
        .addColumn('last_error', 'text')
        .execute();
      await db.schema
        .createIndex('outbox_pending')
        .on('outbox')
        .columns(['delivered_at', 'next_attempt_at'])
        .execute();
    },
  };
}
