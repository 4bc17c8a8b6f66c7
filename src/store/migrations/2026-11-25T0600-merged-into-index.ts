import type { Kysely } from 'kysely';

/*
 * The cases merged into a case. The access gate and the staff-party match on every new report
 * ask for the identifiers of a case "or of a case merged into it"; without this index that
 * subquery scanned the whole cases table (SQLite's plan: SCAN cases) once per report and per
 * case view, a cost that grew with every case ever received. Frozen in time like every
 * migration.
 */
export function mergedIntoIndex(_dialect: 'sqlite' | 'postgres') {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createIndex('cases_merged_into').on('cases').column('merged_into').execute();
    },
  };
}
