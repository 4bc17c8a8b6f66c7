import type { Kysely } from 'kysely';

/*
 * Staff sign-in: enrolment invitations, TOTP replay protection and password changes. Frozen in
 * time like every migration. Conventions as in the initial schema (ISO-8601 UTC text, 0/1 flags).
 *
 * - staff_users.password_hash stays '' until the invited person enrols (no password can match it);
 *   enrolled_at says when they chose their password and confirmed their TOTP code.
 * - staff_users.totp_last_step is the last TOTP time step accepted for the user: a code of that
 *   step or an earlier one is refused, so an observed code cannot be replayed.
 * - sessions.expires_at (initial schema) is the absolute end of a session; the idle end is
 *   computed from last_seen_at.
 * - staff_enrolments holds one-time enrolment links, by the SHA-256 of their random token only.
 */
export function staffAuth(_dialect: 'sqlite' | 'postgres') {
  return {
    async up(db: Kysely<any>): Promise<void> {
      // One column per statement: SQLite's ALTER TABLE adds a single column at a time.
      await db.schema.alterTable('staff_users').addColumn('enrolled_at', 'text').execute();
      await db.schema.alterTable('staff_users').addColumn('password_changed_at', 'text').execute();
      await db.schema.alterTable('staff_users').addColumn('totp_last_step', 'integer').execute();

      await db.schema
        .createTable('staff_enrolments')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id'))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema
        .createIndex('staff_enrolments_user')
        .on('staff_enrolments')
        .column('user_id')
        .execute();
    },
  };
}
