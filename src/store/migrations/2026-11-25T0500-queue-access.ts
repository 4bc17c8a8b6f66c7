import { sql, type Kysely } from 'kysely';

/*
 * What the queue needs to leave out cases a staff member may not open, in the clear: who is
 * recused from a case and whom the Executive Director named on a case about Foundation staff.
 * Both facts live in the sealed timeline; this table only repeats "who may not / who may" by
 * id, never why (no party role, no conflict note). Frozen in time like every migration;
 * conventions as in the initial schema (ISO-8601 UTC text).
 *
 * - case_staff_access: one row per case, staff member and kind: 'recused' (a declared conflict,
 *   a recorded party recusal, or a blind-index match) or 'named' (named by the Executive
 *   Director). Written by the application in the same transaction as the timeline events that
 *   create them, and by the automatic recusal paths. Rows are never removed: a recusal is for
 *   good, and naming is only ever added to.
 *
 * NO BACKFILL, ON PURPOSE: a database migrated from an earlier version may already hold cases
 * whose recusals and named people are only in the sealed timelines, and a migration cannot
 * decrypt them (it has no keys and imports no application code). So on such a database the
 * table starts empty for those cases: the queue may still LIST such a case to a recused staff
 * member, or leave a case about Foundation staff out of a named person's queue, until a new
 * event on the case writes its row. Nothing is opened by that: the access gate
 * (assertCaseAccess, from the timeline and the blind index) stays the one authority on who opens
 * a case; this table only hides lines of the queue.
 */
export function queueAccess(_dialect: 'sqlite' | 'postgres') {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('case_staff_access')
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('staff_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('recused', 'named')`))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('case_staff_access_pk', ['case_id', 'staff_id', 'kind'])
        .execute();
      // The queue asks "is this viewer recused from / named on this case?" per listed case: the
      // primary key (case_id, staff_id, kind) answers it in one probe.
      await db.schema
        .createIndex('case_staff_access_staff')
        .on('case_staff_access')
        .columns(['staff_id', 'kind', 'case_id'])
        .execute();
    },
  };
}
