import type { Kysely } from 'kysely';

/*
 * Per-case access beside the timeline: staff identifiers for automatic recusal, legal counsel's
 * grant, and the accused's one-time links and sessions. Frozen in time like every migration;
 * conventions as in the initial schema (ISO-8601 UTC text, 0/1 flags).
 *
 * - staff_identifiers: a staff member's e-mail, nicks, forge names and name, as the keyed blind
 *   index only (the same index as identifiers.blind_index), so a match with a party of a case is
 *   found without anything readable stored. Replaced as a whole when set.
 * - counsel_grants: the one case a legal counsel may read, granted by the Executive Director;
 *   one row per counsel (primary key), so a new grant replaces the old.
 * - accused_links: one-time links to the notice, by the SHA-256 of their random 256-bit token
 *   only; used_at is set when the link is exchanged for a session.
 * - accused_sessions: the short sessions those links are exchanged for, by the SHA-256 of the
 *   random session id only.
 */
export function access(_dialect: 'sqlite' | 'postgres') {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('staff_identifiers')
        .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_users.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('blind_index', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('staff_identifiers_pk', ['staff_id', 'blind_index'])
        .execute();
      await db.schema
        .createIndex('staff_identifiers_blind_index')
        .on('staff_identifiers')
        .columns(['blind_index', 'staff_id'])
        .execute();

      await db.schema
        .createTable('counsel_grants')
        .addColumn('staff_id', 'text', (c) => c.primaryKey().references('staff_users.id'))
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('granted_by', 'text', (c) => c.notNull())
        .addColumn('granted_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('accused_links')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema
        .createIndex('accused_links_case')
        .on('accused_links')
        .column('case_id')
        .execute();

      await db.schema
        .createTable('accused_sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
